import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../infra/local/cloud.ts';
import { DataDirInUseError } from '../../infra/local/services/data-lock.ts';
import { fixturePlatform, HELD_QUEUE, RECORDS_TABLE, WORK_QUEUE } from '../fixtures/platform.ts';
import { dynamoClient, itemsUnder, LOCAL_CREDENTIALS, waitFor } from '../fixtures/support.ts';

/**
 * `npm start` keeps its data under DATA_DIR: what was there before a stop is there after the next
 * start (table items, queued messages, S3 objects, sent mail and SMS), and two clouds never share
 * one directory.
 */
let dataDir: string;
let cloud: LocalCloud | undefined;

const BUCKET = 'files';
const options = (): LocalCloudOptions => ({
  platform: { ...fixturePlatform, buckets: { [BUCKET]: { description: 'objects kept across a restart' } } },
  dataDir,
  ports: { api: 0, mail: 0, sms: 0, dynamodb: 0, sqs: 0 },
  visibilityTimeoutOverrideSeconds: 1,
  onLog: () => {},
});

const sqsClient = (c: LocalCloud) =>
  new SQSClient({ endpoint: c.sqsEndpoint, region: 'ap-south-1', credentials: LOCAL_CREDENTIALS });

/** Every delivery the worker recorded, across message ids. */
async function recordedDeliveries(c: LocalCloud): Promise<{ messageId: string; body: string }[]> {
  const dynamodb = dynamoClient(c.dynamodbEndpoint);
  try {
    const { Items = [] } = await dynamodb.send(new ScanCommand({ TableName: c.tableNames[RECORDS_TABLE]! }));
    return Items.filter((i) => i.pk?.S?.startsWith('MSG#')).map((i) => ({
      messageId: i.messageId!.S!,
      body: i.body!.S!,
    }));
  } finally {
    dynamodb.destroy();
  }
}

/** The bodies waiting on a queue, looked at without hiding them. */
async function waitingBodies(queueUrl: string): Promise<string[]> {
  const sqs = sqsClient(cloud!);
  try {
    return await waitFor(`messages on ${queueUrl}`, async () => {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
      );
      return Messages.length > 0 ? Messages.map((m) => m.Body ?? '') : undefined;
    });
  } finally {
    sqs.destroy();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'nivaran-restart-'));
  cloud = await startLocalCloud(options());
});

afterAll(async () => {
  await cloud?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('one data directory, one local cloud', () => {
  it('refuses a second cloud on the same data directory while the first runs', async () => {
    const error = await startLocalCloud(options()).then(
      async (second) => {
        await second.stop();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataDirInUseError);
    expect((error as Error).message).toContain(dataDir);
    expect((error as Error).message).toContain('DATA_DIR');
  });
});

const s3Client = (c: LocalCloud) =>
  new S3Client({
    endpoint: c.sqsEndpoint,
    region: 'ap-south-1',
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });

describe('after a stop and a start on the same data directory', () => {
  let storedId: string;
  let waitingId: string;
  const objectKey = 'attachments/12345678901/रिपोर्ट.pdf';

  beforeAll(async () => {
    const first = cloud!;
    const queue = first.queues[WORK_QUEUE]!;
    const sqs = sqsClient(first);
    try {
      // An item the worker writes, through the queue.
      storedId = (await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'stored' })))
        .MessageId!;
      await waitFor('the worker to store the message', async () =>
        (await recordedDeliveries(first)).some((d) => d.messageId === storedId) ? true : undefined,
      );
      await first.drain();
      // A message on a queue no function consumes, a dead letter, and a message still waiting
      // (delayed) on a consumed queue when the cloud stops.
      await sqs.send(
        new SendMessageCommand({ QueueUrl: first.queues[HELD_QUEUE]!.url, MessageBody: 'unconsumed' }),
      );
      await sqs.send(new SendMessageCommand({ QueueUrl: queue.deadLetterUrl, MessageBody: 'dead-letter' }));
      // Still delayed when the cloud stops, due soon after it starts again.
      waitingId = (
        await sqs.send(
          new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'waiting', DelaySeconds: 4 }),
        )
      ).MessageId!;
    } finally {
      sqs.destroy();
    }
    const s3 = s3Client(first);
    const ses = new SESv2Client({
      endpoint: first.mailUrl.replace(/\/$/, ''),
      region: 'ap-south-1',
      credentials: LOCAL_CREDENTIALS,
    });
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: first.buckets[BUCKET]!,
          Key: objectKey,
          Body: 'kept across a restart',
          ContentType: 'application/pdf',
        }),
      );
      await ses.send(
        new SendEmailCommand({
          FromEmailAddress: 'no-reply@nivaran.local',
          Destination: { ToAddresses: ['sho@example.gov.in'] },
          Content: { Simple: { Subject: { Data: 'कायम रहे' }, Body: { Text: { Data: 'kept' } } } },
        }),
      );
    } finally {
      s3.destroy();
      ses.destroy();
    }
    await first.stop();
    cloud = undefined;
    cloud = await startLocalCloud(options());
  });

  it('still holds the table item written before the stop', async () => {
    const dynamodb = dynamoClient(cloud!.dynamodbEndpoint);
    try {
      const items = await itemsUnder(dynamodb, cloud!.tableNames[RECORDS_TABLE]!, `MSG#${storedId}`);
      expect(items.map((i) => i.body)).toEqual(['stored']);
    } finally {
      dynamodb.destroy();
    }
  });

  it('has the message of the queue without a consumer back on that queue', async () => {
    expect(await waitingBodies(cloud!.queues[HELD_QUEUE]!.url)).toEqual(['unconsumed']);
  });

  it('has the dead letter back in the dead-letter queue', async () => {
    expect(await waitingBodies(cloud!.queues[WORK_QUEUE]!.deadLetterUrl)).toEqual(['dead-letter']);
  });

  it('delivers the message that was still delayed, as the same message, once', async () => {
    const waiting = await waitFor('the waiting message to be consumed', async () => {
      const found = (await recordedDeliveries(cloud!)).filter((d) => d.body === 'waiting');
      return found.length > 0 ? found : undefined;
    });
    await cloud!.drain();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.messageId).toBe(waitingId);
    expect((await recordedDeliveries(cloud!)).filter((d) => d.body === 'waiting')).toHaveLength(1);
  });

  it('still serves the S3 object stored before the stop', async () => {
    const s3 = s3Client(cloud!);
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: cloud!.buckets[BUCKET]!, Key: objectKey }));
      expect(await object.Body!.transformToString()).toBe('kept across a restart');
      expect(object.ContentType).toBe('application/pdf');
    } finally {
      s3.destroy();
    }
  });

  it('still shows the mail sent before the stop in the inbox', async () => {
    const store = (await (await fetch(`${cloud!.mailUrl}store`)).json()) as {
      emails: { subject: string; destination: { to: string[] } }[];
    };
    expect(store.emails.filter((m) => m.subject === 'कायम रहे')).toHaveLength(1);
  });
});
