import { describe, expect, it } from 'vitest';
import { InvalidFieldsError } from '../../shared/domain/errors.ts';
import { ATTACHMENT_ADDED, MAX_ATTACHMENTS } from '../../shared/domain/officer-work/attachments.ts';
import type { ReportInput } from '../../shared/domain/officer-work/report.ts';
import { assignmentDeadline, deadlineFrom } from '../../shared/domain/reference/deadline.ts';
import {
  LIFECYCLE,
  mayTake,
  type Role,
  STEP_NAMES,
  type Step,
  type StepName,
  TransitionError,
  undoTransition,
} from '../../shared/domain/reference/lifecycle.ts';
import {
  approveDisposal,
  assertCanAttach,
  assignToStation,
  drawForRandomCheck,
  FEEDBACK_CALL_MAX_TRIES,
  markDefaulter,
  recordFeedback,
  recordRandomCheck,
  recordUnreachableCall,
  returnForReinvestigation,
  routeToStation,
  sendToTriage,
  submitReport,
  transferStation,
} from '../../shared/domain/reference/transitions.ts';
import {
  type Actor,
  type Reference,
  type ReferenceStatus,
  STATUSES,
} from '../../shared/domain/reference/types.ts';
import { scheduledInstant } from '../../shared/domain/time/clock.ts';

/**
 * The reference lifecycle, step by step, without HTTP: every step of the table in lifecycle.ts is
 * tried from every status and by every role, and must succeed exactly where the table says, lead
 * where the table says, and be refused (TransitionError) everywhere else.
 */

const NOW = new Date('2026-11-28T04:35:00.000Z'); // 10:05 IST
const DAY = 86_400_000;
const ROLES: readonly Role[] = [
  'complainant',
  'system',
  'station-officer',
  'supervisor',
  'district-cell',
  'administrator',
  'api-client',
  'feedback-operator',
];

const REPORT: ReportInput = {
  contacted: true,
  contactedAt: new Date(NOW.getTime() - DAY).toISOString(),
  contactMode: 'phone',
  findings: 'Spoke to the complainant and two neighbours; the bicycle was found near the canal.',
  outcome: 'resolved',
  actionTaken: 'Bicycle recovered and returned against receipt.',
};

/** A reference in `status`, with what every later step reads (a report, a disposal) already there. */
function referenceIn(status: ReferenceStatus, overrides: Partial<Reference> = {}): Reference {
  const filed = new Date(NOW.getTime() - 10 * DAY).toISOString();
  return {
    referenceNo: '40015723012',
    version: 3,
    status,
    channel: 'portal',
    categoryCode: 'theft',
    description: 'My bicycle was stolen from outside the house last night.',
    complainant: { name: 'Ramesh Kumar', mobile: '+919876543210', address: 'Sakaldiha', language: 'hi' },
    location: { districtCode: 'chandauli' },
    districtCode: 'chandauli',
    ...(status === 'registered' || status === 'triage' ? {} : { stationCode: 'chandauli-sakaldiha' }),
    createdAt: filed,
    updatedAt: filed,
    deadlineAt: new Date(NOW.getTime() - DAY).toISOString(),
    trackingSecretHash: 'x',
    report: { ...REPORT, attachments: [], submittedAt: filed, stationCode: 'chandauli-sakaldiha' } as never,
    disposal: {
      disposedAt: new Date(NOW.getTime() - DAY).toISOString(),
      kind: 'resolved',
      outcome: 'resolved',
      grade: 'A',
      remark: '',
      late: false,
    },
    disposalCount: 1,
    history: [{ at: filed, actor: { role: 'api-client' }, action: 'registered', toStatus: 'registered' }],
    ...overrides,
  };
}

const actor = (role: Role): Actor => ({ role, districtCode: 'chandauli' });
/** A feedback operator takes the complainant's answer by telephone; the complainant by link. */
const CALL = (role: Role) => (role === 'feedback-operator' ? { call: { operator: 'cmo-17' } } : {});

/**
 * Each step taken with good input by `role`, on a reference in `status` that meets the step's other
 * conditions (a drawn check for a check's result, none for a draw, a past deadline for a defaulter).
 */
