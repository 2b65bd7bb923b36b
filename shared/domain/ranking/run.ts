import { RankingAccumulator } from './accumulator.ts';
import type { RankedReference } from './counts.ts';
import { POLICIES } from './default-policy.ts';
import { policyFor, type ScoringPolicy } from './policy.ts';
import {
  buildSnapshot,
  type DistrictInfo,
  type PreviousStanding,
  type RankingSnapshotDraft,
  type StationInfo,
} from './snapshot.ts';

/** Reads one district's references filed in one IST month (the `month` index), page by page. */
export type MonthReader = (districtCode: string, month: string) => AsyncIterable<RankedReference>;

export interface RankingProgress {
  /** The district just read. */
  districtCode: string;
  /** Districts read so far, of `totalDistricts`. */
  districtsDone: number;
  totalDistricts: number;
  /** References read so far across districts. */
  referencesRead: number;
}

/**
 * Computes a month's ranking: picks the policy in effect, streams each district's month of
 * references through one accumulator (one district at a time, so memory stays per unit), then
 * scores and ranks. The caller stores the draft (RankingStore.save) and supplies `previous` from
 * the store (RankingStore.previousStanding) for movement and streaks.
 */
export async function rankMonth(input: {
  month: string;
  /** Cut-off for the counts, usually the run time. */
  asOf: Date;
  computedAt?: Date;
  districts: readonly DistrictInfo[];
  stations: readonly StationInfo[];
  read: MonthReader;
  previous?: PreviousStanding | null;
  policies?: readonly ScoringPolicy[];
  /** Overrides the policy chosen by month (a what-if under another version). */
  policy?: ScoringPolicy;
  onProgress?: (progress: RankingProgress) => void;
}): Promise<RankingSnapshotDraft> {
  const policy = input.policy ?? policyFor(input.month, input.policies ?? POLICIES);
  const accumulator = new RankingAccumulator({
    month: input.month,
    asOf: input.asOf,
    priorityChannels: policy.priorityChannels,
    feedbackChannels: policy.feedbackChannels,
    chargeDefaultersToHolder: policy.defaulterCharge?.to === 'holder',
  });
  let done = 0;
  for (const district of input.districts) {
    await accumulator.addAll(input.read(district.code, input.month));
    done++;
    input.onProgress?.({
      districtCode: district.code,
      districtsDone: done,
      totalDistricts: input.districts.length,
      referencesRead: accumulator.stats.read,
    });
  }
  return buildSnapshot({
    accumulator,
    policy,
    districts: input.districts,
    stations: input.stations,
    previous: input.previous ?? null,
    computedAt: input.computedAt ?? input.asOf,
  });
}
