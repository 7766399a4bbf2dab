import { useEffect, useState } from 'preact/hooks';
import { get, query } from '../api';
import { t } from '../i18n';
import { href } from '../route';
import type { Announcement, Page } from '../types';

type Filter = { status: string; language: string; tag: string; q: string };

/**
 * The list: the API's filters (status, language, tag), its title search (`q`:
 * every word, ignoring case and accents, over every announcement) and cursor
 * paging. The search runs as the editor types, after a short pause.
 */
export function ListScreen() {
  const [filter, setFilter] = useState<Filter>({ status: '', language: '', tag: '', q: '' });
  const [applied, setApplied] = useState<Filter>(filter);
  const [items, setItems] = useState<Announcement[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(true);

  const load = async (f: Filter, after?: string) => {
    setLoading(true);
    setError('');
    try {
      const page = await get<Page<Announcement>>(`/api/announcements${query({ ...f, cursor: after, limit: '20' })}`);
      setItems((old) => (after ? [...old, ...page.items] : page.items));
      setCursor(page.cursor);
    } catch (e) {
      setError(t.error(e instanceof Error ? e.message : String(e)));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load({ ...applied, q: applied.q.trim() }), [applied]);
  // Typing in the search box applies it (with the other filters) once the editor pauses.
  useEffect(() => {
    if (filter.q === applied.q) return undefined;
    const timer = setTimeout(() => setApplied(filter), 300);
    return () => clearTimeout(timer);
  }, [filter.q]);
  const shown = items;
  const field = (name: keyof Filter) => ({
    value: filter[name],
    onInput: (e: Event) => setFilter({ ...filter, [name]: (e.currentTarget as HTMLInputElement).value }),
  });

  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title">{t.list.title}</h1>
      <form class="filters" role="search" aria-label={t.list.filters} onSubmit={(e) => { e.preventDefault(); setApplied(filter); }}>
        <label>{t.list.status}
          <select {...field('status')} onChange={(e) => setFilter({ ...filter, status: e.currentTarget.value })}>
            <option value="">{t.list.any}</option>
            {['draft', 'scheduled', 'published', 'retracted'].map((s) => <option value={s}>{t.status[s]}</option>)}
          </select>
        </label>
        <label>{t.list.language}<input {...field('language')} size={6} /></label>
        <label>{t.list.tag}<input {...field('tag')} size={12} /></label>
        <button type="submit">{t.list.apply}</button>
      </form>
      <label class="search">{t.list.search}
        <input type="search" {...field('q')} maxLength={200} aria-describedby="search-hint" />
      </label>
      <p id="search-hint" class="hint">{t.list.searchHint}</p>
      {error && <p role="alert" class="error">{error}</p>}
      <p role="status" class="hint">{loading ? t.loading : t.list.count(shown.length)}</p>
      {!loading && shown.length === 0 && <p>{t.list.empty}</p>}
      <ul class="cards">
        {shown.map((a) => (
          <li key={a.id}>
            <a href={href({ name: 'edit', id: a.id })}>{a.title}</a>
            <span class={`badge ${a.status}`}>{t.status[a.status]}</span>
            <span class="meta">{a.language} · {a.tags.join(', ')} · {t.list.updated} <time dateTime={a.updatedAt}>{new Date(a.updatedAt).toLocaleString()}</time></span>
          </li>
        ))}
      </ul>
      {cursor && <button type="button" onClick={() => void load({ ...applied, q: applied.q.trim() }, cursor)} disabled={loading}>{t.list.more}</button>}
    </section>
  );
}
