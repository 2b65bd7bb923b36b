import { randomBytes } from 'node:crypto';
import { LinkUsedError } from './errors.ts';
import type { LinkUseLedger } from './ports.ts';
import type { LinkClaims } from './token.ts';

/** A nonce for a single-use link: 96 random bits, 16 URL-safe characters. */
export function newLinkNonce(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Spends a single-use link (one with a nonce) or throws LinkUsedError; links without a nonce are
 * reusable until they expire and pass. Call it after verifying the link and its form token, just
 * before the change it authorises, and make that change itself conditional too: a crash between
 * the two leaves the link spent and the change not made, which the person sees as "already used".
 */
export async function useLinkOnce(
  claims: Pick<LinkClaims, 'nonce' | 'expiresAt'>,
  ledger: LinkUseLedger,
): Promise<void> {
  if (claims.nonce === undefined) return;
  if (!(await ledger.consume(claims.nonce, claims.expiresAt))) throw new LinkUsedError();
}

/** Throws LinkUsedError when a single-use link was already spent; spends nothing (for GET pages). */
export async function assertLinkUnused(
  claims: Pick<LinkClaims, 'nonce'>,
  ledger: Pick<LinkUseLedger, 'wasUsed'>,
): Promise<void> {
  if (claims.nonce !== undefined && (await ledger.wasUsed(claims.nonce))) throw new LinkUsedError();
}
