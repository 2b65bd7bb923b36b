import type { Bilingual } from '../language.ts';

/**
 * Which district a place is in, from the post offices of Uttar Pradesh (GeoNames' PIN data): a PIN
 * code names its post offices' districts; a position is placed by the post offices nearest to it.
 * Pure: the adapter (shared/adapters/dynamodb/post-office-store.ts) reads the post offices near a
 * position or of a PIN with GetItems, never a Scan.
 */

/** The district column of a post office outside Uttar Pradesh: `out:<state>`. */
export const OUTSIDE_UP = 'out:';

export interface PostOffice {
  pin: string;
  /**
   * Our district code; two when a district formed after the data's district column may be meant
   * (see infra/local/seed/post-offices.ts); none for a post office of a neighbouring state.
   */
  districts: string[];
  /** Set for a post office outside Uttar Pradesh: which state. */
  state?: string;
  latitude: number;
  longitude: number;
}

/**
 * How a position is placed: the NEAREST post offices within RADIUS_KM must all lie in one district.
 * Measured on the data itself (test/unit/post-office-district.test.ts: each post office placed by the
 * others, without those at its own coordinates): with 7 nearest, 65% are placed, 35% refused as
 * uncertain and 1.0% placed in another district (mostly rows whose coordinates are a shared centroid);
 * with 5 nearest 72% are placed but 1.9% wrongly, with 3, 81% and 2.8%. A refusal can be mended by
 * naming the district; a complaint sent to the wrong district's police cannot, so 7.
 */
export const NEAREST = 7;
export const RADIUS_KM = 15;
/** Fewer post offices than this within the radius is too little to decide on. */
export const MIN_OFFICES = 3;

export type Placement =
  | { kind: 'district'; districtCode: string; by: 'position' | 'pin' }
  | { kind: 'outside-up'; reason: Bilingual }
  | { kind: 'uncertain'; reason: Bilingual; candidates: string[] };

const EARTH_KM = 6371.0088;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const fmt = (value: number) => value.toFixed(4);

/** Names every district (and state) the offices point at, in a stable order. */
function candidatesOf(offices: readonly PostOffice[]): string[] {
  const names = new Set<string>();
  for (const office of offices) {
    if (office.state) names.add(office.state);
    for (const district of office.districts) names.add(district);
  }
  return [...names].sort();
}

/** One district every office names alone, or undefined. */
function soleDistrict(offices: readonly PostOffice[]): string | undefined {
  const code = offices[0]?.districts.length === 1 ? offices[0].districts[0] : undefined;
  if (!code) return undefined;
  return offices.every((o) => o.districts.length === 1 && o.districts[0] === code) ? code : undefined;
}

/**
 * Places a position by the post offices given (those the adapter read around it; any others are
 * ignored by distance).
 */
export function placePosition(latitude: number, longitude: number, nearby: readonly PostOffice[]): Placement {
  const where = `${fmt(latitude)}, ${fmt(longitude)}`;
  const nearest = nearby
    .map((office) => ({ office, km: distanceKm(latitude, longitude, office.latitude, office.longitude) }))
    .filter((o) => o.km <= RADIUS_KM)
    .sort((a, b) => a.km - b.km)
    .slice(0, NEAREST)
    .map((o) => o.office);
  const inUp = nearest.filter((o) => !o.state);
  if (inUp.length === 0) {
    const states = candidatesOf(nearest);
    return {
      kind: 'outside-up',
      reason: {
        en: `the position ${where} is not in Uttar Pradesh${states.length ? ` (it is in ${states.join(' / ')})` : `: no post office of Uttar Pradesh lies within ${RADIUS_KM} km of it`}`,
        hi: `स्थान ${where} उत्तर प्रदेश में नहीं है${states.length ? ` (यह ${states.join(' / ')} में है)` : `: इसके ${RADIUS_KM} किमी के भीतर उत्तर प्रदेश का कोई डाकघर नहीं है`}`,
      },
    };
  }
  const candidates = candidatesOf(nearest);
  const district = inUp.length === nearest.length ? soleDistrict(nearest) : undefined;
  if (district && nearest.length >= MIN_OFFICES)
    return { kind: 'district', districtCode: district, by: 'position' };
  if (nearest.length < MIN_OFFICES) {
    return {
      kind: 'uncertain',
      candidates,
      reason: {
        en: `the position ${where} cannot be placed in a district with confidence: fewer than ${MIN_OFFICES} post offices lie within ${RADIUS_KM} km of it; give attribute[district] (or location.districtCode)`,
        hi: `स्थान ${where} को विश्वास के साथ किसी जनपद में नहीं रखा जा सकता: इसके ${RADIUS_KM} किमी के भीतर ${MIN_OFFICES} से कम डाकघर हैं; जनपद (attribute[district] या location.districtCode) दें`,
      },
    };
  }
  return {
    kind: 'uncertain',
    candidates,
    reason: {
      en: `the position ${where} cannot be placed in one district with confidence: the nearest post offices lie in ${candidates.join(' / ')}; give attribute[district] (or location.districtCode)`,
      hi: `स्थान ${where} को विश्वास के साथ एक जनपद में नहीं रखा जा सकता: निकटतम डाकघर ${candidates.join(' / ')} में हैं; जनपद (attribute[district] या location.districtCode) दें`,
    },
  };
}

/** Places a PIN code by its post offices: decided when they all lie in one district. */
export function placePin(pin: string, offices: readonly PostOffice[]): Placement {
  const inUp = offices.filter((o) => !o.state);
  if (inUp.length === 0) {
    return {
      kind: 'outside-up',
      reason: {
        en: `PIN code ${pin} is not a PIN code of Uttar Pradesh`,
        hi: `पिन कोड ${pin} उत्तर प्रदेश का पिन कोड नहीं है`,
      },
    };
  }
  const district = inUp.length === offices.length ? soleDistrict(offices) : undefined;
  if (district) return { kind: 'district', districtCode: district, by: 'pin' };
  const candidates = candidatesOf(offices);
  return {
    kind: 'uncertain',
    candidates,
    reason: {
      en: `PIN code ${pin} covers more than one district (${candidates.join(' / ')}); give attribute[district] (or location.districtCode)`,
      hi: `पिन कोड ${pin} एक से अधिक जनपदों (${candidates.join(' / ')}) में है; जनपद (attribute[district] या location.districtCode) दें`,
    },
  };
}

/** Reads post offices by key (shared/adapters/dynamodb/post-office-store.ts). */
export interface PlaceLookups {
  /** Every post office within at least RADIUS_KM of the position (more may come; they are filtered). */
  postOfficesNear(latitude: number, longitude: number): Promise<PostOffice[]>;
  postOfficesOfPin(pin: string): Promise<PostOffice[]>;
}
