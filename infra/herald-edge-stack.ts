import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** Requests one client IP may make in any 5-minute window before WAF blocks it. */
export const RATE_LIMITS = {
  /** The admin API: editors post a few announcements; anything like this is a script. */
  api: 300,
  /** Everything: feeds and pages are static and cached, readers poll them every few minutes. */
  site: 3000,
} as const;

/**
 * The parts of Herald that CloudFront needs in us-east-1: a CLOUDFRONT-scope WAF web
 * ACL with per-client (per-IP) rate-based rules. Deployed first and on its own
 * (`npx cdk deploy HeraldEdge`); its output WebAclArn goes into the `webAclArn`
 * setting of the main stack, which attaches it to the distribution. An ARN setting,
 * not crossRegionReferences: those add custom-resource Lambdas to both stacks.
 */
export class HeraldEdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const perIp = (name: string, priority: number, limit: number, scopeDown?: CfnWebACL.StatementProperty): CfnWebACL.RuleProperty => ({
      name,
      priority,
      action: { block: {} },
      statement: {
        rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300, ...(scopeDown ? { scopeDownStatement: scopeDown } : {}) },
      },
      visibilityConfig: visibility(name),
    });
    const apiPaths: CfnWebACL.StatementProperty = {
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: '/api/',
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    };
    this.webAcl = new CfnWebACL(this, 'RateLimit', {
      name: `${this.stackName}-rate-limit`,
      description: 'Herald: per-client rate limits in front of the CloudFront distribution',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('HeraldWebAcl'),
      rules: [perIp('ApiRatePerIp', 0, RATE_LIMITS.api, apiPaths), perIp('SiteRatePerIp', 1, RATE_LIMITS.site)],
    });
    new CfnOutput(this, 'WebAclArn', {
      value: this.webAcl.attrArn,
      description: 'Set as webAclArn in the Herald settings (cdk.json context herald) to attach it to the distribution',
    });
  }
}
