import { DomainError, UnavailableError } from '../domain/errors.ts';
import type { Officer } from '../domain/masterdata/types.ts';
import type { ReportInput } from '../domain/officer-work/report.ts';
import type { Clock, QueuePort } from '../domain/ports.ts';
import { TransitionError, undoTransition } from '../domain/reference/lifecycle.ts';
import {
  approveDisposal,
  recordFeedback,
  recordRandomCheck,
  returnForReinvestigation,
  submitReport,
} from '../domain/reference/transitions.ts';
import type { Actor, Reference } from '../domain/reference/types.ts';

export interface OfficerWorkDeps {
  references: {
    get(referenceNo: string): Promise<Reference | undefined>;
    saveTransition(before: Reference, after: Reference): Promise<boolean>;
  };
  officers(districtCode: string): Promise<Officer[]>;
  notifications: QueuePort;
  clock: Clock;
  feedbackWindowDays: number;
}

/** The link's holder may not act on this reference (another station's, or not their circle's). */
export class NotYoursError extends DomainError {
  override name = 'NotYoursError';
}

export class ReferenceNotFoundError extends DomainError {
  override name = 'ReferenceNotFoundError';
}

async function load(referenceNo: string, deps: OfficerWorkDeps): Promise<Reference> {
  const reference = await deps.references.get(referenceNo);
  if (!reference) throw new ReferenceNotFoundError(referenceNo);
  return reference;
}

async function save(
  before: Reference,
  after: Reference,
  deps: OfficerWorkDeps,
  message?: Record<string, unknown>,
) {
  if (!(await deps.references.saveTransition(before, after))) {
    throw new TransitionError(before.referenceNo, before.status, 'save', {
      en: 'Someone else acted on this reference a moment ago. Reload the page and check before acting again.',
      hi: 'इस सन्दर्भ पर अभी-अभी किसी अन्य ने कार्रवाई की है। पृष्ठ पुनः खोलें और जांच कर फिर कार्रवाई करें।',
    });
  }
  if (message) await sendOrUndo(before, after, message, deps);
  return after;
}

/**
 * Queues the step's notification; when that fails the step is taken back (undoTransition) and the
 * officer told to try again (UnavailableError, a 503), as intake takes back a complaint it could
 * not queue. Otherwise the step would stand with nobody told of it, and repeating it would be
 * refused as already done.
 */
export async function sendOrUndo(
  before: Reference,
  after: Reference,
  message: Record<string, unknown>,
  deps: Pick<OfficerWorkDeps, 'references' | 'notifications' | 'clock'>,
): Promise<void> {
  try {
    await deps.notifications.send(message);
  } catch (error) {
    const undone = await deps.references
      .saveTransition(after, undoTransition(before, after, deps.clock.now()))
      .catch(() => false);
    throw new UnavailableError(
      `${after.referenceNo}: notification not queued; the step was ${undone ? '' : 'NOT '}taken back`,
      { cause: error },
    );
  }
}

/** The supervising officer's post for a station (the CO of its circle). */
export async function supervisorOf(
  reference: Reference,
  deps: Pick<OfficerWorkDeps, 'officers'>,
): Promise<Officer | undefined> {
  const officers = await deps.officers(reference.districtCode);
  return officers.find(
    (o) =>
      o.role === 'supervisor' &&
      reference.stationCode !== undefined &&
      o.stationCodes.includes(reference.stationCode),
  );
}

/** A supervisor's link works only for references of the stations their post covers. */
export async function assertSupervises(
  reference: Reference,
  officerId: string | undefined,
  deps: Pick<OfficerWorkDeps, 'officers'>,
) {
  const supervisor = await supervisorOf(reference, deps);
  if (!supervisor || supervisor.id !== officerId) throw new NotYoursError(reference.referenceNo);
  return supervisor;
}

export async function submitReportAction(
  input: { referenceNo: string; stationCode: string; report: ReportInput },
  deps: OfficerWorkDeps,
): Promise<Reference> {
  const reference = await load(input.referenceNo, deps);
  if (reference.stationCode !== input.stationCode) throw new NotYoursError(input.referenceNo);
  const actor: Actor = {
    role: 'station-officer',
    stationCode: input.stationCode,
    districtCode: reference.districtCode,
  };
  const after = submitReport(reference, input.report, deps.clock.now(), actor);
  return save(reference, after, deps, {
    type: 'report-submitted',
    referenceNo: after.referenceNo,
    version: after.version,
  });
}

export async function reviewAction(
  input: {
    referenceNo: string;
    officerId: string | undefined;
    decision: 'approve' | 'return';
    grade?: string;
    remark?: string;
    reasons?: string;
  },
  deps: OfficerWorkDeps,
): Promise<Reference> {
  const reference = await load(input.referenceNo, deps);
  await assertSupervises(reference, input.officerId, deps);
  const actor: Actor = {
    role: 'supervisor',
    stationCode: reference.stationCode,
    districtCode: reference.districtCode,
  };
  const now = deps.clock.now();
  if (input.decision === 'return') {
    const after = returnForReinvestigation(reference, input.reasons ?? '', now, actor);
    return save(reference, after, deps, {
      type: 'report-returned',
      referenceNo: after.referenceNo,
      stationCode: after.stationCode,
      version: after.version,
    });
  }
  const after = approveDisposal(
    reference,
    { grade: input.grade ?? '', remark: input.remark ?? '' },
    now,
    actor,
  );
  return save(reference, after, deps, {
    type: 'disposed',
    referenceNo: after.referenceNo,
    version: after.version,
  });
}

export async function feedbackAction(
  input: { referenceNo: string; satisfied: boolean; comment?: string },
  deps: OfficerWorkDeps,
): Promise<Reference> {
  const reference = await load(input.referenceNo, deps);
  const after = recordFeedback(
    reference,
    { ...input, windowDays: deps.feedbackWindowDays },
    deps.clock.now(),
  );
  return save(
    reference,
    after,
    deps,
    after.status === 'reopened'
      ? { type: 'reopened', referenceNo: after.referenceNo, version: after.version }
      : undefined,
  );
}

export async function randomCheckAction(
  input: {
    referenceNo: string;
    districtCode: string;
    officerId: string | undefined;
    result: string;
    remark: string;
  },
  deps: OfficerWorkDeps,
): Promise<Reference> {
  const reference = await load(input.referenceNo, deps);
  if (reference.districtCode !== input.districtCode) throw new NotYoursError(input.referenceNo);
  const actor: Actor = {
    role: 'supervisor',
    districtCode: reference.districtCode,
    stationCode: reference.stationCode,
  };
  const after = recordRandomCheck(reference, input, deps.clock.now(), actor);
  return save(reference, after, deps);
}
