import type { Category, Station, StationBoundary } from '../masterdata/types.ts';
import type { Reference } from '../reference/types.ts';
import { pointInPolygon } from './geometry.ts';

/** The master data the router reads; every list is one Query (see shared/adapters/dynamodb/masterdata-store.ts). */
export interface RoutingLookups {
  category(code: string): Promise<Category | undefined>;
  station(districtCode: string, code: string): Promise<Station | undefined>;
  stations(districtCode: string): Promise<Station[]>;
  stationsForPin(pin: string): Promise<{ stationCode: string; districtCode: string }[]>;
  stationsForLocality(districtCode: string, locality: string): Promise<string[]>;
  boundaries(districtCode: string): Promise<StationBoundary[]>;
}

export type RoutingRule = 'category-override' | 'station-code' | 'pin-code' | 'locality' | 'boundary';

export type TriageReason =
  | 'station-not-found'
  | 'no-unit-for-category'
  | 'ambiguous-jurisdiction'
  | 'no-jurisdiction-match';

export type RoutingDecision =
  | { kind: 'assign'; stationCode: string; rule: RoutingRule }
  | { kind: 'triage'; reason: TriageReason; candidates?: string[] };

const assign = (stationCode: string, rule: RoutingRule): RoutingDecision => ({
  kind: 'assign',
  stationCode,
  rule,
});

/**
 * Finds the unit that must act on a reference, or says why the district IGRS cell must decide.
 *
 * Order: (1) a category that goes to a special unit (cyber fraud to the cyber cell, offences
 * against women to the Mahila Thana) overrides geography, because those units act across the whole
 * district; (2) a station the complainant named, checked against the district; (3) the PIN code,
 * narrowed by locality and then by boundary when several stations share it; (4) the locality;
 * (5) the point in a station's boundary. Anything still open goes to triage with the reason, never
 * dropped. Every candidate is checked to exist, so a deleted station sends the reference to triage.
 */
export async function resolveStation(
  reference: Reference,
  lookups: RoutingLookups,
): Promise<RoutingDecision> {
  const district = reference.districtCode;
  const location = reference.location;

  const category = await lookups.category(reference.categoryCode);
  if (category?.routeToKind) {
    const unit = (await lookups.stations(district)).find((s) => s.kind === category.routeToKind);
    return unit ? assign(unit.code, 'category-override') : { kind: 'triage', reason: 'no-unit-for-category' };
  }

  if (location.stationCode) {
    const named = await lookups.station(district, location.stationCode);
    return named ? assign(named.code, 'station-code') : { kind: 'triage', reason: 'station-not-found' };
  }

  const existing = async (codes: string[]) => {
    const found = await Promise.all(codes.map((code) => lookups.station(district, code)));
    return found
      .filter((s): s is Station => s !== undefined && s.kind === 'police-station')
      .map((s) => s.code);
  };
  const byBoundary = async (candidates: string[] | undefined) => {
    if (location.latitude === undefined || location.longitude === undefined) return [];
    const boundaries = await lookups.boundaries(district);
    return boundaries
      .filter((b) => !candidates || candidates.includes(b.stationCode))
      .filter((b) => pointInPolygon(location.longitude!, location.latitude!, b.polygon))
      .map((b) => b.stationCode);
  };
  /** Narrows several candidates by locality, then by boundary. */
  const narrow = async (candidates: string[], via: RoutingRule): Promise<RoutingDecision | undefined> => {
    if (candidates.length === 1) return assign(candidates[0]!, via);
    if (candidates.length === 0) return undefined;
    if (location.locality) {
      const local = (await lookups.stationsForLocality(district, location.locality)).filter((c) =>
        candidates.includes(c),
      );
      if (local.length === 1) return assign(local[0]!, 'locality');
    }
    const inside = await existing(await byBoundary(candidates));
    if (inside.length === 1) return assign(inside[0]!, 'boundary');
    return { kind: 'triage', reason: 'ambiguous-jurisdiction', candidates };
  };

  if (location.pinCode) {
    const forPin = (await lookups.stationsForPin(location.pinCode)).filter(
      (s) => s.districtCode === district,
    );
    const decision = await narrow(await existing(forPin.map((s) => s.stationCode)), 'pin-code');
    if (decision) return decision;
  }
  if (location.locality) {
    const decision = await narrow(
      await existing(await lookups.stationsForLocality(district, location.locality)),
      'locality',
    );
    if (decision) return decision;
  }
  const inside = await existing(await byBoundary(undefined));
  if (inside.length === 1) return assign(inside[0]!, 'boundary');
  if (inside.length > 1) return { kind: 'triage', reason: 'ambiguous-jurisdiction', candidates: inside };
  return { kind: 'triage', reason: 'no-jurisdiction-match' };
}
