import {
  IdempotencyMismatchError,
  InvalidFieldsError,
  RateLimitedError,
  UnavailableError,
} from '../domain/errors.ts';
import {
  type ComplaintInput,
  complaintIssues,
  registeredReference,
  requestFingerprint,
} from '../domain/intake/complaint.ts';
import type { Language } from '../domain/language.ts';
import { placeComplaint } from '../domain/places/place-complaint.ts';
import type { PlaceLookups } from '../domain/places/post-offices.ts';
import type {
  Clock,
  IdempotencyRecord,
  IdempotencyStore,
  IntakeLimiter,
  MasterDataReader,
  MobileHasher,
  QueuePort,
  RandomSource,
  ReferenceRepository,
  RouteRequest,
} from '../domain/ports.ts';
import { contactKey } from '../domain/reference/contact.ts';
import { sha256 } from '../domain/reference/mobile-hash.ts';
import { newReferenceNumber } from '../domain/reference/reference-number.ts';
import type { Actor, Channel, ComplaintLocation, Reference } from '../domain/reference/types.ts';
import { persistently } from '../domain/retry.ts';
import { istDate, istMonth, nextIstMonthStart } from '../domain/time/ist.ts';

export interface IntakeSettings {
  /** IGRS allows 10 new complaints per mobile number per month. */
  monthlyLimitPerMobile: number;
  /** How long an Idempotency-Key is remembered. */
  idempotencyTtlHours: number;
}

export const DEFAULT_INTAKE_SETTINGS: IntakeSettings = {
  monthlyLimitPerMobile: 10,
  idempotencyTtlHours: 24,
};

export interface IntakeDeps {
  masterData: MasterDataReader;
  /** Post offices, to place a position or PIN code in a district. */
  places: PlaceLookups;
  references: ReferenceRepository;
  limiter: IntakeLimiter;
  mobileHasher: MobileHasher;
  idempotency: IdempotencyStore;
  routingQueue: QueuePort<RouteRequest>;
  clock: Clock;
  random: RandomSource;
  settings: IntakeSettings;
}

export interface FiledComplaint {
  referenceNo: string;
  status: Reference['status'];
  deadlineAt: string;
  trackingSecret: string;
  createdAt: string;
}

export interface FileComplaintResult {
  complaint: FiledComplaint;
  /** True when an earlier request with the same Idempotency-Key created it. */
  replayed: boolean;
}

export interface FileComplaintOptions {
  language: Language;
  /** The client's Idempotency-Key and who the client is: keys of different clients never meet. */
  idempotencyKey?: { key: string; client: string };
  actor: Actor;
  channel?: Channel;
}

async function checkMasterData(request: ComplaintInput & { location: ComplaintLocation }, deps: IntakeDeps) {
  const { districtCode, stationCode } = request.location;
  const [district, category, station] = await Promise.all([
    deps.masterData.district(districtCode),
    deps.masterData.category(request.categoryCode),
    stationCode ? deps.masterData.station(districtCode, stationCode) : Promise.resolve(undefined),
  ]);
  const issues = complaintIssues(request, { district, category, station }, istDate(deps.clock.now()));
  if (issues.length > 0 || !category || !district) throw new InvalidFieldsError(issues);
  return { district, category };
}

/** The answer to a retried request: the first one's, unless the body differs. */
function replayOf(earlier: IdempotencyRecord, requestHash: string): FileComplaintResult {
  if (earlier.requestHash !== requestHash)
    throw new IdempotencyMismatchError('Idempotency-Key reused with another body');
  return { complaint: earlier.response as FiledComplaint, replayed: true };
}

/**
 * Registers a complaint. Answers only after the reference is stored and its routing message is
 * queued; when queuing fails the reference and the monthly count are taken back, so a failed
 * request leaves nothing behind and can be retried with the same Idempotency-Key.
 *
 * Round trips, in order: the Idempotency-Key lookup alongside the monthly limiter, the reference
 * put, the routing message, and (with a key) the key's record. The acknowledgement goes out with
 * the routing (see shared/domain/routing/route-reference.ts) and the possible-duplicate check is
 * the router's, so neither is on this path.
 *
 * The key is recorded once, after the reference is accepted, with the answer: one write, and a
 * record that exists only for an accepted reference, so a retry never gets a 201 for a complaint
 * that is then taken back. Two requests with one key at the same moment both get this far; the
 * first to record wins and the other takes its own reference back (its routing message then finds
 * nothing to route) and answers with the winner's reference.
 */
