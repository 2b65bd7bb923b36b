import type { District, Station } from '../domain/masterdata/types.ts';
import type { Clock } from '../domain/ports.ts';
import {
  isRankingMonth,
  type MonthReader,
  POLICIES,
  type PreviousStanding,
  policyFor,
  previousMonth,
  type RankingProgress,
  type RankingSnapshot,
  type RankingSnapshotDraft,
  type RevisionRef,
  rankMonth,
  revisionOf,
  type ScoringPolicy,
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
    /** The policy the month's latest revision was published under, if it was ranked before. */
    publishedPolicy(month: string): Promise<ScoringPolicy | undefined>;
    /** Stores the draft as the month's next revision. */
    save(draft: RankingSnapshotDraft): Promise<RankingSnapshot>;
  };
  /** Policies state administrators published (besides the shipped POLICIES). */
  policies: { list(): Promise<{ policy: ScoringPolicy }[]> };
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

/** Every policy known: the shipped ones and those state administrators published. */
export async function knownPolicies(
  deps: Pick<MonthlyRankingDeps<unknown>, 'policies'>,
): Promise<ScoringPolicy[]> {
  return [...POLICIES, ...(await deps.policies.list()).map((p) => p.policy)];
}

/**
 * The policy a run scores a month under: the one its published revisions used, if the month was
 * ranked before (a published month never changes its rules, whatever policy is published later);
 * otherwise the policy in effect for the month, shipped or published.
 */
export async function policyForRun(
  month: string,
  deps: Pick<MonthlyRankingDeps<unknown>, 'policies' | 'rankings'>,
): Promise<ScoringPolicy> {
  const policies = await knownPolicies(deps);
  const published = await deps.rankings.publishedPolicy(month);
  if (published) return policies.find((p) => p.version === published.version) ?? published;
  return policyFor(month, policies);
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
  const [previous, policy] = await Promise.all([
    deps.rankings.previousStanding(input.month),
    policyForRun(input.month, deps),
  ]);

  const draft = await rankMonth({
    policy,
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

export interface RecomputeDeps<File> extends MonthlyRankingDeps<File> {
  stored: {
    header(
      month: string,
      policyVersion: string,
      revision: number,
    ): Promise<
      | (Pick<RankingSnapshotDraft, 'asOf' | 'computedAt' | 'previous'> & {
          complete: boolean;
          policy: ScoringPolicy;
        })
      | undefined
    >;
    standingAt(ref: RevisionRef): Promise<PreviousStanding>;
    /** The text of a stored export file of the revision. */
    exportText(ref: RevisionRef, file: File): Promise<string | undefined>;
  };
  /** A rendered file's text, to compare. */
  bodyOf(file: File): string;
  nameOf(file: File): string;
}

export interface RecomputeResult extends RevisionRef {
  files: { name: string; identical: boolean; storedBytes: number; recomputedBytes: number }[];
  identical: boolean;
}

/**
 * Recomputes a stored revision as it was made (same policy version, cut-off, computation time and
 * previous standing) without storing anything, and compares every export with the one published:
 * a month's ranking must be explainable from its references and policy, byte for byte.
 */
export async function recomputeRevision<File>(
  ref: RevisionRef,
  deps: RecomputeDeps<File>,
): Promise<RecomputeResult> {
  const header = await deps.stored.header(ref.month, ref.policyVersion, ref.revision);
  if (!header?.complete)
    throw new RankingJobError(
      `${ref.month} has no complete revision ${ref.revision} under ${ref.policyVersion}`,
    );
  // The policy by its version as known now (shipped constant or published JSON); the header's copy
  // only if it is known no more.
  const policy = (await knownPolicies(deps)).find((p) => p.version === ref.policyVersion) ?? header.policy;
  const districts = (await deps.masterData.districts()).sort((a, b) => a.code.localeCompare(b.code));
  const stations: Station[] = (
    await mapLimit(districts, 8, (district) => deps.masterData.stations(district.code))
  ).flat();
  const previous = header.previous ? await deps.stored.standingAt(header.previous) : null;
  const draft = await rankMonth({
    month: ref.month,
    asOf: new Date(header.asOf),
    computedAt: new Date(header.computedAt),
    districts,
    stations,
    previous,
    policy,
    read: deps.months.read,
  });
  const files = [];
  for (const file of deps.render({ ...draft, revision: ref.revision })) {
    const stored = await deps.stored.exportText(ref, file);
    const body = deps.bodyOf(file);
    files.push({
      name: deps.nameOf(file),
      identical: stored === body,
      storedBytes: stored === undefined ? 0 : Buffer.byteLength(stored),
      recomputedBytes: Buffer.byteLength(body),
    });
  }
  return { ...ref, files, identical: files.every((f) => f.identical) };
}