const TAKE: Record<StepName, (status: ReferenceStatus, role: Role) => Reference> = {
  route: (status, role) =>
    routeToStation(referenceIn(status), {
      stationCode: 'chandauli-chakia',
      deadlineDays: 15,
      at: NOW,
      actor: actor(role),
      rule: 'pin-code',
    }),
  triage: (status, role) =>
    sendToTriage(referenceIn(status), { reason: 'no-jurisdiction-match', at: NOW, actor: actor(role) }),
  assign: (status, role) =>
    assignToStation(referenceIn(status), {
      stationCode: 'chandauli-chakia',
      deadlineDays: 15,
      at: NOW,
      actor: actor(role),
      rule: 'district-cell',
    }),
  transfer: (status, role) =>
    transferStation(referenceIn(status), {
      toStationCode: 'chandauli-chakia',
      reason: 'The place is in Chakia',
      at: NOW,
      actor: actor(role),
    }),
  attach: (status, role) => {
    const reference = referenceIn(status);
    assertCanAttach(reference, actor(role));
    return reference;
  },
  report: (status, role) => submitReport(referenceIn(status), REPORT, NOW, actor(role)),
  return: (status, role) =>
    returnForReinvestigation(referenceIn(status), 'Speak to the neighbours as well.', NOW, actor(role)),
  approve: (status, role) =>
    approveDisposal(referenceIn(status), { grade: 'A', remark: '' }, NOW, actor(role)),
  'feedback-satisfied': (status, role) =>
    role === 'complainant' || role === 'feedback-operator'
      ? recordFeedback(referenceIn(status), { satisfied: true, windowDays: 7, ...CALL(role) }, NOW)
      : refusedForRole('feedback-satisfied', status, role),
  'feedback-not-satisfied': (status, role) =>
    role === 'complainant' || role === 'feedback-operator'
      ? recordFeedback(referenceIn(status), { satisfied: false, windowDays: 7, ...CALL(role) }, NOW)
      : refusedForRole('feedback-not-satisfied', status, role),
  'feedback-call-unreachable': (status, role) =>
    role === 'feedback-operator'
      ? recordUnreachableCall(referenceIn(status), { operator: 'cmo-17', windowDays: 7 }, NOW)
      : refusedForRole('feedback-call-unreachable', status, role),
  'mark-defaulter': (status, role) => markDefaulter(referenceIn(status), { at: NOW, actor: actor(role) }),
  'draw-random-check': (status, role) =>
    role === 'system'
      ? drawForRandomCheck(referenceIn(status, { disposal: undefined }), NOW)
      : refusedForRole('draw-random-check', status, role),
  'random-check': (status, role) =>
    recordRandomCheck(
      referenceIn(status, { randomCheck: { drawnAt: new Date(NOW.getTime() - DAY).toISOString() } }),
      { result: 'confirmed', remark: '' },
      NOW,
      actor(role),
    ),
};

/**
 * Feedback is always the complainant's and the draw always the system's: their step functions take
 * no actor, so another role cannot even ask. The table must still say so.
 */
function refusedForRole(step: StepName, status: ReferenceStatus, role: Role): never {
  expect(mayTake(step, status, role)).toBe(false);
  throw new TransitionError('40015723012', status, step, { en: 'not for this role', hi: '-' });
}

const reached = (before: Reference, after: Reference) =>
  after.status === before.status ? 'unchanged' : after.status;

describe('the lifecycle table', () => {
  it('names a known status everywhere, and at least one role and one target per step', () => {
    for (const name of STEP_NAMES) {
      const step: Step = LIFECYCLE[name];
      expect(step.from.length, name).toBeGreaterThan(0);
      expect(step.to.length, name).toBeGreaterThan(0);
      expect(step.by.length, name).toBeGreaterThan(0);
      for (const status of step.from) expect(STATUSES).toContain(status);
      for (const target of step.to) expect([...STATUSES, 'unchanged']).toContain(target);
      expect(step.refusal.en.length, name).toBeGreaterThan(0);
      expect(step.refusal.hi.length, name).toBeGreaterThan(0);
    }
  });

  it('leaves no status without a way on but the disposals, which only feedback and checks touch', () => {
    const movesOn = (status: ReferenceStatus) =>
      STEP_NAMES.some((name) => {
        const step: Step = LIFECYCLE[name];
        return step.from.includes(status) && step.to.some((t) => t !== 'unchanged' && t !== status);
      });
    expect(STATUSES.filter((s) => !movesOn(s))).toEqual([]);
  });
});

