import { randomInt } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamodbClient } from '../../shared/adapters/clients/dynamodb.ts';
import { sqsClient } from '../../shared/adapters/clients/sqs.ts';
import { isConditionFailure, toItem } from '../../shared/adapters/dynamo-item.ts';
import { SqsQueue } from '../../shared/adapters/queue.ts';
import {
  mainTableName,
  masterDataReader,
  queueUrl,
  referenceRepository,
} from '../../shared/adapters/wiring.ts';
import { intEnv } from '../../shared/config.ts';
import { scheduledInstant } from '../../shared/domain/time/clock.ts';
import { addIstDays, istDate } from '../../shared/domain/time/ist.ts';
import { logger } from '../../shared/observability/logger.ts';
import { drawRandomChecks } from '../../shared/use-cases/draw-random-checks.ts';

/**
 * Daily schedule: draws the previous IST day's disposals for re-verification in every district and
 * tells the supervisors concerned. The scheduled time comes in the input, so a re-run of a given
 * day draws that day.
 */
export const handler = async (event: { scheduledTime?: string }) => {
  const at = scheduledInstant(event, new Date());
  const disposedOn = addIstDays(istDate(at), -1);
  const districts = await masterDataReader().districts();
  const drawn = await drawRandomChecks(
    {
      districtCodes: districts.map((d) => d.code),
      disposedOn,
      perDistrict: intEnv('RANDOM_CHECKS_PER_DISTRICT', 5),
      at,
    },
    {
      references: referenceRepository(),
      notifications: new SqsQueue(sqsClient(), queueUrl('notifications')),
      randomInt: (below) => randomInt(below),
      claimDraw: async (districtCode, date) => {
        try {
          await dynamodbClient().send(
            new PutItemCommand({
              TableName: mainTableName(),
              Item: toItem({
                pk: `RCHECKRUN#${districtCode}`,
                sk: date,
                at: at.toISOString(),
                expiresAtEpoch: Math.floor(at.getTime() / 1000) + 90 * 86_400,
              }),
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          return true;
        } catch (error) {
          if (isConditionFailure(error)) return false;
          throw error;
        }
      },
    },
  );
  const total = Object.values(drawn).reduce((sum, list) => sum + list.length, 0);
  logger.info('random checks drawn', { disposedOn, districts: Object.keys(drawn).length, total });
  return { disposedOn, drawn };
};
