import { t } from '../i18n';
import type { FormState } from './form-model';

/** The fields whose values differ between the server's version and the editor's. */
export function differingFields(server: FormState, mine: FormState): (keyof FormState)[] {
  return (Object.keys(mine) as (keyof FormState)[]).filter((k) => JSON.stringify(server[k]) !== JSON.stringify(mine[k]));
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 1));

/**
 * A 412 answered: what the server has now beside what the editor typed, field
 * by field. The form holds the editor's values; "keep theirs" takes the
 * server's for one field. Saving again (with the new ETag) is the editor's choice.
 */
export function ConflictPanel(props: { server: FormState; mine: FormState; onTake: (k: keyof FormState, v: unknown) => void; onDone: () => void }) {
  const fields = differingFields(props.server, props.mine);
  return (
    <section class="conflict" role="alertdialog" aria-labelledby="conflict-title" aria-describedby="conflict-intro">
      <h2 id="conflict-title" tabIndex={-1}>{t.conflict.title}</h2>
      <p id="conflict-intro">{t.conflict.intro}</p>
      <table>
        <thead><tr><th scope="col">{t.conflict.field}</th><th scope="col">{t.conflict.server}</th><th scope="col">{t.conflict.mine}</th><th scope="col"><span class="sr">{t.conflict.keepServer}</span></th></tr></thead>
        <tbody>
          {fields.map((k) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td><pre>{show(props.server[k])}</pre></td>
              <td><pre>{show(props.mine[k])}</pre></td>
              <td><button type="button" onClick={() => props.onTake(k, props.server[k])}>{t.conflict.keepServer} <span class="sr">{k}</span></button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" class="primary" onClick={props.onDone}>{t.conflict.done}</button>
    </section>
  );
}
