import { InvalidFieldsError, NotYoursError, OutOfScopeError } from '../domain/errors.ts';
import { assertLinkScope, type LinkClaims } from '../domain/links/token.ts';
import type { Officer, Station } from '../domain/masterdata/types.ts';
import { supervisorOf } from '../domain/officer-work/posts.ts';
import { checkReferenceNumber } from '../domain/reference/reference-number.ts';
import type { Reference } from '../domain/reference/types.ts';
import { loadReference, type ReferenceSteps } from './steps.ts';

/**
 * Whose a reference is: a station's link reaches only what that station holds now, a supervisor's
 * only what their circle covers, a district cell's only its district. Every officer use case asks
 * here before reading or acting.
 */

export interface OfficersPort {
  /** The district's officer posts, as master data has them now (uncached: posts change). */
  officers(districtCode: string): Promise<Officer[]>;
}

/** A supervisor's link works only for references of the stations their post covers. */
export async function assertSupervises(
  reference: Reference,
  officerId: string | undefined,
  deps: OfficersPort,
): Promise<Officer> {
  const supervisor = supervisorOf(reference, await deps.officers(reference.districtCode));
  if (!supervisor || supervisor.id !== officerId) throw new NotYoursError(reference.referenceNo);
  return supervisor;
}

/**
 * The reference a station's or supervisor's link points at, if it is theirs now: a station link to a
 * reference since transferred fails its scope (LinkScopeError), a supervisor's outside their circle
 * is NotYoursError, a number that does not exist ReferenceNotFoundError.
 */
export async function scopedReference(
  claims: LinkClaims,
  deps: { references: Pick<ReferenceSteps, 'get'> } & OfficersPort,
): Promise<Reference> {
  const reference = await loadReference(claims.referenceNo ?? '', deps);
  if (claims.purpose === 'reference') assertLinkScope(claims, { stationCode: reference.stationCode });
  else await assertSupervises(reference, claims.officerId, deps);
  return reference;
}

/** A reference of the district cell's own district; any other is out of its scope. */
export async function referenceInDistrict(
  referenceNo: string,
  districtCode: string,
  deps: { references: Pick<ReferenceSteps, 'get'> },
): Promise<Reference> {
  // Not a reference number at all (a hostile `?ref=`): nothing to read, and no key DynamoDB refuses.
  if (!checkReferenceNumber(referenceNo).ok) throw new OutOfScopeError(referenceNo.slice(0, 20));
  const reference = await deps.references.get(referenceNo);
  if (!reference || reference.districtCode !== districtCode) throw new OutOfScopeError(referenceNo);
  return reference;
}

/** A station of the district, chosen on the cell's form; any other code is a field to fix. */
export async function stationInDistrict(
  districtCode: string,
  stationCode: string,
  masterData: { station(districtCode: string, code: string): Promise<Station | undefined> },
): Promise<Station> {
  const station = stationCode ? await masterData.station(districtCode, stationCode) : undefined;
  if (!station) {
    throw new InvalidFieldsError([
      {
        pointer: 'stationCode',
        code: 'station-not-in-district',
        message: { en: 'Choose a station of this district', hi: 'इस जनपद का थाना चुनें' },
      },
    ]);
  }
  return station;
}

/**
 * Who may re-verify a drawn disposal, by the post a random-check link was signed for: a circle
 * officer (CO) only their circle's stations; the SP's post and the district cell the whole district;
 * a station's own post never (a station does not check its own disposals); a post unknown to the
 * district, or a link naming none, nothing. Another district's reference is out of scope either way.
 */
export function mayRandomCheck(
  reference: Pick<Reference, 'districtCode' | 'stationCode'>,
  link: { districtCode: string; officerId?: string | undefined },
  officers: readonly Officer[],
): boolean {
  if (reference.districtCode !== link.districtCode) return false;
  const post = officers.find((o) => o.id === link.officerId && o.districtCode === link.districtCode);
  switch (post?.role) {
    case 'supervisor':
      return reference.stationCode !== undefined && post.stationCodes.includes(reference.stationCode);
    case 'senior-officer':
    case 'district-cell':
      return true;
    default:
      return false;
  }
}
