import type { Bilingual } from '../domain/language.ts';
import type { Category, District, Station } from '../domain/masterdata/types.ts';
import type { Clock } from '../domain/ports.ts';
import type { Reference } from '../domain/reference/types.ts';

export interface StationInboxDeps {
  masterData: {
    districts(): Promise<District[]>;
    station(districtCode: string, code: string): Promise<Station | undefined>;
    categories(): Promise<Category[]>;
  };
  references: { stationInbox(stationCode: string): Promise<Reference[]> };
  /** A link to one reference for the station, valid until `expiresAt` (epoch seconds). */
  referenceLink(claims: {
    referenceNo: string;
    stationCode: string;
    officerId?: string;
    expiresAt: number;
  }): Promise<string>;
  clock: Clock;
}

export interface StationInbox {
  station: Station;
  rows: { reference: Reference; link: string }[];
  /** Category names by code: people read names, not codes. */
  categoryNames: Map<string, Bilingual>;
}

const DAY_S = 86_400;

/** Station codes start with their district's code, which may itself contain dashes. */
async function findStation(code: string, deps: StationInboxDeps): Promise<Station | undefined> {
  const district = (await deps.masterData.districts())
    .filter((d) => code.startsWith(`${d.code}-`))
    .sort((a, b) => b.code.length - a.code.length)[0];
  return district ? deps.masterData.station(district.code, code) : undefined;
}

/**
 * A station officer opens the station's inbox: what waits for its report, earliest deadline first,
 * each with a link of its own valid at least a day (or as long as the inbox link).
 */
export async function openStationInbox(
  input: { stationCode: string; officerId?: string; linkExpiresAt: number },
  deps: StationInboxDeps,
): Promise<StationInbox | undefined> {
  const station = await findStation(input.stationCode, deps);
  if (!station) return undefined;
  const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  const [references, categories] = await Promise.all([
    deps.references.stationInbox(station.code),
    deps.masterData.categories(),
  ]);
  const rows = await Promise.all(
    references.map(async (reference) => ({
      reference,
      link: await deps.referenceLink({
        referenceNo: reference.referenceNo,
        stationCode: station.code,
        ...(input.officerId ? { officerId: input.officerId } : {}),
        expiresAt: Math.max(input.linkExpiresAt, nowSeconds + DAY_S),
      }),
    })),
  );
  return { station, rows, categoryNames: new Map(categories.map((c) => [c.code, c.name])) };
}
