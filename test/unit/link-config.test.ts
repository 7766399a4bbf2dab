import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../shared/config';

const base = { TABLE_NAME: 'herald', BUCKET_NAME: 'site', SITE_URL: 'https://news.example.org/' };

describe('the link settings', () => {
  it('default to https only and canonical URLs on the site host', () => {
    expect(loadConfig(base).links).toEqual({ allowHttp: false, canonicalHosts: ['news.example.org'] });
  });

  it('read ALLOW_HTTP_LINKS and CANONICAL_HOSTS (lowercased, the site host kept)', () => {
    const links = loadConfig({ ...base, ALLOW_HTTP_LINKS: 'true', CANONICAL_HOSTS: 'www.Example.org, example.org:8443' }).links;
    expect(links).toEqual({ allowHttp: true, canonicalHosts: ['news.example.org', 'www.example.org', 'example.org:8443'] });
    expect(loadConfig({ ...base, ALLOW_HTTP_LINKS: '0' }).links.allowHttp).toBe(false);
  });

  it('name the variable when a value is not understood', () => {
    expect(() => loadConfig({ ...base, ALLOW_HTTP_LINKS: 'yes please' })).toThrow(new ConfigError('invalid environment: ALLOW_HTTP_LINKS: must be true or false'));
    expect(() => loadConfig({ ...base, CANONICAL_HOSTS: 'https://www.example.org/' })).toThrow(/CANONICAL_HOSTS: https:\/\/www\.example\.org\/ is not a host name/);
  });
});
