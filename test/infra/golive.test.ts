import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { cdkJsonEnvironments, DeploymentError, resolveDeployment } from '../../infra/deployment.ts';
import type { Platform } from '../../infra/platform/types.ts';
import { PlatformError, validatePlatform } from '../../infra/platform/validate.ts';
import { platform } from '../../infra/platform.ts';
import { NivaranStack } from '../../infra/stack.ts';
import { appWithoutBundling, PRODUCTION_CONTEXT, richPlatform } from './fixtures.ts';
import {
  actionsOn,
  allowedActions,
  asArray,
  functionStatements,
  getAtt,
  logicalIdOf,
  mentions,
  ofType,
  type PolicyStatement,
  type Resources,
} from './template.ts';

/** Issue 17, items 1, 2, 4, 5 and 6: each point asserted on the synthesized template. */

const build = (context: Record<string, unknown> = {}, declaration?: Platform) => {
  const { stack, deployment } = buildApp(appWithoutBundling(undefined, context), {
    ...(declaration ? { platform: declaration } : {}),
  });
  const template = Template.fromStack(stack);
  return { stack, deployment, template, resources: template.toJSON().Resources as Resources };
};

const keyStatements = (resources: Resources, keyId: string): PolicyStatement[] =>
  asArray((resources[keyId]!.Properties!.KeyPolicy as { Statement: PolicyStatement[] }).Statement);
const servicePrincipal = (statement: PolicyStatement): string[] =>
  asArray((statement.Principal as { Service?: string | string[] } | undefined)?.Service);

describe('2. India only', () => {
  const saved = process.env.CDK_DEFAULT_REGION;
  afterEach(() => {
    if (saved === undefined) delete process.env.CDK_DEFAULT_REGION;
    else process.env.CDK_DEFAULT_REGION = saved;
  });

  it('targets ap-south-1 without -c region, even when the CDK CLI sets CDK_DEFAULT_REGION=us-east-1', () => {
    process.env.CDK_DEFAULT_REGION = 'us-east-1';
    const { stack, deployment } = build();
    expect(stack.region).toBe('ap-south-1');
    expect(deployment.name).toBe('staging');
  });

  it('takes ap-south-2 from -c region', () => {
    expect(build({ region: 'ap-south-2' }).stack.region).toBe('ap-south-2');
  });

  it.each(['us-east-1', 'eu-west-1', 'ap-southeast-1'])(
    'refuses -c region=%s with a clear error',
    (region) => {
      expect(() => buildApp(appWithoutBundling(undefined, { region }))).toThrow(DeploymentError);
      expect(() => buildApp(appWithoutBundling(undefined, { region }))).toThrow(
        new RegExp(`region ${region}: Nivaran deploys only to India \\(ap-south-1 or ap-south-2\\)`),
      );
    },
  );

  it('refuses a stack given another region directly', () => {
    expect(() => new NivaranStack(new App(), 'S', { platform, env: { region: 'us-east-1' } })).toThrow(
      /only to India/,
    );
  });
});

