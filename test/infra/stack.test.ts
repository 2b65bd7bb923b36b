import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../infra/platform/types.ts';
import { platform } from '../../infra/platform.ts';
import { NivaranStack } from '../../infra/stack.ts';
import { resourceEnv } from '../../shared/adapters/aws/resource-env.ts';
import { appWithoutBundling, richPlatform } from './fixtures.ts';
import {
  actionsOn,
  allowedActions,
  asArray,
  deniesInsecureTransport,
  functionStatements,
  getAtt,
  logicalIdOf,
  mentions,
  ofType,
  type Resources,
  roleStatements,
} from './template.ts';

const DYNAMODB_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];
/** Never granted unless a function's access names it. */
const DYNAMODB_EXTRAS = ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const S3_WRITES = ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'];
/** Environment variables that carry a resource's name or URL; each must come from an access grant. */
const RESOURCE_ENV_PREFIX = /^(TABLE|QUEUE_URL|BUCKET|SECRET_PARAMETER)_/;

function synth(declaration: Platform) {
  const app = appWithoutBundling();
  const stack = new NivaranStack(app, 'Test', { platform: declaration, env: { region: 'ap-south-1' } });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Resources;
  return { stack, template, resources };
}

describe.each([
  ['the real platform', platform],
  ['the richer test platform', richPlatform],
])('NivaranStack built from %s', (_label, declaration) => {
  const { stack, template, resources } = synth(declaration);
  const fnId = (name: string) => logicalIdOf(stack, stack.functions[name]!);
  const dataKeyId = logicalIdOf(stack, stack.keys.dataKey);

  it('creates exactly the declared resources of each kind', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', Object.keys(declaration.tables).length);
    template.resourceCountIs('AWS::Lambda::Function', Object.keys(declaration.functions).length);
    template.resourceCountIs('AWS::Scheduler::Schedule', Object.keys(declaration.schedules).length);
    template.resourceCountIs('AWS::SecretsManager::Secret', Object.keys(declaration.secrets).length);
    template.resourceCountIs(
      'AWS::Lambda::EventSourceMapping',
      Object.values(declaration.queues).filter((q) => q.consumer).length,
    );
    // One queue and one DLQ per declared queue, one DLQ per schedule, one failed-runs queue per
    // scheduled function.
    const scheduledFunctions = new Set(Object.values(declaration.schedules).map((s) => s.function));
    template.resourceCountIs(
      'AWS::SQS::Queue',
      2 * Object.keys(declaration.queues).length +
        Object.keys(declaration.schedules).length +
        scheduledFunctions.size,
    );
  });

  it('makes every table on-demand, recoverable, protected, encrypted and retained, with its GSIs', () => {
    for (const [name, def] of Object.entries(declaration.tables)) {
      const table = resources[logicalIdOf(stack, stack.tables[name]!)]!;
      expect(table.DeletionPolicy, name).toBe('Retain');
      expect(table.UpdateReplacePolicy, name).toBe('Retain');
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true },
        KeySchema: [
          { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
          ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' }] : []),
        ],
      });
      if (def.timeToLiveAttribute) {
        expect(table.Properties?.TimeToLiveSpecification).toEqual({
          AttributeName: def.timeToLiveAttribute,
          Enabled: true,
        });
      }
      const indexes = (table.Properties?.GlobalSecondaryIndexes ?? []) as {
        IndexName: string;
        KeySchema: unknown[];
        Projection: unknown;
      }[];
      expect(indexes.map((index) => index.IndexName).sort()).toEqual(
        def.globalIndexes.map((index) => index.name).sort(),
      );
      for (const index of def.globalIndexes) {
        expect(indexes.find((candidate) => candidate.IndexName === index.name)).toEqual({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : []),
          ],
          Projection:
            index.projection === 'KEYS_ONLY'
              ? { ProjectionType: 'KEYS_ONLY' }
              : typeof index.projection === 'object'
                ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.projection.include }
                : { ProjectionType: 'ALL' },
        });
      }
    }
  });

  it('gives every declared queue an encrypted, TLS-only DLQ with the declared receive count and an alarm', () => {
    for (const [name, def] of Object.entries(declaration.queues)) {
      const queueId = logicalIdOf(stack, stack.queues[name]!.queue);
      const dlqId = logicalIdOf(stack, stack.queues[name]!.deadLetterQueue);
      expect(resources[queueId]!.Properties).toMatchObject({
        RedrivePolicy: { deadLetterTargetArn: getAtt(dlqId, 'Arn'), maxReceiveCount: def.maxReceiveCount },
        KmsMasterKeyId: getAtt(dataKeyId, 'Arn'),
        VisibilityTimeout: def.visibilityTimeoutSeconds,
        MessageRetentionPeriod: (def.retentionPeriodDays ?? 4) * 86_400,
      });
      expect(resources[dlqId]!.Properties).toMatchObject({ KmsMasterKeyId: getAtt(dataKeyId, 'Arn') });
      expect(deniesInsecureTransport(resources, 'AWS::SQS::QueuePolicy', queueId), name).toBe(true);
      expect(deniesInsecureTransport(resources, 'AWS::SQS::QueuePolicy', dlqId), `${name} DLQ`).toBe(true);
      expectDlqAlarm(dlqId);
    }
  });

  it('encrypts every queue in the template, allows only TLS and alarms on every dead-letter queue', () => {
    const queues = ofType(resources, 'AWS::SQS::Queue');
    const dlqIds = new Set([
      ...Object.values(stack.queues).map((q) => logicalIdOf(stack, q.deadLetterQueue)),
      ...Object.values(stack.schedules).map((s) => logicalIdOf(stack, s.deadLetterQueue)),
      ...Object.values(stack.failedRuns).map((f) => logicalIdOf(stack, f.queue)),
    ]);
    for (const [id, queue] of queues) {
      // The customer-managed data key, never SQS-managed encryption.
      expect(queue.Properties?.KmsMasterKeyId, id).toEqual(getAtt(dataKeyId, 'Arn'));
      expect(queue.Properties?.SqsManagedSseEnabled, id).toBeUndefined();
      expect(deniesInsecureTransport(resources, 'AWS::SQS::QueuePolicy', id), id).toBe(true);
      // A queue either drains into a DLQ or is one, and then it is alarmed.
      if (queue.Properties?.RedrivePolicy === undefined) {
        expect(dlqIds.has(id), `${id} has no DLQ and is not a known DLQ`).toBe(true);
        expectDlqAlarm(id);
      }
    }
  });

  function expectDlqAlarm(dlqId: string) {
    const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').filter(
      ([, alarm]) =>
        alarm.Properties?.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        alarm.Properties?.Namespace === 'AWS/SQS' &&
        mentions(alarm.Properties?.Dimensions, dlqId),
    );
    expect(alarms, `alarm on ${dlqId}`).toHaveLength(1);
    const alarm = alarms[0]![1].Properties!;
    expect(alarm.Dimensions).toEqual([{ Name: 'QueueName', Value: getAtt(dlqId, 'QueueName') }]);
    expect(alarm).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
    expect(asArray(alarm.AlarmActions).length, `alarm action on ${dlqId}`).toBeGreaterThan(0);
  }

  it('maps each queue to its consumer with partial batch failures and the declared batch settings', () => {
    for (const [name, def] of Object.entries(declaration.queues)) {
      if (def.consumer === undefined) continue;
      const queueId = logicalIdOf(stack, stack.queues[name]!.queue);
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: getAtt(queueId, 'Arn'),
        FunctionName: { Ref: fnId(def.consumer) },
        BatchSize: def.batchSize,
        ...(def.maxBatchingWindowSeconds > 0
          ? { MaximumBatchingWindowInSeconds: def.maxBatchingWindowSeconds }
          : {}),
      });
    }
    for (const [id, mapping] of ofType(resources, 'AWS::Lambda::EventSourceMapping')) {
      expect(mapping.Properties?.FunctionResponseTypes, id).toEqual(['ReportBatchItemFailures']);
    }
  });

  it('creates exactly the declared HTTP routes, each integrated with its function', () => {
    const routes = ofType(resources, 'AWS::ApiGatewayV2::Route');
    const expected = Object.entries(declaration.functions).flatMap(([name, def]) =>
      (def.http ?? []).map((route) => ({ key: `${route.method} ${route.path}`, fn: name })),
    );
    expect(routes.map(([, route]) => route.Properties?.RouteKey).sort()).toEqual(
      expected.map((route) => route.key).sort(),
    );
    for (const { key, fn } of expected) {
      const [, route] = routes.find(([, candidate]) => candidate.Properties?.RouteKey === key)!;
      const target = route.Properties?.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      const integrationId = target['Fn::Join'][1][1].Ref;
      expect(resources[integrationId]?.Properties, key).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: getAtt(fnId(fn), 'Arn'),
      });
    }
  });

  it('throttles the stage as declared and writes JSON access logs to a retained log group', () => {
    const stages = ofType(resources, 'AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const stage = stages[0]![1].Properties!;
    expect(stage.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: declaration.api.throttle.rateLimitPerSecond,
      ThrottlingBurstLimit: declaration.api.throttle.burstLimit,
    });
    const accessLogs = stage.AccessLogSettings as {
      DestinationArn: { 'Fn::GetAtt': [string, string] };
      Format: string;
    };
    const logGroup = resources[accessLogs.DestinationArn['Fn::GetAtt'][0]]!;
    expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
    expect(JSON.parse(accessLogs.Format)).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
  });

  it('sets a retention period on every log group', () => {
    for (const [id, logGroup] of ofType(resources, 'AWS::Logs::LogGroup')) {
      expect(logGroup.Properties?.RetentionInDays, id).toBeGreaterThan(0);
    }
  });

  it('creates every schedule in Asia/Kolkata with its expression, input, DLQ and an exact invoke grant', () => {
    for (const [name, def] of Object.entries(declaration.schedules)) {
      const { schedule, deadLetterQueue } = stack.schedules[name]!;
      const properties = resources[logicalIdOf(stack, schedule)]!.Properties!;
      const dlqId = logicalIdOf(stack, deadLetterQueue);
      expect(properties).toMatchObject({
        ScheduleExpression: def.expression,
        ScheduleExpressionTimezone: 'Asia/Kolkata',
        State: 'ENABLED',
        Target: {
          Arn: getAtt(fnId(def.function), 'Arn'),
          DeadLetterConfig: { Arn: getAtt(dlqId, 'Arn') },
        },
      });
      const target = properties.Target as { Input: string; RoleArn: { 'Fn::GetAtt': [string, string] } };
      expect(JSON.parse(target.Input)).toEqual(def.input);
      expectDlqAlarm(dlqId);
      // The scheduler role may invoke the target function itself, not `<arn>:*`.
      const statements = roleStatements(resources, target.RoleArn['Fn::GetAtt'][0]);
      const invokes = statements.filter((s) => asArray(s.Action).includes('lambda:InvokeFunction'));
      expect(invokes.flatMap((s) => asArray(s.Resource))).toEqual(
        expect.arrayContaining([getAtt(fnId(def.function), 'Arn')]),
      );
      for (const resource of invokes.flatMap((s) => asArray(s.Resource))) {
        expect(resource, `${name} scheduler role`).toHaveProperty(['Fn::GetAtt', 1], 'Arn');
      }
    }
  });

  it('deploys the Node.js major that the tests and the local twin run on', () => {
    // GET /health in the twin reports process.versions.node (test/integration/platform.test.ts).
    const major = process.versions.node.split('.')[0];
    for (const name of Object.keys(declaration.functions))
      expect(resources[fnId(name)]!.Properties!.Runtime, name).toBe(`nodejs${major}.x`);
  });

  it('builds every function for arm64 on a current Node.js runtime with the declared timeout and memory', () => {
    for (const [name, def] of Object.entries(declaration.functions)) {
      const properties = resources[fnId(name)]!.Properties!;
      expect(properties.Architectures, name).toEqual(['arm64']);
      const runtime = String(properties.Runtime);
      expect(runtime, name).toMatch(/^nodejs\d+\.x$/);
      expect(Number(runtime.match(/\d+/)![0]), name).toBeGreaterThanOrEqual(24);
      expect(properties, name).toMatchObject({
        Handler: 'index.handler',
        Timeout: def.timeoutSeconds,
        MemorySize: def.memoryMb,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
    }
  });

  it('passes each function exactly the resource variables its access grants, plus its own environment', () => {
    for (const [name, def] of Object.entries(declaration.functions)) {
      const variables = (
        resources[fnId(name)]!.Properties!.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      const access = def.access ?? {};
      const expected = [
        ...Object.keys(access.tables ?? {}).map(resourceEnv.table),
        ...Object.keys(access.queues ?? {}).map(resourceEnv.queueUrl),
        ...Object.keys(access.buckets ?? {}).map(resourceEnv.bucket),
        ...(access.secrets ?? []).map(resourceEnv.secretParameter),
      ];
      expect(
        Object.keys(variables)
          .filter((key) => RESOURCE_ENV_PREFIX.test(key))
          .sort(),
        name,
      ).toEqual(expected.sort());
      for (const table of Object.keys(access.tables ?? {})) {
        expect(variables[resourceEnv.table(table)]).toEqual({
          Ref: logicalIdOf(stack, stack.tables[table]!),
        });
      }
      for (const queue of Object.keys(access.queues ?? {})) {
        expect(variables[resourceEnv.queueUrl(queue)]).toEqual({
          Ref: logicalIdOf(stack, stack.queues[queue]!.queue),
        });
      }
      for (const bucket of Object.keys(access.buckets ?? {})) {
        expect(variables[resourceEnv.bucket(bucket)]).toEqual({
          Ref: logicalIdOf(stack, stack.buckets[bucket]!),
        });
      }
      expect(variables, name).toMatchObject(def.environment ?? {});
    }
  });

  it('grants each function only the table, queue and bucket actions its access declares', () => {
    for (const [name, def] of Object.entries(declaration.functions)) {
      const statements = functionStatements(resources, fnId(name));
      const access = def.access ?? {};
      const context = (what: string) => `${name} on ${what}`;

      expect(
        allowedActions(statements).filter((action) => action.includes('*')),
        `${name}: wildcard actions`,
      ).toEqual([]);

      for (const table of Object.keys(declaration.tables)) {
        const actions = actionsOn(statements, logicalIdOf(stack, stack.tables[table]!));
        const mode = access.tables?.[table];
        expect(actions, `${context(table)}: Scan`).not.toContain('dynamodb:Scan');
        if (mode === undefined) expect(actions, context(table)).toEqual([]);
        else if (mode === 'read')
          expect(
            actions.filter((a) => DYNAMODB_WRITES.includes(a) || DYNAMODB_EXTRAS.includes(a)),
            context(table),
          ).toEqual([]);
        else {
          expect(actions, context(table)).toEqual(expect.arrayContaining(DYNAMODB_WRITES));
          const declaredExtras = mode === 'readWrite' ? [] : mode.readWrite.map((a) => `dynamodb:${a}`);
          expect(
            actions.filter((a) => DYNAMODB_EXTRAS.includes(a)).sort(),
            `${context(table)}: only the declared extra write actions`,
          ).toEqual(declaredExtras.sort());
        }
      }

      const consumes = Object.entries(declaration.queues)
        .filter(([, q]) => q.consumer === name)
        .map(([q]) => q);
      for (const queue of Object.keys(declaration.queues)) {
        const actions = actionsOn(statements, logicalIdOf(stack, stack.queues[queue]!.queue));
        const mode = access.queues?.[queue];
        if (mode === 'send') expect(actions, context(queue)).toContain('sqs:SendMessage');
        else expect(actions, context(queue)).not.toContain('sqs:SendMessage');
        if (mode === undefined && !consumes.includes(queue)) expect(actions, context(queue)).toEqual([]);
        if (consumes.includes(queue)) expect(actions, context(queue)).toContain('sqs:ReceiveMessage');
      }
      // A scheduled function sends exactly to its own failed-runs queue (its on-failure destination).
      const failedRuns = stack.failedRuns[name];
      const failedRunsId = failedRuns ? logicalIdOf(stack, failedRuns.queue) : undefined;
      if (failedRunsId) {
        expect(actionsOn(statements, failedRunsId), `${name} failed runs`).toEqual(['sqs:SendMessage']);
      }
      if (!Object.values(access.queues ?? {}).includes('send')) {
        expect(
          allowedActions(statements.filter((s) => !failedRunsId || !mentions(s.Resource, failedRunsId))),
          `${name} may not send to any queue`,
        ).not.toContain('sqs:SendMessage');
      }

      for (const bucket of Object.keys(declaration.buckets)) {
        const actions = actionsOn(statements, logicalIdOf(stack, stack.buckets[bucket]!));
        const mode = access.buckets?.[bucket];
        if (mode === undefined) expect(actions, context(bucket)).toEqual([]);
        else if (mode === 'read') {
          expect(actions, context(bucket)).toContain('s3:GetObject');
          expect(
            actions.filter((a) => S3_WRITES.includes(a)),
            context(bucket),
          ).toEqual([]);
        } else
          expect(actions, context(bucket)).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject']));
      }

      for (const secret of Object.keys(declaration.secrets)) {
        const actions = actionsOn(statements, logicalIdOf(stack, stack.secrets[secret]!));
        if (access.secrets?.includes(secret))
          expect(actions, context(secret)).toContain('secretsmanager:GetSecretValue');
        else expect(actions, context(secret)).toEqual([]);
      }

      const allowed = allowedActions(statements);
      expect(allowed.includes('ses:SendEmail'), `${name} may send email`).toBe(access.email === true);
      expect(allowed.includes('sms-voice:SendTextMessage'), `${name} may send SMS`).toBe(access.sms === true);
      expect(allowed.includes('ses:GetAccount'), `${name} probes SES`).toBe(access.email === 'probe');
      expect(allowed.includes('sms-voice:DescribeAccountAttributes'), `${name} probes SMS`).toBe(
        access.sms === 'probe',
      );
      if (!access.email)
        expect(
          allowed.filter((a) => a.startsWith('ses:')),
          name,
        ).toEqual([]);
      if (!access.sms)
        expect(
          allowed.filter((a) => a.startsWith('sms-voice:')),
          name,
        ).toEqual([]);
    }
  });

  it('blocks public access, enforces TLS and encrypts every bucket; declared buckets are versioned and logged', () => {
    const buckets = ofType(resources, 'AWS::S3::Bucket');
    // The declared buckets, the access-log bucket (only when there is a bucket to log) and the
    // CloudTrail trail's bucket.
    const declared = Object.keys(declaration.buckets).length;
    expect(buckets).toHaveLength(declared === 0 ? 1 : declared + 2);
    for (const [id, bucket] of buckets) {
      expect(bucket.DeletionPolicy, id).toBe('Retain');
      expect(bucket.Properties?.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties?.BucketEncryption, id).toBeDefined();
      expect(deniesInsecureTransport(resources, 'AWS::S3::BucketPolicy', id), id).toBe(true);
    }
    for (const name of Object.keys(declaration.buckets)) {
      const properties = resources[logicalIdOf(stack, stack.buckets[name]!)]!.Properties!;
      expect(properties.BucketEncryption, name).toEqual({
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: getAtt(dataKeyId, 'Arn'),
            },
          },
        ],
      });
      expect(properties.VersioningConfiguration, name).toEqual({ Status: 'Enabled' });
      expect(properties.LoggingConfiguration, name).toMatchObject({ LogFilePrefix: `${name}/` });
    }
  });

  it('creates every declared secret, retained', () => {
    for (const [name, def] of Object.entries(declaration.secrets)) {
      const secret = resources[logicalIdOf(stack, stack.secrets[name]!)]!;
      expect(secret.DeletionPolicy, name).toBe('Retain');
      expect(secret.Properties?.Description, name).toBe(def.description);
    }
  });
});

describe('the richer test platform', () => {
  it('really adds what the real platform lacks, so the assertions above are not vacuous', () => {
    expect(Object.keys(richPlatform.queues).length).toBeGreaterThan(0);
    expect(Object.keys(richPlatform.schedules).length).toBeGreaterThan(0);
    expect(Object.keys(richPlatform.buckets).length).toBeGreaterThan(0);
    expect(Object.keys(richPlatform.secrets).length).toBeGreaterThan(0);
    // Least-privilege cases: a read-only table user with no queue access, and a queue sender.
    const fns = Object.values(richPlatform.functions);
    expect(
      fns.some((f) => Object.values(f.access?.tables ?? {}).every((m) => m === 'read') && !f.access?.queues),
    ).toBe(true);
    expect(fns.some((f) => Object.values(f.access?.queues ?? {}).includes('send'))).toBe(true);
    expect(fns.some((f) => Object.values(f.access?.buckets ?? {}).includes('read'))).toBe(true);
  });
});
