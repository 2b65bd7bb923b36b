import {
  aws_certificatemanager as acm,
  aws_apigatewayv2 as apigw,
  CfnOutput,
  type aws_kms as kms,
  type aws_lambda as lambda,
  aws_logs as logs,
  RemovalPolicy,
  Validations,
} from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import type { ApiDefinition, HttpRoute } from '../platform/types.ts';
import { leaveOutOfLogicalIds } from './logical-ids.ts';
import { pascal } from './names.ts';
import { validateProps } from './validation.ts';

/** A declared route (infra/platform/types.ts) and the function that answers it. */
export interface ApiRoute extends HttpRoute {
  /** The function's key in the declaration: it names the integration. */
  readonly functionName: string;
  readonly function: lambda.IFunction;
}

export interface ApiProps {
  /** Shown in the console. Default: none. */
  readonly description?: string;
  /** The stage's throttle: steady requests per second and burst. */
  readonly throttle: ApiDefinition['throttle'];
  /** The routes, each integrated with its function. Default: none. */
  readonly routes?: ApiRoute[];
  /** Routes declared with `authorizer: 'admin'` get a JWT authorizer from this issuer. Default: none, the handler checks the adminToken secret. */
  readonly adminJwt?: { issuer: string; audience: string[] };
  /** Refuse to build admin routes without `adminJwt` (production). Default: false, the handler's token check is enough. */
  readonly requireAdminJwt?: boolean;
  /** A custom domain for the API, with an ACM certificate (imported by ARN, or requested and validated by DNS). Default: none. */
  readonly customDomain?: { domainName: string; certificateArn?: string };
  /** Encrypts the access log group. Default: CloudWatch Logs' own encryption. */
  readonly logsKey?: kms.IKey;
}

/**
 * The public HTTP API: its `$default` stage, throttled, with JSON access logs (no query string or
 * body) in a retained log group, and a route per declared `http` entry.
 */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly accessLogs: logs.LogGroup;
  readonly domainName?: apigw.DomainName;
  /** https://<custom domain> when one is configured, else the API's own endpoint. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    leaveOutOfLogicalIds(this);
    validateProps(this, [
      {
        condition: props.throttle.rateLimitPerSecond > 0,
        message: `throttle.rateLimitPerSecond: ${props.throttle.rateLimitPerSecond} must be above 0`,
      },
      {
        condition: Number.isInteger(props.throttle.burstLimit) && props.throttle.burstLimit >= 0,
        message: `throttle.burstLimit: ${props.throttle.burstLimit} must be a whole number from 0`,
      },
      {
        condition: props.adminJwt === undefined || props.adminJwt.audience.length > 0,
        message: 'adminJwt.audience: empty; a JWT authorizer needs at least one audience',
      },
      {
        condition:
          !props.requireAdminJwt ||
          props.adminJwt !== undefined ||
          !(props.routes ?? []).some((route) => route.authorizer === 'admin'),
        message:
          'adminJwt: required for the admin routes here (production); the static admin token is for local and staging only',
      },
    ]);
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: props.description,
      createDefaultStage: true,
    });
    this.accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
      encryptionKey: props.logsKey,
    });
    const stage = this.httpApi.defaultStage!.node.defaultChild as apigw.CfnStage;
    stage.defaultRouteSettings = {
      throttlingRateLimit: props.throttle.rateLimitPerSecond,
      throttlingBurstLimit: props.throttle.burstLimit,
    };
    // Each route's own throttle (RouteSettings, keyed by route key), below the stage's.
    const routeSettings = Object.fromEntries(
      (props.routes ?? [])
        .filter((route) => route.throttle)
        .map((route) => [
          `${route.method} ${route.path}`,
          {
            ThrottlingRateLimit: route.throttle!.rateLimitPerSecond,
            ThrottlingBurstLimit: route.throttle!.burstLimit,
          },
        ]),
    );
    if (Object.keys(routeSettings).length > 0) stage.routeSettings = routeSettings;
    stage.accessLogSettings = {
      destinationArn: this.accessLogs.logGroupArn,
      // No query string or body: they can carry complainants' details.
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        requestTime: '$context.requestTime',
        routeKey: '$context.routeKey',
        status: '$context.status',
        responseLength: '$context.responseLength',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    };

    this.url = this.httpApi.apiEndpoint;
    if (props.customDomain) {
      const { domainName, certificateArn } = props.customDomain;
      const certificate = certificateArn
        ? acm.Certificate.fromCertificateArn(this, 'ApiCertificate', certificateArn)
        : new acm.Certificate(this, 'ApiCertificate', {
            domainName,
            validation: acm.CertificateValidation.fromDns(),
          });
      this.domainName = new apigw.DomainName(this, 'ApiDomainName', {
        domainName,
        certificate,
        securityPolicy: apigw.SecurityPolicy.TLS_1_2,
      });
      new apigw.ApiMapping(this, 'ApiDomainMapping', {
        api: this.httpApi,
        domainName: this.domainName,
        stage: this.httpApi.defaultStage,
      });
      this.url = `https://${domainName}`;
      new CfnOutput(this, 'ApiDomainTarget', {
        description: `DNS: point ${domainName} (CNAME) at this regional API Gateway domain`,
        value: this.domainName.regionalDomainName,
      });
    }

    const adminAuthorizer = props.adminJwt
      ? new HttpJwtAuthorizer('AdminJwtAuthorizer', props.adminJwt.issuer, {
          jwtAudience: props.adminJwt.audience,
        })
      : undefined;
    for (const route of props.routes ?? []) {
      const authorizer = route.authorizer === 'admin' ? adminAuthorizer : undefined;
      const created = this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(
          `${pascal(route.functionName)}${route.method}${route.path}`,
          route.function,
        ),
        ...(authorizer ? { authorizer } : {}),
      });
      if (authorizer) continue;
      for (const httpRoute of created) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason: PUBLIC_ROUTE_REASON,
        });
      }
    }
  }
}

const PUBLIC_ROUTE_REASON =
  'Public by design: citizens file and track complaints without accounts (a tracking secret guards each reference), officers act through signed, expiring links verified in the handler, and admin routes check their own token.';