describe('6. per-environment configuration', () => {
  it('keeps staging and production in cdk.json, each in an Indian region', () => {
    const environments = cdkJsonEnvironments() as Record<string, { region?: string }>;
    expect(Object.keys(environments).sort()).toEqual(['production', 'staging']);
    for (const env of Object.values(environments)) expect(['ap-south-1', 'ap-south-2']).toContain(env.region);
  });

  it('refuses cdk.json production as committed, naming every placeholder', () => {
    let message = '';
    try {
      resolveDeployment((key) => ({ env: 'production' })[key]);
    } catch (error) {
      expect(error).toBeInstanceOf(DeploymentError);
      message = (error as Error).message;
    }
    for (const expected of [
      'smsDltEntityId: 1001000000000000000',
      'smsDltTemplateIds: not set',
      'smsOriginationIdentity',
      'senderEmail: no-reply@example.gov.in is a placeholder',
      'publicBaseUrl: not set and no customDomain',
      'alarms would reach nobody',
      'adminJwtIssuer / adminJwtAudience',
    ]) {
      expect(message).toContain(expected);
    }
  });

  it.each([
    ['smsDltEntityId', '1001000000000000000', /smsDltEntityId/],
    [
      'smsDltTemplateIds',
      'acknowledgement-hi=1007000000000000001',
      /smsDltTemplateIds: holds placeholder ids/,
    ],
    ['senderEmail', 'no-reply@example.gov.in', /senderEmail/],
    ['senderEmail', 'igrs@igrs.example.org', /senderEmail/],
    ['publicBaseUrl', 'https://igrs.example.gov.in', /publicBaseUrl/],
    ['publicBaseUrl', 'http://igrs.uppolice.gov.in', /publicBaseUrl/],
    ['alarmEmail', '', /alarms would reach nobody/],
    ['adminJwtIssuer', '', /adminJwtIssuer/],
    ['smsOriginationIdentity', 'UPPIGR', /smsOriginationIdentity/],
  ])('refuses production with %s=%s', (key, value, expected) => {
    const context: Record<string, unknown> = { ...PRODUCTION_CONTEXT, [key]: value };
    if (key === 'alarmEmail') context.alarmHttpsEndpoint = '';
    if (key === 'publicBaseUrl') context.customDomain = undefined;
    expect(() => buildApp(appWithoutBundling(undefined, context))).toThrow(expected);
  });

  it('refuses an environment cdk.json does not define', () => {
    expect(() => resolveDeployment((key) => ({ env: 'prod' })[key])).toThrow(/no such environment/);
  });

  it('takes lists as comma-separated strings or JSON arrays, and tags resources with the environment', () => {
    const { template } = build({
      ...PRODUCTION_CONTEXT,
      alarmEmail: ['a@uppolice.gov.in', 'b@uppolice.gov.in'],
      adminJwtAudience: 'one, two',
    });
    template.resourceCountIs('AWS::SNS::Subscription', 3);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Audience: ['one', 'two'] },
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      Tags: [{ Key: 'nivaran:environment', Value: 'production' }],
    });
  });

  it('synthesizes production once every setting is real', () => {
    const { deployment, stack } = build(PRODUCTION_CONTEXT);
    expect(deployment.production).toBe(true);
    expect(stack.region).toBe('ap-south-1');
  });
});

describe('1. alarms that notify', () => {
  const { stack, resources, template } = build(PRODUCTION_CONTEXT);
  const topicId = logicalIdOf(stack, stack.alarmTopic.topic);
  const alarmKeyId = logicalIdOf(stack, stack.alarmTopic.key);
  const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').map(([id, a]) => [id, a.Properties!] as const);

  it('encrypts the topic with a customer-managed key that CloudWatch may use', () => {
    expect(resources[topicId]!.Properties!.KmsMasterKeyId).toEqual(getAtt(alarmKeyId, 'Arn'));
    expect(JSON.stringify(resources[topicId]!.Properties)).not.toContain('alias/aws/sns');
    expect(resources[alarmKeyId]!.Properties!.EnableKeyRotation).toBe(true);
    const cloudwatch = keyStatements(resources, alarmKeyId).find((s) =>
      servicePrincipal(s).includes('cloudwatch.amazonaws.com'),
    );
    expect(cloudwatch).toBeDefined();
    expect(asArray(cloudwatch!.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
  });

  it("lets CloudWatch publish in the topic's policy", () => {
    const statements = ofType(resources, 'AWS::SNS::TopicPolicy')
      .filter(([, p]) => mentions(p.Properties?.Topics, topicId))
      .flatMap(([, p]) =>
        asArray((p.Properties!.PolicyDocument as { Statement: PolicyStatement[] }).Statement),
      );
    const publish = statements.find(
      (s) => s.Effect === 'Allow' && servicePrincipal(s).includes('cloudwatch.amazonaws.com'),
    );
    expect(publish).toBeDefined();
    expect(asArray(publish!.Action)).toEqual(['sns:Publish']);
  });

  it('subscribes the configured email and HTTPS endpoint, and outputs the topic ARN', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: PRODUCTION_CONTEXT.alarmEmail,
      TopicArn: { Ref: topicId },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'https',
      Endpoint: PRODUCTION_CONTEXT.alarmHttpsEndpoint,
      TopicArn: { Ref: topicId },
    });
    const outputs = Object.values(template.toJSON().Outputs as Record<string, { Value: unknown }>);
    expect(outputs.some((o) => JSON.stringify(o.Value) === JSON.stringify({ Ref: topicId }))).toBe(true);
  });

  it('alarms on DynamoDB throttles of every table', () => {
    for (const name of Object.keys(stack.tables)) {
      const tableId = logicalIdOf(stack, stack.tables[name]!);
      const found = alarms.filter(([, a]) => {
        const metrics = (a.Metrics ?? []) as {
          MetricStat?: { Metric: { MetricName: string; Dimensions: unknown } };
        }[];
        const names = metrics.map((m) => m.MetricStat?.Metric.MetricName).filter(Boolean);
        return (
          names.includes('ReadThrottleEvents') &&
          names.includes('WriteThrottleEvents') &&
          metrics.every((m) => !m.MetricStat || mentions(m.MetricStat.Metric.Dimensions, tableId))
        );
      });
      expect(found, name).toHaveLength(1);
      expect(found[0]![1]).toMatchObject({ Threshold: 0, AlarmActions: [{ Ref: topicId }] });
    }
  });

  it.each([
    ['Reputation.BounceRate', 0.05],
    ['Reputation.ComplaintRate', 0.001],
  ])('alarms on the SES %s at the review level', (metricName, threshold) => {
    const found = alarms.filter(([, a]) => a.Namespace === 'AWS/SES' && a.MetricName === metricName);
    expect(found).toHaveLength(1);
    expect(found[0]![1]).toMatchObject({
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: topicId }],
    });
  });

  it("alarms on the month's SMS spend (AWS End User Messaging SMS)", () => {
    const found = alarms.filter(
      ([, a]) => a.Namespace === 'AWS/SMSVoice' && a.MetricName === 'TextMessageMonthlySpend',
    );
    expect(found).toHaveLength(1);
    expect(found[0]![1]).toMatchObject({
      Statistic: 'Maximum',
      Threshold: 500,
      AlarmActions: [{ Ref: topicId }],
    });
  });

  it('still alarms on every function’s errors and throttles, API 5xx and every queue’s oldest message', () => {
    const names = (namespace: string) =>
      alarms.filter(([, a]) => a.Namespace === namespace).map(([, a]) => a.MetricName);
    const fnCount = Object.keys(platform.functions).length;
    expect(names('AWS/Lambda').filter((n) => n === 'Errors')).toHaveLength(fnCount);
    expect(names('AWS/Lambda').filter((n) => n === 'Throttles')).toHaveLength(fnCount);
    expect(names('AWS/ApiGateway')).toEqual(['5xx']);
    expect(names('AWS/SQS').filter((n) => n === 'ApproximateAgeOfOldestMessage')).toHaveLength(
      Object.keys(platform.queues).length,
    );
  });
});

