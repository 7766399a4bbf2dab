import { useState } from 'preact/hooks';
import { get } from '../api';
import { t } from '../i18n';
import type { Media, Page } from '../types';
import { described, Field } from './field';
import type { Errors, FormState, ImageForm } from './form-model';
import { uploadFile } from './upload';

type Props = { form: FormState; errors: Errors; set: (p: Partial<FormState> | ((f: FormState) => Partial<FormState>)) => void };
type Progress = { key: number; name: string; fraction: number; phase: 'upload' | 'check'; error?: string };
let uploads = 0;

/** A completed media item as an image or an attachment of the form. */
const attach = (form: FormState, m: Media): Partial<FormState> =>
  m.type.startsWith('image/')
    ? { images: [...form.images, { url: m.url!, alt: '', caption: '', credit: '', type: m.type, length: m.length, width: m.width, height: m.height }] }
    : { attachments: [...form.attachments, { url: m.url!, title: m.filename, type: m.type, length: m.length }] };

/** Images (alt, caption, credit beside each) and attachments; upload by drop or picker with progress; the media library. */
export function MediaFields({ form, errors, set }: Props) {
  const [progress, setProgress] = useState<Progress[]>([]);
  const [library, setLibrary] = useState<Media[] | undefined>();
  const [over, setOver] = useState(false);
  const upload = async (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const key = ++uploads;
      setProgress((p) => [...p, { key, name: file.name, fraction: 0, phase: 'upload' }]);
      const update = (patch: Partial<Progress>) => setProgress((p) => p.map((x) => (x.key === key ? { ...x, ...patch } : x)));
      try {
        const media = await uploadFile(file, (fraction, phase) => update({ fraction, phase }));
        setProgress((p) => p.filter((x) => x.key !== key));
        // Applied to the form as it is then: other edits may have happened during the upload.
        set((f) => attach(f, media));
      } catch (e) {
        update({ error: e instanceof Error ? e.message : String(e) });
      }
    }
  };
  const setImage = (i: number, patch: Partial<ImageForm>) => set({ images: form.images.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const openLibrary = async () => setLibrary((await get<Page<Media>>('/api/media')).items.filter((m) => m.status === 'ready'));

  return (
    <fieldset>
      <legend>{t.media.legend}</legend>
      <h3>{t.media.images}</h3>
      {form.images.map((img, i) => (
        <div class="media-row" key={img.url}>
          <img src={img.url} alt="" width={96} height={72} loading="lazy" />
          <div>
            {(['alt', 'caption', 'credit'] as const).map((k) => {
              const path = `images.${i}.${k}`;
              return (
                <Field path={path} label={t.media[k]} error={errors[path]}>
                  <input {...described(path, errors[path])} value={img[k]} onInput={(e) => setImage(i, { [k]: e.currentTarget.value })} />
                </Field>
              );
            })}
            <button type="button" onClick={() => set({ images: form.images.filter((_, j) => j !== i) })}>{t.edit.remove} <span class="sr">{img.alt || img.url}</span></button>
          </div>
        </div>
      ))}
      <h3>{t.media.attachments}</h3>
      {form.attachments.map((a, i) => {
        const path = `attachments.${i}.title`;
        return (
          <div class="row" key={a.url}>
            <Field path={path} label={`${t.media.docTitle} (${a.type})`} error={errors[path]}>
              <input {...described(path, errors[path])} value={a.title} onInput={(e) => set({ attachments: form.attachments.map((x, j) => (j === i ? { ...x, title: e.currentTarget.value } : x)) })} />
            </Field>
            <button type="button" onClick={() => set({ attachments: form.attachments.filter((_, j) => j !== i) })}>{t.edit.remove} <span class="sr">{a.title}</span></button>
          </div>
        );
      })}
      <div
        class={`drop${over ? ' over' : ''}`}
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => { e.preventDefault(); setOver(false); void upload(e.dataTransfer?.files ?? null); }}
      >
        {t.media.drop}{' '}
        <label class="button">{t.media.pick}<input class="sr" type="file" multiple accept="image/*,.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp" onChange={(e) => { void upload(e.currentTarget.files); e.currentTarget.value = ''; }} /></label>
      </div>
      <div aria-live="polite">
        {progress.map((p) => (
          <div class="progress" key={p.key}>
            <label>{p.error ? t.media.failed(p.name, p.error) : p.phase === 'upload' ? t.media.uploading(p.name) : t.media.processing(p.name)}
              {!p.error && <progress max={1} value={p.phase === 'check' ? undefined : p.fraction} />}
            </label>
          </div>
        ))}
      </div>
      {library === undefined ? (
        <button type="button" onClick={() => void openLibrary()}>{t.media.openLibrary}</button>
      ) : (
        <section aria-label={t.media.library} class="library">
          <h3>{t.media.library}</h3>
          <ul>
            {library.map((m) => (
              <li key={m.id}>
                {m.type.startsWith('image/') && <img src={m.variants?.web?.url ?? m.url} alt="" width={64} height={48} loading="lazy" />}
                <button type="button" onClick={() => set(attach(form, m))}>{t.media.use(m.filename)}</button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setLibrary(undefined)}>{t.media.closeLibrary}</button>
        </section>
      )}
    </fieldset>
  );
}
