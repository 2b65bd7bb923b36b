import { dynamodbClient } from '../../shared/adapters/aws/clients/dynamodb.ts';
import { s3Client } from '../../shared/adapters/aws/clients/s3.ts';
import { resourceEnv } from '../../shared/adapters/aws/resource-env.ts';
import { monthlyRankingDeps } from '../../shared/adapters/wiring/ranking-wiring.ts';
import { mainTableName } from '../../shared/adapters/wiring/wiring.ts';
import { requireEnv } from '../../shared/config.ts';
import { scheduledInstant } from '../../shared/domain/time/clock.ts';
import { logger } from '../../shared/triggers/powertools.ts';
import { scheduleHandler } from '../../shared/triggers/schedule/handler.ts';
import { monthToRank, runMonthlyRanking } from '../../shared/use-cases/run-monthly-ranking.ts';

/**
 * Monthly schedule (00:30 IST on the 1st): ranks the previous IST month. The scheduled time is the
 * counts' cut-off, so a retried invocation counts the same; every run stores a new revision and
 * never touches an older one. An explicit `month` in the input ranks that month instead (the local
 * trigger and `npm run ranking` use it).
 */
const rankMonth = async (event: { scheduledTime?: string; month?: string } = {}) => {
  const at = scheduledInstant(event, new Date());
  const month = monthToRank(event, at);
  logger.info('monthly ranking started', { month, asOf: at.toISOString() });
  let lastLogged = 0;
  const result = await runMonthlyRanking(
    {
      month,
      asOf: at,
      onProgress: (progress) => {
        // A line every 15 districts (and the last): enough to see a slow run move.
        if (progress.districtsDone - lastLogged >= 15 || progress.districtsDone === progress.totalDistricts) {
          lastLogged = progress.districtsDone;
          logger.info('monthly ranking progress', {
            districtsDone: progress.districtsDone,
            totalDistricts: progress.totalDistricts,
            itemsRead: progress.referencesRead,
            pages: progress.pages,
          });
        }
      },
    },
    monthlyRankingDeps({
      dynamodb: dynamodbClient(),
      tableName: mainTableName(),
      s3: s3Client(),
      bucket: requireEnv(resourceEnv.bucket('exports')),
    }),
  );
  logger.info('monthly ranking stored', {
    month: result.month,
    policyVersion: result.policyVersion,
    revision: result.revision,
    itemsRead: result.itemsRead,
    pages: result.pages,
    counted: result.counted,
    units: { districts: result.districts, stations: result.stations },
    ranked: { districts: result.rankedDistricts, stations: result.rankedStations },
    exports: `s3://${result.exports.bucket}/${result.exports.prefix}`,
    durationMs: result.durationMs,
  });
  return result;
};

export const handler = scheduleHandler({ job: 'monthly-ranking', runMetric: 'RankingRuns' }, rankMonth);