describe.each([
  ['the real platform', platform],
  ['the richer test platform', richPlatform],
])('4. failures seen, on %s', (_label, declaration) => {
  const { stack, resources, template } = build({}, declaration);
  const fnId = (name: string) => logicalIdOf(stack, stack.functions[name]!);

  it('gives every scheduled function an on-failure queue, alarmed to the topic', () => {
    const scheduled = new Set(Object.values(declaration.schedules).map((s) => s.function));
    expect(Object.keys(stack.failedRuns).sort()).toEqual([...scheduled].sort());
    const topicId = logicalIdOf(stack, stack.alarmTopic.topic);
    for (const name of scheduled) {
      const queueId = logicalIdOf(stack, stack.failedRuns[name]!.queue);
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: fnId(name) },
        Qualifier: '$LATEST',
        DestinationConfig: { OnFailure: { Destination: getAtt(queueId, 'Arn') } },
      });
      const alarm = ofType(resources, 'AWS::CloudWatch::Alarm').find(
        ([, a]) =>
          a.Properties?.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          mentions(a.Properties?.Dimensions, queueId),
      );
      expect(alarm, `${name} failed-runs alarm`).toBeDefined();
      expect(alarm![1].Properties).toMatchObject({ Threshold: 0, AlarmActions: [{ Ref: topicId }] });
    }
  });

  it('sets every consumed queue’s visibility timeout to at least 6x its consumer’s timeout', () => {
    for (const [name, def] of Object.entries(declaration.queues)) {
      if (!def.consumer) continue;
      const visibility =
        resources[logicalIdOf(stack, stack.queues[name]!.queue)]!.Properties!.VisibilityTimeout;
      const timeout = resources[fnId(def.consumer)]!.Properties!.Timeout as number;
      expect(visibility, name).toBeGreaterThanOrEqual(6 * timeout);
    }
  });

  it('caps the notifier’s event source mapping and reserves its concurrency', () => {
    const notifications = declaration.queues.notifications!;
    const queueId = logicalIdOf(stack, stack.queues.notifications!.queue);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: getAtt(queueId, 'Arn'),
      ScalingConfig: { MaximumConcurrency: notifications.maxConcurrency },
    });
    expect(resources[fnId('notifier')]!.Properties!.ReservedConcurrentExecutions).toBe(
      declaration.functions.notifier!.reservedConcurrency,
    );
    // Reserved concurrency at least the mapping's cap, so the cap, not Lambda, throttles.
    expect(declaration.functions.notifier!.reservedConcurrency).toBeGreaterThanOrEqual(
      notifications.maxConcurrency!,
    );
  });
});

