import { Duration } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import type { CorsRule } from '../../shared/http/cors';
import type { SecurityHeaderSet } from '../../shared/http/security-headers';

const REFERRER: Record<SecurityHeaderSet['referrerPolicy'], HeadersReferrerPolicy> = {
  'strict-origin-when-cross-origin': HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
  'no-referrer': HeadersReferrerPolicy.NO_REFERRER,
};

/**
 * A CloudFront response-headers policy built from one of the sets in
 * shared/http/security-headers.ts (the local runtime sends the same set), every
 * header overriding whatever the origin sent. With `cors` (shared/http/cors.ts),
 * the CORS headers too: CloudFront adds them to CORS requests' answers; the
 * preflight itself is answered by the edge function (infra/edge/directory-index.js).
 */
export function securityHeadersPolicy(scope: Construct, id: string, comment: string, set: SecurityHeaderSet, cors?: CorsRule): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, id, {
    comment,
    ...(cors
      ? {
          corsBehavior: {
            accessControlAllowOrigins: [cors.allowOrigin],
            accessControlAllowMethods: [...cors.allowMethods],
            accessControlAllowHeaders: [...cors.allowHeaders],
            accessControlExposeHeaders: [...cors.exposeHeaders],
            accessControlAllowCredentials: cors.allowCredentials,
            accessControlMaxAge: Duration.seconds(cors.maxAgeSeconds),
            originOverride: true,
          },
        }
      : {}),
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: set.contentSecurityPolicy, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(set.hstsMaxAgeSeconds),
        includeSubdomains: set.hstsIncludeSubdomains,
        override: true,
      },
      contentTypeOptions: { override: true },
      ...(set.frameOptions ? { frameOptions: { frameOption: HeadersFrameOption[set.frameOptions], override: true } } : {}),
      referrerPolicy: { referrerPolicy: REFERRER[set.referrerPolicy], override: true },
    },
  });
}
