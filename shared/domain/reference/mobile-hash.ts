import { createHash, createHmac } from 'node:crypto';
import { checkKeyring } from '../links/keyring.ts';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Keys and indexes carry a hash of the mobile number, never the number itself (the complainant
 * index MOBILE#<hash>, the monthly counts LIMIT#<hash>, OTPs OTP#<hash>).
 *
 * The hash is an HMAC-SHA256 under a secret key (the platform secret `mobileHashKey`), written as
 * `<kid>.<first 128 bits in hex>`: without the key, the 10^10 mobile numbers cannot be tried
 * against a stolen table. The key id travels in the hash so that a rotated key is a new set of
 * hashes beside the old: records are written under the current key and read under every key in
 * the ring (see mobileHashes), so a rotation loses neither the monthly counts nor the lists.
 *
 * Key id 0 is the unkeyed SHA-256 stored before keys existed (32 hex digits, no kid): it is read
 * while the ring says `legacy` (the default), so those records keep being found, and never
 * written.
 */
export const LEGACY_KEY_ID = '0';

/** The unkeyed hash of key version 0, as stored before the keyed hash; only ever read. */
export const legacyMobileHash = (mobile: string): string => sha256(`nivaran:mobile:${mobile}`).slice(0, 32);

export interface MobileHashKeyring {
  /** The key id new records are written under. */
  current: string;
  keys: Record<string, string>;
  /** Whether key version 0 (the unkeyed SHA-256 of old records) is still read. */
  legacy: boolean;
}

/**
 * The ring in the secret's text: a plain string is one key with id `1` (what the stack generates);
 * JSON `{"current":"2","keys":{"1":"…","2":"…"},"legacy":false}` holds several. Key strings are
 * used as their UTF-8 bytes and must be at least 16 bytes long.
 */
export function parseMobileHashKeyring(text: string): MobileHashKeyring {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) {
    checkKeyring({ current: '1', keys: { 1: trimmed } });
    return { current: '1', keys: { 1: trimmed }, legacy: true };
  }
  let value: { current?: unknown; keys?: unknown; legacy?: unknown };
  try {
    value = JSON.parse(trimmed) as typeof value;
  } catch {
    // Not the parser's message: it quotes the text, which holds the keys.
    throw new Error('Mobile hash keyring: the secret starts with { but is not valid JSON');
  }
  if (typeof value?.current !== 'string' || typeof value.keys !== 'object' || value.keys === null) {
    throw new Error('Mobile hash keyring: expected {"current": "<kid>", "keys": {"<kid>": "<key>"}}');
  }
  const keys: Record<string, string> = {};
  for (const [kid, key] of Object.entries(value.keys)) {
    if (typeof key !== 'string') throw new Error(`Mobile hash keyring: key '${kid}' is not a string`);
    if (kid === LEGACY_KEY_ID) throw new Error('Mobile hash keyring: key id 0 is the unkeyed legacy hash');
    keys[kid] = key;
  }
  checkKeyring({ current: value.current, keys });
  return { current: value.current, keys, legacy: value.legacy !== false };
}

/** The hash of a mobile number under one key. */
export const keyedMobileHash = (mobile: string, kid: string, key: string): string =>
  `${kid}.${createHmac('sha256', key).update(`nivaran:mobile:${mobile}`).digest('hex').slice(0, 32)}`;

export interface MobileHashes {
  /** What new records are written under. */
  current: string;
  /** Every other hash the number's records may be under (older keys, then version 0): read, never written. */
  older: string[];
}

export function mobileHashes(mobile: string, ring: MobileHashKeyring): MobileHashes {
  const current = keyedMobileHash(mobile, ring.current, ring.keys[ring.current]!);
  const older = Object.entries(ring.keys)
    .filter(([kid]) => kid !== ring.current)
    .map(([kid, key]) => keyedMobileHash(mobile, kid, key));
  if (ring.legacy) older.push(legacyMobileHash(mobile));
  return { current, older };
}

/** Current first, then the older ones: every hash to read a number's records under. */
export const allMobileHashes = (hashes: MobileHashes): string[] => [hashes.current, ...hashes.older];
