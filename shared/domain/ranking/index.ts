/** The monthly ranking engine: policy as data, a streaming accumulator, scoring, ranks and snapshots. */

export {
  type AccumulatorStats,
  RankingAccumulator,
  type UnitCounts,
  type UnitLevel,
  unitKey,
} from './accumulator.ts';
export { COUNT_KEYS, type CountKey, emptyCounts, type RawCounts, referenceFacts } from './counts.ts';
export { DEFAULT_POLICY, POLICIES } from './default-policy.ts';
export {
  type EmptyRule,
  isRankingMonth,
  type Measure,
  type ParameterDefinition,
  PolicyError,
  parameterCountKeys,
  policyFor,
  type ScoringPolicy,
  validatePolicy,
} from './policy.ts';
export { competitionRanks } from './rank.ts';
export { type MonthReader, type RankingProgress, rankMonth } from './run.ts';
export { type ParameterResult, roundTo, scoreParameter, scoreUnit, type UnitScore } from './score.ts';
export {
  buildSnapshot,
  type DistrictInfo,
  type Movement,
  type PreviousStanding,
  previousMonth,
  type RankingSnapshot,
  type RankingSnapshotDraft,
  type RevisionRef,
  revisionOf,
  type SnapshotStats,
  type StationInfo,
  selectUnits,
  standingOf,
  type UnitResult,
} from './snapshot.ts';
