import type { UnitLevel } from '../../domain/ranking/accumulator.ts';
import { type RankingSnapshot, selectUnits } from '../../domain/ranking/snapshot.ts';

/**
 * The snapshot as JSON, scorecards included. Without a selection, the whole snapshot; with one,
 * the header fields and `units` of that level (and district), in rank order.
 */
export function rankingJson(
  snapshot: RankingSnapshot,
  selection?: { level: UnitLevel; district?: string | undefined },
): string {
  if (!selection) return JSON.stringify(snapshot);
  const { districts: _d, stations: _s, ...header } = snapshot;
  return JSON.stringify({
    ...header,
    level: selection.level,
    district: selection.district ?? null,
    units: selectUnits(snapshot, selection),
  });
}
