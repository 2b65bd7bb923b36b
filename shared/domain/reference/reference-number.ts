import { isVerhoeffValid, verhoeffCheckDigit } from './verhoeff.ts';

/**
 * Reference numbers: 11 digits, read over the phone like a mobile number. Ten random digits (the
 * first never 0) and a Verhoeff check digit. Random rather than sequential, so numbers reveal
 * nothing about volumes and no single counter item becomes a hot key; uniqueness comes from a
 * conditional write that retries on the (one in a billion) collision.
 */
export const REFERENCE_NUMBER_LENGTH = 11;

export type RandomDigits = (count: number) => string;

export function newReferenceNumber(randomDigits: RandomDigits): string {
  let body = randomDigits(10);
  if (body.startsWith('0')) body = `${(Number(body[0]) % 9) + 1}${body.slice(1)}`;
  return `${body}${verhoeffCheckDigit(body)}`;
}

/** Accepts what people type: spaces and dashes between digit groups are dropped. */
export function normaliseReferenceNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export type ReferenceNumberProblem = 'format' | 'check-digit';

export function checkReferenceNumber(
  input: string,
): { ok: true; value: string } | { ok: false; problem: ReferenceNumberProblem } {
  const value = normaliseReferenceNumber(input);
  if (!/^[1-9]\d{10}$/.test(value)) return { ok: false, problem: 'format' };
  if (!isVerhoeffValid(value)) return { ok: false, problem: 'check-digit' };
  return { ok: true, value };
}

/** Grouped for reading aloud: 4-4-3 ("4001 5723 012"). */
export function formatReferenceNumber(value: string): string {
  return `${value.slice(0, 4)} ${value.slice(4, 8)} ${value.slice(8)}`;
}
