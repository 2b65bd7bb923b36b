import type { District, Station } from '../domain/masterdata/types.ts';
import type { Clock } from '../domain/ports.ts';
import type { DueEntry, Reference } from '../domain/reference/types.ts';

export interface CellDeskDeps {
  masterData: {
    district(code: string): Promise<District | undefined>;
    stations(districtCode: string): Promise<Station[]>;
  };
  references: {
    triageList(districtCode: string): Promise<Reference[]>;
    dueBetween(districtCode: string, fromIso: string, toIso: string): Promise<DueEntry[]>;
  };
  clock: Clock;
}

export interface CellDesk {
  district: District;
  stations: Station[];
  /** What routing could not place, for the cell to forward. */
  triage: Reference[];
  /** What falls due in the next 48 hours at the district's stations. */
  dueSoon: DueEntry[];
  now: Date;
}

const DUE_SOON_MS = 48 * 3_600_000;

/** The district IGRS cell opens its desk: the triage list and the references about to fall due. */
export async function openCellDesk(districtCode: string, deps: CellDeskDeps): Promise<CellDesk | undefined> {
  const district = await deps.masterData.district(districtCode);
  if (!district) return undefined;
  const now = deps.clock.now();
  const [stations, triage, dueSoon] = await Promise.all([
    deps.masterData.stations(district.code),
    deps.references.triageList(district.code),
    deps.references.dueBetween(
      district.code,
      now.toISOString(),
      new Date(now.getTime() + DUE_SOON_MS).toISOString(),
    ),
  ]);
  return { district, stations, triage, dueSoon: dueSoon.filter((r) => r.status !== 'triage'), now };
}
