import { useEffect, useRef, useState } from 'preact/hooks';
import { api, SIGNED_OUT_EVENT } from './api';
import { t } from './i18n';
import { go, href, useRoute } from './route';
import { EditScreen } from './screens/edit';
import { EmbedScreen } from './screens/embed';
import { ListScreen } from './screens/list';
import { PeopleScreen } from './screens/people';
import { InvitationScreen, SignInScreen } from './screens/sign-in';
import type { Me } from './types';

/**
 * The shell: who is signed in (GET /api/auth/me), landmarks, navigation,
 * sign-out, and the screen of the current route. Focus moves to each new
 * screen's heading so keyboard and screen-reader users land where the content is.
 */
export function App() {
  const route = useRoute();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const main = useRef<HTMLElement>(null);
  const refresh = () => api<Me>('GET', '/api/auth/me').then((a) => setMe(a.data), () => setMe(null));
  useEffect(() => {
    void refresh();
    const signedOut = () => setMe(null);
    addEventListener(SIGNED_OUT_EVENT, signedOut);
    return () => removeEventListener(SIGNED_OUT_EVENT, signedOut);
  }, []);
  useEffect(() => {
    const h = main.current?.querySelector<HTMLElement>('h1');
    if (h) {
      h.tabIndex = -1;
      h.focus();
    }
  }, [route, me === undefined, me === null]);

  const signOut = async () => {
    await api('POST', '/api/auth/logout', {}).catch(() => undefined);
    setMe(null);
    go({ name: 'list' });
  };

  let screen;
  if (route.name === 'invitation') screen = <InvitationScreen token={route.token} onSignedIn={() => { go({ name: 'list' }); void refresh(); }} />;
  else if (me === undefined) screen = <p role="status">{t.loading}</p>;
  else if (me === null) screen = <SignInScreen onSignedIn={() => void refresh()} />;
  else if (route.name === 'new') screen = <EditScreen key={`new-${route.translate ?? ''}`} translate={route.translate} />;
  else if (route.name === 'edit') screen = <EditScreen key={route.id} id={route.id} />;
  else if (route.name === 'people') screen = <PeopleScreen />;
  else if (route.name === 'embed') screen = <EmbedScreen />;
  else screen = <ListScreen />;

  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); main.current?.querySelector<HTMLElement>('h1')?.focus(); }}>{t.skip}</a>
      <header class="top">
        <span class="brand">{t.appName}</span>
        {me && (
          <nav aria-label={t.nav.label}>
            <ul>
              <li><a href={href({ name: 'list' })} aria-current={route.name === 'list' ? 'page' : undefined}>{t.nav.list}</a></li>
              <li><a href={href({ name: 'new' })} aria-current={route.name === 'new' ? 'page' : undefined}>{t.nav.create}</a></li>
              <li><a href={href({ name: 'embed' })} aria-current={route.name === 'embed' ? 'page' : undefined}>{t.nav.embed}</a></li>
              {me.user.role === 'admin' && <li><a href={href({ name: 'people' })} aria-current={route.name === 'people' ? 'page' : undefined}>{t.nav.people}</a></li>}
              <li><button type="button" class="link" onClick={signOut}>{t.nav.signOut}</button></li>
            </ul>
          </nav>
        )}
        {me && <p class="who">{t.signedInAs(me.user.name, me.user.role)}</p>}
      </header>
      <main id="main" ref={main}>{screen}</main>
    </>
  );
}
