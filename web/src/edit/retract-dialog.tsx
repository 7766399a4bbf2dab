import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

/** The retraction confirmation, naming what will disappear; a modal <dialog>, so focus is trapped and Escape cancels. */
export function RetractDialog(props: { title: string; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="retract-title" onCancel={props.onCancel} onClose={props.onCancel}>
      <h2 id="retract-title">{t.retract.title}</h2>
      <p>{t.retract.consequences(props.title)}</p>
      <ul>{t.retract.places.map((p) => <li>{p}</li>)}</ul>
      <div class="actions">
        <button type="button" onClick={props.onCancel} autofocus>{t.retract.cancel}</button>
        <button type="button" class="danger" onClick={props.onConfirm}>{t.retract.confirm}</button>
      </div>
    </dialog>
  );
}
