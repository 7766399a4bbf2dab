import { describe, expect, it } from '@jest/globals';
import { HeraldConfigError, parseHeraldConfig } from '../../infra/config';
import { buildHerald } from './synth-herald';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:herald-alarms';
const ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/HeraldEdge-rate-limit/0f1e2d3c-aaaa-bbbb-cccc-123456789abc';
/** A complete production configuration: every rule below is checked against a change to it. */
const valid = { siteTitle: 'Herald', siteUrl: 'https://news.example.org/', domainName: 'news.example.org', certificateArn: CERT, alarmTopicArn: TOPIC, webAclArn: ACL };

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
      stage: 'production',
      adminTokenParameter: '/herald/admin-token-sha256',
    });
  });

  it.each([
    ['a bad siteUrl', { siteUrl: 'not a url' }, /siteUrl: must be an https URL/],
    ['an http siteUrl', { siteUrl: 'http://news.example.org' }, /siteUrl: must be an https URL/],
    ['a page size over 500', { feedPageSize: 501 }, /feedPageSize: /],
    ['an admin origin with a path', { adminOrigins: ['https://admin.example.org/app'] }, /adminOrigins\.0: must be a bare origin/],
    ['a hub that is not a URL', { hubs: ['pubsubhubbub'] }, /hubs\.0: /],
    ['a misspelt key', { siteURL: 'https://x.org' }, /siteURL/],
    ['a domain without a certificate', { certificateArn: undefined }, /certificateArn: domainName and certificateArn/],
    ['a siteUrl on another host without domainName', { domainName: undefined, certificateArn: undefined }, /domainName: is required when siteUrl's host \(news\.example\.org\)/],
    ['a domainName that is not siteUrl\'s host', { domainName: 'www.example.org' }, /domainName: must equal siteUrl's host \(news\.example\.org\)/],
    ['a production deploy without alarmTopicArn', { alarmTopicArn: undefined }, /alarmTopicArn: is required for a production deploy/],
    ['a production deploy (the default stage) without webAclArn', { webAclArn: undefined }, /webAclArn: is required for a production deploy .*HeraldEdge/],
    ['a regional web ACL', { webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/abc' }, /webAclArn: must be a global \(CLOUDFRONT\)/],
    ['an unknown stage', { stage: 'prod' }, /stage: must be production or development/],
    ['an admin token parameter under /aws/', { adminTokenParameter: '/aws/reference/x' }, /adminTokenParameter: must not be under \/aws\//],
    ['an admin token parameter without a leading slash', { adminTokenParameter: 'herald-token' }, /adminTokenParameter: must be an SSM parameter name/],
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

  it('needs no domain for the distribution\'s own host, nor alarms or WAF for a development stage', () => {
    const own = { siteTitle: 'Herald', siteUrl: 'https://d111111abcdef8.cloudfront.net', stage: 'development' };

    expect(parseHeraldConfig(own)).toMatchObject({ stage: 'development' });
    expect(parseHeraldConfig(own).domainName).toBeUndefined();
    expect(() => parseHeraldConfig({ ...own, stage: 'production' })).toThrow(/alarmTopicArn: .*webAclArn: /);
  });

  it('fails the synth of the app when cdk.json context has a bad siteUrl', () => {
    expect(() => buildHerald({ siteUrl: 'news.example.org' })).toThrow(
      /invalid Herald configuration in cdk.json context "herald": siteUrl: /,
    );
  });
});