export async function fileComplaint(
  filed: ComplaintInput,
  options: FileComplaintOptions,
  deps: IntakeDeps,
): Promise<FileComplaintResult> {
  // The fingerprint is of the request as sent, so a retry matches whatever the district became.
  const requestHash = requestFingerprint(filed);
  const placed = await placeComplaint(filed.location, deps.places).catch((cause) => {
    throw new UnavailableError('post offices could not be read', { cause });
  });
  if (!placed.ok) throw new InvalidFieldsError(placed.issues);
  const request = { ...filed, location: placed.location };
  const now = deps.clock.now();
  const idempotencyExpiry = new Date(now.getTime() + deps.settings.idempotencyTtlHours * 3_600_000);
  const idempotencyKey = options.idempotencyKey
    ? sha256(`nivaran:idem:${options.idempotencyKey.client}\n${options.idempotencyKey.key}`)
    : undefined;

  const undo: (() => Promise<void>)[] = [];
  // Each step is retried for a few seconds: a request that straddles a database outage must not
  // leave its monthly count taken or its reference stored.
  const rollBack = async () => {
    for (const step of undo.splice(0).reverse()) await persistently(step).catch(() => undefined);
  };

  try {
    const hashes = await deps.mobileHasher.hashes(contactKey(request.complainant));
    const hash = hashes.current;
    const month = istMonth(now);
    const admit = async () => {
      const { category } = await checkMasterData(request, deps);
      if (!(await deps.limiter.take(hash, month, deps.settings.monthlyLimitPerMobile, hashes.older))) {
        const retryAfter = Math.ceil((nextIstMonthStart(now).getTime() - now.getTime()) / 1000);
        throw new RateLimitedError(retryAfter, deps.settings.monthlyLimitPerMobile);
      }
      undo.push(() => deps.limiter.giveBack(hash, month));
      return category;
    };
    // The retry lookup runs beside the limiter rather than before it: a round trip less for every
    // new complaint, and the rare retry gives back the count it took.
    const [earlier, admitted] = await Promise.allSettled([
      idempotencyKey ? deps.idempotency.find(idempotencyKey) : Promise.resolve(undefined),
      admit(),
    ]);
    if (earlier.status === 'rejected') throw earlier.reason;
    if (earlier.value) {
      await rollBack();
      return replayOf(earlier.value, requestHash);
    }
    if (admitted.status === 'rejected') throw admitted.reason;
    const category = admitted.value;

    const trackingSecret = deps.random.secret(8);
    const base = registeredReference(request, {
      category,
      channel: options.channel ?? (request.channel as Channel),
      language: options.language,
      actor: options.actor,
      at: now,
      trackingSecretHash: sha256(trackingSecret),
    });

    let reference: Reference | undefined;
    for (let attempt = 0; attempt < 5 && !reference; attempt++) {
      const candidate = { ...base, referenceNo: newReferenceNumber(deps.random.digits) };
      if (
        await deps.references.create(candidate, { mobileHash: hash, istMonth: month, istDate: istDate(now) })
      ) {
        reference = candidate;
      }
    }
    if (!reference) throw new UnavailableError('could not draw a free reference number');
    const referenceNo = reference.referenceNo;
    undo.push(() => deps.references.discard(referenceNo));

    await deps.routingQueue.send({ type: 'route', referenceNo });

    const complaint: FiledComplaint = {
      referenceNo,
      status: reference.status,
      deadlineAt: reference.deadlineAt,
      trackingSecret,
      createdAt: reference.createdAt,
    };
    if (idempotencyKey) {
      // A failure to record leaves the reference accepted (it is queued): a retry with the key would
      // then file it again, the lesser harm next to refusing an accepted complaint.
      const first = await deps.idempotency
        .record(idempotencyKey, requestHash, complaint, idempotencyExpiry)
        .catch(() => undefined);
      if (first) {
        await rollBack();
        return replayOf(first, requestHash);
      }
    }
    // From here the reference is accepted: nothing may take it back.
    undo.length = 0;
    return { complaint, replayed: false };
  } catch (error) {
    await rollBack();
    if (
      error instanceof InvalidFieldsError ||
      error instanceof RateLimitedError ||
      error instanceof UnavailableError ||
      error instanceof IdempotencyMismatchError
    ) {
      throw error;
    }
    throw new UnavailableError('complaint could not be stored', { cause: error });
  }
}
