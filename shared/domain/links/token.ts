import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  LinkError,
  LinkExpiredError,
  LinkMalformedError,
  LinkScopeError,
  LinkSignatureError,
} from './errors.ts';
import { checkKeyring, derivedKey, KID_PATTERN, type LinkKeyring } from './keyring.ts';

/**
 * Signed links, the officers' and complainants' only credential.
 *
 * Wire format, URL-safe without escaping: `<kid>.<payload>.<tag>`
 *   kid      key id from the keyring (`k1`)
 *   payload  base64url of compact JSON claims with one-letter keys (see CLAIM_KEYS)
 *   tag      base64url of HMAC-SHA256 over `<kid>.<payload>`, truncated to 128 bits (RFC 2104 §5;
 *            as HMAC-SHA-256-128 in RFC 4868), under a key derived from the keyring's key for links
 *
 * Verification checks the shape, then the tag in constant time, and only then parses the claims;
 * then expiry, then purpose and every scope field the caller names.
 */

/** Purposes and their wire codes. To add a purpose, add a line; codes must stay unique and never be reused. */
export const LINK_PURPOSES = {
  reference: 'r',
  'station-inbox': 'si',
  'district-cell': 'dc',
  'supervisor-review': 'sr',
  feedback: 'fb',
  'random-check': 'rc',
  'report-form': 'rf',
  // A feedback operator's call desk (issue 16): officerId names the operator; districtCode, when
  // present, limits it to one district, else it is a state desk.
  'feedback-desk': 'fd',
} as const satisfies Record<string, string>;

export type LinkPurpose = keyof typeof LINK_PURPOSES;

/** Scope a link of each purpose must carry; signing without it is a programming error. */
const REQUIRED_SCOPE: Record<LinkPurpose, readonly ScopeField[]> = {
  reference: ['referenceNo'],
  'station-inbox': ['stationCode'],
  'district-cell': ['districtCode'],
  'supervisor-review': ['referenceNo'],
  feedback: ['referenceNo'],
  'random-check': ['districtCode'],
  'report-form': ['referenceNo'],
  'feedback-desk': ['officerId'],
};

export type ScopeField = 'referenceNo' | 'stationCode' | 'districtCode' | 'officerId';

export interface LinkClaims<P extends LinkPurpose = LinkPurpose> {
  purpose: P;
  referenceNo?: string;
  stationCode?: string;
  districtCode?: string;
  officerId?: string;
  /** The reference version the link was issued for, when the page cares. */
  version?: number;
  /** Present on single-use links; spent through a LinkUseLedger. */
  nonce?: string;
  /** Epoch seconds. */
  issuedAt: number;
  /** Epoch seconds; the link is refused from this second on. */
  expiresAt: number;
}

/** What a caller signs; issuedAt defaults to `now`. */
export type LinkClaimsInput<P extends LinkPurpose = LinkPurpose> = Omit<LinkClaims<P>, 'issuedAt'> & {
  issuedAt?: number;
};

/**
 * What the page expects of a link. Every scope field the caller names is compared exactly, even
 * when the expected value is undefined: `{ stationCode: reference.stationCode }` for a reference
 * that has no station refuses every station's link rather than skipping the check.
 */
export interface LinkExpectation<P extends LinkPurpose = LinkPurpose> {
  purpose?: P | readonly P[];
  referenceNo?: string | undefined;
  stationCode?: string | undefined;
  districtCode?: string | undefined;
  officerId?: string | undefined;
}

const CLAIM_KEYS = {
  purpose: 'p',
  referenceNo: 'r',
  stationCode: 's',
  districtCode: 'd',
  officerId: 'o',
  version: 'v',
  nonce: 'n',
  issuedAt: 'i',
  expiresAt: 'e',
} as const;

const STRING_CLAIMS = ['referenceNo', 'stationCode', 'districtCode', 'officerId', 'nonce'] as const;
const SCOPE_FIELDS: readonly ScopeField[] = ['referenceNo', 'stationCode', 'districtCode', 'officerId'];
const PURPOSE_BY_CODE = new Map<string, LinkPurpose>(
  Object.entries(LINK_PURPOSES).map(([purpose, code]) => [code, purpose as LinkPurpose]),
);

/** Longest token accepted; anything longer is refused before any work is done. */
export const MAX_LINK_TOKEN_LENGTH = 1024;
const TAG_BYTES = 16;
const MAX_CLAIM_LENGTH = 100;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export const epochSeconds = (instant: Date): number => Math.floor(instant.getTime() / 1000);

function tag(keyring: LinkKeyring, kid: string, signingInput: string): Buffer | undefined {
  const key = derivedKey(keyring, kid, 'link');
  return key && createHmac('sha256', key).update(signingInput).digest().subarray(0, TAG_BYTES);
}

function isClaimString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_CLAIM_LENGTH;
}

