import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import type { Announcement } from '../types';

/** The retraction confirmation, naming what will disappear (feeds by language and tag, calendars, the page, the home page); a modal <dialog>, so focus is trapped and Escape cancels. */
export function RetractDialog(props: { announcement: Announcement; onConfirm: () => void; onCancel: () => void }) {
  const a = props.announcement;
  const places = [
    t.retract.feeds(a.language),
    ...(a.tags.length ? [t.retract.tagFeeds(a.tags.join(', '))] : []),
    ...(a.event ? [t.retract.calendars] : []),
    t.retract.page(`/news/${a.slug}-${a.id.slice(0, 8)}/`),
    t.retract.home,
  ];
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="retract-title" onCancel={props.onCancel} onClose={props.onCancel}>
      <h2 id="retract-title">{t.retract.title}</h2>
      <p>{t.retract.consequences(a.title)}</p>
      <ul>{places.map((p) => <li>{p}</li>)}</ul>
      <div class="actions">
        <button type="button" onClick={props.onCancel} autofocus>{t.retract.cancel}</button>
        <button type="button" class="danger" onClick={props.onConfirm}>{t.retract.confirm}</button>
      </div>
    </dialog>
  );
}
