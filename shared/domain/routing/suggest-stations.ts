import type { Station } from '../masterdata/types.ts';
import type { Reference } from '../reference/types.ts';
import { pointInPolygon } from './geometry.ts';
import type { RoutingLookups } from './resolve-station.ts';

/** Why a station is suggested to the district cell for a reference routing could not place. */
export type SuggestionBasis = 'pin-code' | 'locality' | 'boundary';

export interface StationSuggestion {
  stationCode: string;
  /** Every clue that points at the station, strongest first. */
  basis: SuggestionBasis[];
}

/**
 * The stations of the reference's district that the complainant's PIN code, locality or position
 * point at, from the same master-data lookups the router uses: what the district cell should look
 * at first when it forwards a triaged reference by hand. Stations more clues agree on come first;
 * a station that no longer exists is never suggested.
 */
export async function suggestStations(
  reference: Pick<Reference, 'districtCode' | 'location'>,
  lookups: Pick<RoutingLookups, 'stationsForPin' | 'stationsForLocality' | 'boundaries'>,
  stations: readonly Station[],
): Promise<StationSuggestion[]> {
  const district = reference.districtCode;
  const { pinCode, locality, latitude, longitude } = reference.location;
  const [byPin, byLocality, byBoundary] = await Promise.all([
    pinCode
      ? lookups
          .stationsForPin(pinCode)
          .then((found) => found.filter((s) => s.districtCode === district).map((s) => s.stationCode))
      : [],
    locality ? lookups.stationsForLocality(district, locality) : [],
    latitude !== undefined && longitude !== undefined
      ? lookups
          .boundaries(district)
          .then((found) =>
            found.filter((b) => pointInPolygon(longitude, latitude, b.polygon)).map((b) => b.stationCode),
          )
      : [],
  ]);
  const known = new Set(stations.map((s) => s.code));
  const found = new Map<string, SuggestionBasis[]>();
  const add = (codes: readonly string[], basis: SuggestionBasis) => {
    for (const code of codes) {
      if (!known.has(code)) continue;
      const bases = found.get(code) ?? [];
      if (!bases.includes(basis)) bases.push(basis);
      found.set(code, bases);
    }
  };
  add(byPin, 'pin-code');
  add(byLocality, 'locality');
  add(byBoundary, 'boundary');
  return [...found.entries()]
    .map(([stationCode, basis]) => ({ stationCode, basis }))
    .sort((a, b) => b.basis.length - a.basis.length || a.stationCode.localeCompare(b.stationCode));
}
