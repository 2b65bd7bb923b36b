import type { Station } from '../domain/masterdata/types.ts';
import type { RoutingLookups } from '../domain/routing/resolve-station.ts';
import type { StationSuggestion } from '../domain/routing/suggest-stations.ts';
import { suggestStations } from '../domain/routing/suggest-stations.ts';
import {
  type ReferencePage,
  type ReferencePageDeps,
  recordContactView,
  referencePage,
} from './open-reference.ts';
import { referenceInDistrict } from './scope.ts';

export interface CellReferenceDeps extends ReferencePageDeps {
  masterData: ReferencePageDeps['masterData'] &
    Pick<RoutingLookups, 'stationsForPin' | 'stationsForLocality' | 'boundaries'>;
}

export interface CellReferencePage extends ReferencePage {
  /** The district's stations, to choose from by name. */
  stations: Station[];
  /** Stations the complainant's PIN code, locality or position point at, strongest first. */
  suggestions: StationSuggestion[];
}

/**
 * The district IGRS cell opens one reference of its district in full (to forward it from triage,
 * or to transfer it): its read of the complainant's contact details is recorded like any officer's,
 * and the stations the complaint's place points at are suggested first.
 */
export async function openCellReference(
  input: { districtCode: string; referenceNo: string; post?: string | undefined },
  deps: CellReferenceDeps,
): Promise<CellReferencePage> {
  const reference = await referenceInDistrict(input.referenceNo, input.districtCode, deps);
  await recordContactView(
    reference,
    { actor: { role: 'district-cell', districtCode: input.districtCode }, post: input.post },
    deps,
  );
  const [content, stations] = await Promise.all([
    referencePage(reference, deps),
    deps.masterData.stations(input.districtCode),
  ]);
  const suggestions = await suggestStations(reference, deps.masterData, stations);
  return { ...content, stations, suggestions };
}
