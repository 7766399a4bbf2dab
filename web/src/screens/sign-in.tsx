import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, post } from '../api';
import { t } from '../i18n';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** One passkey ceremony at a time: busy while it runs, its failure shown as the screen's error. */
function usePasskeyStep() {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await step();
    } catch (e) {
      setError(t.signIn.failed(message(e)));
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, run };
}

/** Passkey sign-in: discoverable credentials, so no user name to type. */
export function SignInScreen({ onSignedIn }: { onSignedIn: () => void }) {
  const { error, busy, run } = usePasskeyStep();
  const signIn = () =>
    run(async () => {
      const { challengeId, options } = await post<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>('/api/auth/login/options', {});
      const response = await startAuthentication({ optionsJSON: options });
      await post('/api/auth/login', { challengeId, response });
      onSignedIn();
    });
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
  const { error, setError, busy, run } = usePasskeyStep();
  useEffect(() => {
    post<{ options: PublicKeyCredentialCreationOptionsJSON; name: string; role: string }>('/api/auth/register/options', { invitation: token }).then(
      setOffer,
      (e: unknown) => setError(t.signIn.inviteGone(e instanceof ApiError ? `${e.message} (${e.code})` : message(e))),
    );
  }, [token]);
  const register = () =>
    run(async () => {
      if (!offer) return;
      const response = await startRegistration({ optionsJSON: offer.options });
      await post('/api/auth/register', { invitation: token, response });
      // The token has done its job; keep it out of history and screenshots.
      history.replaceState(null, '', location.pathname);
      onSignedIn();
    });
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
