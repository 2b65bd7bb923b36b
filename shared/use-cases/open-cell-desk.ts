import type { Bilingual } from '../domain/language.ts';
import type { Category, District, Station } from '../domain/masterdata/types.ts';
import type { Clock } from '../domain/ports.ts';
import type { DueEntry, Reference } from '../domain/reference/types.ts';

export interface CellDeskDeps {
  masterData: {
    district(code: string): Promise<District | undefined>;
    stations(districtCode: string): Promise<Station[]>;
    categories(): Promise<Category[]>;
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
  /** Category names by code: people read names, not codes. */
  categoryNames: Map<string, Bilingual>;
  /** What routing could not place, for the cell to forward. */
  triage: Reference[];
  /** What falls due in the next 48 hours at the district's stations. */
  dueSoon: DueEntry[];
  now: Date;
}

/** The window of the desk's "due soon" list (the near-defaulters the cell is mailed about). */
const DUE_SOON_MS = 48 * 3_600_000;
/** The live view's "due within 3 days", as the SP's office watches the district. */
export const DUE_WITHIN_3_DAYS_MS = 3 * 86_400_000;

export const categoryNameMap = (categories: readonly Category[]) =>
  new Map(categories.map((c) => [c.code, c.name]));

/** The district IGRS cell opens its desk: the triage list and the references about to fall due. */
export async function openCellDesk(districtCode: string, deps: CellDeskDeps): Promise<CellDesk | undefined> {
  const district = await deps.masterData.district(districtCode);
  if (!district) return undefined;
  const now = deps.clock.now();
  const [stations, categories, triage, dueSoon] = await Promise.all([
    deps.masterData.stations(district.code),
    deps.masterData.categories(),
    deps.references.triageList(district.code),
    deps.references.dueBetween(
      district.code,
      now.toISOString(),
      new Date(now.getTime() + DUE_SOON_MS).toISOString(),
    ),
  ]);
  return {
    district,
    stations,
    categoryNames: categoryNameMap(categories),
    triage,
    dueSoon: dueSoon.filter((r) => r.status !== 'triage'),
    now,
  };
}
