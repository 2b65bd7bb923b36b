import type { District, Station } from '../domain/masterdata/types.ts';
import type { Clock } from '../domain/ports.ts';
import {
  isRankingMonth,
  type MonthReader,
  type PreviousStanding,
  previousMonth,
  type RankingProgress,
  type RankingSnapshot,
  type RankingSnapshotDraft,
  type RevisionRef,
  rankMonth,
  revisionOf,
} from '../domain/ranking/index.ts';
import { istMonth, istMonthRange } from '../domain/time/ist.ts';
import { mapLimit } from './concurrency.ts';

/**
 * The monthly ranking run, shared by the scheduled function (functions/monthly-ranking/handler.ts)
 * and the by-hand command (infra/tools/run-ranking.ts): read master data, stream each district's
 * month of references (a Query per district, never a Scan), score and rank with the pure engine,
 * store the snapshot as a new revision, then render and store its exports.
 */

/** A stored export file, as the exports store reports it. */
export interface WrittenExport {
  key: string;
  level: string;
  format: string;
  bytes: number;
}

export interface MonthlyRankingDeps<File> {
  masterData: {
    districts(): Promise<District[]>;
    stations(districtCode: string): Promise<Station[]>;
  };
  rankings: {
    /** The standing of the month before, for movement and streaks. */
    previousStanding(month: string): Promise<PreviousStanding | undefined>;
    /** Stores the draft as the month's next revision. */
    save(draft: RankingSnapshotDraft): Promise<RankingSnapshot>;
  };
  /** A district's references filed in a month, and how much reading them took. */
  months: { read: MonthReader; stats(): { items: number; pages: number } };
  /** The snapshot's export files (CSV, JSON, HTML for districts and stations). */
  render(snapshot: RankingSnapshot): File[];
  exports: {
    readonly bucket: string;
    writeAll(ref: RevisionRef, files: readonly File[]): Promise<WrittenExport[]>;
    prefix(ref: RevisionRef): string;
  };
  clock: Clock;
}

export interface RankingJobResult extends RevisionRef {
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
export function monthToRank(input: { month?: unknown }, at: Date): string {
  const month = input.month === undefined || input.month === '' ? previousMonth(istMonth(at)) : input.month;
  if (typeof month !== 'string' || !isRankingMonth(month))
    throw new RankingJobError(`month must be yyyy-mm, got ${JSON.stringify(input.month)}`);
  if (istMonthRange(month).start.getTime() > at.getTime())
    throw new RankingJobError(`${month} has not begun (IST) at ${at.toISOString()}: nothing to rank`);
  return month;
}

/** Ranks a month as of `asOf` and stores the snapshot and its exports as a new revision. */
export async function runMonthlyRanking<File>(
  input: {
    month: string;
    /** Cut-off for the counts: the scheduled time, or now for a run by hand. */
    asOf: Date;
    onProgress?: (progress: RankingProgress & { pages: number }) => void;
  },
  deps: MonthlyRankingDeps<File>,
): Promise<RankingJobResult> {
  const started = deps.clock.now().getTime();
  const districts = (await deps.masterData.districts()).sort((a, b) => a.code.localeCompare(b.code));
  if (districts.length === 0) throw new RankingJobError('No districts in master data: nothing to rank');
  const stations: Station[] = (
    await mapLimit(districts, 8, (district) => deps.masterData.stations(district.code))
  ).flat();
  const previous = await deps.rankings.previousStanding(input.month);

  const draft = await rankMonth({
    month: input.month,
    asOf: input.asOf,
    computedAt: deps.clock.now(),
    districts,
    stations,
    previous: previous ?? null,
    read: deps.months.read,
    onProgress: (progress) => input.onProgress?.({ ...progress, pages: deps.months.stats().pages }),
  });
  const snapshot = await deps.rankings.save(draft);
  const ref = revisionOf(snapshot);
  const files = await deps.exports.writeAll(ref, deps.render(snapshot));
  const stats = deps.months.stats();
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
    exports: { bucket: deps.exports.bucket, prefix: deps.exports.prefix(ref), files },
    durationMs: deps.clock.now().getTime() - started,
  };
}
