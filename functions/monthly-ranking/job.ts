import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ExportsStore, exportPrefix, type WrittenExport } from '../../shared/adapters/exports-store.ts';
import { MasterDataStore } from '../../shared/adapters/masterdata-store.ts';
import {
  type MonthReadStats,
  RankingStore,
  streamMonthReferences,
} from '../../shared/adapters/ranking-store.ts';
import type { S3ObjectClient } from '../../shared/adapters/s3/object-client.ts';
import type { Station } from '../../shared/domain/masterdata/types.ts';
import {
  isRankingMonth,
  previousMonth,
  type RankingProgress,
  rankMonth,
} from '../../shared/domain/ranking/index.ts';
import { istMonth, istMonthRange } from '../../shared/domain/time/ist.ts';

/**
 * The monthly ranking run, shared by the scheduled function (functions/monthly-ranking/handler.ts)
 * and the by-hand command (infra/tools/run-ranking.ts): read master data, stream each district's
 * month of references from the `month` index (a Query per district, never a Scan), score and rank
 * with the pure engine, store the snapshot as a new revision, then write its exports to S3.
 */

export interface RankingJobDeps {
  dynamodb: DynamoDBClient;
  tableName: string;
  s3: S3ObjectClient;
  bucket: string;
  now?: () => Date;
}

export interface RankingJobResult {
  month: string;
  policyVersion: string;
  revision: number;
  asOf: string;
  /** Items the month index handed back, and in how many pages. */
  itemsRead: number;
  pages: number;
  /** References filed in the month and counted (items read minus any outside the month). */
  counted: number;
  districts: number;
  stations: number;
  rankedDistricts: number;
  rankedStations: number;
  previous: { month: string; policyVersion: string; revision: number } | null;
  exports: { bucket: string; prefix: string; files: WrittenExport[] };
  durationMs: number;
}

export class RankingJobError extends Error {
  override name = 'RankingJobError';
}

/**
 * The month a run ranks: the one given, or the IST month before the scheduled time (the schedule
 * fires at 00:30 IST on the 1st, so that is the month just ended). A month that has not begun by
 * `at` is refused: there is nothing to count yet.
 */
export function monthToRank(input: { month?: unknown; scheduledTime?: unknown }, at: Date): string {
  const month = input.month === undefined || input.month === '' ? previousMonth(istMonth(at)) : input.month;
  if (typeof month !== 'string' || !isRankingMonth(month))
    throw new RankingJobError(`month must be yyyy-mm, got ${JSON.stringify(input.month)}`);
  if (istMonthRange(month).start.getTime() > at.getTime())
    throw new RankingJobError(`${month} has not begun (IST) at ${at.toISOString()}: nothing to rank`);
  return month;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function runMonthlyRanking(
  deps: RankingJobDeps,
  options: {
    month: string;
    /** Cut-off for the counts: the scheduled time, or now for a run by hand. */
    asOf: Date;
    onProgress?: (progress: RankingProgress & { pages: number }) => void;
  },
): Promise<RankingJobResult> {
  const now = deps.now ?? (() => new Date());
  const started = Date.now();
  const masterData = new MasterDataStore(deps.dynamodb, deps.tableName);
  const districts = (await masterData.districts()).sort((a, b) => a.code.localeCompare(b.code));
  if (districts.length === 0) throw new RankingJobError('No districts in master data: nothing to rank');
  const stations: Station[] = (
    await mapLimit(districts, 8, (district) => masterData.stations(district.code))
  ).flat();
  const store = new RankingStore(deps.dynamodb, deps.tableName, now);
  const previous = await store.previousStanding(options.month);

  const stats: MonthReadStats = { pages: 0, items: 0 };
  const draft = await rankMonth({
    month: options.month,
    asOf: options.asOf,
    computedAt: now(),
    districts,
    stations,
    previous: previous ?? null,
    read: (districtCode, month) =>
      streamMonthReferences(deps.dynamodb, deps.tableName, districtCode, month, { stats }),
    onProgress: (progress) => options.onProgress?.({ ...progress, pages: stats.pages }),
  });
  const snapshot = await store.save(draft);
  const exportsStore = new ExportsStore(deps.s3, deps.bucket);
  const files = await exportsStore.writeAll(snapshot);
  const ref = { month: snapshot.month, policyVersion: snapshot.policy.version, revision: snapshot.revision };
  return {
    ...ref,
    asOf: snapshot.asOf,
    itemsRead: stats.items,
    pages: stats.pages,
    counted: snapshot.stats.counted,
    districts: snapshot.districts.length,
    stations: snapshot.stations.length,
    rankedDistricts: snapshot.districts.filter((u) => u.rank !== null).length,
    rankedStations: snapshot.stations.filter((u) => u.rank !== null).length,
    previous: snapshot.previous,
    exports: { bucket: deps.bucket, prefix: exportPrefix(ref), files },
    durationMs: Date.now() - started,
  };
}
