import { timingSafeEqual } from 'node:crypto';
import { sha256 } from '../reference/mobile-hash.ts';
import type { Reference } from '../reference/types.ts';

/** What a complainant tracks a reference with: the secret shown once at filing, or the mobile's last four digits. */
export type TrackingCredential = { secret: string } | { mobileLast4: string };

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Whether the credential opens the reference, compared in constant time. The secret is read as
 * typed on a phone: any case, spaces and dashes ignored (only its hash is stored).
 */
export function credentialMatches(reference: Reference, credential: TrackingCredential): boolean {
  return 'secret' in credential
    ? sameText(
        sha256(credential.secret.trim().toUpperCase().replace(/[\s-]/g, '')),
        reference.trackingSecretHash,
      )
    : sameText(credential.mobileLast4, reference.complainant.mobile?.slice(-4) ?? '');
}
