import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import type { QueueDefinition } from '../../platform/types.ts';
import { PortInUseError } from './listen.ts';
import { DEFAULT_BIND_ADDRESS, onHost } from './loopback.ts';

export interface LocalQueue {
  name: string;
  url: string;
  arn: string;
  deadLetterUrl: string;
  deadLetterArn: string;
}

export interface LocalSqs {
  endpoint: string;
  queues: Record<string, LocalQueue>;
  buckets: Record<string, string>;
  readonly server: FauxqsServer;
  /**
   * Fault injection (tests only; nothing calls these otherwise): stops the engine and starts it
   * again on the same port, so queue URLs stay valid. With a dataDir everything is on disk and
   * simply reopened. In memory, the messages on every queue are held meanwhile and sent again at
   * the start (new message ids, receive counts from zero, a message in flight at the stop comes
   * back); S3 objects are not kept.
   */
  stopEngine(): Promise<void>;
  startEngine(): Promise<void>;
  stop(): Promise<void>;
}

/** Written by earlier versions of the runner on a clean stop; read once and removed. */
const LEGACY_SNAPSHOT = 'sqs-messages.json';

interface Snapshot {
  [queueName: string]: { body: string; messageAttributes: Record<string, unknown> }[];
}

/**
 * SQS and S3 via fauxqs. Each declared queue gets its dead-letter queue and redrive policy, so
 * fauxqs itself moves a message after maxReceiveCount receives, as SQS does.
 *
 * With a dataDir, fauxqs keeps queues and messages in SQLite (dataDir/sqs/) as each call lands, and
 * S3 objects as plain files (dataDir/s3/<bucket>/...), so a restart, even after a crash, keeps
 * every message with its id and receive count, every attachment and every export. Queues that
 * exist on disk are reopened, not recreated (recreating one would empty it), and given the
 * declared attributes again.
 */
export async function startSqs(options: {
  dataDir: string | null;
  port: number;
  /** Where it listens; fauxqs alone would take every interface. */
  host?: string;
  region: string;
  prefix: string;
  queues: Record<string, QueueDefinition>;
  buckets: string[];
  /** Tests shorten the visibility timeout so a failed message is retried in a second, not minutes. */
  visibilityTimeoutOverrideSeconds?: number;
}): Promise<LocalSqs> {
  const stateDir = options.dataDir ? join(options.dataDir, 'sqs') : undefined;
  const objectDir = options.dataDir ? join(options.dataDir, 's3') : undefined;
  for (const dir of [stateDir, objectDir]) if (dir) await mkdir(dir, { recursive: true });
  const host = options.host ?? DEFAULT_BIND_ADDRESS;

  const launch = async (port: number) => {
    let server: FauxqsServer;
    try {
      server = await onHost(host, () =>
        startFauxqs({
          port,
          logger: false,
          defaultRegion: options.region,
          ...(stateDir ? { dataDir: stateDir } : {}),
          ...(objectDir ? { s3StorageDir: objectDir } : {}),
        }),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new PortInUseError(port, 'SQS and S3 (fauxqs)', 'SQS_PORT');
      }
      throw error;
    }
    const queues: Record<string, LocalQueue> = {};
    const reopened: { url: string; attributes: Record<string, string> }[] = [];
    const openQueue = (queueName: string, attributes: Record<string, string>) => {
      const existing = server.inspectQueue(queueName);
      if (!existing) return server.createQueue(queueName, { region: options.region, attributes });
      // fauxqs looks queues up by region and name, whatever the port: the stored URL with this
      // run's port reaches the queue loaded from disk.
      const url = new URL(existing.url);
      url.port = String(server.port);
      reopened.push({ url: url.href, attributes });
      return { queueUrl: url.href, queueArn: existing.arn, queueName };
    };
    for (const [name, def] of Object.entries(options.queues)) {
      const dlq = openQueue(`${options.prefix}-${name}-dlq`, {
        MessageRetentionPeriod: String(14 * 24 * 3600),
      });
      const visibility = options.visibilityTimeoutOverrideSeconds ?? def.visibilityTimeoutSeconds;
      const queue = openQueue(`${options.prefix}-${name}`, {
        VisibilityTimeout: String(visibility),
        MessageRetentionPeriod: String((def.retentionPeriodDays ?? 4) * 24 * 3600),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlq.queueArn,
          maxReceiveCount: def.maxReceiveCount,
        }),
      });
      queues[name] = {
        name,
        url: queue.queueUrl,
        arn: queue.queueArn,
        deadLetterUrl: dlq.queueUrl,
        deadLetterArn: dlq.queueArn,
      };
    }
    const buckets: Record<string, string> = {};
    for (const name of options.buckets) {
      buckets[name] = server.createBucket(`${options.prefix}-${name}`).bucketName;
    }
    await setAttributes(server.address, reopened);
    return { server, queues, buckets };
  };

  const launched = await launch(options.port);
  let server = launched.server;
  const { queues, buckets } = launched;
  const legacySnapshot = options.dataDir ? join(options.dataDir, LEGACY_SNAPSHOT) : undefined;
  if (legacySnapshot && existsSync(legacySnapshot)) {
    await restoreSnapshot(
      JSON.parse(await readFile(legacySnapshot, 'utf8')) as Snapshot,
      queues,
      server.address,
    );
    await rm(legacySnapshot);
  }

  // Messages held while the engine is stopped by a fault (see stopEngine).
  let held: Snapshot | undefined;
  return {
    endpoint: server.address,
    queues,
    buckets,
    get server() {
      return server;
    },
    async stopEngine() {
      if (held) return;
      held = stateDir ? {} : takeSnapshot(server, queues);
      await server.stop();
    },
    async startEngine() {
      if (!held) return;
      const restarted = await launch(server.port);
      // Same port, so the same queue URLs: the runner's pollers and every function keep theirs.
      if (JSON.stringify(restarted.queues) !== JSON.stringify(queues))
        throw new Error('SQS came back with other queue URLs');
      server = restarted.server;
      await restoreSnapshot(held, queues, server.address);
      held = undefined;
    },
    async stop() {
      if (!held) await server.stop();
    },
  };
}

