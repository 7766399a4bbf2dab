import type { ComponentChildren } from 'preact';

/** The id of a form control for a field path (images.0.alt -> f-images-0-alt). */
export const fieldId = (path: string) => `f-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

/**
 * A labelled control with its hint and its error, wired with aria-describedby
 * and aria-invalid so a screen reader reads both. The child control gets
 * `id={fieldId(path)}` and `{...described(path, errors)}`.
 */
export function Field(props: { path: string; label: string; error?: string; hint?: string; children: ComponentChildren }) {
  const id = fieldId(props.path);
  return (
    <div class={`field${props.error ? ' invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.children}
      {props.hint && <p class="hint" id={`${id}-hint`}>{props.hint}</p>}
      {props.error && <p class="error" id={`${id}-error`}>{props.error}</p>}
    </div>
  );
}

/** The aria attributes that tie a control to its hint and error. */
export function described(path: string, error: string | undefined, hint = false) {
  const id = fieldId(path);
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': ids || undefined };
}