const isEpoch = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export function signLinkToken<P extends LinkPurpose>(
  claims: LinkClaimsInput<P>,
  keyring: LinkKeyring,
  now: Date,
): string {
  checkKeyring(keyring);
  const code = Object.hasOwn(LINK_PURPOSES, claims.purpose) ? LINK_PURPOSES[claims.purpose] : undefined;
  if (!code) throw new Error(`Unknown link purpose '${claims.purpose}'`);
  const issuedAt = claims.issuedAt ?? epochSeconds(now);
  if (!isEpoch(issuedAt) || !isEpoch(claims.expiresAt)) throw new Error('Link times must be epoch seconds');
  if (claims.expiresAt <= epochSeconds(now)) throw new Error('A link must expire after it is issued');
  for (const field of STRING_CLAIMS) {
    const value = claims[field];
    if (value !== undefined && !isClaimString(value))
      throw new Error(`Link claim ${field} is empty or too long`);
  }
  for (const field of REQUIRED_SCOPE[claims.purpose]) {
    if (claims[field] === undefined) throw new Error(`A ${claims.purpose} link needs ${field}`);
  }
  if (claims.version !== undefined && !isEpoch(claims.version))
    throw new Error('Link version must be a whole number');

  const wire: Record<string, string | number> = {};
  for (const [field, key] of Object.entries(CLAIM_KEYS)) {
    const value =
      field === 'purpose' ? code : field === 'issuedAt' ? issuedAt : claims[field as keyof LinkClaimsInput];
    if (value !== undefined) wire[key] = value;
  }
  const payload = Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
  const signingInput = `${keyring.current}.${payload}`;
  return `${signingInput}.${tag(keyring, keyring.current, signingInput)!.toString('base64url')}`;
}

/** Decodes base64url only in its one canonical spelling, so no two strings verify as the same token. */
function decodeCanonical(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function parseClaims(payload: Buffer): LinkClaims {
  let wire: unknown;
  try {
    wire = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new LinkMalformedError();
  }
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) throw new LinkMalformedError();
  const known = new Set<string>(Object.values(CLAIM_KEYS));
  const entries = wire as Record<string, unknown>;
  if (Object.keys(entries).some((key) => !known.has(key))) throw new LinkMalformedError();

  const purpose = PURPOSE_BY_CODE.get(String(entries[CLAIM_KEYS.purpose]));
  const issuedAt = entries[CLAIM_KEYS.issuedAt];
  const expiresAt = entries[CLAIM_KEYS.expiresAt];
  if (!purpose || !isEpoch(issuedAt) || !isEpoch(expiresAt)) throw new LinkMalformedError();
  const claims: LinkClaims = { purpose, issuedAt, expiresAt };
  for (const field of STRING_CLAIMS) {
    const value = entries[CLAIM_KEYS[field]];
    if (value === undefined) continue;
    if (!isClaimString(value)) throw new LinkMalformedError();
    claims[field] = value;
  }
  const version = entries[CLAIM_KEYS.version];
  if (version !== undefined) {
    if (!isEpoch(version)) throw new LinkMalformedError();
    claims.version = version;
  }
  if (REQUIRED_SCOPE[purpose].some((field) => claims[field] === undefined)) throw new LinkMalformedError();
  return claims;
}

/**
 * Refuses claims that do not fit the page: wrong purpose, or any named scope field different.
 * verifyLinkToken calls it; call it again once the record is loaded, e.g. with the reference's
 * current station, so a link issued before a transfer stops opening the reference.
 */
export function assertLinkScope<P extends LinkPurpose>(
  claims: LinkClaims,
  expect: LinkExpectation<P>,
): asserts claims is LinkClaims<P> {
  if (expect.purpose !== undefined) {
    const allowed: readonly LinkPurpose[] =
      typeof expect.purpose === 'string' ? [expect.purpose] : expect.purpose;
    if (!allowed.includes(claims.purpose)) throw new LinkScopeError('purpose');
  }
  for (const field of SCOPE_FIELDS) {
    if (Object.hasOwn(expect, field) && claims[field] !== expect[field]) throw new LinkScopeError(field);
  }
}

/**
 * The claims of a genuine, unexpired link that fits `expect`; otherwise throws a LinkError:
 * LinkMalformedError, LinkSignatureError (altered, or its key retired), LinkExpiredError,
 * LinkScopeError. A single-use link is not spent here: see useLinkOnce.
 */
export function verifyLinkToken<P extends LinkPurpose>(
  token: string,
  keyring: LinkKeyring,
  now: Date,
  expect: LinkExpectation<P> & { purpose: P | readonly P[] },
): LinkClaims<P> {
  if (typeof token !== 'string' || token.length > MAX_LINK_TOKEN_LENGTH) throw new LinkMalformedError();
  const parts = token.split('.');
  if (parts.length !== 3) throw new LinkMalformedError();
  const [kid, payloadText, tagText] = parts as [string, string, string];
  const payload = decodeCanonical(payloadText);
  const given = decodeCanonical(tagText);
  if (!KID_PATTERN.test(kid) || !payload || !given || given.length !== TAG_BYTES)
    throw new LinkMalformedError();

  const expected = tag(keyring, kid, `${kid}.${payloadText}`);
  if (!expected || !timingSafeEqual(expected, given)) throw new LinkSignatureError();

  const claims = parseClaims(payload);
  if (epochSeconds(now) >= claims.expiresAt) throw new LinkExpiredError(new Date(claims.expiresAt * 1000));
  assertLinkScope(claims, expect);
  return claims;
}

export type LinkVerification<P extends LinkPurpose> =
  | { ok: true; claims: LinkClaims<P> }
  | { ok: false; error: LinkError };

/** verifyLinkToken as a result, for handlers that render the refusal page; other errors still throw. */
export function tryVerifyLinkToken<P extends LinkPurpose>(
  token: string,
  keyring: LinkKeyring,
  now: Date,
  expect: LinkExpectation<P> & { purpose: P | readonly P[] },
): LinkVerification<P> {
  try {
    return { ok: true, claims: verifyLinkToken(token, keyring, now, expect) };
  } catch (error) {
    if (error instanceof LinkError) return { ok: false, error };
    throw error;
  }
}
