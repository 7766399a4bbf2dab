import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { href } from '../route';
import type { Announcement } from '../types';
import { described, Field } from './field';
import { editorZone, type Errors, type FormState, type SaveStatus } from './form-model';
import { RetractDialog } from './retract-dialog';

/** Save draft, publish now, schedule (in the editor's zone), retract (confirmed), translate. */
export function PublishBar(props: {
  form: FormState;
  errors: Errors;
  set: (p: Partial<FormState>) => void;
  stored: Announcement | undefined;
  onSave: (s: SaveStatus) => Promise<void>;
  onRetract: () => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const { form, errors, stored } = props;
  return (
    <fieldset class="publish">
      <legend>{t.edit.publishing}</legend>
      <Field path="publishAt" label={t.edit.publishAt(editorZone())} error={errors.publishAt}>
        <input {...described('publishAt', errors.publishAt)} type="datetime-local" value={form.publishAt} onInput={(e) => props.set({ publishAt: e.currentTarget.value })} />
      </Field>
      <div class="actions">
        <button type="submit">{t.edit.saveDraft}</button>
        <button type="button" onClick={() => void props.onSave('scheduled')}>{t.edit.schedule}</button>
        <button type="button" class="primary" onClick={() => void props.onSave('published')}>{t.edit.publish}</button>
        {stored && stored.status !== 'retracted' && <button type="button" class="danger" onClick={() => setConfirming(true)}>{t.edit.retract}</button>}
        {stored && <a class="button" href={href({ name: 'new', translate: stored.id })}>{t.edit.translate}</a>}
      </div>
      {confirming && stored && (
        <RetractDialog announcement={stored} onCancel={() => setConfirming(false)} onConfirm={() => { setConfirming(false); void props.onRetract(); }} />
      )}
    </fieldset>
  );
}
