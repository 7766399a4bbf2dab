import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import type { Announcement } from '../types';

/** The announcement being translated, loaded once; undefined until then (or when not translating). */
export function useOriginal(id: string | undefined): Announcement | undefined {
  const [original, setOriginal] = useState<Announcement | undefined>();
  useEffect(() => {
    if (id) api<Announcement>('GET', `/api/announcements/${id}`).then(({ data }) => setOriginal(data), () => undefined);
  }, [id]);
  return original;
}

/** The original beside its translation, in its own language. */
export function OriginalPane({ original }: { original: Announcement }) {
  return (
    <aside aria-labelledby="original-title" class="original">
      <h2 id="original-title">{t.edit.original}: {original.title}</h2>
      <p lang={original.language}>{original.summary}</p>
      <pre lang={original.language}>{original.body}</pre>
    </aside>
  );
}
