import { type FieldIssue, InvalidFieldsError } from '../errors.ts';
import { attachmentsOf, MAX_ATTACHMENTS } from '../officer-work/attachments.ts';
import { outcomeByCode } from '../officer-work/outcomes.ts';
import { clean, issue, type ReportInput, unreadable, validateReport } from '../officer-work/report.ts';
import { assignmentDeadline } from './deadline.ts';
import { type DefaulterCandidate, permit, refuse, take } from './lifecycle.ts';
import type {
  ActionTakenReport,
  Actor,
  DefaulterHolder,
  FeedbackChannel,
  Grade,
  HistoryEvent,
  Reference,
} from './types.ts';

/**
 * Every step of a reference's life as a pure function: the reference before, the step's input, its
 * time and who takes it, in; the reference after (one version on, its history appended), out. What
 * may happen from which status, and by whom, is the table in lifecycle.ts; each step here adds only
 * its own checks (a report's fields, a feedback window, ...).
 */

export interface AssignInput {
  stationCode: string;
  /** The category's time limit in IST days; undefined when the category is gone (see deadline.ts). */
  deadlineDays: number | undefined;
  at: Date;
  actor: Actor;
  /** How the station was found: a routing rule, or 'district-cell' for a manual assignment. */
  rule: string;
}

/** The router gives the reference to the station it found; the deadline starts. */
export function routeToStation(reference: Reference, input: AssignInput): Reference {
  return giveToStation('route', reference, input);
}

/** The district cell gives a reference waiting to be forwarded to a station; the deadline starts. */
export function assignToStation(reference: Reference, input: AssignInput): Reference {
  return giveToStation('assign', reference, input);
}

function giveToStation(step: 'route' | 'assign', reference: Reference, input: AssignInput): Reference {
  const deadlineAt = assignmentDeadline(reference, input.at, input.deadlineDays).toISOString();
  return take(
    step,
    reference,
    input.actor,
    input.at,
    { status: 'assigned', stationCode: input.stationCode, deadlineAt },
    [
      {
        actor: input.actor,
        action: step === 'route' ? 'routed' : 'assigned',
        fromStatus: reference.status,
        toStatus: 'assigned',
        details: { station: input.stationCode, rule: input.rule, deadlineAt },
      },
    ],
  );
}