describe.each(STEP_NAMES)('step %s', (name) => {
  const step: Step = LIFECYCLE[name];
  const allowedRole = step.by[0]!;

  it.each(STATUSES.filter((s) => step.from.includes(s)))(
    `is taken from %s by ${allowedRole}, one version on, to where the table says`,
    (status) => {
      const before = referenceIn(status);
      const after = TAKE[name](status, allowedRole);
      if (name === 'attach') return; // a check only: attaching changes nothing until the report
      expect(after.version).toBe(before.version + 1);
      expect(after.history.length).toBeGreaterThan(before.history.length);
      expect(after.history.at(-1)!.at).toBe(NOW.toISOString());
      expect(step.to).toContain(reached(before, after));
    },
  );

  it.each(STATUSES.filter((s) => !step.from.includes(s)))('is refused from %s', (status) => {
    expect(() => TAKE[name](status, allowedRole)).toThrow(TransitionError);
    try {
      TAKE[name](status, allowedRole);
    } catch (error) {
      expect((error as TransitionError).explanation).toEqual(step.refusal);
    }
  });

  it.each(ROLES.filter((r) => !step.by.includes(r)))('is refused to a %s', (role) => {
    expect(() => TAKE[name](step.from[0]!, role)).toThrow(TransitionError);
    expect(mayTake(name, step.from[0]!, role)).toBe(false);
  });
});