describe('4. the platform validation', () => {
  const withQueue = (patch: Partial<Platform['queues'][string]>): Platform => ({
    ...platform,
    queues: { ...platform.queues, routing: { ...platform.queues.routing!, ...patch } },
  });

  it('refuses a visibility timeout below 6x its consumer’s timeout', () => {
    expect(() => validatePlatform(withQueue({ visibilityTimeoutSeconds: 179 }))).toThrow(PlatformError);
    expect(() => validatePlatform(withQueue({ visibilityTimeoutSeconds: 179 }))).toThrow(
      /queues\.routing\.visibilityTimeoutSeconds: 179 is below 6 x its consumer's timeout 30 \(180\)/,
    );
    expect(() => validatePlatform(withQueue({ visibilityTimeoutSeconds: 180 }))).not.toThrow();
  });

  it('refuses a maxConcurrency Lambda does not accept', () => {
    expect(() => validatePlatform(withQueue({ maxConcurrency: 1 }))).toThrow(
      /maxConcurrency: 1 is outside Lambda's 2-1000/,
    );
  });

  it('refuses a route throttle above the stage’s', () => {
    const bad: Platform = {
      ...platform,
      functions: {
        ...platform.functions,
        health: {
          ...platform.functions.health!,
          http: [{ method: 'GET', path: '/health', throttle: { rateLimitPerSecond: 1000, burstLimit: 10 } }],
        },
      },
    };
    expect(() => validatePlatform(bad)).toThrow(/route 'GET \/health' throttle/);
  });
});

