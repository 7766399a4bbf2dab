import { SESSION_ABSOLUTE_SECONDS, SESSION_COOKIE } from '../domain/identity';
import { header } from './request';

/** The cookie-bearing part of an API Gateway v2 event (or authorizer event): `cookies`, or a raw Cookie header. */
export type CookieSource = { cookies?: string[] | undefined; headers?: Record<string, string | undefined> | undefined };

/** One cookie's value by name; API Gateway v2 moves cookies out of the headers into `cookies`. */
export function readCookie(event: CookieSource, name: string): string | undefined {
  const pairs = event.cookies?.length ? event.cookies : (header({ headers: event.headers ?? {} }, 'cookie') ?? '').split(';');
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

const attributes = (siteUrl: string) => `HttpOnly; SameSite=Strict; Path=/${siteUrl.startsWith('https:') ? '; Secure' : ''}`;

/** Set-Cookie for a new session: HttpOnly, SameSite=Strict, Secure on an https site; the browser keeps it at most 7 days. */
export const sessionCookie = (token: string, siteUrl: string) => `${SESSION_COOKIE}=${token}; ${attributes(siteUrl)}; Max-Age=${SESSION_ABSOLUTE_SECONDS}`;

/** Set-Cookie that removes the session cookie (sign-out). */
export const clearedSessionCookie = (siteUrl: string) => `${SESSION_COOKIE}=; ${attributes(siteUrl)}; Max-Age=0`;
