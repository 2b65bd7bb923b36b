import { randomInt } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamodbClient } from '../../shared/adapters/clients/dynamodb.ts';
import { isConditionFailure, toItem } from '../../shared/adapters/dynamo-item.ts';
import { mainTableName, masterDataReader, referenceRepository } from '../../shared/adapters/wiring.ts';
import { intEnv } from '../../shared/config.ts';
import { drawRandomChecks } from '../../shared/domain/officer-work/random-check.ts';
import { addIstDays, istDate } from '../../shared/domain/time/ist.ts';
import { logger } from '../../shared/triggers/powertools.ts';
import { scheduleHandler } from '../../shared/triggers/schedule/handler.ts';
import { notificationsQueue } from '../../shared/triggers/sqs/queues.ts';

/**
 * Daily schedule: draws the previous IST day's disposals for re-verification in every district and
 * tells the supervisors concerned. The scheduled time comes in the input, so a re-run of a given
 * day draws that day.
 */
const drawChecks = async (event: { scheduledTime?: string }) => {
  const at =
    event.scheduledTime && !Number.isNaN(Date.parse(event.scheduledTime))
      ? new Date(event.scheduledTime)
      : new Date();
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
      notifications: notificationsQueue(),
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

export const handler = scheduleHandler({ job: 'random-checks' }, drawChecks);
