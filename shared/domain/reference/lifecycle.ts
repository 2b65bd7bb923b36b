import { DomainError } from '../errors.ts';
import type { Bilingual } from '../language.ts';
import {
  type Actor,
  type HistoryEvent,
  OPEN_STATUSES,
  type Reference,
  type ReferenceStatus,
} from './types.ts';

/** The reference is not in a state that allows this step (it moved on, or never could). */
export class TransitionError extends DomainError {
  override name = 'TransitionError';
  constructor(
    readonly referenceNo: string,
    readonly status: ReferenceStatus,
    readonly action: string,
    readonly explanation: Bilingual,
  ) {
    super(`${referenceNo}: cannot ${action} while ${status}`);
  }
}

/** Refuses a step the reference's status does not allow, with the explanation people read. */
export function allowOnly(
  reference: Pick<Reference, 'referenceNo' | 'status'>,
  allowed: readonly ReferenceStatus[],
  action: string,
  explanation: Bilingual,
) {
  if (!allowed.includes(reference.status))
    throw new TransitionError(reference.referenceNo, reference.status, action, explanation);
}

/**
 * What a transition needs of a reference: its version and the history it appends to. A copy read
 * from an index (a DueEntry) has an empty history: the store appends the new events to the stored one.
 */
export type Transitionable = Pick<Reference, 'version' | 'history'>;

/** What marking a defaulter reads: a DueEntry is enough. */
export type DefaulterCandidate = Transitionable &
  Pick<Reference, 'referenceNo' | 'status' | 'deadlineAt' | 'defaulterAt' | 'stationCode'>;

/** The next state of a reference: one version on, one or more history events appended. */
export function next<R extends Transitionable>(
  reference: R,
  at: Date,
  changes: Partial<R>,
  events: Omit<HistoryEvent, 'at'>[],
): R {
  const when = at.toISOString();
  return {
    ...reference,
    ...changes,
    version: reference.version + 1,
    updatedAt: when,
    history: [...reference.history, ...events.map((event) => ({ at: when, ...event }))],
  } as R;
}

export interface AssignInput {
  stationCode: string;
  deadlineAt: Date;
  at: Date;
  actor: Actor;
  /** How the station was found: a routing rule, or 'district-cell' for a manual assignment. */
  rule: string;
}

/** Routing or the district cell gives the reference to a station, starting its deadline. */
export function assignToStation(reference: Reference, input: AssignInput): Reference {
  allowOnly(reference, ['registered', 'triage'], 'assign', {
    en: 'Only a reference waiting to be forwarded can be assigned; use transfer for one already at a station.',
    hi: 'केवल अग्रसारण हेतु लंबित सन्दर्भ आवंटित हो सकता है; थाने पर पहले से मौजूद सन्दर्भ के लिए स्थानांतरण करें।',
  });
  return next(
    reference,
    input.at,
    { status: 'assigned', stationCode: input.stationCode, deadlineAt: input.deadlineAt.toISOString() },
    [
      {
        actor: input.actor,
        action: reference.status === 'registered' && input.actor.role === 'system' ? 'routed' : 'assigned',
        fromStatus: reference.status,
        toStatus: 'assigned',
        details: { station: input.stationCode, rule: input.rule, deadlineAt: input.deadlineAt.toISOString() },
      },
    ],
  );
}

/** Routing could not decide: the district IGRS cell must, and the reason says why. */
export function sendToTriage(
  reference: Reference,
  input: { reason: string; candidates?: string[]; at: Date; actor: Actor },
): Reference {
  allowOnly(reference, ['registered'], 'triage', {
    en: 'Only a newly registered reference goes to triage.',
    hi: 'केवल नया पंजीकृत सन्दर्भ ही प्रकोष्ठ को जाता है।',
  });
  const { stationCode: _dropped, ...rest } = reference;
  return next(rest as Reference, input.at, { status: 'triage' }, [
    {
      actor: input.actor,
      action: 'triaged',
      fromStatus: 'registered',
      toStatus: 'triage',
      details: {
        reason: input.reason,
        ...(input.candidates?.length ? { candidates: input.candidates.join(' ') } : {}),
      },
    },
  ]);
}

/** The district cell moves a reference to another station; the deadline stays as it was. */
export function transferStation(
  reference: Reference,
  input: { toStationCode: string; reason: string; at: Date; actor: Actor },
): Reference {
  allowOnly(reference, ['assigned', 'returned'], 'transfer', {
    en: 'Only a reference being investigated at a station can be transferred.',
    hi: 'केवल थाने पर जांचाधीन सन्दर्भ ही स्थानांतरित हो सकता है।',
  });
  if (reference.stationCode === input.toStationCode) {
    throw new TransitionError(reference.referenceNo, reference.status, 'transfer', {
      en: 'The reference is already at this station.',
      hi: 'सन्दर्भ पहले से इसी थाने पर है।',
    });
  }
  return next(reference, input.at, { stationCode: input.toStationCode }, [
    {
      actor: input.actor,
      action: 'transferred',
      fromStatus: reference.status,
      toStatus: reference.status,
      note: input.reason,
      details: { fromStation: reference.stationCode ?? '', toStation: input.toStationCode },
    },
  ]);
}

/**
 * The overdue sweep marks an open reference whose deadline passed before disposal: defaulterAt is
 * set once and a 'marked-defaulter' event recorded. Never twice, never before the deadline, never
 * after disposal; the status does not change.
 */
export function markDefaulter<R extends DefaulterCandidate>(
  reference: R,
  input: { at: Date; actor: Actor },
): R {
  allowOnly(reference, OPEN_STATUSES, 'mark-defaulter', {
    en: 'Only a reference not yet disposed of can become a defaulter.',
    hi: 'केवल अनिस्तारित सन्दर्भ ही डिफॉल्टर हो सकता है।',
  });
  if (reference.defaulterAt !== undefined) {
    throw new TransitionError(reference.referenceNo, reference.status, 'mark-defaulter', {
      en: 'The reference is already a defaulter.',
      hi: 'सन्दर्भ पहले से डिफॉल्टर है।',
    });
  }
  if (Date.parse(reference.deadlineAt) >= input.at.getTime()) {
    throw new TransitionError(reference.referenceNo, reference.status, 'mark-defaulter', {
      en: 'The deadline has not passed yet.',
      hi: 'समय-सीमा अभी समाप्त नहीं हुई है।',
    });
  }
  return next(reference, input.at, { defaulterAt: input.at.toISOString() } as Partial<R>, [
    {
      actor: input.actor,
      action: 'marked-defaulter',
      fromStatus: reference.status,
      toStatus: reference.status,
      details: {
        deadlineAt: reference.deadlineAt,
        ...(reference.stationCode ? { station: reference.stationCode } : {}),
      },
    },
  ]);
}

/**
 * Takes back a saved step whose follow-up failed (its notification could not be queued), so that
 * nothing is done without the people concerned being told and the step can simply be repeated:
 * the state before it, one version on, and an 'undone' event, so the history still says what
 * happened. Saved as a transition from `after`, so only while nobody has acted since.
 */
export function undoTransition(before: Reference, after: Reference, at: Date): Reference {
  const step = after.history.slice(before.history.length).find((e) => e.toStatus !== undefined);
  const when = at.toISOString();
  return {
    ...before,
    version: after.version + 1,
    updatedAt: when,
    history: [
      ...after.history,
      {
        at: when,
        actor: { role: 'system', districtCode: after.districtCode },
        action: 'undone',
        fromStatus: after.status,
        toStatus: before.status,
        details: { undid: step?.action ?? 'unknown', reason: 'notification-not-queued' },
      },
    ],
  };
}
