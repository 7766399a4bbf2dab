import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../api';
import { t } from '../i18n';
import type { Invitation, UserDetail } from '../types';

const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : t.people.none);

/** Admins: invite (a one-time link), list invitations and users, revoke passkeys, sessions, invitations. */
export function PeopleScreen() {
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [users, setUsers] = useState<UserDetail[]>([]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<'editor' | 'admin'>('editor');
  const [link, setLink] = useState('');
  const [error, setError] = useState('');
  const load = () => {
    get<{ items: Invitation[] }>('/api/invitations').then((r) => setInvitations(r.items), (e: Error) => setError(e.message));
    get<{ items: UserDetail[] }>('/api/users').then((r) => setUsers(r.items), (e: Error) => setError(e.message));
  };
  useEffect(load, []);
  const act = (p: Promise<unknown>) => p.then(load, (e: Error) => setError(e.message));
  const invite = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      const made = await post<{ url: string }>('/api/invitations', { name, role });
      setLink(made.url);
      setName('');
      load();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">{t.people.title}</h1>
      {error && <p role="alert" class="error">{error}</p>}
      <form onSubmit={invite} class="filters" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t.people.invite}</h2>
        <label>{t.people.name}<input value={name} onInput={(e) => setName(e.currentTarget.value)} required /></label>
        <label>{t.people.role}
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as 'editor' | 'admin')}>
            <option value="editor">{t.people.editor}</option>
            <option value="admin">{t.people.admin}</option>
          </select>
        </label>
        <button type="submit" class="primary">{t.people.send}</button>
      </form>
      {link && <p role="status">{t.people.link} <input readOnly class="wide" value={link} aria-label={t.people.link} /></p>}
      <h2>{t.people.invitations}</h2>
      <ul>
        {invitations.map((i) => (
          <li key={i.id}>
            {i.name} ({i.role}) · {t.people.state(i)} · {t.people.expires} {when(i.expiresAt)}{' '}
            {!i.usedAt && !i.revokedAt && <button type="button" onClick={() => act(del(`/api/invitations/${i.id}`))}>{t.people.revoke} <span class="sr">{i.name}</span></button>}
          </li>
        ))}
      </ul>
      <h2>{t.people.users}</h2>
      {users.map((u) => (
        <article key={u.id} class="user" aria-labelledby={`u-${u.id}`}>
          <h3 id={`u-${u.id}`}>{u.name} ({u.role})</h3>
          <h4>{t.people.passkeys}</h4>
          <ul>
            {u.passkeys.map((p) => (
              <li key={p.id}>{t.people.created} {when(p.createdAt)} · {t.people.lastUsed} {when(p.lastUsedAt)}{' '}
                <button type="button" onClick={() => act(del(`/api/users/${u.id}/passkeys/${p.id}`))}>{t.people.revoke} <span class="sr">{t.people.passkeys} {p.id}</span></button>
              </li>
            ))}
          </ul>
          <h4>{t.people.sessions}</h4>
          <ul>
            {u.sessions.map((s) => (
              <li key={s.id}>{t.people.lastSeen} {when(s.lastSeenAt)} · {t.people.expires} {when(s.expiresAt)}{' '}
                <button type="button" onClick={() => act(del(`/api/users/${u.id}/sessions/${s.id}`))}>{t.people.revoke} <span class="sr">{t.people.sessions} {s.id}</span></button>
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
