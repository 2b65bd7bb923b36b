import type { Context } from 'aws-lambda';
import { dynamodbClient } from '../../shared/adapters/aws/clients/dynamodb.ts';
import { s3Client } from '../../shared/adapters/aws/clients/s3.ts';
import { resourceEnv } from '../../shared/adapters/aws/resource-env.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { retentionDeps } from '../../shared/adapters/wiring/retention-wiring.ts';
import { mainTableName } from '../../shared/adapters/wiring/wiring.ts';
import { requireEnv } from '../../shared/config.ts';
import { scheduledInstant } from '../../shared/domain/time/clock.ts';
import { logger } from '../../shared/triggers/powertools.ts';
import { scheduleHandler } from '../../shared/triggers/schedule/handler.ts';
import { redactExpiredReferences } from '../../shared/use-cases/redact-expired-references.ts';

/** Left for the run to finish the reference in hand and log before Lambda stops it. */
const STOP_BEFORE_TIMEOUT_MS = 30_000;

/**
 * Daily retention run (EventBridge Scheduler): removes the personal data of references disposed
 * longer ago than the policy's windows. Its "now" is the scheduled time, so a retry is the same run;
 * near its timeout it stops, and the next run (or the retry) carries on with what is left.
 */
export const handler = scheduleHandler({ job: 'retention' }, async (event: unknown, context: Context) => {
  const at = scheduledInstant(event, systemClock.now());
  const deps = retentionDeps({
    dynamodb: dynamodbClient(),
    tableName: mainTableName(),
    s3: s3Client(),
    attachmentsBucket: requireEnv(resourceEnv.bucket('attachments')),
  });
  const result = await redactExpiredReferences(at, deps, {
    shouldStop: () => context.getRemainingTimeInMillis() < STOP_BEFORE_TIMEOUT_MS,
  });
  logger.info('retention run done', { ...result });
  return result;
});
