import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * A real browser with a CDP virtual authenticator (CTAP2, platform, resident
 * keys, user verified), for end-to-end passkey ceremonies against `npm start`.
 * The ceremonies run through page.evaluate (not inline scripts, which the site
 * CSP forbids), converting base64url by hand.
 */
export type PasskeyBrowser = {
  page: Page;
  /** navigator.credentials.create with the API's creation options, as RegistrationResponseJSON. */
  create(options: unknown): Promise<Record<string, unknown>>;
  /** navigator.credentials.get with the API's request options, as AuthenticationResponseJSON. */
  get(options: unknown): Promise<Record<string, unknown>>;
  /** Removes a credential from the authenticator (one Herald refused), so sign-in does not pick it. */
  forget(credentialId: string): Promise<void>;
  close(): Promise<void>;
};

export async function openPasskeyBrowser(url: string): Promise<PasskeyBrowser> {
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
  const context = await browser.newContext();
  const page = await context.newPage();
  // A page of another origin, served by interception: where a foreign assertion is made.
  await context.route('http://localhost:8999/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>elsewhere</title>' }));
  await page.goto(url);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return {
    page,
    create: (options) => page.evaluate(createInPage, options as Record<string, any>),
    get: (options) => page.evaluate(getInPage, options as Record<string, any>),
    forget: async (credentialId) => {
      await cdp.send('WebAuthn.removeCredential', { authenticatorId, credentialId: Buffer.from(credentialId, 'base64url').toString('base64') });
    },
    close: () => browser.close(),
  };
}

async function createInPage(o: Record<string, any>): Promise<Record<string, unknown>> {
  const bytes = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4)), (c) => c.charCodeAt(0));
  const text = (b: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const publicKey = {
    ...o,
    challenge: bytes(o.challenge),
    user: { ...o.user, id: bytes(o.user.id) },
    excludeCredentials: (o.excludeCredentials ?? []).map((c: any) => ({ ...c, id: bytes(c.id) })),
  };
  // No DOM types in this project: the browser objects are `any` here.
  const cred = await (globalThis as any).navigator.credentials.create({ publicKey });
  const r = cred.response;
  return {
    id: cred.id,
    rawId: text(cred.rawId),
    type: cred.type,
    response: { clientDataJSON: text(r.clientDataJSON), attestationObject: text(r.attestationObject), transports: r.getTransports() },
    clientExtensionResults: cred.getClientExtensionResults(),
    authenticatorAttachment: cred.authenticatorAttachment,
  };
}

async function getInPage(o: Record<string, any>): Promise<Record<string, unknown>> {
  const bytes = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4)), (c) => c.charCodeAt(0));
  const text = (b: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const publicKey = { ...o, challenge: bytes(o.challenge), allowCredentials: (o.allowCredentials ?? []).map((c: any) => ({ ...c, id: bytes(c.id) })) };
  const cred = await (globalThis as any).navigator.credentials.get({ publicKey });
  const r = cred.response;
  return {
    id: cred.id,
    rawId: text(cred.rawId),
    type: cred.type,
    response: {
      clientDataJSON: text(r.clientDataJSON),
      authenticatorData: text(r.authenticatorData),
      signature: text(r.signature),
      ...(r.userHandle ? { userHandle: text(r.userHandle) } : {}),
    },
    clientExtensionResults: cred.getClientExtensionResults(),
    authenticatorAttachment: cred.authenticatorAttachment,
  };
}
