import { POLICIES } from '../domain/ranking/default-policy.ts';
import { monthsBetween } from './backfill-derived-keys.ts';

/**
 * The upgrade backfill's second half: GET /v1/rankings lists months from the rankings catalog,
 * which a release of 2026-12-07 began to keep, so months ranked before it are missing from the
 * list though their snapshots are stored. Each month from `from` to `to` is asked for its
 * revisions under every policy version (shipped and published; a Query of the snapshot partition's
 * headers each, never a Scan), and every complete revision the catalog lacks is added to it as the
 * ranking job would have added it. Idempotent: a second run adds nothing.
 */

/** One stored revision's header, as far as the catalog needs it. */
export interface StoredRevision {
  month: string;
  policyVersion: string;
  revision: number;
  complete: boolean;
  completedAt?: string;
  asOf: string;
  stats: { counted: number };
}

export interface CatalogEntry {
  month: string;
  policyVersion: string;
  revision: number;
  completedAt: string;
  asOf: string;
  counted: number;
}

export interface RankingCatalogDeps {
  rankings: {
    /** Every revision of a month under one policy version, complete or not. */
    revisions(month: string, policyVersion: string): Promise<StoredRevision[]>;
    /** What the catalog lists now. */
    catalog(): Promise<CatalogEntry[]>;
    /** Adds an entry unless one is there; false when it was. */
    addToCatalog(entry: CatalogEntry): Promise<boolean>;
  };
  /** The policy versions published by administrators (the shipped ones are known here). */
  publishedVersions(): Promise<string[]>;
}

export interface RankingCatalogResult {
  /** Months with at least one complete revision. */
  monthsRanked: number;
  /** Complete revisions found. */
  revisions: number;
  /** Added to the catalog (on a dry run: would be added). */
  added: number;
  /** Already listed. */
  listed: number;
}

const entryKey = (e: { month: string; policyVersion: string; revision: number }) =>
  `${e.month}#${e.revision}#${e.policyVersion}`;

export async function backfillRankingCatalog(
  options: { from: string; to: string; dryRun?: boolean },
  deps: RankingCatalogDeps,
): Promise<RankingCatalogResult> {
  const versions = [...new Set([...POLICIES.map((p) => p.version), ...(await deps.publishedVersions())])];
  const listed = new Set((await deps.rankings.catalog()).map(entryKey));
  const result: RankingCatalogResult = { monthsRanked: 0, revisions: 0, added: 0, listed: 0 };
  for (const month of monthsBetween(options.from, options.to)) {
    let ranked = false;
    for (const version of versions) {
      for (const header of await deps.rankings.revisions(month, version)) {
        // A revision that never completed is invisible to readers; the catalog lists complete ones.
        if (!header.complete || !header.completedAt) continue;
        ranked = true;
        result.revisions++;
        const entry: CatalogEntry = {
          month: header.month,
          policyVersion: header.policyVersion,
          revision: header.revision,
          completedAt: header.completedAt,
          asOf: header.asOf,
          counted: header.stats.counted,
        };
        if (listed.has(entryKey(entry))) result.listed++;
        else if (options.dryRun || (await deps.rankings.addToCatalog(entry))) result.added++;
        else result.listed++; // a ranking run listed it meanwhile
      }
    }
    if (ranked) result.monthsRanked++;
  }
  return result;
}
