import { useEffect, useState } from 'preact/hooks';
import { post } from '../api';
import { t } from '../i18n';
import type { Preview } from '../types';

/**
 * The live preview: the permalink page exactly as the publisher renders it
 * (POST /api/preview), in a sandboxed iframe (no scripts, no same-origin), the
 * social post as bots will send it with its 280-character limit, and the link card.
 * Refreshed 600 ms after the last edit; an invalid form keeps the last good preview.
 */
export function PreviewPane({ input, id }: { input: Record<string, unknown>; id?: string }) {
  const [preview, setPreview] = useState<Preview | undefined>();
  const [problem, setProblem] = useState('');
  const key = JSON.stringify(input);
  useEffect(() => {
    const timer = setTimeout(() => {
      post<Preview>(`/api/preview${id ? `?id=${encodeURIComponent(id)}` : ''}`, input).then(
        (p) => {
          setPreview(p);
          setProblem('');
        },
        (e: unknown) => setProblem(e instanceof Error ? e.message : String(e)),
      );
    }, 600);
    return () => clearTimeout(timer);
  }, [key]);
  const status = problem ? <p role="status" class="hint">{t.preview.waiting(problem)}</p> : !preview ? <p role="status">{t.loading}</p> : null;
  if (!preview) return <section aria-label={t.preview.title} class="preview"><h2>{t.preview.title}</h2>{status}</section>;
  const count = [...preview.socialText].length;
  return (
    <section aria-label={t.preview.title} class="preview">
      <h2>{t.preview.title}</h2>
      {status}
      <iframe title={t.preview.frame} sandbox="" srcdoc={preview.html} />
      <h3>{t.preview.social}</h3>
      <p class="social">{preview.socialText}</p>
      <p class={count > 280 ? 'error' : 'hint'}>{t.preview.socialCount(count)}{count > 280 ? ` — ${t.preview.over}` : ''}</p>
      <h3>{t.preview.card}</h3>
      <div class="card">
        {preview.card.image && <img src={preview.card.image.url} alt={preview.card.image.alt} width={preview.card.image.width} height={preview.card.image.height} />}
        <p class="card-title">{preview.card.title}</p>
        <p>{preview.card.description}</p>
        <p class="hint">{preview.card.url}</p>
      </div>
    </section>
  );
}
