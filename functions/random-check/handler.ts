import { randomInt } from 'node:crypto';
import { dynamodbClient } from '../../shared/adapters/aws/clients/dynamodb.ts';
import { DynamoRandomCheckDraws } from '../../shared/adapters/dynamodb/random-check-draws.ts';
import { mainTableName, masterDataReader, referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import { intEnv } from '../../shared/config.ts';
import { scheduledInstant } from '../../shared/domain/time/clock.ts';
import { logger } from '../../shared/triggers/powertools.ts';
import { scheduleHandler } from '../../shared/triggers/schedule/handler.ts';
import { notificationsQueue } from '../../shared/triggers/sqs/queues.ts';
import { type DrawRandomChecksDeps, drawRandomChecks } from '../../shared/use-cases/draw-random-checks.ts';

let deps: DrawRandomChecksDeps | undefined;

/**
 * Daily schedule: draws the previous IST day's disposals for re-verification in every district and
 * tells the supervisors concerned. The scheduled time comes in the input, so a re-run of a given
 * day draws that day.
 */
const drawChecks = async (event: { scheduledTime?: string }) => {
  deps ??= {
    masterData: masterDataReader(),
    references: referenceRepository(),
    draws: new DynamoRandomCheckDraws(dynamodbClient(), mainTableName()),
    notifications: notificationsQueue(),
    randomInt: (below) => randomInt(below),
    perDistrict: intEnv('RANDOM_CHECKS_PER_DISTRICT', 5),
  };
  const result = await drawRandomChecks(scheduledInstant(event, new Date()), deps);
  const total = Object.values(result.drawn).reduce((sum, list) => sum + list.length, 0);
  logger.info('random checks drawn', {
    disposedOn: result.disposedOn,
    districts: Object.keys(result.drawn).length,
    total,
  });
  return result;
};

export const handler = scheduleHandler({ job: 'random-checks' }, drawChecks);
