import { textSimilarity } from '../reference/similarity.ts';
import type { Reference } from '../reference/types.ts';

export interface DuplicateSettings {
  /** How far back a complaint is compared with the same complainant's earlier ones. */
  windowDays: number;
  /** Word-bigram similarity from which two texts count as a possible duplicate (0-1). */
  similarity: number;
}

/** A month back (IGRS's cap is per month), and texts at least half alike. */
export const DEFAULT_DUPLICATE_SETTINGS: DuplicateSettings = { windowDays: 30, similarity: 0.5 };

export interface DuplicateLookup {
  /**
   * The complainant's references filed since the given instant, under any of the mobile's hashes
   * (one per key of the mobile hash keyring), newest first, at most `limit`.
   */
  recentByMobile(mobileHashes: readonly string[], sinceIso: string, limit: number): Promise<Reference[]>;
}

/**
 * The earlier reference this one possibly repeats: same complainant, district, station (when both
 * complainants named one; the station routing assigned is not compared) and category within the
 * window, with text at least `similarity` alike. Checked by the
 * router, not at intake: the 201 does not need it, and the router reads the reference anyway, so
 * the complainant index is queried off the request path. References filed after this one (the
 * router may run late) are not candidates, so a pair is linked one way only.
 */
export async function findPossibleDuplicate(
  reference: Reference,
  mobileHashes: readonly string[],
  lookup: DuplicateLookup,
  settings: DuplicateSettings,
): Promise<string | undefined> {
  const created = new Date(reference.createdAt);
  const since = new Date(created.getTime() - settings.windowDays * 86_400_000).toISOString();
  const recent = await lookup.recentByMobile(mobileHashes, since, 20);
  const stationCode = reference.location.stationCode;
  return recent.find(
    (earlier) =>
      earlier.referenceNo !== reference.referenceNo &&
      earlier.createdAt < reference.createdAt &&
      earlier.categoryCode === reference.categoryCode &&
      earlier.districtCode === reference.districtCode &&
      (!stationCode || !earlier.location?.stationCode || earlier.location.stationCode === stationCode) &&
      textSimilarity(earlier.description, reference.description) >= settings.similarity,
  )?.referenceNo;
}
