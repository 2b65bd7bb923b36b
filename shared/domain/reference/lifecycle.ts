import { DomainError } from '../errors.ts';
import type { Bilingual } from '../language.ts';
import {
  type Actor,
  type HistoryEvent,
  OPEN_STATUSES,
  type Reference,
  type ReferenceStatus,
  STATUSES,
} from './types.ts';

/**
 * The reference lifecycle as one table: for every step, the statuses it may be taken from, the
 * status it leads to, who may take it and what the people concerned are told. The step functions
 * (transitions.ts) consult this table and nothing else for "may this happen now"; the use cases
 * queue what it says to notify once the step is saved.
 *
 *   registered --route--> assigned          registered --triage--> triage
 *   registered|triage --assign--> assigned  (the district cell; the deadline starts again)
 *   assigned|returned --transfer--> same    (another station; the deadline stays)
 *   assigned|returned --report--> report-submitted
 *   report-submitted|reopened --return--> returned    (the deadline stays)
 *   report-submitted|reopened --approve--> resolved|closed (by the report's outcome)
 *   resolved|closed --feedback-satisfied--> same
 *   resolved|closed --feedback-not-satisfied--> reopened   (by the complainant's link or an operator's call)
 *   resolved|closed --feedback-call-unreachable--> same     (a call that found nobody, counted)
 *   any open status --mark-defaulter--> same (once, after the deadline; records who held it then)
 *   any status --draw-random-check / random-check--> same (guarded by the draw, not the status)
 *
 * Filing creates a reference as `registered` (not a step from a status); undoTransition takes back a
 * saved step whose notification could not be queued (the inverse of any step, so not in the table).
 */

export type Role = Actor['role'];

/** A message the notifier sends after a step (see shared/domain/notifications). */
export type Notice =
  | 'acknowledgement'
  | 'station-assigned'
  | 'triaged'
  | 'report-submitted'
  | 'report-returned'
  | 'disposed'
  | 'reopened'
  | 'defaulter-digest'
  | 'random-check-drawn';

/** Where a step leads: a status, or `unchanged` for a step that records something without moving it. */
export type StepTarget = ReferenceStatus | 'unchanged';

export interface Step {
  /** The statuses the step may be taken from. */
  from: readonly ReferenceStatus[];
  /** The status the step leads to; several when the step's input decides (an outcome's kind). */
  to: readonly StepTarget[];
  /** The roles that may take it. */
  by: readonly Role[];
  /** What is queued for the notifier once the step is saved, in order. */
  notifies: readonly Notice[];
  /** Why the step is refused from any other status, as the person trying it reads it. */
  refusal: Bilingual;
}

const WITH_STATION: readonly ReferenceStatus[] = ['assigned', 'returned'];
const UNDER_REVIEW: readonly ReferenceStatus[] = ['report-submitted', 'reopened'];
const DISPOSED: readonly ReferenceStatus[] = ['resolved', 'closed'];

