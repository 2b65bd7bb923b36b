import { relative, resolve } from 'node:path';
import {
  AssetHashType,
  type CfnElement,
  Duration,
  type aws_dynamodb as dynamodb,
  aws_iam as iam,
  type aws_kms as kms,
  aws_lambda as lambda,
  aws_logs as logs,
  RemovalPolicy,
  Stack,
  type aws_s3 as s3,
  type aws_secretsmanager as secretsmanager,
  Token,
  Validations,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { bundleFunctionSync, LAMBDA_NODE_OPTIONS } from '../bundling.ts';
import { type Binding, bindingEnvironment, bindingsOf } from '../platform/bindings.ts';
import type { FunctionDefinition, TableAccess, TableWriteExtra } from '../platform/types.ts';
import { leaveOutOfLogicalIds, stableUniqueId } from './logical-ids.ts';
import { pascal } from './names.ts';
import type { DeclaredQueue } from './queues.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface FunctionsProps {
  /** Functions by their key in the declaration. Default: none. */
  readonly functions?: Record<string, FunctionDefinition>;
  /** What the functions' `access` names, by key; validatePlatform has checked every name. */
  readonly tables?: Record<string, dynamodb.Table>;
  readonly queues?: Record<string, DeclaredQueue>;
  readonly buckets?: Record<string, s3.Bucket>;
  readonly secrets?: Record<string, secretsmanager.Secret>;
  /** Environment for every function (deployment settings); it overrides the declaration's. Default: none. */
  readonly environment?: Record<string, string>;
  /** The SES identity that `access.email` functions may send from (ses:FromAddress). */
  readonly senderEmail: string;
  /** ARNs `access.email` functions may send through: the SES identity and its configuration set. Default: the sender's domain identity. */
  readonly emailResourceArns?: string[];
  /**
   * ARNs `access.sms` functions may send from: the origination identity. Default: this account's
   * sender ids, phone numbers and pools in the region (staging, before one is registered).
   */
  readonly smsOriginationArns?: string[];
  /** Encrypts the function log group. Default: CloudWatch Logs' own encryption. */
  readonly logsKey?: kms.IKey;
  /** The key of the tables, buckets and queues the functions use; each gets the KMS actions its access needs. */
  readonly dataKey?: kms.IKey;
}

/**
 * The Lambda functions (Node.js 24, arm64, JSON logs into one retained log group, X-Ray), each with
 * its code, the environment and grants of its declared access (infra/platform/bindings.ts), and
 * the queues it consumes. HTTP routes and schedules are wired by Api and Schedules.
 */
