import type { Bilingual } from '../language.ts';
import type { District, Station } from '../masterdata/types.ts';
import type { AccumulatorStats, RankingAccumulator, UnitLevel } from './accumulator.ts';
import { unitKey } from './accumulator.ts';
import { countKeysFor, emptyCounts, type RawCounts } from './counts.ts';
import type { LevelRanking, ScoringPolicy, VolumeGroup } from './policy.ts';
import { competitionRanks } from './rank.ts';
import { scoreUnit, type UnitScore } from './score.ts';

export interface Movement {
  /** up/down/same against last month; new when the unit had no rank last month; unranked when it has none now. */
  status: 'up' | 'down' | 'same' | 'new' | 'unranked';
  previousRank: number | null;
  /** previousRank − rank: positive when the unit rose; null unless both ranks exist. */
  change: number | null;
}

/** A unit's result for the month: its counts, scorecard, score, ranks, movement and streak. */
export interface UnitResult extends UnitScore {
  level: UnitLevel;
  code: string;
  name: Bilingual;
  districtCode: string;
  districtName: Bilingual;
  counts: RawCounts;
  /** Statewide rank among the units of its level; null when nothing could be measured. */
  rank: number | null;
  movement: Movement;
  /** Consecutive months at statewide rank 1 up to and including this one; 0 when not at rank 1. */
  streak: number;
  /** Stations: rank among their district's stations. Districts: null. */
  districtRank: number | null;
  districtMovement: Movement | null;
  /**
   * Under a policy with volume rules (`ranking`) only: the volume group the month's references put
   * the unit in (its `rank` is within that group; null below the minimum), and why it is not
   * ranked when it is not. Absent under a policy without them, so those snapshots keep their bytes.
   */
  group?: string | null;
  notRanked?: NotRankedReason | null;
}

/** Why a unit has no rank: too few references in the month, or nothing that could be measured. */
export type NotRankedReason = 'too-few-references' | 'nothing-to-measure';

/** The volume group of `references`, under a level's rules. */
export function volumeGroupOf(rules: LevelRanking, references: number): VolumeGroup | undefined {
  return rules.groups.find((g) => references >= g.min && (g.max === undefined || references <= g.max));
}

/** What the previous month's latest revision said about each unit: all movement and streaks need. */
export interface PreviousStanding {
  month: string;
  policyVersion: string;
  revision: number;
  /** By unitKey(level, code). */
  units: ReadonlyMap<string, { rank: number | null; districtRank: number | null; streak: number }>;
}

export interface SnapshotStats extends AccumulatorStats {
  districts: number;
  stations: number;
}

/** A computed month before it is stored (the store gives it its revision). */
export interface RankingSnapshotDraft {
  month: string;
  /** The whole policy it was scored under, so every mark can be explained from the snapshot alone. */
  policy: ScoringPolicy;
  /** The cut-off the counts were taken at. */
  asOf: string;
  computedAt: string;
  stats: SnapshotStats;
  /** The revision movement and streaks were measured against, if any. */
  previous: { month: string; policyVersion: string; revision: number } | null;
  /** In rank order (unranked last, then by code). */
  districts: UnitResult[];
  /** In statewide rank order. */
  stations: UnitResult[];
}

export interface RankingSnapshot extends RankingSnapshotDraft {
  revision: number;
}

/** The ranking month before `month` ('2026-01' → '2025-12'). */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

function movement(rank: number | null, previousRank: number | null | undefined): Movement {
  const before = previousRank ?? null;
  if (rank === null) return { status: 'unranked', previousRank: before, change: null };
  if (before === null) return { status: 'new', previousRank: null, change: null };
  const change = before - rank;
  return { status: change > 0 ? 'up' : change < 0 ? 'down' : 'same', previousRank: before, change };
}

