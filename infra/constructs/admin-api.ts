import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ORIGIN_HEADER } from '../../shared/http/origin-header';

/** One route as infra/functions.ts declares it: routes without `publicBecause` pass the authorizer. */
export interface AdminApiRoute {
  readonly method: keyof typeof HttpMethod;
  readonly path: string;
  readonly handler: IFunction;
  readonly throttle: { readonly rate: number; readonly burst: number };
  /** Undefined: through the authorizer; a string: public, for this reason (cdk-nag APIG4). */
  readonly publicBecause?: string;
}

/** Props of the admin API: its two functions and the browser origins allowed to call it. */
export interface AdminApiProps {
  readonly handler: IFunction;
  readonly authorizer: IFunction;
  /** The declared routes (infra/functions.ts); without them, `ANY /api/{proxy+}` and `GET /api/health` to `handler`. */
  readonly routes?: readonly AdminApiRoute[];
  /** Empty: no CORS at all (the admin UI is served from the same CloudFront origin). */
  readonly adminOrigins: readonly string[];
}

/**
 * The HTTP API behind `/api/*`: every route goes through the Lambda authorizer except
 * `GET /api/health`; the `$default` stage is throttled and writes JSON access logs.
 */
export class AdminApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: AdminApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Herald admin API',
      createDefaultStage: false,
      ...(props.adminOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...props.adminOrigins],
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
              allowHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match', 'idempotency-key', 'x-herald-csrf'],
              exposeHeaders: ['etag', 'location'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            // The route template, never the path: GET /review/{token} carries a live review link's secret.
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            subject: '$context.authorizer.subject',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const routes: readonly AdminApiRoute[] = props.routes ?? [
      { method: 'ANY', path: '/api/{proxy+}', handler: props.handler, throttle: { rate: 50, burst: 100 } },
      {
        method: 'GET',
        path: '/api/health',
        handler: props.handler,
        throttle: { rate: 5, burst: 10 },
        publicBecause: 'GET /api/health is the public liveness probe of the design; it answers {"status":"ok"} and reads no data.',
      },
    ];
    // Per-route limits under the stage's: the public probe gets little, writes the stage's share.
    // RouteSettings is untyped JSON in the L1, so it takes CloudFormation's own key names.
    (this.stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      routes.map((r) => [`${r.method} ${r.path}`, { ThrottlingRateLimit: r.throttle.rate, ThrottlingBurstLimit: r.throttle.burst }]),
    );

    const authorizer = new HttpLambdaAuthorizer('TokenAuthorizer', props.authorizer, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      // Only the origin header (CloudFront adds it to every request) is required: a browser
      // sends a session cookie and no Authorization, and API Gateway answers 401 without
      // calling the authorizer when an identity source is missing. The authorizer then checks
      // the origin secret and a Bearer token or the session cookie (with the CSRF rule).
      identitySource: [`$request.header.${ORIGIN_HEADER}`],
      // No cache: a revoked token must fail on its next request, not minutes later.
      resultsCacheTtl: Duration.seconds(0),
    });
    // One integration per function; the first keeps the id 'Admin'.
    const integrations = new Map<IFunction, HttpLambdaIntegration>();
    for (const route of routes) {
      let integration = integrations.get(route.handler);
      if (!integration) integrations.set(route.handler, (integration = new HttpLambdaIntegration(integrations.size ? `Fn${integrations.size}` : 'Admin', route.handler)));
      const reason = route.publicBecause;
      const methods = [HttpMethod[route.method]];
      const [added] = this.api.addRoutes({ path: route.path, methods, integration, ...(reason === undefined ? { authorizer } : {}) });
      if (added === undefined) throw new Error(`${route.method} ${route.path} was not created`);
      if (reason !== undefined) Validations.of(added).acknowledge({ id: 'AwsSolutions-APIG4', reason });
    }
  }
}
