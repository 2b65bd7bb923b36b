import { roundTo } from './score.ts';

/**
 * Standard competition ranking ("1224"): a unit's rank is one more than the number of units with a
 * strictly higher score, scores compared after rounding to `decimals`. Twenty units at rank 1 put
 * the next at 21. Units without a score (nothing to measure) get null and are not counted.
 */
export function competitionRanks<T>(
  items: readonly T[],
  scoreOf: (item: T) => number | null,
  decimals: number,
): Map<T, number | null> {
  const ranks = new Map<T, number | null>();
  const scored: { item: T; key: number }[] = [];
  for (const item of items) {
    const score = scoreOf(item);
    if (score === null || !Number.isFinite(score)) ranks.set(item, null);
    else scored.push({ item, key: roundTo(score, decimals) });
  }
  scored.sort((a, b) => b.key - a.key);
  let rank = 0;
  let previous = Number.NaN;
  scored.forEach((entry, index) => {
    if (entry.key !== previous) {
      rank = index + 1;
      previous = entry.key;
    }
    ranks.set(entry.item, rank);
  });
  return ranks;
}