describe('what each step records and checks beyond its status', () => {
  it('routes with the routing rule and a fresh deadline; the district cell assigns from triage', () => {
    const routed = TAKE.route('registered', 'system');
    expect(routed).toMatchObject({ status: 'assigned', stationCode: 'chandauli-chakia' });
    expect(routed.history.at(-1)).toMatchObject({ action: 'routed', details: { rule: 'pin-code' } });
    expect(routed.deadlineAt).toBe(deadlineFrom(NOW, 15).toISOString());
    const assigned = TAKE.assign('triage', 'district-cell');
    expect(assigned.history.at(-1)).toMatchObject({ action: 'assigned', fromStatus: 'triage' });
  });

  it('sends to triage without a station, with the reason and the candidates', () => {
    const triaged = sendToTriage(referenceIn('registered', { stationCode: 'chandauli-x' }), {
      reason: 'ambiguous-pin-code',
      candidates: ['a', 'b'],
      at: NOW,
      actor: actor('system'),
    });
    expect(triaged.stationCode).toBeUndefined();
    expect(triaged.history.at(-1)!.details).toEqual({ reason: 'ambiguous-pin-code', candidates: 'a b' });
  });

  it('refuses a transfer to the station that already has it, and keeps the deadline on a transfer', () => {
    const reference = referenceIn('assigned');
    expect(() =>
      transferStation(reference, {
        toStationCode: 'chandauli-sakaldiha',
        reason: 'x',
        at: NOW,
        actor: actor('district-cell'),
      }),
    ).toThrow(/transfer/);
    expect(TAKE.transfer('assigned', 'district-cell').deadlineAt).toBe(reference.deadlineAt);
  });

  it('refuses an attachment beyond the most a reference carries', () => {
    const full = referenceIn('assigned', {
      history: Array.from({ length: MAX_ATTACHMENTS }, (_, i) => ({
        at: NOW.toISOString(),
        actor: actor('station-officer'),
        action: ATTACHMENT_ADDED,
        details: { key: `attachments/x/${i}.pdf` },
      })),
    });
    expect(() => assertCanAttach(full)).toThrow(TransitionError);
  });

  it('checks a report field by field, and carries the attached files with it', () => {
    expect(() =>
      submitReport(referenceIn('assigned'), { ...REPORT, findings: 'short' }, NOW, actor('station-officer')),
    ).toThrow(InvalidFieldsError);
    const withFile = referenceIn('returned', {
      history: [
        {
          at: NOW.toISOString(),
          actor: actor('station-officer'),
          action: ATTACHMENT_ADDED,
          details: { key: 'k1' },
        },
      ],
    });
    expect(submitReport(withFile, REPORT, NOW, actor('station-officer')).report!.attachments).toEqual(['k1']);
  });

  it('counts returns and keeps the deadline; asks for reasons', () => {
    const before = referenceIn('report-submitted', { returnCount: 1 });
    const after = returnForReinvestigation(before, 'Speak to the neighbours too.', NOW, actor('supervisor'));
    expect(after).toMatchObject({ status: 'returned', returnCount: 2, deadlineAt: before.deadlineAt });
    expect(() => returnForReinvestigation(before, 'no', NOW, actor('supervisor'))).toThrow(
      InvalidFieldsError,
    );
  });

  it('disposes by the outcome kind, late after the deadline; a C needs a reason', () => {
    const closed = approveDisposal(
      referenceIn('reopened', { report: { ...referenceIn('assigned').report!, outcome: 'false-complaint' } }),
      { grade: 'B', remark: '' },
      NOW,
      actor('supervisor'),
    );
    expect(closed).toMatchObject({
      status: 'closed',
      disposalCount: 2,
      disposal: { late: true, grade: 'B' },
    });
    expect(() =>
      approveDisposal(referenceIn('report-submitted'), { grade: 'C', remark: '' }, NOW, actor('supervisor')),
    ).toThrow(InvalidFieldsError);
  });

  it('takes feedback once per disposal and within its window; not satisfied reopens', () => {
    const reopened = TAKE['feedback-not-satisfied']('resolved', 'complainant');
    expect(reopened).toMatchObject({ status: 'reopened', reopenCount: 1, feedback: { disposalNumber: 1 } });
    const answered = referenceIn('closed', {
      feedback: { at: NOW.toISOString(), satisfied: true, disposalNumber: 1 },
    });
    expect(() => recordFeedback(answered, { satisfied: false, windowDays: 7 }, NOW)).toThrow(/feedback/);
    const late = new Date(NOW.getTime() + 8 * DAY);
    expect(() => recordFeedback(referenceIn('resolved'), { satisfied: true, windowDays: 7 }, late)).toThrow(
      TransitionError,
    );
  });

  it('marks a defaulter once, and never before the deadline', () => {
    const marked = TAKE['mark-defaulter']('assigned', 'system');
    expect(marked.defaulterAt).toBe(NOW.toISOString());
    expect(() => markDefaulter(marked, { at: NOW, actor: actor('system') })).toThrow(TransitionError);
    const early = referenceIn('assigned', { deadlineAt: new Date(NOW.getTime() + DAY).toISOString() });
    expect(() => markDefaulter(early, { at: NOW, actor: actor('system') })).toThrow(TransitionError);
  });

  it('draws a disposal once, and takes one result for it', () => {
    const drawn = drawForRandomCheck(referenceIn('resolved'), NOW);
    expect(drawn.randomCheck).toEqual({ drawnAt: NOW.toISOString() });
    expect(() => drawForRandomCheck(drawn, NOW)).toThrow(TransitionError);
    expect(() =>
      recordRandomCheck(
        referenceIn('resolved'),
        { result: 'confirmed', remark: '' },
        NOW,
        actor('supervisor'),
      ),
    ).toThrow(TransitionError);
    const checked = recordRandomCheck(
      drawn,
      { result: 'not-confirmed', remark: '' },
      NOW,
      actor('supervisor'),
    );
    expect(checked.randomCheck!.result).toBe('not-confirmed');
    expect(() =>
      recordRandomCheck(checked, { result: 'confirmed', remark: '' }, NOW, actor('supervisor')),
    ).toThrow(TransitionError);
    expect(() => recordRandomCheck(drawn, { result: 'maybe', remark: '' }, NOW, actor('supervisor'))).toThrow(
      InvalidFieldsError,
    );
  });

  it('undoes a saved step: the state before, one version on, and an undone event', () => {
    const before = referenceIn('assigned');
    const after = submitReport(before, REPORT, NOW, actor('station-officer'));
    const undone = undoTransition(before, after, NOW);
    expect(undone).toMatchObject({ status: 'assigned', version: after.version + 1, report: before.report });
    expect(undone.history.at(-1)).toMatchObject({
      action: 'undone',
      fromStatus: 'report-submitted',
      toStatus: 'assigned',
      details: { undid: 'report-submitted' },
    });
  });
});

