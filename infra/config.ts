import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Node } from 'constructs';
import * as z from 'zod';
import { trimTrailingSlashes } from '../shared/http/path';

const https = (what: string) =>
  z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: `must be an https URL (${what})` });

const origin = https('a browser origin such as https://admin.example.org').refine(
  (u) => new URL(u).origin === u,
  'must be a bare origin: scheme and host, no path or trailing slash',
);

const hub = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL of a WebSub hub' })
  .refine((u) => !u.includes(','), 'must not contain a comma (hubs reach the functions comma-separated)');

/** The stack's settings: cdk.json context `herald`, optionally overlaid by `-c heraldConfig=file.json`. */
export const HeraldConfigSchema = z
  .strictObject({
    siteTitle: z.string().trim().min(1).max(200),
    siteDescription: z.string().trim().max(1000).default('Announcements'),
    siteUrl: https('the public base URL written into feeds').transform(trimTrailingSlashes),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or fr-CH'))
      .min(1)
      .default(['en']),
    feedPageSize: z.number().int().min(1).max(500).default(50),
    hubs: z.array(hub).default([]),
    /** Hosts besides siteUrl's on which an announcement's canonicalUrl may point (the organisation's other sites). */
    canonicalHosts: z.array(z.string().regex(z.regexes.domain, 'must be a host name such as www.example.org')).default([]),
    adminOrigins: z.array(origin).default([]),
    /** The fediverse handle: @{activityPubHandle}@{siteUrl host}. */
    activityPubHandle: z.string().regex(/^[a-z0-9_]{1,30}$/, 'must be lowercase letters, digits and _ (1 to 30), such as news').default('news'),
    /** Each of `languages` also gets an actor of its own, @{activityPubHandle}-{language}. */
    activityPubLanguageActors: z.boolean().default(false),
    /** The actor's avatar, an https URL (the coalition's logo). */
    activityPubIconUrl: https('the fediverse avatar URL').optional(),
    domainName: z.string().regex(z.regexes.domain, 'must be a host name such as news.example.org').optional(),
    certificateArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/, 'must be an ACM certificate ARN in us-east-1 (CloudFront)')
      .optional(),
    deletionProtection: z.boolean().default(true),
    bucketVersioning: z.boolean().default(true),
    /** `production` (the default) demands what a public deployment needs: alarms that notify, and the WAF. */
    stage: z.enum(['production', 'development'], { error: 'must be production or development' }).default('production'),
    alarmTopicArn: z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/, 'must be an SNS topic ARN').optional(),
    /** The CLOUDFRONT-scope web ACL (stack HeraldEdge, us-east-1, output WebAclArn) attached to the distribution. */
    webAclArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/, 'must be a global (CLOUDFRONT) WAFv2 web ACL ARN in us-east-1')
      .optional(),
    /** SSM SecureString holding the sha256 (hex) of the bootstrap admin token; read by the functions at cold start. */
    adminTokenParameter: z
      .string()
      .regex(/^(\/[A-Za-z0-9_.-]+)+$/, 'must be an SSM parameter name such as /herald/admin-token-sha256')
      .refine((n) => !/^\/(aws|ssm)\//i.test(n), 'must not be under /aws/ or /ssm/ (reserved by AWS)')
      .default('/herald/admin-token-sha256'),
    env: z
      .strictObject({
        account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
        region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1'),
      })
      .optional(),
  })
  .superRefine((c, ctx) => {
    const problem = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if ((c.domainName === undefined) !== (c.certificateArn === undefined)) {
      problem(c.domainName === undefined ? 'domainName' : 'certificateArn', 'domainName and certificateArn must be set together');
    }
    // Feeds name their items with siteUrl: unless that is the distribution's own host, the
    // distribution must answer for it (an alias and a certificate), or every link is dead.
    const host = URL.canParse(c.siteUrl) ? new URL(c.siteUrl).hostname : undefined;
    if (host !== undefined && !host.endsWith('.cloudfront.net')) {
      if (c.domainName === undefined) problem('domainName', `is required when siteUrl's host (${host}) is not the distribution's own *.cloudfront.net host`);
      else if (c.domainName !== host) problem('domainName', `must equal siteUrl's host (${host})`);
    }
    if (c.stage === 'production') {
      if (c.alarmTopicArn === undefined) problem('alarmTopicArn', 'is required for a production deploy (stage "production"): alarms must notify someone');
      if (c.webAclArn === undefined) {
        problem('webAclArn', 'is required for a production deploy (stage "production"): deploy stack HeraldEdge and use its output WebAclArn');
      }
    }
  });

/** Validated stack configuration; every field has its final type and default. */
export type HeraldConfig = z.output<typeof HeraldConfigSchema>;

/** Thrown when the stack configuration is invalid; the message names every bad field. */
export class HeraldConfigError extends Error {
  override readonly name = 'HeraldConfigError';
}

/** Parses raw configuration once, failing with `field: problem` for each invalid field. */
export function parseHeraldConfig(raw: unknown, source = 'cdk.json context "herald"'): HeraldConfig {
  const parsed = HeraldConfigSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const problems = new Set(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  throw new HeraldConfigError(`invalid Herald configuration in ${source}: ${[...problems].join('; ')}`);
}

/** Reads context `herald`, overlays the JSON file named by context `heraldConfig`, and validates. */
export function loadHeraldConfig(node: Node): HeraldConfig {
  const fromContext: unknown = node.tryGetContext('herald') ?? {};
  const file: unknown = node.tryGetContext('heraldConfig');
  if (file === undefined) return parseHeraldConfig(fromContext);
  if (typeof file !== 'string' || file === '') throw new HeraldConfigError('context heraldConfig must be a file path');
  let overlay: unknown;
  try {
    overlay = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (e) {
    throw new HeraldConfigError(`cannot read heraldConfig file ${file}: ${(e as Error).message}`);
  }
  if (typeof fromContext !== 'object' || typeof overlay !== 'object') {
    throw new HeraldConfigError('context herald and the heraldConfig file must both be JSON objects');
  }
  return parseHeraldConfig({ ...fromContext, ...overlay }, `cdk.json context "herald" + ${file}`);
}
