import { createHash } from 'node:crypto';
import type { ComplaintRequest } from '../../api/complaint-schema.ts';
import type { Language } from '../../http/language.ts';
import {
  type FieldIssue,
  IdempotencyInProgressError,
  IdempotencyMismatchError,
  InvalidFieldsError,
  RateLimitedError,
  UnavailableError,
} from '../errors.ts';
import type {
  Clock,
  IdempotencyStore,
  IntakeLimiter,
  MasterDataReader,
  QueuePort,
  RandomSource,
  ReferenceRepository,
} from '../ports.ts';
import { newReferenceNumber } from '../reference/reference-number.ts';
import { textSimilarity } from '../reference/similarity.ts';
import type { Actor, Channel, Reference } from '../reference/types.ts';
import { persistently } from '../retry.ts';
import { istDate, istDeadline, istMonth, nextIstMonthStart } from '../time/ist.ts';

export interface IntakeSettings {
  /** IGRS allows 10 new complaints per mobile number per month. */
  monthlyLimitPerMobile: number;
  /** How far back a complaint is compared with the same complainant's earlier ones. */
  duplicateWindowDays: number;
  /** Word-bigram similarity from which two texts count as a possible duplicate (0-1). */
  duplicateSimilarity: number;
  /** How long an Idempotency-Key is remembered. */
  idempotencyTtlHours: number;
}

export const DEFAULT_INTAKE_SETTINGS: IntakeSettings = {
  monthlyLimitPerMobile: 10,
  duplicateWindowDays: 30,
  duplicateSimilarity: 0.5,
  idempotencyTtlHours: 24,
};

export interface IntakeDeps {
  masterData: MasterDataReader;
  references: ReferenceRepository;
  limiter: IntakeLimiter;
  idempotency: IdempotencyStore;
  routingQueue: QueuePort;
  notificationQueue: QueuePort;
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
  possibleDuplicateOf?: string;
}

export interface FileComplaintResult {
  complaint: FiledComplaint;
  /** True when an earlier request with the same Idempotency-Key created it. */
  replayed: boolean;
  /** False when the acknowledgement could not be queued (the reference is safe; routing queues it again). */
  acknowledgementQueued: boolean;
}