export class Functions extends Construct {
  readonly functions: Record<string, lambda.Function> = {};
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    leaveOutOfLogicalIds(this);
    // CERT-In's directions (April 2022) ask for 180 days of logs kept in India; a year covers an
    // appeal against a disposal as well.
    this.logGroup = new logs.LogGroup(this, 'FunctionLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
      encryptionKey: props.logsKey,
    });
    const stack = Stack.of(this);
    const emailResources = props.emailResourceArns ?? [
      stack.formatArn({
        service: 'ses',
        resource: 'identity',
        resourceName: props.senderEmail.split('@')[1],
      }),
    ];
    const smsResources = props.smsOriginationArns ?? [
      ...['sender-id', 'phone-number', 'pool'].map((resource) =>
        stack.formatArn({ service: 'sms-voice', resource, resourceName: '*' }),
      ),
    ];
    const tables = props.tables ?? {};
    const queues = props.queues ?? {};
    const buckets = props.buckets ?? {};
    const secrets = props.secrets ?? {};

    for (const [name, def] of Object.entries(props.functions ?? {})) {
      const fn = new lambda.Function(this, `${pascal(name)}Function`, {
        code: functionCode(resolve(REPO_ROOT, def.entry)),
        handler: 'index.handler',
        description: def.description,
        runtime: lambda.Runtime.NODEJS_24_X,
        architecture: lambda.Architecture.ARM_64,
        timeout: Duration.seconds(def.timeoutSeconds),
        memorySize: def.memoryMb,
        logGroup: this.logGroup,
        loggingFormat: lambda.LoggingFormat.JSON,
        tracing: lambda.Tracing.ACTIVE,
        reservedConcurrentExecutions: def.reservedConcurrency,
        environment: {
          // Deployment settings (DLT ids, sender) override the declaration's local placeholders.
          ...def.environment,
          ...props.environment,
          SENDER_EMAIL: props.senderEmail,
          NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
          POWERTOOLS_SERVICE_NAME: name,
        },
      });
      this.functions[name] = fn;

      const environment = bindingEnvironment(def, {
        table: (table) => tables[table]!.tableName,
        queue: (queue) => queues[queue]!.queue.queueUrl,
        bucket: (bucket) => buckets[bucket]!.bucketName,
        secret: (secret) => secrets[secret]!.secretName,
      });
      for (const [variable, value] of Object.entries(environment)) fn.addEnvironment(variable, value);
      for (const binding of bindingsOf(def))
        grant(fn, binding, { tables, queues, buckets, secrets }, props.dataKey);
      if (def.access?.email === true) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ['ses:SendEmail', 'ses:SendRawEmail'],
            resources: emailResources,
            conditions: { StringEquals: { 'ses:FromAddress': props.senderEmail } },
          }),
        );
      } else if (def.access?.email === 'probe') {
        // GetAccount has no resource type: '*' is the only resource IAM accepts for it.
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }));
      }
      if (def.access?.sms === true) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources: smsResources }),
        );
      } else if (def.access?.sms === 'probe') {
        fn.addToRolePolicy(
          new iam.PolicyStatement({ actions: ['sms-voice:DescribeAccountAttributes'], resources: ['*'] }),
        );
      }
      acknowledgeFindings(
        fn,
        def,
        { tables, buckets },
        { smsScoped: props.smsOriginationArns !== undefined },
      );
    }

    for (const { queue, definition } of Object.values(queues)) {
      if (definition.consumer === undefined) continue;
      const consumer = this.functions[definition.consumer]!;
      // What SqsEventSource does, with the mapping's id as it was before the queue moved into
      // Queues: SqsEventSource names it after the queue's path, which now includes that construct.
      consumer.addEventSourceMapping(`SqsEventSource:${stableUniqueId(queue)}`, {
        eventSourceArn: queue.queueArn,
        batchSize: definition.batchSize,
        maxBatchingWindow:
          definition.maxBatchingWindowSeconds > 0
            ? Duration.seconds(definition.maxBatchingWindowSeconds)
            : undefined,
        reportBatchItemFailures: true,
        maxConcurrency: definition.maxConcurrency,
      });
      queue.grantConsumeMessages(consumer);
    }
  }
}

interface Resources {
  tables: Record<string, dynamodb.Table>;
  queues: Record<string, DeclaredQueue>;
  buckets: Record<string, s3.Bucket>;
  secrets: Record<string, secretsmanager.Secret>;
}

const TABLE_READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];

/** The DynamoDB actions of a table access, each named: never Scan, Delete or BatchWrite unless declared. */
export function tableActions(access: TableAccess): string[] {
  if (access === 'read') return TABLE_READ;
  const extra: TableWriteExtra[] = access === 'readWrite' ? [] : access.readWrite;
  return [...TABLE_READ, ...TABLE_WRITE, ...extra.map((action) => `dynamodb:${action}`)];
}

/**
 * The grant that goes with a binding, each action named (the intent methods grant more: the
 * table's whole write set with BatchWriteItem and DeleteItem, S3 wildcards, kms:GenerateDataKey*).
 * With a customer-managed key, the KMS actions the access needs on that key.
 */
function grant(fn: lambda.Function, binding: Binding, resources: Resources, key: kms.IKey | undefined): void {
  switch (binding.kind) {
    case 'table': {
      const table = resources.tables[binding.name]!;
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: tableActions(binding.access),
          resources: [table.tableArn, `${table.tableArn}/index/*`],
        }),
      );
      key?.grant(
        fn,
        ...(binding.access === 'read'
          ? ['kms:Decrypt', 'kms:DescribeKey']
          : ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']),
      );
      return;
    }
    case 'queue': {
      const { queue } = resources.queues[binding.name]!;
      if (binding.access === 'send') {
        queue.grant(fn, 'sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl');
        key?.grant(fn, 'kms:GenerateDataKey', 'kms:Decrypt');
      } else queue.grant(fn, 'sqs:GetQueueAttributes');
      return;
    }
    case 'bucket': {
      const bucket = resources.buckets[binding.name]!;
      // Named actions instead of grantRead/grantReadWrite, whose s3:GetObject*, s3:List*,
      // s3:DeleteObject* wildcards also cover ACLs, tags, versions and retention settings.
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions:
            binding.access === 'readWrite'
              ? ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload']
              : ['s3:GetObject'],
          resources: [bucket.arnForObjects('*')],
        }),
      );
      fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
      );
      // Presigned uploads and downloads are made with this role's credentials, so it also needs them.
      key?.grant(
        fn,
        ...(binding.access === 'readWrite' ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt']),
      );
      return;
    }
    case 'secret':
      resources.secrets[binding.name]!.grantRead(fn);
      return;
  }
}

