import { createHmac } from 'node:crypto';
import type { LinkKeyring } from './keyring.ts';

/** What a client address is counted for; each purpose has its own derived key. */
export type AddressPurpose = 'otp' | 'tracking';

/**
 * The key a client address is counted under by a limiter (OTP requests, failed tracking attempts):
 * an HMAC under a key derived from the link-signing keyring, so the limiter's items hold no address
 * (a plain hash of an IPv4 address is reversed by trying 2^32). The same address always gives the
 * same key, so a stranger's attempts are still counted together; a key rotation starts the counts
 * afresh.
 */
export function addressDigest(keyring: LinkKeyring, address: string, purpose: AddressPurpose): string {
  const key = createHmac('sha256', keyring.keys[keyring.current]!)
    .update(`nivaran/${purpose}-address/v1`)
    .digest();
  return createHmac('sha256', key).update(address).digest('hex').slice(0, 32);
}