describe('5. access and keys', () => {
  const staging = build();
  const production = build(PRODUCTION_CONTEXT);
  const { stack, resources } = production;
  const fnId = (name: string) => logicalIdOf(stack, stack.functions[name]!);
  const dataKeyId = logicalIdOf(stack, stack.keys.dataKey);
  const logsKeyId = logicalIdOf(stack, stack.keys.logsKey);
  const adminRoute = (r: Resources) =>
    ofType(r, 'AWS::ApiGatewayV2::Route').find(([, route]) =>
      String(route.Properties?.RouteKey).startsWith('GET /v1/rankings'),
    )![1].Properties!;

  it('puts the admin routes behind the JWT authorizer in production', () => {
    const route = adminRoute(resources);
    expect(route.AuthorizationType).toBe('JWT');
    const authorizer = ofType(resources, 'AWS::ApiGatewayV2::Authorizer')[0]![1].Properties!;
    expect(authorizer).toMatchObject({
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: PRODUCTION_CONTEXT.adminJwtIssuer, Audience: ['nivaran-admin'] },
    });
  });

  it('keeps the static token (no authorizer) in staging, and refuses production without a JWT issuer', () => {
    expect(adminRoute(staging.resources).AuthorizationType ?? 'NONE').toBe('NONE');
    expect(
      () =>
        new NivaranStack(appWithoutBundling(), 'P', {
          platform,
          production: true,
          env: { region: 'ap-south-1' },
        }),
    ).toThrow(/adminJwt: required/);
  });

  it('throttles every declared route on its own', () => {
    const stage = ofType(resources, 'AWS::ApiGatewayV2::Stage')[0]![1].Properties!;
    const settings = stage.RouteSettings as Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    >;
    const routes = Object.values(platform.functions).flatMap((fn) => fn.http ?? []);
    expect(routes.every((route) => route.throttle)).toBe(true);
    for (const route of routes) {
      expect(settings[`${route.method} ${route.path}`], `${route.method} ${route.path}`).toEqual({
        ThrottlingRateLimit: route.throttle!.rateLimitPerSecond,
        ThrottlingBurstLimit: route.throttle!.burstLimit,
      });
    }
  });

  it('encrypts the table, the declared buckets, every queue and every secret with the rotated data key', () => {
    expect(resources[dataKeyId]!.Properties!.EnableKeyRotation).toBe(true);
    expect(resources[dataKeyId]!.DeletionPolicy).toBe('Retain');
    for (const table of Object.values(stack.tables)) {
      expect(resources[logicalIdOf(stack, table)]!.Properties!.SSESpecification).toEqual({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: getAtt(dataKeyId, 'Arn'),
      });
    }
    for (const [id, secret] of ofType(resources, 'AWS::SecretsManager::Secret')) {
      expect(secret.Properties!.KmsKeyId, id).toEqual(getAtt(dataKeyId, 'Arn'));
    }
    for (const [id, queue] of ofType(resources, 'AWS::SQS::Queue')) {
      expect(queue.Properties!.KmsMasterKeyId, id).toEqual(getAtt(dataKeyId, 'Arn'));
    }
    for (const bucket of Object.values(stack.buckets)) {
      expect(JSON.stringify(resources[logicalIdOf(stack, bucket)]!.Properties!.BucketEncryption)).toContain(
        dataKeyId,
      );
    }
  });

  it('encrypts every log group with the logs key, which CloudWatch Logs may use, and keeps logs a year', () => {
    for (const [id, group] of ofType(resources, 'AWS::Logs::LogGroup')) {
      expect(group.Properties!.KmsKeyId, id).toEqual(getAtt(logsKeyId, 'Arn'));
      // CERT-In asks for 180 days.
      expect(group.Properties!.RetentionInDays, id).toBeGreaterThanOrEqual(365);
    }
    const logs = keyStatements(resources, logsKeyId).find((s) =>
      servicePrincipal(s).includes('logs.ap-south-1.amazonaws.com'),
    );
    expect(logs?.Condition?.ArnLike).toBeDefined();
  });

  it('records the data events of the table and the attachments bucket in a CMK-encrypted trail', () => {
    const trails = ofType(resources, 'AWS::CloudTrail::Trail');
    expect(trails).toHaveLength(1);
    const trail = trails[0]![1].Properties!;
    expect(trail).toMatchObject({
      IsLogging: true,
      EnableLogFileValidation: true,
      KMSKeyId: getAtt(logsKeyId, 'Arn'),
    });
    const bucketId = (trail.S3BucketName as { Ref: string }).Ref;
    expect(JSON.stringify(resources[bucketId]!.Properties!.BucketEncryption)).toContain(logsKeyId);
    const selectors = trail.EventSelectors as {
      DataResources?: { Type: string; Values: unknown[] }[];
      ReadWriteType: string;
    }[];
    const dataResources = selectors.flatMap((s) => s.DataResources ?? []);
    const tableId = logicalIdOf(stack, stack.tables.main!);
    const attachmentsId = logicalIdOf(stack, stack.buckets.attachments!);
    expect(dataResources.some((r) => r.Type === 'AWS::DynamoDB::Table' && mentions(r.Values, tableId))).toBe(
      true,
    );
    expect(dataResources.some((r) => r.Type === 'AWS::S3::Object' && mentions(r.Values, attachmentsId))).toBe(
      true,
    );
    expect(selectors.every((s) => s.ReadWriteType === 'All')).toBe(true);
    const keyForTrail = keyStatements(resources, logsKeyId).find(
      (s) =>
        servicePrincipal(s).includes('cloudtrail.amazonaws.com') &&
        asArray(s.Action).includes('kms:GenerateDataKey*'),
    );
    expect(keyForTrail).toBeDefined();
  });

  it('never lets a public-facing function Scan or BatchWrite the table, and Delete only where declared', () => {
    const tableId = logicalIdOf(stack, stack.tables.main!);
    for (const [name, def] of Object.entries(platform.functions)) {
      if (!def.http) continue;
      const actions = actionsOn(functionStatements(resources, fnId(name)), tableId);
      expect(actions, name).not.toContain('dynamodb:Scan');
      expect(actions, name).not.toContain('dynamodb:BatchWriteItem');
      const mayDelete = ['fileComplaint', 'open311'].includes(name);
      expect(actions.includes('dynamodb:DeleteItem'), `${name} DeleteItem`).toBe(mayDelete);
      expect(
        actions.some((a) => a.includes('*')),
        name,
      ).toBe(false);
    }
  });

  it('lets /health probe SES and SMS but never send', () => {
    const allowed = allowedActions(functionStatements(resources, fnId('health')));
    expect(allowed).toEqual(
      expect.arrayContaining(['ses:GetAccount', 'sms-voice:DescribeAccountAttributes']),
    );
    for (const send of ['ses:SendEmail', 'ses:SendRawEmail', 'sms-voice:SendTextMessage']) {
      expect(allowed).not.toContain(send);
    }
  });

  it('scopes SMS sending to the origination identity and mail to the SES identity and configuration set', () => {
    const statements = functionStatements(resources, fnId('notifier'));
    const sms = statements.find((s) => asArray(s.Action).includes('sms-voice:SendTextMessage'))!;
    expect(asArray(sms.Resource)).toEqual([PRODUCTION_CONTEXT.smsOriginationIdentity]);
    const mail = statements.find((s) => asArray(s.Action).includes('ses:SendEmail'))!;
    const mailResources = JSON.stringify(mail.Resource);
    expect(mailResources).toContain(':identity/igrs.uppolice.gov.in');
    expect(mailResources).toContain(':configuration-set/');
    expect(mailResources).not.toBe('"*"');
    expect(mail.Condition).toEqual({ StringEquals: { 'ses:FromAddress': PRODUCTION_CONTEXT.senderEmail } });
    // Staging, before a sender id is registered: this account's identities in the region, never '*'.
    const stagingSms = functionStatements(
      staging.resources,
      logicalIdOf(staging.stack, staging.stack.functions.notifier!),
    ).find((s) => asArray(s.Action).includes('sms-voice:SendTextMessage'))!;
    expect(asArray(stagingSms.Resource)).not.toContain('*');
  });
});