const byRank = (a: UnitResult, b: UnitResult, rankOf: (u: UnitResult) => number | null) => {
  const ra = rankOf(a) ?? Number.POSITIVE_INFINITY;
  const rb = rankOf(b) ?? Number.POSITIVE_INFINITY;
  return ra - rb || a.code.localeCompare(b.code);
};

/**
 * The order a level's units are listed in statewide: by rank; under a policy with volume groups,
 * the largest group first, then rank within it, units below the minimum volume last. Stores and
 * exports use it alike, so a snapshot read back lists its units as it was published.
 */
export function unitOrder(
  policy: Pick<ScoringPolicy, 'ranking'>,
  level: UnitLevel,
): (a: UnitResult, b: UnitResult) => number {
  const rules = policy.ranking?.[level];
  if (!rules) return (a, b) => byRank(a, b, (u) => u.rank);
  const order = new Map([...rules.groups].sort((a, b) => b.min - a.min).map((g, i) => [g.id, i]));
  const place = (u: UnitResult) => (u.group ? (order.get(u.group) ?? order.size) : order.size + 1);
  return (a, b) => place(a) - place(b) || byRank(a, b, (u) => u.rank);
}

export type StationInfo = Pick<Station, 'code' | 'districtCode' | 'name'>;
export type DistrictInfo = Pick<District, 'code' | 'name'>;

/**
 * Scores every unit from the accumulator's counts under `policy`, ranks districts statewide,
 * stations statewide and stations within their district, and adds movement and streaks against
 * `previous` (ignored unless it is the month just before). Units from master data with no
 * reference appear, not ranked; units counted but missing from master data appear under their code.
 */
export function buildSnapshot(input: {
  accumulator: RankingAccumulator;
  policy: ScoringPolicy;
  districts: readonly DistrictInfo[];
  stations: readonly StationInfo[];
  previous?: PreviousStanding | null | undefined;
  computedAt: Date;
}): RankingSnapshotDraft {
  const { accumulator, policy } = input;
  const month = accumulator.month;
  const previous = input.previous?.month === previousMonth(month) ? input.previous : null;

  const districtNames = new Map<string, Bilingual>();
  for (const district of input.districts) districtNames.set(district.code, district.name);
  const nameOfDistrict = (code: string): Bilingual => districtNames.get(code) ?? { en: code, hi: code };

  const units = new Map<string, { level: UnitLevel; code: string; districtCode: string; name: Bilingual }>();
  for (const district of input.districts)
    units.set(unitKey('district', district.code), {
      level: 'district',
      code: district.code,
      districtCode: district.code,
      name: district.name,
    });
  for (const station of input.stations)
    units.set(unitKey('station', station.code), {
      level: 'station',
      code: station.code,
      districtCode: station.districtCode,
      name: station.name,
    });
  for (const unit of accumulator.units()) {
    const key = unitKey(unit.level, unit.code);
    if (!units.has(key))
      units.set(key, {
        ...unit,
        name: unit.level === 'district' ? nameOfDistrict(unit.code) : { en: unit.code, hi: unit.code },
      });
  }

  const results: UnitResult[] = [];
  const keys = countKeysFor(policy);
  for (const unit of units.values()) {
    const counts = { ...(accumulator.counts(unit.level, unit.code) ?? emptyCounts(keys)) };
    const score = scoreUnit(policy, counts, unit.level);
    const rules = policy.ranking?.[unit.level];
    results.push({
      ...unit,
      districtName: nameOfDistrict(unit.districtCode),
      counts,
      ...score,
      rank: null,
      movement: { status: 'unranked', previousRank: null, change: null },
      streak: 0,
      districtRank: null,
      districtMovement: null,
      ...(rules
        ? {
            group:
              counts.references >= rules.minimumReferences
                ? (volumeGroupOf(rules, counts.references)?.id ?? null)
                : null,
            notRanked:
              counts.references < rules.minimumReferences
                ? ('too-few-references' as const)
                : score.score === null
                  ? ('nothing-to-measure' as const)
                  : null,
          }
        : {}),
    });
  }
  const districts = results.filter((u) => u.level === 'district');
  const stations = results.filter((u) => u.level === 'station');
  const decimals = policy.ties.decimals;
  // Below the minimum volume a unit keeps its scorecard but no rank.
  const scoreOf = (u: UnitResult) => (u.notRanked ? null : u.score);
  // Ranked within its volume group where the policy has groups; one group otherwise.
  const byGroup = (list: UnitResult[]) => {
    const groups = new Map<string, UnitResult[]>();
    for (const unit of list) {
      const key = unit.group ?? '';
      groups.set(key, [...(groups.get(key) ?? []), unit]);
    }
    return [...groups.values()];
  };

  for (const group of [...byGroup(districts), ...byGroup(stations)]) {
    const ranks = competitionRanks(group, scoreOf, decimals);
    for (const unit of group) {
      unit.rank = ranks.get(unit) ?? null;
      const before = previous?.units.get(unitKey(unit.level, unit.code));
      unit.movement = movement(unit.rank, before?.rank);
      unit.streak = unit.rank === 1 ? (before?.rank === 1 ? Math.max(1, before.streak) + 1 : 1) : 0;
    }
  }
  const stationsByDistrict = new Map<string, UnitResult[]>();
  for (const station of stations) {
    const list = stationsByDistrict.get(station.districtCode) ?? [];
    list.push(station);
    stationsByDistrict.set(station.districtCode, list);
  }
  for (const list of stationsByDistrict.values()) {
    const ranks = competitionRanks(list, scoreOf, decimals);
    for (const station of list) {
      station.districtRank = ranks.get(station) ?? null;
      const before = previous?.units.get(unitKey('station', station.code));
      station.districtMovement = movement(station.districtRank, before?.districtRank);
    }
  }

  districts.sort(unitOrder(policy, 'district'));
  stations.sort(unitOrder(policy, 'station'));
  return {
    month,
    policy,
    asOf: accumulator.asOf.toISOString(),
    computedAt: input.computedAt.toISOString(),
    stats: { ...accumulator.stats, districts: districts.length, stations: stations.length },
    previous: previous
      ? { month: previous.month, policyVersion: previous.policyVersion, revision: previous.revision }
      : null,
    districts,
    stations,
  };
}

