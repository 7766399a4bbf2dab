import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { AuthorFields, BasicFields } from '../edit/basic-fields';
import { ConflictPanel, differingFields } from '../edit/conflict';
import { clearDraft, loadDraft, storeDraft } from '../edit/drafts';
import { EventFields } from '../edit/event-fields';
import { emptyForm, errorsOf, fromAnnouncement, toInput, validate, type Errors, type FormState } from '../edit/form-model';
import { MediaFields } from '../edit/media-fields';
import { OriginalPane, useOriginal } from '../edit/original-pane';
import { PreviewPane } from '../edit/preview-pane';
import { PublishBar } from '../edit/publish-bar';
import { HistoryPanel, ReviewLinksPanel } from '../edit/side-panels';
import { t } from '../i18n';
import { go } from '../route';
import type { Announcement } from '../types';

/** The id just created here, so its edit screen (a new mount) still says it was saved. */
let justCreated: string | undefined;

/**
 * Create, edit or translate an announcement. The form is the state; every
 * change is kept in localStorage until saved; saves send If-Match, and a 412
 * opens the conflict view instead of overwriting anything.
 */
export function EditScreen({ id, translate }: { id?: string; translate?: string }) {
  // Drafts are kept per announcement, and per original for a translation not yet saved.
  const key = id ?? (translate ? `translation-of-${translate}` : undefined);
  const [form, setForm] = useState<FormState | undefined>(id ? undefined : () => loadDraft(key)?.form ?? { ...emptyForm(), ...(translate ? { translationOf: translate, language: '' } : {}) });
  const [stored, setStored] = useState<Announcement | undefined>();
  const original = useOriginal(translate);
  const [etag, setEtag] = useState<string | undefined>();
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState(() => (id !== undefined && id === justCreated ? t.edit.saved : ''));
  const [restored, setRestored] = useState(false);
  const [conflict, setConflict] = useState<{ server: FormState; mine: FormState; base?: FormState; baseEtag?: string } | undefined>();

  useEffect(() => {
    if (!id) return;
    api<Announcement>('GET', `/api/announcements/${id}`).then(({ data, etag: tag }) => {
      setStored(data);
      setEtag(tag);
      const draft = loadDraft(id);
      const server = fromAnnouncement(data);
      if (draft && differingFields(server, draft.form).length) {
        setForm(draft.form);
        setRestored(true);
        // Edits made on an older version than the server's: show the difference now, not at save.
        if (draft.etag && draft.etag !== tag) {
          setConflict({ server, mine: draft.form, baseEtag: draft.etag });
          setForm(server);
        }
      } else setForm(server);
    }, (e: unknown) => setMessage(t.error(e instanceof Error ? e.message : String(e))));
  }, [id]);
  useEffect(() => {
    // The loading heading that had focus is gone: give it to the screen's heading, not the page.
    if (form && (document.activeElement === document.body || !document.activeElement)) document.getElementById('edit-title')?.focus();
  }, [form === undefined]);
  useEffect(() => {
    if (!form) return;
    // While a conflict is open the editor's own version is kept, against the ETag it was based on,
    // so a reload reopens the comparison. Edits equal to the stored version are nothing to keep.
    if (conflict) storeDraft(key, conflict.mine, conflict.baseEtag);
    else if (stored && differingFields(fromAnnouncement(stored), form).length === 0) clearDraft(key);
    else if (!id || stored) storeDraft(key, form, etag);
  }, [form, stored, conflict]);

  if (!form) return <section><h1>{t.loading}</h1>{message && <p role="alert" class="error">{message}</p>}</section>;
  const set = (p: Partial<FormState> | ((f: FormState) => Partial<FormState>)) => setForm((f) => ({ ...f!, ...(typeof p === 'function' ? p(f!) : p) }));

  const save = async (status: 'draft' | 'scheduled' | 'published') => {
    setMessage('');
    const input = toInput(form, status);
    const found = validate(input, status);
    setErrors(found);
    if (Object.keys(found).length) {
      setMessage(t.edit.invalid);
      document.getElementById(`f-${Object.keys(found)[0]!.replace(/[^a-zA-Z0-9]+/g, '-')}`)?.focus();
      return;
    }
    try {
      const answer = id
        ? await api<Announcement>('PUT', `/api/announcements/${id}`, input, { 'If-Match': etag ?? '' })
        : await api<Announcement>('POST', '/api/announcements', input);
      clearDraft(key);
      setConflict(undefined);
      setStored(answer.data);
      setEtag(answer.etag);
      setForm(fromAnnouncement(answer.data));
      setMessage(t.edit.saved);
      if (!id) {
        justCreated = answer.data.id;
        go({ name: 'edit', id: answer.data.id });
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 412 && id) {
        const current = await api<Announcement>('GET', `/api/announcements/${id}`);
        setStored(current.data);
        setEtag(current.etag);
        const server = fromAnnouncement(current.data);
        setConflict({ server, mine: form, base: stored ? fromAnnouncement(stored) : undefined, baseEtag: etag });
        setForm(server);
      } else if (e instanceof ApiError && e.details.length) {
        setErrors(errorsOf(e.details));
        setMessage(`${t.edit.invalid} ${e.message}`);
      } else setMessage(t.error(e instanceof Error ? e.message : String(e)));
    }
  };
  const retract = async () => {
    try {
      const answer = await api<Announcement>('DELETE', `/api/announcements/${id}`, undefined, { 'If-Match': etag ?? '' });
      clearDraft(id);
      setStored(answer.data);
      setEtag(answer.etag);
      setForm(fromAnnouncement(answer.data));
    } catch (e) {
      setMessage(t.error(e instanceof Error ? e.message : String(e)));
    }
  };

  const heading = id ? t.edit.editTitle(stored?.title ?? '') : original ? t.edit.translateTitle(original.title) : t.edit.createTitle;
  return (
    <div class={original ? 'split' : ''}>
      {original && <OriginalPane original={original} />}
      <section aria-labelledby="edit-title">
        <h1 id="edit-title" tabIndex={-1}>{heading}</h1>
        {stored && <p><span class={`badge ${stored.status}`}>{t.status[stored.status]}</span></p>}
        {restored && (
          <p role="status" class="notice">{t.edit.restored}{' '}
            <button type="button" onClick={() => { clearDraft(id); setRestored(false); setConflict(undefined); if (stored) setForm(fromAnnouncement(stored)); }}>{t.edit.discard}</button>
          </p>
        )}
        {conflict && <ConflictPanel server={conflict.server} mine={conflict.mine} base={conflict.base} form={form} onPick={(k, v) => set({ [k]: v } as Partial<FormState>)} onDone={() => setConflict(undefined)} />}
        <p role="status" aria-live="polite" class={Object.keys(errors).length ? 'error' : 'ok'}>{message}</p>
        <form class="edit" onSubmit={(e) => { e.preventDefault(); void save('draft'); }} noValidate>
          <div class="columns">
            <div>
              <BasicFields form={form} errors={errors} set={set} />
              <AuthorFields form={form} errors={errors} set={set} />
              <MediaFields form={form} errors={errors} set={set} />
              <EventFields form={form} errors={errors} set={set} />
              <PublishBar form={form} errors={errors} set={set} stored={stored} onSave={save} onRetract={retract} />
            </div>
            <PreviewPane input={toInput(form, 'draft')} id={id} />
          </div>
        </form>
        {id && stored && <HistoryPanel id={id} version={stored.version} />}
        {id && stored && stored.status !== 'retracted' && stored.status !== 'published' && <ReviewLinksPanel id={id} />}
      </section>
    </div>
  );
}
