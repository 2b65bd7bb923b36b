import { createHmac, timingSafeEqual } from 'node:crypto';
import { KID_PATTERN, type LinkKeyring } from '../links/keyring.ts';
import { SessionRefusedError } from './otp.ts';

/**
 * The bearer token a right code earns: `<kid>.<payload>.<tag>`, like the signed links, under a key
 * derived from the link-signing keyring for this use alone. The payload names the mobile's hashes
 * (one per key of the mobile hash keyring, so references filed before a rotation are listed too),
 * never the number, and an expiry. Stateless: it lives for its few minutes and cannot be revoked.
 */
const TAG_BYTES = 16;
const MAX_TOKEN_LENGTH = 1024;
const HASH_PATTERN = /^(?:[A-Za-z0-9_-]{1,8}\.)?[0-9a-f]{32}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface SessionClaims {
  mobileHashes: string[];
  /** Epoch seconds. */
  expiresAt: number;
}

function sessionTag(keyring: LinkKeyring, kid: string, signingInput: string): Buffer | undefined {
  if (!Object.hasOwn(keyring.keys, kid)) return undefined;
  const key = createHmac('sha256', keyring.keys[kid]!).update('nivaran/my-complaints/v1').digest();
  return createHmac('sha256', key).update(signingInput).digest().subarray(0, TAG_BYTES);
}

export function signSessionToken(claims: SessionClaims, keyring: LinkKeyring): string {
  const payload = Buffer.from(JSON.stringify({ h: claims.mobileHashes, e: claims.expiresAt })).toString(
    'base64url',
  );
  const input = `${keyring.current}.${payload}`;
  const tag = sessionTag(keyring, keyring.current, input);
  if (!tag) throw new Error(`Link keyring: current key '${keyring.current}' is not among its keys`);
  return `${input}.${tag.toString('base64url')}`;
}

/** The claims of a sound, unexpired token; SessionRefusedError otherwise. */
export function verifySessionToken(token: string, keyring: LinkKeyring, now: Date): SessionClaims {
  if (token.length > MAX_TOKEN_LENGTH) throw new SessionRefusedError('token too long');
  const [kid = '', payload = '', tagText = '', ...rest] = token.split('.');
  if (rest.length > 0 || !KID_PATTERN.test(kid) || !BASE64URL.test(payload) || !BASE64URL.test(tagText))
    throw new SessionRefusedError('malformed token');
  const expected = sessionTag(keyring, kid, `${kid}.${payload}`);
  const given = Buffer.from(tagText, 'base64url');
  if (!expected || given.length !== TAG_BYTES || !timingSafeEqual(expected, given))
    throw new SessionRefusedError('altered token');
  let claims: { h?: unknown; e?: unknown };
  try {
    claims = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) ?? {}) as typeof claims;
  } catch {
    throw new SessionRefusedError('malformed claims');
  }
  const hashes = claims.h;
  if (
    !Array.isArray(hashes) ||
    hashes.length === 0 ||
    hashes.length > 8 ||
    !hashes.every((h) => typeof h === 'string' && HASH_PATTERN.test(h)) ||
    typeof claims.e !== 'number'
  )
    throw new SessionRefusedError('malformed claims');
  if (claims.e <= Math.floor(now.getTime() / 1000)) throw new SessionRefusedError('expired token');
  return { mobileHashes: hashes as string[], expiresAt: claims.e };
}
