import type { Category, District, Station } from '../domain/masterdata/types.ts';

export interface MasterDataDeps {
  masterData: {
    districts(): Promise<District[]>;
    district(code: string): Promise<District | undefined>;
    stations(districtCode: string): Promise<Station[]>;
    categories(): Promise<Category[]>;
  };
}

const byEnglishName = <T extends { name: { en: string } }>(a: T, b: T) => a.name.en.localeCompare(b.name.en);

/** Anyone lists the districts, by English name. */
export async function listDistricts(deps: MasterDataDeps): Promise<District[]> {
  return (await deps.masterData.districts()).sort(byEnglishName);
}

/**
 * Anyone lists a district's police stations (and units), by English name, with what the public
 * may know of each; undefined for an unknown district.
 */
export async function listStations(districtCode: string, deps: MasterDataDeps) {
  const district = await deps.masterData.district(districtCode);
  if (!district) return undefined;
  const stations = (await deps.masterData.stations(district.code))
    .sort(byEnglishName)
    .map(({ code, name, kind, pinCodes, demo }) => ({ code, name, kind, pinCodes, demo }));
  return { district, stations };
}

/** Anyone lists the complaint categories, by English name. */
export async function listCategories(deps: MasterDataDeps): Promise<Category[]> {
  return (await deps.masterData.categories()).sort(byEnglishName);
}
