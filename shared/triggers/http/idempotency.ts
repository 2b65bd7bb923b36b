import { HttpProblem } from './problem.ts';
import type { HttpRequest } from './request.ts';

/** An Idempotency-Key and the client it belongs to: the same key from two clients is two keys. */
export interface ScopedIdempotencyKey {
  key: string;
  /** Who sent it: the authenticated principal when there is one, else the source address. */
  client: string;
}

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The request's Idempotency-Key (1 to 255 visible ASCII characters, else a 400), scoped to its
 * client: a key remembers an answer only for the client that sent it, so a stranger who sends
 * your key (or guesses it) files their own complaint and can neither squat it for 24 hours nor
 * read your answer back. `principal` is the caller's authenticated identity (an Open311 api_key,
 * a JWT subject); anonymous JSON clients are told apart by their source address, which API
 * Gateway takes from the connection, not from a header the client could set.
 */
export function idempotencyKeyOf(request: HttpRequest, principal?: string): ScopedIdempotencyKey | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw new HttpProblem(400, 'invalid-idempotency-key', {
      en: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
      hi: 'Idempotency-Key में 1 से 255 दृश्य ASCII वर्ण होने चाहिए',
    });
  }
  return { key, client: principal ? `principal:${principal}` : `address:${request.sourceIp}` };
}