/** Routing could not decide: the district IGRS cell must, and the reason says why. */
export function sendToTriage(
  reference: Reference,
  input: { reason: string; candidates?: string[]; at: Date; actor: Actor },
): Reference {
  permit(reference, 'triage', input.actor);
  const { stationCode: _dropped, ...rest } = reference;
  return take('triage', rest as Reference, input.actor, input.at, { status: 'triage' }, [
    {
      actor: input.actor,
      action: 'triaged',
      fromStatus: reference.status,
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
  permit(reference, 'transfer', input.actor);
  if (reference.stationCode === input.toStationCode) {
    throw refuse(reference, 'transfer', {
      en: 'The reference is already at this station.',
      hi: 'सन्दर्भ पहले से इसी थाने पर है।',
    });
  }
  return take('transfer', reference, input.actor, input.at, { stationCode: input.toStationCode }, [
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
  input: { at: Date; actor: Actor; holder?: DefaulterHolder },
): R {
  permit(reference, 'mark-defaulter', input.actor);
  if (reference.defaulterAt !== undefined) {
    throw refuse(reference, 'mark-defaulter', {
      en: 'The reference is already a defaulter.',
      hi: 'सन्दर्भ पहले से डिफॉल्टर है।',
    });
  }
  if (Date.parse(reference.deadlineAt) >= input.at.getTime()) {
    throw refuse(reference, 'mark-defaulter', {
      en: 'The deadline has not passed yet.',
      hi: 'समय-सीमा अभी समाप्त नहीं हुई है।',
    });
  }
  return take(
    'mark-defaulter',
    reference,
    input.actor,
    input.at,
    {
      defaulterAt: input.at.toISOString(),
      ...(input.holder ? { defaulterHolder: input.holder } : {}),
    } as Partial<R>,
    [
      {
        actor: input.actor,
        action: 'marked-defaulter',
        fromStatus: reference.status,
        toStatus: reference.status,
        details: {
          deadlineAt: reference.deadlineAt,
          ...(reference.stationCode ? { station: reference.stationCode } : {}),
          ...(input.holder ? { heldBy: `${input.holder.unit}:${input.holder.code}` } : {}),
        },
      },
    ],
  );
}

/** The station attaches files; the attachments function acts for the station whose link it checked. */
const STATION: Actor = { role: 'station-officer' };

/**
 * A station may attach files while it can report (assigned or returned), up to MAX_ATTACHMENTS.
 * Attaching changes no state: the file waits in the history until the report is submitted.
 */
export function assertCanAttach(reference: Reference, actor: Actor = STATION): void {
  permit(reference, 'attach', actor);
  if (attachmentsOf(reference).length >= MAX_ATTACHMENTS) {
    throw refuse(reference, 'attach', {
      en: `This reference already has ${MAX_ATTACHMENTS} files, the most it can carry.`,
      hi: `इस सन्दर्भ में पहले ही ${MAX_ATTACHMENTS} फ़ाइलें हैं, जो अधिकतम सीमा है।`,
    });
  }
}

/**
 * The station submits its action-taken report; the supervisor must review it. Unless the input
 * names its attachments, the report carries every file attached to the reference so far: those
 * added since the last submission and, after a return, the ones the earlier report carried.
 */
export function submitReport(reference: Reference, input: ReportInput, at: Date, actor: Actor): Reference {
  permit(reference, 'report', actor);
  const attachments = input.attachments ?? attachmentsOf(reference).map((a) => a.key);
  const report: ActionTakenReport = {
    ...validateReport({ ...input, attachments }, at, reference.createdAt),
    submittedAt: at.toISOString(),
    stationCode: reference.stationCode ?? '',
  };
  return take('report', reference, actor, at, { status: 'report-submitted', report }, [
    {
      actor,
      action: 'report-submitted',
      fromStatus: reference.status,
      toStatus: 'report-submitted',
      details: {
        outcome: report.outcome,
        contacted: report.contacted,
        attachments: report.attachments.length,
      },
    },
  ]);
}

/** The supervisor sends the report back for re-investigation; the deadline does not move. */
export function returnForReinvestigation(
  reference: Reference,
  reasons: string,
  at: Date,
  actor: Actor,
): Reference {
  permit(reference, 'return', actor);
  const text = clean(reasons);
  const hidden = unreadable('reasons', reasons);
  if (hidden) throw new InvalidFieldsError([hidden]);
  if (text.length < 10 || text.length > 2000) {
    throw new InvalidFieldsError([
      issue(
        'reasons',
        'length',
        'Write the reasons for returning it (10 to 2,000 characters)',
        'वापस करने के कारण लिखें (10 से 2,000 अक्षर)',
      ),
    ]);
  }
  return take(
    'return',
    reference,
    actor,
    at,
    { status: 'returned', returnCount: (reference.returnCount ?? 0) + 1 },
    [{ actor, action: 'returned', fromStatus: reference.status, toStatus: 'returned', note: text }],
  );
}

/** The supervisor approves the report with a grade: the reference is disposed, resolved or closed. */
export function approveDisposal(
  reference: Reference,
  input: { grade: string; remark: string },
  at: Date,
  actor: Actor,
): Reference {
  permit(reference, 'approve', actor);
  const issues: FieldIssue[] = [];
  if (!['A', 'B', 'C'].includes(input.grade))
    issues.push(issue('grade', 'required', 'Choose a grade: A, B or C', 'श्रेणी चुनें: A, B या C'));
  const remark = clean(input.remark);
  const hidden = unreadable('remark', input.remark);
  if (hidden) issues.push(hidden);
  if (remark.length > 1000)
    issues.push(
      issue('remark', 'length', 'The remark can have at most 1,000 characters', 'टिप्पणी अधिकतम 1,000 अक्षर'),
    );
  if (input.grade === 'C' && remark.length < 10) {
    issues.push(
      issue('remark', 'required', 'Say why the disposal is graded C', 'बताएं कि निस्तारण को C श्रेणी क्यों दी गई'),
    );
  }
  const outcome = reference.report ? outcomeByCode(reference.report.outcome) : undefined;
  if (!outcome)
    issues.push(issue('report', 'missing', 'There is no report to approve', 'स्वीकृति हेतु कोई आख्या नहीं है'));
  if (issues.length > 0) throw new InvalidFieldsError(issues);
  const kind = outcome!.kind;
  return take(
    'approve',
    reference,
    actor,
    at,
    {
      status: kind,
      disposal: {
        disposedAt: at.toISOString(),
        kind,
        outcome: outcome!.code,
        grade: input.grade as Grade,
        remark,
        late: at.toISOString() > reference.deadlineAt,
      },
      disposalCount: (reference.disposalCount ?? 0) + 1,
    },
    [
      {
        actor,
        action: 'approved',
        fromStatus: reference.status,
        toStatus: kind,
        ...(remark ? { note: remark } : {}),
        details: { grade: input.grade, outcome: outcome!.code },
      },
    ],
  );
}

const COMPLAINANT: Actor = { role: 'complainant' };

/**
 * The complainant's answer to the feedback request: one per disposal, within the window. "Not
 * satisfied" reopens the reference to the supervisor.
 */
export function recordFeedback(
  reference: Reference,
  input: {
    satisfied: boolean;
    comment?: string | undefined;
    windowDays: number;
    /** Present when a feedback operator took the answer by telephone: their post or id. */
    call?: { operator: string } | undefined;
  },
  at: Date,
): Reference {
  const step = input.satisfied ? 'feedback-satisfied' : 'feedback-not-satisfied';
  const channel: FeedbackChannel = input.call ? 'call' : 'link';
  const actor: Actor = input.call
    ? { role: 'feedback-operator', districtCode: reference.districtCode }
    : COMPLAINANT;
  permit(reference, step, actor);
  const disposalNumber = reference.disposalCount ?? 1;
  if (reference.feedback?.disposalNumber === disposalNumber) {
    throw refuse(reference, step, {
      en: 'Your feedback on this disposal was already recorded. Thank you.',
      hi: 'इस निस्तारण पर आपका फीडबैक पहले ही दर्ज हो चुका है। धन्यवाद।',
    });
  }
  const disposedAt = new Date(reference.disposal?.disposedAt ?? reference.updatedAt);
  if (at.getTime() - disposedAt.getTime() > input.windowDays * 86_400_000) {
    throw refuse(reference, step, {
      en: `Feedback is taken within ${input.windowDays} days of disposal; that time has passed.`,
      hi: `फीडबैक निस्तारण के ${input.windowDays} दिनों के भीतर लिया जाता है; वह समय बीत चुका है।`,
    });
  }
  const hidden = unreadable('comment', input.comment);
  if (hidden) throw new InvalidFieldsError([hidden]);
  const comment = clean(input.comment).slice(0, 1000);
  // `channel` on both the record and its history event: the ranking counts feedback by channel.
  const feedback = {
    at: at.toISOString(),
    satisfied: input.satisfied,
    disposalNumber,
    channel,
    ...(comment ? { comment } : {}),
  };
  const received: Omit<HistoryEvent, 'at'> = {
    actor,
    action: 'feedback-received',
    details: {
      satisfied: input.satisfied,
      channel,
      ...(input.call ? { operator: input.call.operator } : {}),
    },
    ...(comment ? { note: comment } : {}),
  };
  if (input.satisfied) return take(step, reference, actor, at, { feedback }, [received]);
  return take(
    step,
    reference,
    actor,
    at,
    { feedback, status: 'reopened', reopenCount: (reference.reopenCount ?? 0) + 1 },
    [received, { actor, action: 'reopened', fromStatus: reference.status, toStatus: 'reopened' }],
  );
}

/** Calls that find nobody before the desk stops listing a disposal for feedback calls. */
export const FEEDBACK_CALL_MAX_TRIES = 3;

/** Calls about the current disposal that found nobody so far. */
export function unreachableCalls(reference: Pick<Reference, 'feedbackCalls' | 'disposalCount'>): number {
  const calls = reference.feedbackCalls;
  return calls && calls.disposalNumber === (reference.disposalCount ?? 1) ? calls.unreachable : 0;
}

/**
 * A feedback operator's call did not reach the complainant: counted on the reference (per
 * disposal); after FEEDBACK_CALL_MAX_TRIES such calls the desk stops listing it. Refused once the
 * disposal has its answer or its tries are spent.
 */
export function recordUnreachableCall(
  reference: Reference,
  input: { operator: string; windowDays: number },
  at: Date,
): Reference {
  const step = 'feedback-call-unreachable';
  const actor: Actor = { role: 'feedback-operator', districtCode: reference.districtCode };
  permit(reference, step, actor);
  const disposalNumber = reference.disposalCount ?? 1;
  if (reference.feedback?.disposalNumber === disposalNumber) {
    throw refuse(reference, step, {
      en: 'Feedback on this disposal was already recorded.',
      hi: 'इस निस्तारण पर फीडबैक पहले ही दर्ज हो चुका है।',
    });
  }
  const tries = unreachableCalls(reference);
  if (tries >= FEEDBACK_CALL_MAX_TRIES) {
    throw refuse(reference, step, {
      en: `The complainant was not reachable on ${FEEDBACK_CALL_MAX_TRIES} calls; no more calls are made about this disposal.`,
      hi: `${FEEDBACK_CALL_MAX_TRIES} कॉल पर शिकायतकर्ता से संपर्क नहीं हो सका; इस निस्तारण पर और कॉल नहीं की जाती।`,
    });
  }
  const disposedAt = new Date(reference.disposal?.disposedAt ?? reference.updatedAt);
  if (at.getTime() - disposedAt.getTime() > input.windowDays * 86_400_000) {
    throw refuse(reference, step, {
      en: `Feedback is taken within ${input.windowDays} days of disposal; that time has passed.`,
      hi: `फीडबैक निस्तारण के ${input.windowDays} दिनों के भीतर लिया जाता है; वह समय बीत चुका है।`,
    });
  }
  const when = at.toISOString();
  return take(
    step,
    reference,
    actor,
    at,
    { feedbackCalls: { disposalNumber, unreachable: tries + 1, lastAt: when } },
    [
      {
        actor,
        action: 'feedback-call-unreachable',
        details: { attempt: tries + 1, operator: input.operator },
      },
    ],
  );
}

/** A supervisor records the re-verification of a disposal drawn for random check. */
export function recordRandomCheck(
  reference: Reference,
  input: { result: string; remark: string },
  at: Date,
  actor: Actor,
): Reference {
  permit(reference, 'random-check', actor);
  if (!reference.randomCheck || reference.randomCheck.result) throw refuse(reference, 'random-check');
  if (input.result !== 'confirmed' && input.result !== 'not-confirmed') {
    throw new InvalidFieldsError([
      issue('result', 'required', 'Choose what the check found', 'जांच का परिणाम चुनें'),
    ]);
  }
  const hidden = unreadable('remark', input.remark);
  if (hidden) throw new InvalidFieldsError([hidden]);
  const remark = clean(input.remark).slice(0, 1000);
  return take(
    'random-check',
    reference,
    actor,
    at,
    {
      randomCheck: {
        ...reference.randomCheck,
        checkedAt: at.toISOString(),
        result: input.result,
        ...(remark ? { remark } : {}),
      },
    },
    [
      {
        actor,
        action: 'random-checked',
        details: { result: input.result },
        ...(remark ? { note: remark } : {}),
      },
    ],
  );
}

const SYSTEM: Actor = { role: 'system' };

/** The daily draw marks a disposal for re-verification. */
export function drawForRandomCheck(reference: Reference, at: Date): Reference {
  permit(reference, 'draw-random-check', SYSTEM);
  if (reference.randomCheck) throw refuse(reference, 'draw-random-check');
  return take('draw-random-check', reference, SYSTEM, at, { randomCheck: { drawnAt: at.toISOString() } }, [
    { actor: SYSTEM, action: 'drawn-for-random-check' },
  ]);
}