/** The standing a snapshot leaves for next month's movement and streaks. */
export function standingOf(snapshot: RankingSnapshot): PreviousStanding {
  const units = new Map<string, { rank: number | null; districtRank: number | null; streak: number }>();
  for (const unit of [...snapshot.districts, ...snapshot.stations])
    units.set(unitKey(unit.level, unit.code), {
      rank: unit.rank,
      districtRank: unit.districtRank,
      streak: unit.streak,
    });
  return {
    month: snapshot.month,
    policyVersion: snapshot.policy.version,
    revision: snapshot.revision,
    units,
  };
}

/** The units of one level, optionally only one district's (stations then in district-rank order). */
export function selectUnits(
  snapshot: Pick<RankingSnapshotDraft, 'districts' | 'stations'>,
  selection: { level: UnitLevel; district?: string | undefined },
): UnitResult[] {
  if (selection.level === 'district') {
    return selection.district
      ? snapshot.districts.filter((u) => u.code === selection.district)
      : snapshot.districts;
  }
  if (!selection.district) return snapshot.stations;
  return snapshot.stations
    .filter((u) => u.districtCode === selection.district)
    .sort((a, b) => byRank(a, b, (u) => u.districtRank));
}

/** Which stored revision of a month's ranking: what a pointer, header, snapshot or export names. */
export interface RevisionRef {
  month: string;
  policyVersion: string;
  revision: number;
}

/** The revision a stored snapshot is. */
export const revisionOf = (
  snapshot: Pick<RankingSnapshot, 'month' | 'policy' | 'revision'>,
): RevisionRef => ({
  month: snapshot.month,
  policyVersion: snapshot.policy.version,
  revision: snapshot.revision,
});
