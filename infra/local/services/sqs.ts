import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import type { QueueDefinition } from '../../platform/types.ts';
import { PortInUseError } from './listen.ts';

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
   * again on the same port, so queue URLs stay valid. The messages on every queue are kept in
   * memory meanwhile and sent again at the start, as across a restart of `npm start` (new message
   * ids, receive counts from zero, a message in flight at the stop comes back). S3 objects are not
   * kept.
   */
  stopEngine(): Promise<void>;
  startEngine(): Promise<void>;
  stop(): Promise<void>;
}

const SNAPSHOT = 'sqs-messages.json';

interface Snapshot {
  [queueName: string]: { body: string; messageAttributes: Record<string, unknown> }[];
}

/**
 * SQS and S3 via fauxqs. Each declared queue gets its dead-letter queue and redrive policy, so
 * fauxqs itself moves a message after maxReceiveCount receives, as SQS does.
 *
 * Deliberate difference: fauxqs keeps messages in memory only. On a clean stop the messages still
 * waiting are written under dataDir and sent again on the next start, so a restart of `npm start`
 * loses no reference in flight (their receive counts start again from zero).
 */
export async function startSqs(options: {
  dataDir: string | null;
  port: number;
  region: string;
  prefix: string;
  queues: Record<string, QueueDefinition>;
  buckets: string[];
  /** Tests shorten the visibility timeout so a failed message is retried in a second, not minutes. */
  visibilityTimeoutOverrideSeconds?: number;
}): Promise<LocalSqs> {
  const launch = async (port: number) => {
    let server: FauxqsServer;
    try {
      server = await startFauxqs({ port, logger: false, defaultRegion: options.region });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new PortInUseError(port, 'SQS and S3 (fauxqs)', 'SQS_PORT');
      }
      throw error;
    }
    const queues: Record<string, LocalQueue> = {};
    for (const [name, def] of Object.entries(options.queues)) {
      const dlq = server.createQueue(`${options.prefix}-${name}-dlq`, {
        region: options.region,
        attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) },
      });
      const visibility = options.visibilityTimeoutOverrideSeconds ?? def.visibilityTimeoutSeconds;
      const queue = server.createQueue(`${options.prefix}-${name}`, {
        region: options.region,
        attributes: {
          VisibilityTimeout: String(visibility),
          MessageRetentionPeriod: String((def.retentionPeriodDays ?? 4) * 24 * 3600),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: dlq.queueArn,
            maxReceiveCount: def.maxReceiveCount,
          }),
        },
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
    return { server, queues, buckets };
  };

  const launched = await launch(options.port);
  let server = launched.server;
  const { queues, buckets } = launched;
  const snapshotPath = options.dataDir ? join(options.dataDir, SNAPSHOT) : undefined;
  if (snapshotPath && existsSync(snapshotPath)) {
    await restoreSnapshot(
      JSON.parse(await readFile(snapshotPath, 'utf8')) as Snapshot,
      queues,
      server.address,
    );
    await rm(snapshotPath);
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
      held = takeSnapshot(server, queues);
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
      const snapshot = held ?? takeSnapshot(server, queues);
      if (snapshotPath && Object.keys(snapshot).length > 0)
        await writeFile(snapshotPath, JSON.stringify(snapshot));
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
