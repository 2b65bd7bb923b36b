import { createHmac, timingSafeEqual } from 'node:crypto';
import { checkKeyring, derivedKey, type LinkKeyring } from './keyring.ts';

/**
 * The complainant's status link token, short enough for an SMS: `<kid>.<referenceNo>.<version>.<tag>`,
 * e.g. `k1.52718930468.0.dGhpcyBpcyBhIHRhZw` (33 characters with a two-letter key id).
 *
 *   kid          key id from the link-signing keyring, so keys rotate as for officers' links
 *   referenceNo  the 11 digits the SMS already shows beside the link
 *   version      the reference's `statusLinkVersion` when the link was made; bumping the stored
 *                version revokes every earlier link of that reference
 *   tag          HMAC-SHA256 under a key derived for this use only ('status'), truncated to 96 bits
 *
 * It carries no expiry and no secret: whether a link still opens is decided from the reference
 * (its version, and how long ago it was disposed), so the link in an SMS never changes and a retry
 * of the message sends the same text. 96 bits leave an online guesser nothing: every guess is a
 * request. Each field has one spelling (decimal without leading zeros, base64url of 12 bytes), so
 * no two strings verify as the same token.
 */
const TOKEN = /^([A-Za-z0-9_-]{1,8})\.(\d{11})\.(0|[1-9]\d{0,8})\.([A-Za-z0-9_-]{16})$/;
const TAG_BYTES = 12;

/** Longest status token accepted; anything longer is refused before any work is done. */
export const MAX_STATUS_TOKEN_LENGTH = 48;

export interface StatusLinkClaims {
  referenceNo: string;
  version: number;
}

function tag(keyring: LinkKeyring, kid: string, referenceNo: string, version: number): Buffer | undefined {
  const key = derivedKey(keyring, kid, 'status');
  return (
    key &&
    createHmac('sha256', key).update(`${kid}.${referenceNo}.${version}`).digest().subarray(0, TAG_BYTES)
  );
}

export function signStatusToken(claims: StatusLinkClaims, keyring: LinkKeyring): string {
  checkKeyring(keyring);
  if (!/^\d{11}$/.test(claims.referenceNo))
    throw new Error('A status link needs an 11-digit reference number');
  if (!Number.isSafeInteger(claims.version) || claims.version < 0 || claims.version > 999_999_999)
    throw new Error('A status link version is a whole number');
  const kid = keyring.current;
  const mac = tag(keyring, kid, claims.referenceNo, claims.version)!;
  return `${kid}.${claims.referenceNo}.${claims.version}.${mac.toString('base64url')}`;
}

/**
 * The claims of a genuine status token, or undefined for anything else (cut short, altered, a key
 * since retired). Whether it is still current is the caller's to judge against the reference.
 */
export function verifyStatusToken(token: string, keyring: LinkKeyring): StatusLinkClaims | undefined {
  if (typeof token !== 'string' || token.length > MAX_STATUS_TOKEN_LENGTH) return undefined;
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const [, kid, referenceNo, versionText, tagText] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const given = Buffer.from(tagText, 'base64url');
  if (given.length !== TAG_BYTES || given.toString('base64url') !== tagText) return undefined;
  const version = Number(versionText);
  const expected = tag(keyring, kid, referenceNo, version);
  if (!expected || !timingSafeEqual(expected, given)) return undefined;
  return { referenceNo, version };
}
