import type { FieldIssue } from '../errors.ts';
import type { ComplaintLocation } from '../reference/types.ts';
import { type PlaceLookups, type Placement, placePin, placePosition } from './post-offices.ts';

/** A complaint's location as filed: the district may be left for the position or PIN code to decide. */
export type FiledLocation = Omit<ComplaintLocation, 'districtCode'> & { districtCode?: string };

export type PlacedLocation =
  | { ok: true; location: ComplaintLocation; districtFrom: 'given' | 'position' | 'pin' }
  | { ok: false; issues: FieldIssue[] };

const issue = (pointer: string, placement: Exclude<Placement, { kind: 'district' }>): FieldIssue => ({
  pointer,
  code: placement.kind === 'outside-up' ? 'outside-uttar-pradesh' : 'district-uncertain',
  message: placement.reason,
});

/**
 * Which district a complaint is for. A position is always checked: one outside Uttar Pradesh is
 * refused even with a district named (a pin in Mumbai is not a complaint for Chandauli's police).
 * A district the complainant named is then kept, whatever the position's neighbours say: the router
 * and the district cell decide from there (a border village goes to the cell's triage, not to a
 * refusal). Without one, the position decides, then the PIN code; if neither can with confidence the
 * complaint is refused, saying why, so the client can ask for the district.
 */
export async function placeComplaint(
  location: FiledLocation,
  lookups: PlaceLookups,
): Promise<PlacedLocation> {
  const { latitude, longitude, pinCode, districtCode } = location;
  const hasPosition = latitude !== undefined && longitude !== undefined;
  const byPosition = hasPosition
    ? placePosition(latitude, longitude, await lookups.postOfficesNear(latitude, longitude))
    : undefined;
  if (byPosition?.kind === 'outside-up')
    return { ok: false, issues: [issue('/location/latitude', byPosition)] };
  // A district given, even an empty one (then refused as unknown by the master data check), is kept.
  if (districtCode !== undefined)
    return { ok: true, location: { ...location, districtCode }, districtFrom: 'given' };
  if (byPosition?.kind === 'district') {
    return {
      ok: true,
      location: { ...location, districtCode: byPosition.districtCode },
      districtFrom: 'position',
    };
  }
  const byPin = pinCode ? placePin(pinCode, await lookups.postOfficesOfPin(pinCode)) : undefined;
  if (byPin?.kind === 'district') {
    return { ok: true, location: { ...location, districtCode: byPin.districtCode }, districtFrom: 'pin' };
  }
  const issues: FieldIssue[] = [];
  if (byPosition) issues.push(issue('/location/latitude', byPosition));
  if (byPin) issues.push(issue('/location/pinCode', byPin));
  if (issues.length === 0) {
    issues.push({
      pointer: '/location/districtCode',
      code: 'district-required',
      message: {
        en: 'Give the district, or a position (latitude and longitude) or PIN code in Uttar Pradesh that decides it',
        hi: 'जनपद दें, या उत्तर प्रदेश में ऐसा स्थान (अक्षांश और देशांतर) या पिन कोड दें जिससे जनपद तय हो सके',
      },
    });
  }
  return { ok: false, issues };
}