describe('6. a real first deploy', () => {
  const { stack, resources, template } = build(PRODUCTION_CONTEXT);

  it('creates the SES domain identity with Easy DKIM and the configuration set as its default', () => {
    const configurationSetId = logicalIdOf(stack, stack.mail!.configurationSet);
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'igrs.uppolice.gov.in',
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configurationSetId } },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    const outputs = Object.keys(template.toJSON().Outputs as object);
    expect(outputs.filter((o) => o.includes('MailDkimRecord'))).toHaveLength(3);
  });

  it('publishes bounces and complaints to an encrypted SNS topic SES may use', () => {
    const topicId = logicalIdOf(stack, stack.mail!.eventsTopic);
    const destinations = ofType(resources, 'AWS::SES::ConfigurationSetEventDestination');
    expect(destinations).toHaveLength(1);
    const properties = destinations[0]![1].Properties!.EventDestination as {
      Enabled: boolean;
      MatchingEventTypes: string[];
      SnsDestination: { TopicARN: unknown };
    };
    expect(properties.MatchingEventTypes).toEqual(expect.arrayContaining(['bounce', 'complaint']));
    expect(properties.SnsDestination.TopicARN).toEqual({ Ref: topicId });
    expect(resources[topicId]!.Properties!.KmsMasterKeyId).toEqual(
      getAtt(logicalIdOf(stack, stack.alarmTopic.key), 'Arn'),
    );
    expect(
      keyStatements(resources, logicalIdOf(stack, stack.alarmTopic.key)).some((s) =>
        servicePrincipal(s).includes('ses.amazonaws.com'),
      ),
    ).toBe(true);
  });

  it('maps the custom domain, with its certificate, to the API and points links at it', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'igrs.uppolice.gov.in',
      DomainNameConfigurations: [{ SecurityPolicy: 'TLS_1_2', EndpointType: 'REGIONAL' }],
    });
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'igrs.uppolice.gov.in',
      ValidationMethod: 'DNS',
    });
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    for (const name of Object.keys(stack.functions)) {
      const variables = (
        resources[logicalIdOf(stack, stack.functions[name]!)]!.Properties!.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      expect(variables.PUBLIC_BASE_URL, name).toBe('https://igrs.uppolice.gov.in');
    }
  });

  it('uses an existing certificate when one is configured', () => {
    const arn = 'arn:aws:acm:ap-south-1:111122223333:certificate/0f0e0d0c-0000-4000-8000-000000000000';
    const { template: withCert } = build({ ...PRODUCTION_CONTEXT, customDomainCertificateArn: arn });
    withCert.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    withCert.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainNameConfigurations: [{ CertificateArn: arn }],
    });
  });
});
