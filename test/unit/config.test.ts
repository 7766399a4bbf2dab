import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadAuthConfig, loadConfig } from '../../shared/config';

const base = { TABLE_NAME: 'herald', BUCKET_NAME: 'site', SITE_URL: 'https://news.example.org/' };

describe('loadConfig', () => {
  it('applies the documented defaults and trims the site URL', () => {
    expect(loadConfig(base)).toEqual({
      tableName: 'herald',
      bucketName: 'site',
      siteUrl: 'https://news.example.org',
      siteTitle: 'Herald',
      siteDescription: 'Announcements',
      siteLanguage: 'en',
      feedPageSize: 50,
      adminTokenSha256: undefined,
      hubs: [],
      links: { allowHttp: false, canonicalHosts: ['news.example.org'] },
      region: 'us-east-1',
      dynamoEndpoint: undefined,
      s3Endpoint: undefined,
      activityPubHandle: 'news',
      activityPubIcon: undefined,
      activityPubLanguages: [],
      activityPubKeySecret: undefined,
      fediverseQueueUrl: undefined,
    });
  });

  it('reads the fediverse settings and names a bad handle', () => {
    expect(loadConfig({ ...base, ACTIVITYPUB_HANDLE: 'coalition_news', ACTIVITYPUB_ICON_URL: 'https://news.example.org/logo.png' })).toMatchObject({
      activityPubHandle: 'coalition_news',
      activityPubIcon: 'https://news.example.org/logo.png',
    });
    expect(() => loadConfig({ ...base, ACTIVITYPUB_HANDLE: 'News!' })).toThrow('ACTIVITYPUB_HANDLE: must be lowercase letters, digits and _');
    expect(loadConfig({ ...base, ACTIVITYPUB_LANGUAGE_ACTORS: 'fr, es' }).activityPubLanguages).toEqual(['fr', 'es']);
    expect(() => loadConfig({ ...base, ACTIVITYPUB_LANGUAGE_ACTORS: 'fr,French' })).toThrow('ACTIVITYPUB_LANGUAGE_ACTORS: French is not a BCP 47 language tag');
  });

  it('reads the redirects KeyValueStore ARN and names a malformed one', () => {
    const arn = 'arn:aws:cloudfront::123456789012:key-value-store/0f1e2d3c-aaaa-bbbb-cccc-123456789abc';
    expect(loadConfig({ ...base, REDIRECTS_KVS_ARN: arn }).redirectsKvsArn).toBe(arn);
    expect(() => loadConfig({ ...base, REDIRECTS_KVS_ARN: 'arn:aws:s3:::bucket' })).toThrow('REDIRECTS_KVS_ARN: must be a CloudFront KeyValueStore ARN');
  });

  it('reads every variable it is given', () => {
    const config = loadConfig({
      ...base,
      SITE_TITLE: 'Cluster Munition Coalition',
      SITE_LANGUAGE: 'fr',
      FEED_PAGE_SIZE: '20',
      ADMIN_TOKEN_SHA256: 'a'.repeat(64),
      WEBSUB_HUBS: 'https://hub.example.net/, https://pubsubhubbub.appspot.com',
      HERALD_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
    });
    expect(config).toMatchObject({
      siteTitle: 'Cluster Munition Coalition',
      siteLanguage: 'fr',
      feedPageSize: 20,
      adminTokenSha256: 'a'.repeat(64),
      hubs: ['https://hub.example.net/', 'https://pubsubhubbub.appspot.com'],
      dynamoEndpoint: 'http://127.0.0.1:8000',
    });
  });

  it('treats an empty variable (a blank CloudFormation parameter) as unset', () => {
    expect(loadConfig({ ...base, ADMIN_TOKEN_SHA256: '', WEBSUB_HUBS: '' })).toMatchObject({ adminTokenSha256: undefined, hubs: [] });
  });

  it('names every bad variable in one error', () => {
    const bad = { BUCKET_NAME: 'site', SITE_URL: 'ftp://x', FEED_PAGE_SIZE: '0', SITE_LANGUAGE: 'English', WEBSUB_HUBS: 'javascript:alert(1)', ADMIN_TOKEN_SHA256: 'xyz' };
    let error: unknown;
    try {
      loadConfig(bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['TABLE_NAME', 'SITE_URL', 'FEED_PAGE_SIZE', 'SITE_LANGUAGE', 'WEBSUB_HUBS', 'ADMIN_TOKEN_SHA256']) {
      expect(message).toContain(`${name}:`);
    }
    expect(message).not.toContain('BUCKET_NAME');
  });
});

describe('loadAuthConfig', () => {
  it('needs only the table name, and checks the bootstrap hash', () => {
    expect(loadAuthConfig({ TABLE_NAME: 't' })).toEqual({ tableName: 't', adminTokenSha256: undefined, region: 'us-east-1', dynamoEndpoint: undefined });
    expect(() => loadAuthConfig({ TABLE_NAME: 't', ADMIN_TOKEN_SHA256: 'nothex' })).toThrow('ADMIN_TOKEN_SHA256: must be 64 lowercase hex digits');
    expect(() => loadAuthConfig({})).toThrow('TABLE_NAME: is required');
  });

  it('reads the SSM parameter names of the bootstrap hash and the origin secret, and refuses both hash sources at once', () => {
    const cloud = { TABLE_NAME: 't', ADMIN_TOKEN_PARAMETER: '/herald/admin-token-sha256', ORIGIN_SECRET_PARAMETER: '/aws/reference/secretsmanager/herald-origin-AbC' };

    expect(loadAuthConfig(cloud)).toMatchObject({
      adminTokenSha256: undefined,
      adminTokenParameter: '/herald/admin-token-sha256',
      originSecretParameter: '/aws/reference/secretsmanager/herald-origin-AbC',
    });
    expect(() => loadAuthConfig({ ...cloud, ADMIN_TOKEN_PARAMETER: 'no-leading-slash' })).toThrow('ADMIN_TOKEN_PARAMETER: must be an SSM parameter name');
    expect(() => loadAuthConfig({ ...cloud, ADMIN_TOKEN_SHA256: 'a'.repeat(64) })).toThrow('ADMIN_TOKEN_PARAMETER: set either it or ADMIN_TOKEN_SHA256');
  });
});
