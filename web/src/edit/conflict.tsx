import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import type { FormState } from './form-model';

/** The fields whose values differ between two versions of the form. */
export function differingFields(a: FormState, b: FormState): (keyof FormState)[] {
  return (Object.keys(b) as (keyof FormState)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 1));

/**
 * A 412 answered: the form now holds the server's version, and each field the
 * editor had changed differently is listed with both values. "Reapply mine"
 * puts the editor's value back into the form (and "Use the server's" undoes
 * that). Nothing is saved until the editor saves again, against the new ETag.
 */
export function ConflictPanel(props: { server: FormState; mine: FormState; base?: FormState; form: FormState; onPick: (k: keyof FormState, v: unknown) => void; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Which side moved: the editor (mine differs from the version they loaded) or the server only.
  const changedByMe = (k: keyof FormState) => !props.base || JSON.stringify(props.base[k]) !== JSON.stringify(props.mine[k]);
  const fields = differingFields(props.server, props.mine).sort((a, b) => Number(changedByMe(b)) - Number(changedByMe(a)));
  const reapplied = (k: keyof FormState) => JSON.stringify(props.form[k]) === JSON.stringify(props.mine[k]);
  return (
    <section class="conflict" role="alertdialog" aria-labelledby="conflict-title" aria-describedby="conflict-intro">
      <h2 id="conflict-title" tabIndex={-1} ref={heading}>{t.conflict.title}</h2>
      <p id="conflict-intro">{t.conflict.intro}</p>
      <div class="scroll">
        <table>
          <thead><tr><th scope="col">{t.conflict.field}</th><th scope="col">{t.conflict.server}</th><th scope="col">{t.conflict.mine}</th><th scope="col">{t.conflict.inForm}</th></tr></thead>
          <tbody>
            {fields.map((k) => (
              <tr key={k}>
                <th scope="row">{t.conflict.names[k] ?? k}<p class="hint">{changedByMe(k) ? t.conflict.byMe : t.conflict.byServer}</p></th>
                <td><pre>{show(props.server[k])}</pre></td>
                <td><pre>{show(props.mine[k])}</pre></td>
                <td>
                  {reapplied(k) ? (
                    <button type="button" onClick={() => props.onPick(k, props.server[k])}>{t.conflict.keepServer} <span class="sr">{t.conflict.names[k] ?? k}</span></button>
                  ) : (
                    <button type="button" onClick={() => props.onPick(k, props.mine[k])}>{t.conflict.keepMine} <span class="sr">{t.conflict.names[k] ?? k}</span></button>
                  )}
                  <p class="hint">{reapplied(k) ? t.conflict.usingMine : t.conflict.usingServer}</p>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button type="button" onClick={() => fields.filter(changedByMe).forEach((k) => props.onPick(k, props.mine[k]))}>{t.conflict.reapplyAll}</button>
        <button type="button" class="primary" onClick={props.onDone}>{t.conflict.done}</button>
      </div>
    </section>
  );
}
