import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors.ts';
import type { Bilingual } from '../language.ts';
import type { LinkKeyring } from '../links/keyring.ts';

/**
 * One-time codes for "my complaints": a citizen proves they hold a mobile number by the 6-digit
 * code sent to it by SMS, then sees the references filed from it.
 *
 * A code is stored only as an HMAC under a key derived from the link-signing keyring (a plain hash
 * of six digits is reversed by trying a million), bound to the number's hash so a stored digest
 * says nothing about another number's code, and compared in constant time.
 */
export interface OtpSettings {
  /** How long a code is good for. */
  ttlSeconds: number;
  /** Tries per code; the code is spent by the last wrong one. */
  maxAttempts: number;
  /** Codes sent to one number per UTC hour and per UTC day. */
  perNumber: WindowLimits;
  /** Codes requested from one client address per UTC hour and per UTC day. */
  perAddress: WindowLimits;
  /** Life of the bearer token a right code earns. */
  sessionSeconds: number;
}

export interface WindowLimits {
  hour: number;
  day: number;
}

export const DEFAULT_OTP_SETTINGS: OtpSettings = {
  ttlSeconds: 300,
  maxAttempts: 3,
  perNumber: { hour: 3, day: 10 },
  // A call centre or a Jan Seva Kendra asks for many citizens from one address.
  perAddress: { hour: 30, day: 200 },
  sessionSeconds: 900,
};

/** How far back the list goes. */
export const MY_COMPLAINTS_MONTHS = 12;

export const OTP_PATTERN = /^\d{6}$/;

/** The key codes are stored under, derived from one key of the link-signing keyring. */
function otpKey(keyring: LinkKeyring, kid: string): Buffer | undefined {
  if (!Object.hasOwn(keyring.keys, kid)) return undefined;
  return createHmac('sha256', keyring.keys[kid]!).update('nivaran/otp/v1').digest();
}

/** What is stored for a code: kid and digest (hex). `subject` is the number's current hash. */
export function otpDigest(
  keyring: LinkKeyring,
  subject: string,
  code: string,
): { kid: string; digest: string } {
  const key = otpKey(keyring, keyring.current);
  if (!key) throw new Error(`Link keyring: current key '${keyring.current}' is not among its keys`);
  return {
    kid: keyring.current,
    digest: createHmac('sha256', key).update(`${subject}:${code}`).digest('hex'),
  };
}

/** Whether `code` is the stored one, compared in constant time. */
export function otpMatches(
  keyring: LinkKeyring,
  stored: { kid: string; digest: string },
  subject: string,
  code: string,
): boolean {
  const key = otpKey(keyring, stored.kid);
  if (!key || !OTP_PATTERN.test(code)) return false;
  const expected = Buffer.from(stored.digest, 'hex');
  const given = createHmac('sha256', key).update(`${subject}:${code}`).digest();
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The SMS, Hindi first, within one Unicode SMS's worth of a DLT template: the code, its life, and
 * what to do when one did not ask for it. The code leads so phones can offer to fill it in.
 */
export function otpSmsText(code: string, minutes: number): string {
  return (
    `${code} आपका निवारण (यूपी पुलिस आईजीआरएस) ओटीपी है, ${minutes} मिनट के लिए मान्य। किसी को न बताएं। ` +
    `${code} is your Nivaran (UP Police IGRS) OTP, valid ${minutes} min. Do not share it. Not you? Ignore this.`
  );
}

/** The last four digits, for telling a person where the code went without repeating the number. */
export const maskedMobile = (mobile: string): string => `******${mobile.slice(-4)}`;

export type OtpRefusal = 'wrong' | 'expired';

/** A code that is wrong (with tries left), or no code to try: expired, spent, never sent. */
export class OtpRefusedError extends DomainError {
  override name = 'OtpRefusedError';
  constructor(
    readonly refusal: OtpRefusal,
    readonly attemptsLeft = 0,
  ) {
    super(refusal === 'wrong' ? `wrong code, ${attemptsLeft} tries left` : 'no live code');
  }
}

/** Too many codes for this number, or from this client address. */
export class OtpRateLimitedError extends DomainError {
  override name = 'OtpRateLimitedError';
  constructor(
    readonly scope: 'number' | 'address',
    readonly retryAfterSeconds: number,
  ) {
    super(`too many codes for this ${scope}; retry after ${retryAfterSeconds} s`);
  }
}

/** A bearer token that is missing, altered or expired. */
export class SessionRefusedError extends DomainError {
  override name = 'SessionRefusedError';
}

export const OTP_TEXT = {
  sent: {
    en: 'If this number can receive SMS, a 6-digit code is on its way. It is valid for 5 minutes.',
    hi: 'यदि इस नंबर पर एसएमएस आ सकता है, तो 6 अंकों का कोड भेजा जा रहा है। यह 5 मिनट तक मान्य है।',
  },
  wrong: {
    en: 'That code is not right.',
    hi: 'यह कोड सही नहीं है।',
  },
  expired: {
    en: 'There is no valid code for this number: it has expired, or was used up. Ask for a new code.',
    hi: 'इस नंबर के लिए कोई मान्य कोड नहीं है: उसकी अवधि समाप्त हो गई या प्रयास पूरे हो गए। नया कोड मांगें।',
  },
  tooManyForNumber: {
    en: 'Too many codes have been sent to this number. Please try again later.',
    hi: 'इस नंबर पर बहुत अधिक कोड भेजे जा चुके हैं। कृपया बाद में प्रयास करें।',
  },
  tooManyFromAddress: {
    en: 'Too many codes have been asked for from this connection. Please try again later.',
    hi: 'इस कनेक्शन से बहुत अधिक कोड मांगे जा चुके हैं। कृपया बाद में प्रयास करें।',
  },
} satisfies Record<string, Bilingual>;

export const attemptsLeftText = (left: number): Bilingual => ({
  en: `${left} ${left === 1 ? 'try' : 'tries'} left.`,
  hi: `${left} प्रयास शेष।`,
});
