import { describe, expect, it } from '@jest/globals';
import { clearedSessionCookie, readCookie, sessionCookie } from '../../../shared/http/cookies';

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/, Secure only on an https site, kept at most 7 days', () => {
    expect(sessionCookie('abc', 'https://news.example.org')).toBe('herald_session=abc; HttpOnly; SameSite=Strict; Path=/; Secure; Max-Age=604800');
    expect(sessionCookie('abc', 'http://localhost:3000')).toBe('herald_session=abc; HttpOnly; SameSite=Strict; Path=/; Max-Age=604800');
    expect(clearedSessionCookie('https://news.example.org')).toBe('herald_session=; HttpOnly; SameSite=Strict; Path=/; Secure; Max-Age=0');
  });

  it('is read from the API Gateway cookies list or a Cookie header, by exact name', () => {
    expect(readCookie({ cookies: ['x_herald_session=no', 'herald_session=yes'] }, 'herald_session')).toBe('yes');
    expect(readCookie({ headers: { Cookie: 'a=1; herald_session=v=2' } }, 'herald_session')).toBe('v=2');
    expect(readCookie({ headers: {} }, 'herald_session')).toBeUndefined();
  });
});
