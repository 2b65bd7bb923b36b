import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { bindingEnvironment } from '../platform/bindings.ts';
import type { Platform } from '../platform/types.ts';
import { validatePlatform } from '../platform/validate.ts';
import type { LocalCloudInfo } from './discovery.ts';
import { RouteTable } from './routes.ts';
import { lockDataDir } from './services/data-lock.ts';
import {
  connectDynamoDb,
  type DynamoDbEngineChoice,
  type LocalDynamoDb,
  startDynamoDb,
} from './services/dynamodb.ts';
import { type LocalHttpApi, startHttpApi } from './services/http-api.ts';
import { type InjectedFailure, LambdaService } from './services/lambda.ts';
import { SqsPollers } from './services/pollers.ts';
import { LocalScheduler } from './services/scheduler.ts';
import { startSecrets } from './services/secrets.ts';
import { type LocalSes, startSes } from './services/ses.ts';
import { type LocalSms, startSms } from './services/sms.ts';
import { type LocalSqs, startSqs } from './services/sqs.ts';

export const REGION = 'ap-south-1';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface LocalCloudOptions {
  platform: Platform;
  /** Where DynamoDB data and the outboxes live; null keeps everything in memory (tests). */
  dataDir: string | null;
  ports?: { api?: number; mail?: number; sms?: number; dynamodb?: number; sqs?: number };
  /** The address every local service listens on; loopback unless the developer chooses another. */
  bindAddress?: string;
  /**
   * DynamoDB: by default the cloud starts its own engine (`engine`, else DYNAMODB_ENGINE, else
   * DynamoDB Local where Java 17+ is, dynalite otherwise). With `endpoint` it uses an engine already
   * running (the tests' shared DynamoDB Local) and keeps its tables under `tablePrefix` (random
   * when left out), deleting them when it stops.
   */
  dynamodb?: { engine?: DynamoDbEngineChoice } | { endpoint: string; tablePrefix?: string };
  /** Run schedules on their cron; tests leave this off and trigger by hand. */
  cron?: boolean;
  /** Extra environment for every function (configuration a deployment would set). */
  environment?: Record<string, string>;
  /** Shorter SQS visibility timeout so tests see retries and redrive in seconds. */
  visibilityTimeoutOverrideSeconds?: number;
  maxConcurrency?: number;
  /** Secret values to use instead of generated ones, by declared key (e.g. OPEN311_API_KEY). */
  secretOverrides?: Record<string, string | undefined>;
  /** Runs once the tables exist, before any function: seeds master data. */
  seed?: (context: { dynamodb: DynamoDBClient; tableNames: Record<string, string> }) => Promise<void>;
  /** Where function log lines and runner errors go; defaults to stdout / stderr. */
  onLog?: (source: string, line: string) => void;
}

export interface LocalCloud {
  apiUrl: string;
  mailUrl: string;
  smsUrl: string;
  dynamodbEndpoint: string;
  /** Which engine answers there, for people: `DynamoDB Local 3.3.1`, `dynalite (…)`. */
  dynamodbEngine: string;
  sqsEndpoint: string;
  tableNames: Record<string, string>;
  queues: LocalSqs['queues'];
  buckets: Record<string, string>;
  routes: { method: string; path: string; functionName: string }[];
  schedules: string[];
  /** The environment a function runs with; tests and tools build clients from it. */
  functionEnvironment(name: string): Record<string, string>;
  invoke(functionName: string, event: unknown): Promise<unknown>;
  /** Runs a schedule now; `overrides` are merged over its declared input. */
  trigger(schedule: string, scheduledTime?: Date, overrides?: Record<string, unknown>): Promise<unknown>;
  /** Resolves once every queue is empty and no batch is being processed. */
  drain(timeoutMs?: number): Promise<void>;
  sms: LocalSms;
  /** Every engine's endpoint, as GET /_local/info answers and tools read it (./discovery.ts). */
  info(): LocalCloudInfo;
  /** A declared secret's local value (the Open311 api_key, link-signing keys). */
  secretValue(key: string): string;
  /** Fault injection for the faults suite; nothing else calls it, and nothing is faulty by default. */
  faults: LocalFaults;
  stop(): Promise<void>;
}

