import { useEffect, useState } from 'preact/hooks';
import { directionOf } from '../../../shared/domain/direction';
import { get } from '../api';
import { t } from '../i18n';
import { described, Field } from './field';
import type { Errors, FormState } from './form-model';

type Props = { form: FormState; errors: Errors; set: (patch: Partial<FormState>) => void };
const val = (e: Event) => (e.currentTarget as HTMLInputElement).value;

/** Title, summary (live count), body, language, tags (with suggestions), slug, canonical URL, translation of. */
export function BasicFields({ form, errors, set }: Props) {
  const [suggest, setSuggest] = useState<{ tag: string; count: number }[]>([]);
  useEffect(() => {
    get<{ items: { tag: string; count: number }[] }>('/api/tags').then((r) => setSuggest(r.items), () => setSuggest([]));
  }, []);
  const current = form.tags.split(',').map((x) => x.trim()).filter(Boolean);
  const partial = form.tags.endsWith(',') ? '' : (form.tags.split(',').pop() ?? '').trim();
  const offers = suggest
    .filter((s) => !current.includes(s.tag) || s.tag === partial)
    .filter((s) => !partial || (s.tag.startsWith(partial) && s.tag !== partial))
    .sort((a, b) => b.count - a.count)
    .slice(0, 8);
  const addTag = (tag: string) => {
    const rest = partial ? current.slice(0, -1) : current;
    set({ tags: [...rest, tag].join(', ') });
  };
  // The announcement's own text runs in its language's direction (Arabic right to left), the form's labels in the editor's.
  const text = { lang: form.language || undefined, dir: form.language ? directionOf(form.language) : 'auto' } as const;
  return (
    <>
      <Field path="title" label={t.edit.title} error={errors.title}>
        <input {...described('title', errors.title)} {...text} value={form.title} onInput={(e) => set({ title: val(e) })} required maxLength={300} />
      </Field>
      <Field path="summary" label={t.edit.summary} error={errors.summary} hint={t.edit.chars(form.summary.length, 2000)}>
        <textarea {...described('summary', errors.summary, true)} {...text} rows={3} value={form.summary} onInput={(e) => set({ summary: val(e) })} />
      </Field>
      <Field path="body" label={t.edit.body} error={errors.body}>
        <textarea {...described('body', errors.body)} {...text} rows={12} value={form.body} onInput={(e) => set({ body: val(e) })} />
      </Field>
      <Field path="language" label={t.edit.language} error={errors.language} hint={t.edit.languageHint}>
        <input {...described('language', errors.language, true)} value={form.language} onInput={(e) => set({ language: val(e) })} size={8} autocomplete="off" />
      </Field>
      <Field path="tags" label={t.edit.tags} error={errors.tags ?? Object.entries(errors).find(([k]) => k.startsWith('tags.'))?.[1]} hint={t.edit.tagsHint}>
        <input {...described('tags', errors.tags, true)} value={form.tags} onInput={(e) => set({ tags: val(e) })} autocomplete="off" />
      </Field>
      {offers.length > 0 && (
        <div class="suggestions" role="group" aria-label={t.edit.suggestions}>
          {offers.map((s) => (
            <button type="button" class="chip" aria-label={t.edit.addTag(s.tag)} onClick={() => addTag(s.tag)}>{s.tag} <span aria-hidden="true">({s.count})</span></button>
          ))}
        </div>
      )}
      <Field path="slug" label={t.edit.slug} error={errors.slug}>
        <input {...described('slug', errors.slug)} value={form.slug} onInput={(e) => set({ slug: val(e) })} autocomplete="off" />
      </Field>
      <Field path="canonicalUrl" label={t.edit.canonicalUrl} error={errors.canonicalUrl}>
        <input {...described('canonicalUrl', errors.canonicalUrl)} type="url" value={form.canonicalUrl} onInput={(e) => set({ canonicalUrl: val(e) })} />
      </Field>
      <Field path="translationOf" label={t.edit.translationOf} error={errors.translationOf}>
        <input {...described('translationOf', errors.translationOf)} value={form.translationOf} onInput={(e) => set({ translationOf: val(e) })} autocomplete="off" />
      </Field>
    </>
  );
}

/** The authors, each with name, email and web page. */
export function AuthorFields({ form, errors, set }: Props) {
  const update = (i: number, patch: Partial<FormState['authors'][number]>) =>
    set({ authors: form.authors.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  return (
    <fieldset>
      <legend>{t.edit.authors}</legend>
      {form.authors.map((a, i) => (
        <div class="row" key={i}>
          {(['name', 'email', 'url'] as const).map((k) => {
            const path = `authors.${i}.${k}`;
            const label = k === 'name' ? t.edit.authorName : k === 'email' ? t.edit.authorEmail : t.edit.authorUrl;
            return (
              <Field path={path} label={label} error={errors[path]}>
                <input {...described(path, errors[path])} type={(k === 'name' ? 'text' : k === 'email' ? 'email' : 'url') as 'text'} value={a[k]} onInput={(e) => update(i, { [k]: val(e) })} />
              </Field>
            );
          })}
          <button type="button" onClick={() => set({ authors: form.authors.filter((_, j) => j !== i) })}>{t.edit.remove} <span class="sr">{a.name}</span></button>
        </div>
      ))}
      <button type="button" onClick={() => set({ authors: [...form.authors, { name: '', email: '', url: '' }] })}>{t.edit.addAuthor}</button>
    </fieldset>
  );
}
