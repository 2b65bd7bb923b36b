import type { MobileHasher } from '../../domain/ports.ts';
import {
  type MobileHashKeyring,
  mobileHashes,
  parseMobileHashKeyring,
} from '../../domain/reference/mobile-hash.ts';
import { readSecret } from './secrets.ts';

/** The platform secret holding the mobile-number hash keyring (one plain key, or JSON {current, keys, legacy}). */
export const MOBILE_HASH_SECRET = 'mobileHashKey';

let parsed: { text: string; ring: MobileHashKeyring } | undefined;

/**
 * The keyed mobile hashes, under the keyring in Secrets Manager. readSecret keeps the text for a
 * few minutes and reads it again, so a rotation reaches warm containers without a deploy.
 */
export const secretMobileHasher: MobileHasher = {
  async hashes(mobile) {
    const text = await readSecret(MOBILE_HASH_SECRET);
    if (parsed?.text !== text) parsed = { text, ring: parseMobileHashKeyring(text) };
    return mobileHashes(mobile, parsed.ring);
  },
};
