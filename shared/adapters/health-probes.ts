import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeAccountAttributesCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { envWithPrefix } from '../config.ts';
import { dynamodbClient, sesClient, smsClient, sqsClient } from './aws/clients.ts';

export interface ComponentStatus {
  status: 'ok' | 'down';
  /** Where a person can look at it, when there is such a place (the local mail inbox). */
  url?: string;
  detail?: string;
}

const PROBE_TIMEOUT_MS = 2_000;

async function probe(check: () => Promise<unknown>, url?: string): Promise<ComponentStatus> {
  const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('timed out')))),
    ]);
    return { status: 'ok', ...(url ? { url } : {}) };
  } catch (error) {
    return { status: 'down', ...(url ? { url } : {}), detail: (error as Error).name || 'error' };
  }
}

/**
 * Probes every table and queue bound to the calling function (by the TABLE_ and QUEUE_URL_
 * variables the platform sets) plus email and SMS. Buckets are not probed: the S3 client alone
 * would push this bundle past the 500 KB budget, and an unreachable S3 shows in the export runs.
 */
export async function probeComponents(): Promise<Record<string, ComponentStatus>> {
  const checks: Record<string, Promise<ComponentStatus>> = {};
  for (const [key, tableName] of Object.entries(envWithPrefix('TABLE_'))) {
    checks[`dynamodb:${key.toLowerCase()}`] = probe(() =>
      dynamodbClient().send(new DescribeTableCommand({ TableName: tableName })),
    );
  }
  for (const [key, queueUrl] of Object.entries(envWithPrefix('QUEUE_URL_'))) {
    checks[`sqs:${key.toLowerCase()}`] = probe(() =>
      sqsClient().send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] })),
    );
  }
  if (process.env.HEALTH_PROBE_EMAIL === 'true') {
    checks.email = probe(() => sesClient().send(new GetAccountCommand({})), process.env.MAIL_INBOX_URL);
  }
  if (process.env.HEALTH_PROBE_SMS === 'true') {
    checks.sms = probe(
      () => smsClient().send(new DescribeAccountAttributesCommand({})),
      process.env.SMS_OUTBOX_URL,
    );
  }
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await check] as const),
  );
  return Object.fromEntries(entries);
}