export const LIFECYCLE = {
  /** The router finds the station: the deadline starts. */
  route: {
    from: ['registered'],
    to: ['assigned'],
    by: ['system'],
    notifies: ['acknowledgement', 'station-assigned'],
    refusal: {
      en: 'Only a newly registered reference is routed.',
      hi: 'केवल नया पंजीकृत सन्दर्भ ही अग्रसारित होता है।',
    },
  },
  /** The router cannot decide: the district IGRS cell must, with the reason. */
  triage: {
    from: ['registered'],
    to: ['triage'],
    by: ['system'],
    notifies: ['acknowledgement', 'triaged'],
    refusal: {
      en: 'Only a newly registered reference goes to triage.',
      hi: 'केवल नया पंजीकृत सन्दर्भ ही प्रकोष्ठ को जाता है।',
    },
  },
  /** The district cell forwards a reference waiting for a station: the deadline starts. */
  assign: {
    from: ['registered', 'triage'],
    to: ['assigned'],
    by: ['district-cell'],
    notifies: ['station-assigned'],
    refusal: {
      en: 'Only a reference waiting to be forwarded can be assigned; use transfer for one already at a station.',
      hi: 'केवल अग्रसारण हेतु लंबित सन्दर्भ आवंटित हो सकता है; थाने पर पहले से मौजूद सन्दर्भ के लिए स्थानांतरण करें।',
    },
  },
  /** The district cell moves a reference to another station; the deadline stays. */
  transfer: {
    from: WITH_STATION,
    to: ['unchanged'],
    by: ['district-cell'],
    notifies: ['station-assigned'],
    refusal: {
      en: 'Only a reference being investigated at a station can be transferred.',
      hi: 'केवल थाने पर जांचाधीन सन्दर्भ ही स्थानांतरित हो सकता है।',
    },
  },
  /** The station attaches a file; it goes with the next report. */
  attach: {
    from: WITH_STATION,
    to: ['unchanged'],
    by: ['station-officer'],
    notifies: [],
    refusal: {
      en: 'Files can be attached only while the reference is with the station for its report.',
      hi: 'फ़ाइलें केवल तभी संलग्न की जा सकती हैं जब सन्दर्भ आख्या हेतु थाने पर हो।',
    },
  },
  /** The station submits its action-taken report (आख्या) to the supervising officer. */
  report: {
    from: WITH_STATION,
    to: ['report-submitted'],
    by: ['station-officer'],
    notifies: ['report-submitted'],
    refusal: {
      en: 'A report can be submitted only while the reference is with the station.',
      hi: 'आख्या केवल तभी प्रस्तुत हो सकती है जब सन्दर्भ थाने पर हो।',
    },
  },
  /** The supervisor sends the report back for re-investigation; the deadline stays. */
  return: {
    from: UNDER_REVIEW,
    to: ['returned'],
    by: ['supervisor'],
    notifies: ['report-returned'],
    refusal: {
      en: 'Only a report awaiting review can be returned.',
      hi: 'केवल समीक्षाधीन आख्या ही वापस की जा सकती है।',
    },
  },
  /** The supervisor approves with a grade: disposed, resolved or closed by the report's outcome. */
  approve: {
    from: UNDER_REVIEW,
    to: ['resolved', 'closed'],
    by: ['supervisor'],
    notifies: ['disposed'],
    refusal: {
      en: 'Only a report awaiting review can be approved.',
      hi: 'केवल समीक्षाधीन आख्या ही स्वीकृत की जा सकती है।',
    },
  },
  /** The complainant is satisfied with the disposal (by their link, or told a feedback operator's call). */
  'feedback-satisfied': {
    from: DISPOSED,
    to: ['unchanged'],
    by: ['complainant', 'feedback-operator'],
    notifies: [],
    refusal: {
      en: 'Feedback is taken only on a disposed reference.',
      hi: 'फीडबैक केवल निस्तारित सन्दर्भ पर लिया जाता है।',
    },
  },
  /** The complainant is not satisfied: the reference goes back to the supervisor. */
  'feedback-not-satisfied': {
    from: DISPOSED,
    to: ['reopened'],
    by: ['complainant', 'feedback-operator'],
    notifies: ['reopened'],
    refusal: {
      en: 'Feedback is taken only on a disposed reference.',
      hi: 'फीडबैक केवल निस्तारित सन्दर्भ पर लिया जाता है।',
    },
  },
  /** A feedback operator's call did not reach the complainant: counted, the reference unchanged. */
  'feedback-call-unreachable': {
    from: DISPOSED,
    to: ['unchanged'],
    by: ['feedback-operator'],
    notifies: [],
    refusal: {
      en: 'Feedback calls are made only about a disposed reference.',
      hi: 'फीडबैक कॉल केवल निस्तारित सन्दर्भ के बारे में की जाती है।',
    },
  },
  /** The hourly sweep marks a reference whose deadline passed before disposal; once. */
  'mark-defaulter': {
    from: OPEN_STATUSES,
    to: ['unchanged'],
    by: ['system'],
    notifies: ['defaulter-digest'],
    refusal: {
      en: 'Only a reference not yet disposed of can become a defaulter.',
      hi: 'केवल अनिस्तारित सन्दर्भ ही डिफॉल्टर हो सकता है।',
    },
  },
  /**
   * The daily draw picks a disposal for re-verification. From any status: the draw reads the day's
   * disposals list, and what guards it is the reference's random check (drawn once), not its status.
   */
  'draw-random-check': {
    from: STATUSES,
    to: ['unchanged'],
    by: ['system'],
    notifies: ['random-check-drawn'],
    refusal: { en: 'Already drawn', hi: 'पहले ही चयनित' },
  },
  /** A supervisor records what the re-verification of a drawn disposal found. */
  'random-check': {
    from: STATUSES,
    to: ['unchanged'],
    by: ['supervisor'],
    notifies: [],
    refusal: {
      en: 'This reference is not waiting for a random check.',
      hi: 'यह सन्दर्भ यादृच्छिक जांच हेतु लंबित नहीं है।',
    },
  },
} as const satisfies Record<string, Step>;

export type StepName = keyof typeof LIFECYCLE;
export const STEP_NAMES = Object.keys(LIFECYCLE) as StepName[];

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

/** Whether the table lets `role` take `step` from `status`. */
export function mayTake(step: StepName, status: ReferenceStatus, role: Role): boolean {
  const rule: Step = LIFECYCLE[step];
  return rule.from.includes(status) && rule.by.includes(role);
}

/** Refuses a step the table does not allow from the reference's status, or to the actor's role. */
export function permit(
  reference: Pick<Reference, 'referenceNo' | 'status'>,
  step: StepName,
  actor: Pick<Actor, 'role'>,
): void {
  const rule: Step = LIFECYCLE[step];
  if (!rule.from.includes(reference.status))
    throw new TransitionError(reference.referenceNo, reference.status, step, rule.refusal);
  if (!rule.by.includes(actor.role)) {
    throw new TransitionError(reference.referenceNo, reference.status, step, {
      en: `This step is not for a ${actor.role} to take.`,
      hi: `यह कार्रवाई ${actor.role} हेतु नहीं है।`,
    });
  }
}

/** A refusal of `step` for a reason of its own (already drawn, window passed, ...). */
export const refuse = (
  reference: Pick<Reference, 'referenceNo' | 'status'>,
  step: StepName,
  explanation: Bilingual = LIFECYCLE[step].refusal,
) => new TransitionError(reference.referenceNo, reference.status, step, explanation);

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

/**
 * Takes `step` as the table allows: refuses it from a status or role the table does not list, and
 * checks that the state it leads to is one the table names (a step function's own bug otherwise).
 */
export function take<R extends Transitionable & Pick<Reference, 'referenceNo' | 'status'>>(
  step: StepName,
  reference: R,
  actor: Pick<Actor, 'role'>,
  at: Date,
  changes: Partial<R>,
  events: Omit<HistoryEvent, 'at'>[],
): R {
  permit(reference, step, actor);
  const after = next(reference, at, changes, events);
  const rule: Step = LIFECYCLE[step];
  const reached: StepTarget = after.status === reference.status ? 'unchanged' : after.status;
  if (!rule.to.includes(reached))
    throw new Error(`${step} led ${reference.referenceNo} from ${reference.status} to ${after.status}`);
  return after;
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