/**
 * cdk-nag findings that are the intended design, each acknowledged on the one function it concerns
 * with the reason. Anything not listed here stops the synth.
 */
function acknowledgeFindings(
  fn: lambda.Function,
  def: FunctionDefinition,
  resources: Pick<Resources, 'tables' | 'buckets'>,
  options: { smsScoped: boolean },
): void {
  const acknowledge = (id: string, reason: string) => Validations.of(fn).acknowledge({ id, reason });
  const logicalId = (construct: Construct) =>
    Stack.of(fn).getLogicalId(construct.node.defaultChild as CfnElement);
  acknowledge(
    'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "AWSLambdaBasicExecutionRole only allows writing the function's own logs; AWS maintains it for exactly this.",
  );
  const star = [
    'X-Ray trace submission (xray:PutTraceSegments, PutTelemetryRecords) has no resource type',
    ...(def.access?.email === 'probe' ? ['ses:GetAccount (the health probe) has no resource type'] : []),
    ...(def.access?.sms === 'probe'
      ? ['sms-voice:DescribeAccountAttributes (the health probe) has no resource type']
      : []),
  ];
  acknowledge(
    'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    `Only actions that IAM accepts on '*' alone: ${star.join('; ')}.`,
  );
  if (def.access?.sms === true && !options.smsScoped) {
    const region = Token.isUnresolved(Stack.of(fn).region) ? '<AWS::Region>' : Stack.of(fn).region;
    for (const resource of ['sender-id', 'phone-number', 'pool']) {
      acknowledge(
        `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sms-voice:${region}:<AWS::AccountId>:${resource}/*]`,
        "No origination identity is configured (staging before registration): SendTextMessage is limited to this account's own identities in this region. Production refuses to synthesize without smsOriginationIdentity, and is then scoped to that one ARN.",
      );
    }
  }
  for (const table of Object.keys(def.access?.tables ?? {})) {
    acknowledge(
      `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalId(resources.tables[table]!)}.Arn>/index/*]`,
      "Queries go through the table's declared indexes; the grant covers exactly those indexes of this one table.",
    );
  }
  for (const bucket of Object.keys(def.access?.buckets ?? {})) {
    acknowledge(
      `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalId(resources.buckets[bucket]!)}.Arn>/*]`,
      'Object keys are chosen at run time (one per export or attachment); the grant names its actions and covers only the objects of this one bucket.',
    );
  }
}

/**
 * A function's code: bundled here with the local esbuild, with the options the cold-start benchmark
 * measures (infra/bundling.ts). Not NodejsFunction: it passes esbuild --outfile, which rules out the
 * code splitting that keeps code used on some requests out of init. The asset hash is the output's.
 */
function functionCode(entry: string): lambda.Code {
  return lambda.Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // CDK reuses one bundle for assets whose options serialise alike, and tryBundle (with the
      // entry it holds) does not serialise: naming the entry here keeps each function's own code.
      environment: { NIVARAN_FUNCTION_ENTRY: relative(REPO_ROOT, entry) },
      local: {
        tryBundle(outputDir) {
          bundleFunctionSync(entry, outputDir);
          return true;
        },
      },
      // Only reached if local bundling returns false, which it never does: esbuild is a dependency.
      image: lambda.Runtime.NODEJS_24_X.bundlingImage,
      command: [
        'sh',
        '-c',
        'echo "Nivaran bundles with the local esbuild (npm ci); no Docker fallback" >&2; exit 1',
      ],
    },
  });
}