describe('the deadline rule', () => {
  it('ends with the last whole IST day, whatever the hour', () => {
    expect(deadlineFrom(new Date('2026-11-28T17:30:00Z'), 15).toISOString()).toBe('2026-12-13T18:29:59.999Z');
    expect(deadlineFrom(new Date('2026-11-28T19:00:00Z'), 15).toISOString()).toBe('2026-12-14T18:29:59.999Z');
  });

  it('starts again on assignment, and keeps the filing deadline when the category is gone', () => {
    const reference = referenceIn('triage');
    expect(assignmentDeadline(reference, NOW, 7)).toEqual(deadlineFrom(NOW, 7));
    expect(assignmentDeadline(reference, NOW, undefined).toISOString()).toBe(reference.deadlineAt);
  });
});

describe('the clock rule', () => {
  it('runs a scheduled job at its scheduled time, by hand now, and refuses a time that does not parse', () => {
    expect(scheduledInstant({ scheduledTime: '2026-11-28T04:35:00Z' }, new Date(0))).toEqual(NOW);
    expect(scheduledInstant({}, NOW)).toBe(NOW);
    expect(scheduledInstant(undefined, NOW)).toBe(NOW);
    expect(() => scheduledInstant({ scheduledTime: '<aws.scheduler.scheduled-time>' }, NOW)).toThrow(
      /scheduledTime/,
    );
  });
});

describe('feedback by telephone (issue 16)', () => {
  it('records the channel on the feedback and its history event: link by the complainant, call by an operator', () => {
    const byLink = recordFeedback(referenceIn('resolved'), { satisfied: true, windowDays: 7 }, NOW);
    expect(byLink.feedback).toMatchObject({ channel: 'link', satisfied: true });
    expect(byLink.history.at(-1)).toMatchObject({
      action: 'feedback-received',
      actor: { role: 'complainant' },
      details: { channel: 'link' },
    });
    const byCall = recordFeedback(
      referenceIn('closed'),
      { satisfied: false, windowDays: 7, call: { operator: 'cmo-17' } },
      NOW,
    );
    expect(byCall).toMatchObject({ status: 'reopened', reopenCount: 1, feedback: { channel: 'call' } });
    expect(byCall.history.slice(-2)).toMatchObject([
      {
        action: 'feedback-received',
        actor: { role: 'feedback-operator' },
        details: { channel: 'call', operator: 'cmo-17', satisfied: false },
      },
      { action: 'reopened', toStatus: 'reopened' },
    ]);
  });

  it('counts calls that find nobody, per disposal, and refuses more than the limit', () => {
    let reference = referenceIn('resolved');
    for (let attempt = 1; attempt <= FEEDBACK_CALL_MAX_TRIES; attempt++) {
      reference = recordUnreachableCall(reference, { operator: 'cmo-17', windowDays: 7 }, NOW);
      expect(reference.feedbackCalls).toMatchObject({ disposalNumber: 1, unreachable: attempt });
      expect(reference.history.at(-1)).toMatchObject({ details: { attempt, operator: 'cmo-17' } });
    }
    expect(() => recordUnreachableCall(reference, { operator: 'cmo-17', windowDays: 7 }, NOW)).toThrow(
      TransitionError,
    );
    // A later disposal starts its own count.
    const again = { ...reference, disposalCount: 2 };
    expect(
      recordUnreachableCall(again, { operator: 'cmo-17', windowDays: 7 }, NOW).feedbackCalls,
    ).toMatchObject({
      disposalNumber: 2,
      unreachable: 1,
    });
    const answered = referenceIn('resolved', {
      feedback: { at: NOW.toISOString(), satisfied: true, disposalNumber: 1 },
    });
    expect(() => recordUnreachableCall(answered, { operator: 'cmo-17', windowDays: 7 }, NOW)).toThrow(
      TransitionError,
    );
  });
});