/** Every message on each queue and dead-letter queue, waiting, delayed or in flight. */
function takeSnapshot(server: FauxqsServer, queues: Record<string, LocalQueue>): Snapshot {
  const snapshot: Snapshot = {};
  for (const queue of Object.values(queues)) {
    for (const url of [queue.url, queue.deadLetterUrl]) {
      const queueName = url.split('/').pop()!;
      const inspected = server.inspectQueue(queueName);
      if (!inspected) continue;
      const messages = [
        ...inspected.messages.ready,
        ...inspected.messages.delayed,
        ...inspected.messages.inflight.map((entry) => entry.message),
      ].map((m) => ({ body: m.body, messageAttributes: m.messageAttributes as Record<string, unknown> }));
      if (messages.length > 0) snapshot[queueName] = messages;
    }
  }
  return snapshot;
}

/** Gives queues reopened from disk the attributes declared now (a changed timeout, redrive). */
async function setAttributes(
  endpoint: string,
  queues: { url: string; attributes: Record<string, string> }[],
) {
  if (queues.length === 0) return;
  const { SQSClient, SetQueueAttributesCommand } = await import('@aws-sdk/client-sqs');
  const client = new SQSClient({
    endpoint,
    region: 'ap-south-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    useQueueUrlAsEndpoint: false,
  });
  try {
    for (const queue of queues)
      await client.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: queue.attributes }));
  } finally {
    client.destroy();
  }
}

async function restoreSnapshot(snapshot: Snapshot, queues: Record<string, LocalQueue>, endpoint: string) {
  const { SQSClient, SendMessageCommand } = await import('@aws-sdk/client-sqs');
  const client = new SQSClient({
    endpoint,
    region: 'ap-south-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // fauxqs names queues sqs.<region>.localhost, which does not resolve here; the endpoint does.
    useQueueUrlAsEndpoint: false,
  });
  const urls = new Map(
    Object.values(queues).flatMap((q) => [
      [q.url.split('/').pop()!, q.url],
      [q.deadLetterUrl.split('/').pop()!, q.deadLetterUrl],
    ]),
  );
  for (const [queueName, messages] of Object.entries(snapshot)) {
    const url = urls.get(queueName);
    if (!url) continue;
    for (const message of messages) {
      await client.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: message.body,
          MessageAttributes: message.messageAttributes as never,
        }),
      );
    }
  }
  client.destroy();
}
