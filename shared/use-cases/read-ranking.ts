import type { UnitLevel } from '../domain/ranking/accumulator.ts';
import type { RankingSnapshot, RevisionRef } from '../domain/ranking/snapshot.ts';

export interface ReadRankingDeps {
  rankings: {
    /** The month's latest complete revision. */
    latest(month: string): Promise<{ policyVersion: string; revision: number } | undefined>;
    /** What one selection of a stored revision shows; undefined unless that revision is complete. */
    view(
      month: string,
      selection: { level: UnitLevel; district?: string | undefined },
      which: { policyVersion?: string; revision?: number },
    ): Promise<RankingSnapshot | undefined>;
  };
  /** A short-lived link to a revision's stored export of one level and format; undefined if none is stored. */
  storedExport(ref: RevisionRef, level: UnitLevel, format: string): Promise<string | undefined>;
}

export interface RankingQuery {
  month: string;
  level: UnitLevel;
  format: string;
  district?: string;
  /** A revision by number; the month's latest when not given. */
  revision?: number;
}

export type RankingRead =
  /** The month was never ranked. */
  | { kind: 'not-ranked' }
  /** The revision asked for is not there, or not complete. */
  | { kind: 'no-revision'; ref: RevisionRef }
  /** The ranking has no such district. */
  | { kind: 'unknown-district'; ref: RevisionRef }
  /** Too large to answer in one response: the stored export's link, when there is one. */
  | { kind: 'stored-export'; ref: RevisionRef; url: string | undefined }
  /** The selection, to render in the format asked for. */
  | { kind: 'view'; ref: RevisionRef; view: RankingSnapshot };

/**
 * A state administrator reads a month's ranking: the latest stored revision (or the one asked
 * for), at district or station level, statewide or for one district. Every station's scorecard
 * statewide is too large for one response in JSON or HTML: that answer is the export the monthly run
 * stored (CSV stays small enough to render).
 */
export async function readRanking(query: RankingQuery, deps: ReadRankingDeps): Promise<RankingRead> {
  const pointer = await deps.rankings.latest(query.month);
  if (!pointer) return { kind: 'not-ranked' };
  const ref: RevisionRef = {
    month: query.month,
    policyVersion: pointer.policyVersion,
    revision: query.revision ?? pointer.revision,
  };
  if (query.level === 'station' && !query.district && query.format !== 'csv') {
    return { kind: 'stored-export', ref, url: await deps.storedExport(ref, 'station', query.format) };
  }
  const view = await deps.rankings.view(
    query.month,
    { level: query.level, district: query.district },
    { policyVersion: ref.policyVersion, revision: ref.revision },
  );
  if (!view) return { kind: 'no-revision', ref };
  if (query.district && !view.districts.some((d) => d.code === query.district))
    return { kind: 'unknown-district', ref };
  return { kind: 'view', ref, view };
}
