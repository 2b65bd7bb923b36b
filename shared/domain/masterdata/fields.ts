/**
 * Checks and normal forms for master data values, shared by the CSV loader and the shipped data's
 * tests. Each `parse…` returns the normal form or undefined when the value is not acceptable.
 */

/** Codes of districts, stations and officers' posts: lower-case slugs. */
export const CODE_PATTERN = /^[a-z0-9-]+$/;

/** No code is longer: slugs of names. A longer value is no code, whatever it holds. */
export const MAX_CODE_LENGTH = 64;

/** Whether a value could be a code at all: lookups answer anything else as unknown without asking. */
export const mayBeCode = (value: string): boolean => value.length > 0 && value.length <= MAX_CODE_LENGTH;

export const isCode = (value: string): boolean =>
  CODE_PATTERN.test(value) && !value.startsWith('-') && !value.endsWith('-') && !value.includes('--');

const DEVANAGARI = /[\u0900-\u097F]/;

/** A Hindi name must be written (at least partly) in Devanagari, not transliterated. */
export const hasDevanagari = (value: string): boolean => DEVANAGARI.test(value);

/** India Post PIN: six digits, the first 1-9. */
export const isPinCode = (value: string): boolean => /^[1-9]\d{5}$/.test(value);

/**
 * An Indian mobile number in its E.164 form (+91 and ten digits, the first 6-9). Accepts the ways
 * people write one: spaces, hyphens, dots or brackets between digits; a leading +91, 91, 091, 0091 or 0.
 */
export function parseIndianMobile(value: string): string | undefined {
  const compact = value.replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(compact)) return undefined;
  let digits = compact.replace(/^\+/, '');
  if (compact.startsWith('+')) {
    if (!digits.startsWith('91')) return undefined;
    digits = digits.slice(2);
  } else if (digits.length === 14 && digits.startsWith('0091')) digits = digits.slice(4);
  else if (digits.length === 12 && digits.startsWith('91')) digits = digits.slice(2);
  else if (digits.length === 13 && digits.startsWith('091')) digits = digits.slice(3);
  else if (digits.length === 11 && digits.startsWith('0')) digits = digits.slice(1);
  return /^[6-9]\d{9}$/.test(digits) ? `+91${digits}` : undefined;
}

/** An address of the usual shape (local@domain.tld), lower-cased; not a proof it receives mail. */
export function parseEmail(value: string): string | undefined {
  const email = value.trim().toLowerCase();
  if (email.length > 254) return undefined;
  return /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(
    email,
  ) &&
    !email.startsWith('.') &&
    !email.includes('..')
    ? email
    : undefined;
}

/**
 * Locality names match case- and space-insensitively, the same normal form the master data store
 * keys them by ('Sakal  Diha' and 'sakal diha' are one locality).
 */
export const normaliseLocality = (locality: string): string =>
  locality.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/** Splits a list cell: semicolons always separate; spaces too where `spaces` (PIN lists). */
export function splitList(value: string, { spaces = false } = {}): string[] {
  return value
    .split(spaces ? /[;\s]+/ : /;/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