export interface FileComplaintOptions {
  language: Language;
  idempotencyKey?: string;
  actor: Actor;
  channel?: Channel;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Keys and indexes carry a hash of the mobile number, never the number itself. */
export const mobileHash = (mobile: string): string => sha256(`nivaran:mobile:${mobile}`).slice(0, 32);

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

async function checkMasterData(request: ComplaintRequest, deps: IntakeDeps) {
  const issues: FieldIssue[] = [];
  const { districtCode, stationCode } = request.location;
  const [district, category, station] = await Promise.all([
    deps.masterData.district(districtCode),
    deps.masterData.category(request.categoryCode),
    stationCode ? deps.masterData.station(districtCode, stationCode) : Promise.resolve(undefined),
  ]);
  if (!district) {
    issues.push({
      pointer: '/location/districtCode',
      code: 'unknown-district',
      message: {
        en: 'No district has this code; see GET /v1/districts',
        hi: 'इस कोड का कोई जनपद नहीं है; GET /v1/districts देखें',
      },
    });
  } else if (stationCode && !station) {
    issues.push({
      pointer: '/location/stationCode',
      code: 'station-not-in-district',
      message: {
        en: `No police station with this code in ${district.name.en}; see GET /v1/districts/${district.code}/stations`,
        hi: `${district.name.hi} में इस कोड का कोई थाना नहीं है; GET /v1/districts/${district.code}/stations देखें`,
      },
    });
  }
  if (!category) {
    issues.push({
      pointer: '/categoryCode',
      code: 'unknown-category',
      message: {
        en: 'No category has this code; see GET /v1/categories',
        hi: 'इस कोड की कोई श्रेणी नहीं है; GET /v1/categories देखें',
      },
    });
  }
  if (request.incidentDate && request.incidentDate > istDate(deps.clock.now())) {
    issues.push({
      pointer: '/incidentDate',
      code: 'future-date',
      message: { en: 'The incident date cannot be in the future', hi: 'घटना की तारीख भविष्य की नहीं हो सकती' },
    });
  }
  if (issues.length > 0 || !category || !district) throw new InvalidFieldsError(issues);
  return { district, category };
}

async function findPossibleDuplicate(request: ComplaintRequest, hash: string, now: Date, deps: IntakeDeps) {
  const since = new Date(now.getTime() - deps.settings.duplicateWindowDays * 86_400_000).toISOString();
  const recent = await deps.references.recentByMobile(hash, since, 20);
  return recent.find(
    (earlier) =>
      earlier.categoryCode === request.categoryCode &&
      earlier.districtCode === request.location.districtCode &&
      (!request.location.stationCode ||
        !earlier.stationCode ||
        earlier.stationCode === request.location.stationCode) &&
      textSimilarity(earlier.description, request.description) >= deps.settings.duplicateSimilarity,
  )?.referenceNo;
}

/**
 * Registers a complaint. Answers only after the reference is stored and its routing message is
 * queued; when queuing fails the reference and the monthly count are taken back, so a failed
 * request leaves nothing behind and can be retried with the same Idempotency-Key.
 */
export async function fileComplaint(
  request: ComplaintRequest,
  options: FileComplaintOptions,
  deps: IntakeDeps,
): Promise<FileComplaintResult> {
  const now = deps.clock.now();
  const requestHash = sha256(stableJson(request));
  const idempotencyExpiry = new Date(now.getTime() + deps.settings.idempotencyTtlHours * 3_600_000);
  const idempotencyKey = options.idempotencyKey
    ? sha256(`nivaran:idem:${options.idempotencyKey}`)
    : undefined;

  if (idempotencyKey) {
    const begun = await deps.idempotency.begin(idempotencyKey, requestHash, idempotencyExpiry);
    if (begun.state === 'completed') {
      if (begun.requestHash !== requestHash)
        throw new IdempotencyMismatchError('Idempotency-Key reused with another body');
      return { complaint: begun.response as FiledComplaint, replayed: true, acknowledgementQueued: true };
    }
    if (begun.state === 'in-progress')
      throw new IdempotencyInProgressError('A request with this key is in progress');
  }

  const undo: (() => Promise<void>)[] = [];
  if (idempotencyKey) undo.push(() => deps.idempotency.abandon(idempotencyKey));
  // Each step is retried for a few seconds: a request that straddles a database outage must not
  // leave its monthly count taken or its Idempotency-Key locked.
  const rollBack = async () => {
    for (const step of undo.reverse()) await persistently(step).catch(() => undefined);
  };

  try {
    const { category } = await checkMasterData(request, deps);
    const hash = mobileHash(request.complainant.mobile);
    const month = istMonth(now);
    if (!(await deps.limiter.take(hash, month, deps.settings.monthlyLimitPerMobile))) {
      const retryAfter = Math.ceil((nextIstMonthStart(now).getTime() - now.getTime()) / 1000);
      throw new RateLimitedError(retryAfter, deps.settings.monthlyLimitPerMobile);
    }
    undo.push(() => deps.limiter.giveBack(hash, month));

    const possibleDuplicateOf = await findPossibleDuplicate(request, hash, now, deps);
    const trackingSecret = deps.random.secret(8);
    const createdAt = now.toISOString();
    const actor = options.actor;
    const base: Omit<Reference, 'referenceNo'> = {
      version: 1,
      status: 'registered',
      channel: options.channel ?? (request.channel as Channel),
      categoryCode: category.code,
      description: request.description,
      ...(request.incidentDate ? { incidentDate: request.incidentDate } : {}),
      complainant: {
        name: request.complainant.name,
        mobile: request.complainant.mobile,
        ...(request.complainant.email ? { email: request.complainant.email } : {}),
        address: request.complainant.address,
        language: request.complainant.language ?? options.language,
      },
      location: request.location,
      // The station the complainant named stays in location until routing checks it.
      districtCode: request.location.districtCode,
      createdAt,
      updatedAt: createdAt,
      deadlineAt: istDeadline(now, category.deadlineDays).toISOString(),
      trackingSecretHash: sha256(trackingSecret),
      ...(possibleDuplicateOf ? { possibleDuplicateOf } : {}),
      history: [
        {
          at: createdAt,
          actor,
          action: 'registered',
          toStatus: 'registered',
          details: { channel: options.channel ?? request.channel },
        },
        ...(possibleDuplicateOf
          ? [
              {
                at: createdAt,
                actor: { role: 'system' as const },
                action: 'flagged-possible-duplicate',
                details: { of: possibleDuplicateOf },
              },
            ]
          : []),
      ],
    };

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

    await deps.routingQueue.send({ type: 'route', referenceNo }, { deduplicationId: referenceNo });

    const complaint: FiledComplaint = {
      referenceNo,
      status: reference.status,
      deadlineAt: reference.deadlineAt,
      trackingSecret,
      createdAt,
      ...(possibleDuplicateOf ? { possibleDuplicateOf } : {}),
    };
    // From here the reference is accepted: nothing below may take it back.
    undo.length = 0;
    const acknowledgementQueued = await deps.notificationQueue
      .send({ type: 'acknowledgement', referenceNo })
      .then(() => true)
      .catch(() => false);
    if (idempotencyKey) {
      await deps.idempotency
        .complete(idempotencyKey, requestHash, complaint, idempotencyExpiry)
        .catch(() => undefined);
    }
    return { complaint, replayed: false, acknowledgementQueued };
  } catch (error) {
    await rollBack();
    if (
      error instanceof InvalidFieldsError ||
      error instanceof RateLimitedError ||
      error instanceof UnavailableError
    ) {
      throw error;
    }
    throw new UnavailableError('complaint could not be stored', { cause: error });
  }
}
