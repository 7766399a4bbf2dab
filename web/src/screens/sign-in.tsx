import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, post } from '../api';
import { t } from '../i18n';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Passkey sign-in: discoverable credentials, so no user name to type. */
export function SignInScreen({ onSignedIn }: { onSignedIn: () => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const signIn = async () => {
    setError('');
    setBusy(true);
    try {
      const { challengeId, options } = await post<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>('/api/auth/login/options', {});
      const response = await startAuthentication({ optionsJSON: options });
      await post('/api/auth/login', { challengeId, response });
      onSignedIn();
    } catch (e) {
      setError(t.signIn.failed(message(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="sign-in-title" class="narrow">
      <h1 id="sign-in-title">{t.signIn.title}</h1>
      <p>{t.signIn.intro}</p>
      {!browserSupportsWebAuthn() && <p role="alert">{t.signIn.unsupported}</p>}
      <button type="button" class="primary" onClick={signIn} disabled={busy}>{t.signIn.button}</button>
      {error && <p role="alert" class="error">{error}</p>}
    </section>
  );
}

/** The invitation landing (#invitation=…): registers a passkey once, which signs the newcomer in. */
export function InvitationScreen({ token, onSignedIn }: { token: string; onSignedIn: () => void }) {
  const [offer, setOffer] = useState<{ options: PublicKeyCredentialCreationOptionsJSON; name: string; role: string } | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    post<{ options: PublicKeyCredentialCreationOptionsJSON; name: string; role: string }>('/api/auth/register/options', { invitation: token }).then(
      setOffer,
      (e: unknown) => setError(t.signIn.inviteGone(e instanceof ApiError ? `${e.message} (${e.code})` : message(e))),
    );
  }, [token]);
  const register = async () => {
    if (!offer) return;
    setBusy(true);
    setError('');
    try {
      const response = await startRegistration({ optionsJSON: offer.options });
      await post('/api/auth/register', { invitation: token, response });
      // The token has done its job; keep it out of history and screenshots.
      history.replaceState(null, '', location.pathname);
      onSignedIn();
    } catch (e) {
      setError(t.signIn.failed(message(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="invite-title" class="narrow">
      <h1 id="invite-title">{t.signIn.inviteTitle}</h1>
      {offer && <p>{t.signIn.inviteIntro(offer.name, offer.role)}</p>}
      {offer && <button type="button" class="primary" onClick={register} disabled={busy}>{t.signIn.register}</button>}
      {!offer && !error && <p role="status">{t.loading}</p>}
      {error && <p role="alert" class="error">{error}</p>}
    </section>
  );
}
