import { t } from '../i18n';
import { described, Field } from './field';
import type { Errors, EventForm, FormState } from './form-model';

let zones: string[] | undefined;
/** Every IANA zone the browser knows, UTC first; computed once. */
const timeZones = () => (zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')]);

/** The event: wall-clock start and end in an IANA zone (picked from the browser's list), or dates when all day. */
export function EventFields({ form, errors, set }: { form: FormState; errors: Errors; set: (p: Partial<FormState>) => void }) {
  const e = form.event;
  const upd = (patch: Partial<EventForm>) => set({ event: { ...e, ...patch } });
  const text = (k: 'venue' | 'city' | 'country' | 'onlineUrl', label: string) => {
    const path = `event.${k}`;
    return (
      <Field path={path} label={label} error={errors[path]}>
        <input {...described(path, errors[path])} type={(k === 'onlineUrl' ? 'url' : 'text') as 'text'} value={e[k]} onInput={(ev) => upd({ [k]: ev.currentTarget.value })} />
      </Field>
    );
  };
  return (
    <fieldset>
      <legend>{t.event.legend}</legend>
      <label class="check"><input type="checkbox" checked={form.hasEvent} onChange={(ev) => set({ hasEvent: ev.currentTarget.checked })} /> {t.event.has}</label>
      {form.hasEvent && (
        <>
          <label class="check"><input type="checkbox" checked={e.allDay} onChange={(ev) => upd({ allDay: ev.currentTarget.checked, start: e.start.slice(0, 10), end: e.end.slice(0, 10) })} /> {t.event.allDay}</label>
          <div class="row">
            {(['start', 'end'] as const).map((k) => (
              <Field path={`event.${k}`} label={t.event[k]} error={errors[`event.${k}`]}>
                <input {...described(`event.${k}`, errors[`event.${k}`])} type={e.allDay ? 'date' : 'datetime-local'} value={e[k]} onInput={(ev) => upd({ [k]: ev.currentTarget.value })} />
              </Field>
            ))}
          </div>
          <Field path="event.timeZone" label={t.event.timeZone} error={errors['event.timeZone']}>
            <select {...described('event.timeZone', errors['event.timeZone'])} value={e.timeZone} onChange={(ev) => upd({ timeZone: ev.currentTarget.value })}>
              {timeZones().map((z) => <option value={z}>{z}</option>)}
            </select>
          </Field>
          {text('venue', t.event.venue)}
          {text('city', t.event.city)}
          {text('country', t.event.country)}
          {text('onlineUrl', t.event.onlineUrl)}
          <label class="check"><input type="checkbox" checked={e.cancelled} onChange={(ev) => upd({ cancelled: ev.currentTarget.checked })} /> {t.event.cancelled}</label>
        </>
      )}
    </fieldset>
  );
}