/**
 * What test/integration/faults.test.ts breaks on purpose. Each engine comes back on the same port,
 * so endpoints and queue URLs stay valid; see infra/local/services/{dynamodb,sqs,lambda}.ts for
 * what survives.
 */
export interface LocalFaults {
  /** DynamoDB stops answering (connections refused) until startDynamoDb. Keep data with a dataDir. */
  stopDynamoDb(): Promise<void>;
  startDynamoDb(): Promise<void>;
  /** SQS stops answering until startSqs; the messages on every queue are kept and sent again. */
  stopSqs(): Promise<void>;
  startSqs(): Promise<void>;
  /** The function's next invocation(s) fail, before its handler runs or after it ran. */
  failNextInvocation(functionName: string, failure?: InjectedFailure): void;
}

/**
 * Starts the local twin of the AWS deployment from the platform declaration. Startup order, each
 * step needing the ones before it; stop() runs them in reverse:
 *   1. DynamoDB (DynamoDB Local, or dynalite without Java): tables and indexes from the
 *      declaration, then the seed.
 *   2. SQS and S3 (fauxqs): queues with dead-letter queues and redrive, buckets.
 *   3. SES (aws-ses-v2-local) and the SMS outbox: the two ways a person is told something.
 *   4. Lambda: every function bundled by esbuild, run in worker threads with its own environment.
 *   5. Event source mappings: one poller per queue feeding its consumer.
 *   6. HTTP API: the declared routes.
 *   7. Scheduler: the declared schedules in Asia/Kolkata.
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  // Lambda runs in UTC; so do the functions here, whatever the developer's clock says.
  process.env.TZ = 'UTC';
  // The SDK warns that Node 20 support ends; Lambda runs Node 24 and the warning only adds noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const platform = validatePlatform(options.platform, REPO_ROOT);
  const log = options.onLog ?? ((source, line) => process.stdout.write(`[${source}] ${line}\n`));
  const ports = options.ports ?? {};
  const stack: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const stop of stack.reverse()) await stop();
  };

  try {
    if (options.dataDir) {
      await mkdir(options.dataDir, { recursive: true });
      stack.push(await lockDataDir(options.dataDir));
    }

    const dynamodb: LocalDynamoDb =
      options.dynamodb && 'endpoint' in options.dynamodb
        ? await connectDynamoDb({
            endpoint: options.dynamodb.endpoint,
            tables: platform.tables,
            tablePrefix: options.dynamodb.tablePrefix ?? `nivaran-${randomBytes(4).toString('hex')}`,
            credentials: CREDENTIALS,
          })
        : await startDynamoDb({
            dataDir: options.dataDir,
            port: ports.dynamodb ?? 0,
            tables: platform.tables,
            tablePrefix: 'nivaran',
            credentials: CREDENTIALS,
            engine: options.dynamodb?.engine,
            onLog: (line) => log('dynamodb', line),
          });
    stack.push(() => dynamodb.stop());
    if (options.seed) {
      const client = new DynamoDBClient({
        endpoint: dynamodb.endpoint,
        region: REGION,
        credentials: CREDENTIALS,
      });
      await options.seed({ dynamodb: client, tableNames: dynamodb.tableNames });
      client.destroy();
    }

    const sqs: LocalSqs = await startSqs({
      dataDir: options.dataDir,
      port: ports.sqs ?? 0,
      region: REGION,
      prefix: 'nivaran',
      queues: platform.queues,
      buckets: Object.keys(platform.buckets),
      host: options.bindAddress,
      visibilityTimeoutOverrideSeconds: options.visibilityTimeoutOverrideSeconds,
    });
    stack.push(() => sqs.stop());

    const ses: LocalSes = await startSes({
      port: ports.mail ?? 0,
      dataDir: options.dataDir,
      host: options.bindAddress,
    });
    stack.push(() => ses.stop());
    const sms: LocalSms = await startSms({
      port: ports.sms ?? 0,
      dataDir: options.dataDir,
      host: options.bindAddress,
    });
    stack.push(() => sms.stop());
    const secrets = await startSecrets({
      dataDir: options.dataDir,
      keys: Object.keys(platform.secrets),
      host: options.bindAddress,
      overrides: options.secretOverrides ?? {},
    });
    stack.push(() => secrets.stop());

    // Known once the HTTP API listens (step 6); functions start after that and read it then.
    let publicBaseUrl = '';
    const functionEnvironment = (name: string): Record<string, string> => {
      const def = platform.functions[name];
      if (!def) throw new Error(`No function named '${name}'`);
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        TZ: 'UTC',
        AWS_REGION: REGION,
        AWS_DEFAULT_REGION: REGION,
        AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
        AWS_LAMBDA_FUNCTION_NAME: `nivaran-${name}`,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(def.memoryMb),
        // The SDK's service-specific endpoint variables: the only thing that differs from AWS.
        AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
        AWS_ENDPOINT_URL_SQS: sqs.endpoint,
        AWS_ENDPOINT_URL_S3: sqs.endpoint,
        AWS_ENDPOINT_URL_SESV2: ses.endpoint,
        AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: sms.endpoint,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        MAIL_INBOX_URL: ses.inboxUrl,
        SMS_OUTBOX_URL: sms.outboxUrl,
        SENDER_EMAIL: 'no-reply@nivaran.local',
        PUBLIC_BASE_URL: publicBaseUrl,
        POWERTOOLS_SERVICE_NAME: name,
        NODE_OPTIONS: '--enable-source-maps',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...options.environment,
        ...def.environment,
      };
      // The same bindings as the CDK stack's (infra/platform/bindings.ts), located in the twin.
      return {
        ...env,
        ...bindingEnvironment(def, {
          table: (table) => dynamodb.tableNames[table]!,
          queue: (queue) => sqs.queues[queue]!.url,
          bucket: (bucket) => sqs.buckets[bucket]!,
          secret: (secret) => secrets.names[secret]!,
        }),
      };
    };

    const lambda = new LambdaService({
      root: REPO_ROOT,
      functions: platform.functions,
      environment: functionEnvironment,
      maxConcurrency: options.maxConcurrency ?? 4,
      maxPayloadBytes: platform.api.maxPayloadBytes,
      onLog: (fn, line) => log(fn, line),
    });
    await lambda.start();
    stack.push(() => lambda.stop());
    const invoke = (fn: string, event: unknown) => lambda.invoke(fn, event);

    const pollers = new SqsPollers({
      endpoint: sqs.endpoint,
      region: REGION,
      queues: Object.fromEntries(
        Object.entries(platform.queues).map(([name, definition]) => [
          name,
          { definition, local: sqs.queues[name]! },
        ]),
      ),
      invoke,
      onError: (queue, error) => log(`sqs:${queue}`, (error as Error).message),
    });
    pollers.start();
    stack.push(() => pollers.stop());

    const scheduler = new LocalScheduler(platform.schedules, invoke, (name, error) =>
      log(`schedule:${name}`, (error as Error).message),
    );
    if (options.cron) scheduler.start();
    stack.push(() => scheduler.stop());

    const info = (): LocalCloudInfo => ({
      apiUrl: publicBaseUrl,
      dynamodbEndpoint: dynamodb.endpoint,
      sqsEndpoint: sqs.endpoint,
      tableNames: dynamodb.tableNames,
      queues: sqs.queues,
      buckets: sqs.buckets,
      mailUrl: ses.inboxUrl,
      smsUrl: sms.outboxUrl,
      secretsEndpoint: secrets.endpoint,
      secretNames: secrets.names,
    });
    const routes = new RouteTable(platform.functions);
    const api: LocalHttpApi = await startHttpApi({
      port: ports.api ?? 0,
      host: options.bindAddress,
      routes,
      maxPayloadBytes: platform.api.maxPayloadBytes,
      invoke,
      onError: (error) => log('api', (error as Error).message),
      localRoutes: async (method, path, body) => {
        const trigger = /^\/_local\/schedules\/([\w-]+)$/.exec(path);
        if (trigger && method === 'POST') {
          if (!(trigger[1]! in platform.schedules))
            return { status: 404, body: { message: 'No such schedule' } };
          // An optional JSON object body is merged over the schedule's input (e.g. {"month": "2026-10"}).
          let overrides: Record<string, unknown> = {};
          if (body.length > 0) {
            let parsed: unknown;
            try {
              parsed = JSON.parse(body.toString('utf8'));
            } catch {
              parsed = undefined;
            }
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
              return { status: 400, body: { message: 'The body must be a JSON object' } };
            overrides = parsed as Record<string, unknown>;
          }
          return {
            status: 200,
            body: { result: await scheduler.trigger(trigger[1]!, new Date(), overrides) },
          };
        }
        if (path === '/_local/schedules' && method === 'GET')
          return { status: 200, body: scheduler.nextRuns() };
        // Where each local engine listens, for tools such as the load checks (never in AWS).
        if (path === '/_local/info' && method === 'GET') return { status: 200, body: info() };
        return undefined;
      },
    });
    stack.push(() => api.stop());
    publicBaseUrl = api.url;

    const drain = async (timeoutMs = 20_000) => {
      const { SQSClient, GetQueueAttributesCommand } = await import('@aws-sdk/client-sqs');
      const client = new SQSClient({
        endpoint: sqs.endpoint,
        region: REGION,
        credentials: CREDENTIALS,
        useQueueUrlAsEndpoint: false,
      });
      const until = Date.now() + timeoutMs;
      try {
        let quietRounds = 0;
        while (quietRounds < 2) {
          if (Date.now() > until) throw new Error('Queues did not drain in time');
          let pending = pollers.busy;
          // Queues without a consumer keep their messages by design; only consumed ones drain.
          const consumed = Object.entries(sqs.queues).filter(([name]) => platform.queues[name]?.consumer);
          for (const [, queue] of consumed) {
            const { Attributes = {} } = await client.send(
              new GetQueueAttributesCommand({
                QueueUrl: queue.url,
                AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
              }),
            );
            pending +=
              Number(Attributes.ApproximateNumberOfMessages ?? 0) +
              Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
          }
          quietRounds = pending === 0 ? quietRounds + 1 : 0;
          await new Promise((r) => setTimeout(r, 50));
        }
      } finally {
        client.destroy();
      }
    };

    return {
      apiUrl: api.url,
      mailUrl: ses.inboxUrl,
      smsUrl: sms.outboxUrl,
      dynamodbEndpoint: dynamodb.endpoint,
      dynamodbEngine: dynamodb.description,
      sqsEndpoint: sqs.endpoint,
      tableNames: dynamodb.tableNames,
      queues: sqs.queues,
      buckets: sqs.buckets,
      routes: routes.list(),
      schedules: Object.keys(platform.schedules),
      functionEnvironment,
      invoke,
      trigger: (name, time, overrides) => scheduler.trigger(name, time, overrides),
      drain,
      sms,
      info,
      secretValue: (key) => secrets.value(key),
      faults: {
        stopDynamoDb: () => dynamodb.stopEngine(),
        startDynamoDb: () => dynamodb.startEngine(),
        stopSqs: () => sqs.stopEngine(),
        startSqs: () => sqs.startEngine(),
        failNextInvocation: (functionName, failure) => lambda.failNext(functionName, failure),
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
