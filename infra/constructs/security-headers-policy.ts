import { Duration } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import type { SecurityHeaderSet } from '../../shared/http/security-headers';

const REFERRER: Record<SecurityHeaderSet['referrerPolicy'], HeadersReferrerPolicy> = {
  'strict-origin-when-cross-origin': HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
  'no-referrer': HeadersReferrerPolicy.NO_REFERRER,
};

/**
 * A CloudFront response-headers policy built from one of the sets in
 * shared/http/security-headers.ts (the local runtime sends the same set), every
 * header overriding whatever the origin sent.
 */
export function securityHeadersPolicy(scope: Construct, id: string, comment: string, set: SecurityHeaderSet): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, id, {
    comment,
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: set.contentSecurityPolicy, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(set.hstsMaxAgeSeconds),
        includeSubdomains: set.hstsIncludeSubdomains,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption[set.frameOptions], override: true },
      referrerPolicy: { referrerPolicy: REFERRER[set.referrerPolicy], override: true },
    },
  });
}
