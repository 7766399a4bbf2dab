import { describe, expect, it } from '@jest/globals';
import { HeraldConfigError, parseHeraldConfig } from '../../infra/config';
import { buildHerald } from './synth-herald';

const valid = { siteTitle: 'Herald', siteUrl: 'https://news.example.org/' };

describe('stack configuration', () => {
  it('applies the defaults and trims the trailing slash of siteUrl', () => {
    const config = parseHeraldConfig(valid);

    expect(config).toMatchObject({
      siteUrl: 'https://news.example.org',
      feedPageSize: 50,
      languages: ['en'],
      hubs: [],
      adminOrigins: [],
      deletionProtection: true,
    });
  });

  it.each([
    ['a bad siteUrl', { siteUrl: 'not a url' }, /siteUrl: must be an https URL/],
    ['an http siteUrl', { siteUrl: 'http://news.example.org' }, /siteUrl: must be an https URL/],
    ['a page size over 500', { feedPageSize: 501 }, /feedPageSize: /],
    ['an admin origin with a path', { adminOrigins: ['https://admin.example.org/app'] }, /adminOrigins\.0: must be a bare origin/],
    ['a hub that is not a URL', { hubs: ['pubsubhubbub'] }, /hubs\.0: /],
    ['a misspelt key', { siteURL: 'https://x.org' }, /siteURL/],
    ['a domain without a certificate', { domainName: 'news.example.org' }, /certificateArn: domainName and certificateArn/],
    [
      'a certificate outside us-east-1',
      { domainName: 'news.example.org', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' },
      /certificateArn: must be an ACM certificate ARN in us-east-1/,
    ],
  ])('rejects %s, naming the field', (_name, change, message) => {
    const act = () => parseHeraldConfig({ ...valid, ...change });

    expect(act).toThrow(HeraldConfigError);
    expect(act).toThrow(message);
  });

  it('fails the synth of the app when cdk.json context has a bad siteUrl', () => {
    expect(() => buildHerald({ siteUrl: 'news.example.org' })).toThrow(
      /invalid Herald configuration in cdk.json context "herald": siteUrl: /,
    );
  });
});
