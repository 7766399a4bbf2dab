import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../api';
import { t } from '../i18n';
import type { HistoryEntry, ReviewLink } from '../types';

const when = (iso: string) => new Date(iso).toLocaleString();

/** Who changed what, when (GET …/history). Reloaded when `version` moves. */
export function HistoryPanel({ id, version }: { id: string; version: number }) {
  const [items, setItems] = useState<HistoryEntry[]>([]);
  useEffect(() => {
    get<{ items: HistoryEntry[] }>(`/api/announcements/${id}/history`).then((r) => setItems(r.items), () => setItems([]));
  }, [id, version]);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t.history.title}</h2>
      <div class="scroll" tabIndex={0} role="region" aria-labelledby="history-title">
        <table>
          <thead><tr><th scope="col">{t.history.version}</th><th scope="col">{t.history.action}</th><th scope="col">{t.history.who}</th><th scope="col">{t.history.when}</th><th scope="col">{t.history.what}</th></tr></thead>
          <tbody>
            {items.map((h) => (
              <tr key={h.version}><td>{h.version}</td><td>{h.action}</td><td>{h.by}</td><td><time dateTime={h.at}>{when(h.at)}</time></td><td>{h.changed.join(', ')}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Review links of a draft or scheduled announcement: create, copy, revoke. */
export function ReviewLinksPanel({ id }: { id: string }) {
  const [links, setLinks] = useState<ReviewLink[]>([]);
  const [fresh, setFresh] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const load = () => get<{ items: ReviewLink[] }>(`/api/announcements/${id}/review-links`).then((r) => setLinks(r.items), () => setLinks([]));
  useEffect(() => void load(), [id]);
  const create = async () => {
    setError('');
    try {
      const made = await post<ReviewLink>(`/api/announcements/${id}/review-links`, {});
      setFresh((f) => ({ ...f, [made.id]: made.url ?? '' }));
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const copy = async (url: string) => {
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    setNote(t.review.copied);
  };
  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">{t.review.title}</h2>
      <p class="hint">{t.review.intro}</p>
      {links.length === 0 && <p>{t.review.none}</p>}
      <ul>
        {links.map((l) => (
          <li key={l.id}>
            {fresh[l.id] && <input readOnly value={fresh[l.id]} aria-label={t.review.title} class="wide" />}
            <span>{t.review.expires(when(l.expiresAt))}</span>{' '}
            {fresh[l.id] && <button type="button" onClick={() => void copy(fresh[l.id]!)}>{t.review.copy}</button>}{' '}
            <button type="button" onClick={() => void del(`/api/announcements/${id}/review-links/${l.id}`).then(load)}>{t.review.revoke}</button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void create()}>{t.review.create}</button>
      <p role="status">{note}</p>
      {error && <p role="alert" class="error">{error}</p>}
    </section>
  );
}
