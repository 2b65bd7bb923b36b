import type { Bilingual } from '../domain/language.ts';
import { addressDigest } from '../domain/links/address-digest.ts';
import type { LinkKeyring } from '../domain/links/keyring.ts';
import {
  MY_COMPLAINTS_MONTHS,
  maskedMobile,
  OtpRateLimitedError,
  OtpRefusedError,
  type OtpSettings,
  otpDigest,
  otpMatches,
  otpSmsText,
  type WindowLimits,
} from '../domain/otp/otp.ts';
import { signSessionToken, verifySessionToken } from '../domain/otp/session-token.ts';
import type { Clock, MobileHasher, RandomSource } from '../domain/ports.ts';
import { allMobileHashes } from '../domain/reference/mobile-hash.ts';
import { publicSummary } from '../domain/reference/public-view.ts';
import type { Reference, ReferenceStatus } from '../domain/reference/types.ts';

/** The live code of one number, as stored: never the code itself. */
export interface StoredOtp {
  kid: string;
  digest: string;
  /** Tries counted so far, this one included when returned by attempt(). */
  attempts: number;
}

export interface OtpStore {
  /** Keeps a new code for the number, replacing any earlier one (and its count of tries). */
  save(subject: string, code: { kid: string; digest: string }, expiresAt: Date): Promise<void>;
  /**
   * Counts one try, atomically, if the number has a code that is unexpired with tries left; the
   * code as it then stands, or undefined when there is none to try.
   */
  attempt(subject: string, now: Date, maxAttempts: number): Promise<StoredOtp | undefined>;
  /** Spends the code (it cannot be used again); false when another request spent or replaced it. */
  spend(subject: string, digest: string): Promise<boolean>;
}

export interface WindowLimiter {
  /**
   * Counts one use under `key` in the current UTC hour and day unless either limit is reached;
   * undefined when counted, else the seconds until the fuller window ends.
   */
  take(key: string, now: Date, limits: WindowLimits): Promise<number | undefined>;
}

export interface SmsPort {
  send(to: string, text: string, templateKey: string): Promise<string>;
}

export interface MyComplaintsLookup {
  referenceNosByMobile(mobileHashes: readonly string[], sinceIso: string): Promise<string[]>;
  getMany(referenceNos: string[]): Promise<Reference[]>;
}

export interface MyComplaintsDeps {
  hasher: MobileHasher;
  keyring: () => Promise<LinkKeyring>;
  otps: OtpStore;
  limiter: WindowLimiter;
  sms: SmsPort;
  references: MyComplaintsLookup;
  clock: Clock;
  random: RandomSource;
  settings: OtpSettings;
}

/** The DLT template key of the OTP SMS (SMS_DLT_TEMPLATE_IDS). */
export const OTP_TEMPLATE_KEY = 'otp';

/**
 * Sends a code to the number. The answer does not depend on whether the number has complaints (it
 * is not even looked up), so it cannot be used to learn who complained; only the limits refuse.
 * The client address is counted first, so a refused address spends nothing of the number's.
 */
export async function requestOtp(
  mobile: string,
  clientAddress: string,
  deps: MyComplaintsDeps,
): Promise<{ sentTo: string; expiresInSeconds: number }> {
  const now = deps.clock.now();
  const keyring = await deps.keyring();
  const byAddress = await deps.limiter.take(
    `ADDR#${addressDigest(keyring, clientAddress, 'otp')}`,
    now,
    deps.settings.perAddress,
  );
  if (byAddress !== undefined) throw new OtpRateLimitedError('address', byAddress);
  const { current } = await deps.hasher.hashes(mobile);
  const byNumber = await deps.limiter.take(`MOBILE#${current}`, now, deps.settings.perNumber);
  if (byNumber !== undefined) throw new OtpRateLimitedError('number', byNumber);

  const code = deps.random.digits(6);
  await deps.otps.save(
    current,
    otpDigest(keyring, current, code),
    new Date(now.getTime() + deps.settings.ttlSeconds * 1000),
  );
  await deps.sms.send(mobile, otpSmsText(code, Math.round(deps.settings.ttlSeconds / 60)), OTP_TEMPLATE_KEY);
  return { sentTo: maskedMobile(mobile), expiresInSeconds: deps.settings.ttlSeconds };
}

/**
 * Checks a code: every try is counted before the comparison, atomically, so parallel guesses get
 * no more than maxAttempts between them; a right code is spent at once and earns a bearer token.
 */
export async function verifyOtp(
  mobile: string,
  code: string,
  deps: MyComplaintsDeps,
): Promise<{ token: string; expiresAt: Date }> {
  const now = deps.clock.now();
  const hashes = await deps.hasher.hashes(mobile);
  const stored = await deps.otps.attempt(hashes.current, now, deps.settings.maxAttempts);
  if (!stored) throw new OtpRefusedError('expired');
  const keyring = await deps.keyring();
  if (!otpMatches(keyring, stored, hashes.current, code)) {
    throw new OtpRefusedError('wrong', Math.max(0, deps.settings.maxAttempts - stored.attempts));
  }
  if (!(await deps.otps.spend(hashes.current, stored.digest))) throw new OtpRefusedError('expired');
  const expiresAt = new Date(now.getTime() + deps.settings.sessionSeconds * 1000);
  const token = signSessionToken(
    { mobileHashes: allMobileHashes(hashes), expiresAt: Math.floor(expiresAt.getTime() / 1000) },
    keyring,
  );
  return { token, expiresAt };
}

export interface MyComplaint {
  referenceNo: string;
  status: ReferenceStatus;
  statusText: Bilingual;
  categoryCode: string;
  districtCode: string;
  stationCode?: string;
  filedAt: string;
  deadlineAt: string;
  disposedAt?: string;
}

export interface MyComplaintsList {
  since: string;
  complaints: MyComplaint[];
}

/** The start of the list's window: the same instant twelve months back. */
export function listSince(now: Date): Date {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - MY_COMPLAINTS_MONTHS);
  return since;
}

/** The references filed from the token's number in the last twelve months, newest first. */
export async function listMyComplaints(token: string, deps: MyComplaintsDeps): Promise<MyComplaintsList> {
  const now = deps.clock.now();
  const claims = verifySessionToken(token, await deps.keyring(), now);
  const since = listSince(now).toISOString();
  const numbers = await deps.references.referenceNosByMobile(claims.mobileHashes, since);
  const references = await deps.references.getMany([...new Set(numbers)]);
  const complaints = references
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .map(
      (reference): MyComplaint => ({
        ...publicSummary(reference),
        filedAt: reference.createdAt,
        ...(reference.disposal ? { disposedAt: reference.disposal.disposedAt } : {}),
      }),
    );
  return { since, complaints };
}
