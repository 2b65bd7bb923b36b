import { type FieldIssue, InvalidFieldsError } from '../errors.ts';
import { allowOnly as allowStatuses, next, TransitionError } from '../reference/lifecycle.ts';
import type {
  ActionTakenReport,
  Actor,
  ContactMode,
  Grade,
  HistoryEvent,
  Reference,
  ReferenceStatus,
} from '../reference/types.ts';
import { CONTACT_MODES } from '../reference/types.ts';
import { outcomeByCode } from './outcomes.ts';

/** Status check with the explanation in both languages given inline. */
function allowOnly(
  reference: Reference,
  allowed: readonly ReferenceStatus[],
  action: string,
  en: string,
  hi: string,
) {
  allowStatuses(reference, allowed, action, { en, hi });
}

const issue = (pointer: string, code: string, en: string, hi: string): FieldIssue => ({
  pointer,
  code,
  message: { en, hi },
});

export interface ReportInput {
  contacted: boolean;
  contactedAt?: string;
  contactMode?: string;
  findings: string;
  outcome: string;
  firNumber?: string;
  actionTaken: string;
  attachments?: string[];
}

const clean = (text: string | undefined) => (text ?? '').normalize('NFC').trim();

/** Checks a report as the station typed it; every problem is named at once. */
export function validateReport(
  input: ReportInput,
  now: Date,
  filedAt: string,
): Omit<ActionTakenReport, 'submittedAt' | 'stationCode'> {
  const issues: FieldIssue[] = [];
  const outcome = outcomeByCode(input.outcome);
  if (!outcome) issues.push(issue('outcome', 'required', 'Choose the outcome', 'परिणाम चुनें'));
  const findings = clean(input.findings);
  const actionTaken = clean(input.actionTaken);
  if (findings.length < 20 || findings.length > 4000) {
    issues.push(
      issue(
        'findings',
        'length',
        'Write the findings (20 to 4,000 characters)',
        'जांच के निष्कर्ष लिखें (20 से 4,000 अक्षर)',
      ),
    );
  }
  if (actionTaken.length < 10 || actionTaken.length > 2000) {
    issues.push(
      issue(
        'actionTaken',
        'length',
        'Write the action taken (10 to 2,000 characters)',
        'की गई कार्रवाई लिखें (10 से 2,000 अक्षर)',
      ),
    );
  }
  const firNumber = clean(input.firNumber);
  if (outcome?.needsFirNumber && !/^[A-Za-z0-9/ -]{1,40}$/.test(firNumber)) {
    issues.push(
      issue(
        'firNumber',
        'required',
        'Give the FIR number (crime number / year)',
        'एफआईआर संख्या दें (मु.अ.सं./वर्ष)',
      ),
    );
  }
  let contactedAt: string | undefined;
  let contactMode: ContactMode | undefined;
  if (input.contacted) {
    const parsed = input.contactedAt ? new Date(input.contactedAt) : undefined;
    if (
      !parsed ||
      Number.isNaN(parsed.getTime()) ||
      parsed > now ||
      parsed.toISOString() < filedAt.slice(0, 10)
    ) {
      issues.push(
        issue(
          'contactedAt',
          'invalid',
          'Give when the complainant was contacted (not in the future, not before filing)',
          'शिकायतकर्ता से संपर्क कब हुआ, बताएं (भविष्य या शिकायत से पहले की तिथि नहीं)',
        ),
      );
    } else contactedAt = parsed.toISOString();
    if (!CONTACT_MODES.includes(input.contactMode as ContactMode) || input.contactMode === 'not-reachable') {
      issues.push(
        issue('contactMode', 'required', 'Choose how the complainant was contacted', 'संपर्क का माध्यम चुनें'),
      );
    } else contactMode = input.contactMode as ContactMode;
  }
  if (issues.length > 0) throw new InvalidFieldsError(issues);
  return {
    contacted: input.contacted,
    ...(contactedAt ? { contactedAt } : {}),
    ...(contactMode ? { contactMode } : {}),
    findings,
    outcome: outcome!.code,
    ...(outcome!.needsFirNumber ? { firNumber } : {}),
    actionTaken,
    attachments: input.attachments ?? [],
  };
}

/** The history action recorded (with appendEvent, no new version) for each file a station attaches. */
export const ATTACHMENT_ADDED = 'attachment-added';
/** Files a reference can carry in all; a report is evidence, not an archive. */
export const MAX_ATTACHMENTS = 20;

export interface AttachmentRecord {
  /** S3 key, attachments/<referenceNo>/<uuid>.<ext>. */
  key: string;
  /** The file name as the station's device gave it (cleaned); shown escaped. */
  name: string;
  at: string;
  size?: number;
}

/** Every file attached to the reference, oldest first, from its attachment-added events. */
export function attachmentsOf(reference: Reference): AttachmentRecord[] {
  const seen = new Set<string>();
  const found: AttachmentRecord[] = [];
  for (const event of reference.history) {
    const key = event.details?.key;
    if (event.action !== ATTACHMENT_ADDED || typeof key !== 'string' || seen.has(key)) continue;
    seen.add(key);
    const size = event.details?.size;
    found.push({ key, name: event.note ?? key, at: event.at, ...(typeof size === 'number' ? { size } : {}) });
  }
  return found;
}

/**
 * A station may attach files while it can report (assigned or returned), up to MAX_ATTACHMENTS.
 * Attaching changes no state: the file waits in the history until the report is submitted.
 */
export function assertCanAttach(reference: Reference): void {
  allowOnly(
    reference,
    ['assigned', 'returned'],
    'attach',
    'Files can be attached only while the reference is with the station for its report.',
    'फ़ाइलें केवल तभी संलग्न की जा सकती हैं जब सन्दर्भ आख्या हेतु थाने पर हो।',
  );
  if (attachmentsOf(reference).length >= MAX_ATTACHMENTS) {
    throw new TransitionError(reference.referenceNo, reference.status, 'attach', {
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
  allowOnly(
    reference,
    ['assigned', 'returned'],
    'report',
    'A report can be submitted only while the reference is with the station.',
    'आख्या केवल तभी प्रस्तुत हो सकती है जब सन्दर्भ थाने पर हो।',
  );
  const attachments = input.attachments ?? attachmentsOf(reference).map((a) => a.key);
  const report: ActionTakenReport = {
    ...validateReport({ ...input, attachments }, at, reference.createdAt),
    submittedAt: at.toISOString(),
    stationCode: reference.stationCode ?? '',
  };
  return next(reference, at, { status: 'report-submitted', report }, [
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
  allowOnly(
    reference,
    ['report-submitted', 'reopened'],
    'return',
    'Only a report awaiting review can be returned.',
    'केवल समीक्षाधीन आख्या ही वापस की जा सकती है।',
  );
  const text = clean(reasons);
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
  return next(reference, at, { status: 'returned', returnCount: (reference.returnCount ?? 0) + 1 }, [
    { actor, action: 'returned', fromStatus: reference.status, toStatus: 'returned', note: text },
  ]);
}

/** The supervisor approves the report with a grade: the reference is disposed, resolved or closed. */
export function approveDisposal(
  reference: Reference,
  input: { grade: string; remark: string },
  at: Date,
  actor: Actor,
): Reference {
  allowOnly(
    reference,
    ['report-submitted', 'reopened'],
    'approve',
    'Only a report awaiting review can be approved.',
    'केवल समीक्षाधीन आख्या ही स्वीकृत की जा सकती है।',
  );
  const issues: FieldIssue[] = [];
  if (!['A', 'B', 'C'].includes(input.grade))
    issues.push(issue('grade', 'required', 'Choose a grade: A, B or C', 'श्रेणी चुनें: A, B या C'));
  const remark = clean(input.remark);
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
  return next(
    reference,
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

/**
 * The complainant's answer to the feedback request: one per disposal, within the window. "Not
 * satisfied" reopens the reference to the supervisor.
 */
export function recordFeedback(
  reference: Reference,
  input: { satisfied: boolean; comment?: string; windowDays: number },
  at: Date,
): Reference {
  allowOnly(
    reference,
    ['resolved', 'closed'],
    'feedback',
    'Feedback is taken only on a disposed reference.',
    'फीडबैक केवल निस्तारित सन्दर्भ पर लिया जाता है।',
  );
  const disposalNumber = reference.disposalCount ?? 1;
  if (reference.feedback?.disposalNumber === disposalNumber) {
    throw new TransitionError(reference.referenceNo, reference.status, 'feedback', {
      en: 'Your feedback on this disposal was already recorded. Thank you.',
      hi: 'इस निस्तारण पर आपका फीडबैक पहले ही दर्ज हो चुका है। धन्यवाद।',
    });
  }
  const disposedAt = new Date(reference.disposal?.disposedAt ?? reference.updatedAt);
  if (at.getTime() - disposedAt.getTime() > input.windowDays * 86_400_000) {
    throw new TransitionError(reference.referenceNo, reference.status, 'feedback', {
      en: `Feedback is taken within ${input.windowDays} days of disposal; that time has passed.`,
      hi: `फीडबैक निस्तारण के ${input.windowDays} दिनों के भीतर लिया जाता है; वह समय बीत चुका है।`,
    });
  }
  const comment = clean(input.comment).slice(0, 1000);
  const actor: Actor = { role: 'complainant' };
  const feedback = {
    at: at.toISOString(),
    satisfied: input.satisfied,
    disposalNumber,
    ...(comment ? { comment } : {}),
  };
  const received: Omit<HistoryEvent, 'at'> = {
    actor,
    action: 'feedback-received',
    details: { satisfied: input.satisfied },
    ...(comment ? { note: comment } : {}),
  };
  if (input.satisfied) return next(reference, at, { feedback }, [received]);
  return next(
    reference,
    at,
    { feedback, status: 'reopened', reopenCount: (reference.reopenCount ?? 0) + 1 },
    [received, { actor, action: 'reopened', fromStatus: reference.status, toStatus: 'reopened' }],
  );
}

/** A supervisor records the re-verification of a disposal drawn for random check. */
export function recordRandomCheck(
  reference: Reference,
  input: { result: string; remark: string },
  at: Date,
  actor: Actor,
): Reference {
  if (!reference.randomCheck || reference.randomCheck.result) {
    throw new TransitionError(reference.referenceNo, reference.status, 'random-check', {
      en: 'This reference is not waiting for a random check.',
      hi: 'यह सन्दर्भ यादृच्छिक जांच हेतु लंबित नहीं है।',
    });
  }
  if (input.result !== 'confirmed' && input.result !== 'not-confirmed') {
    throw new InvalidFieldsError([
      issue('result', 'required', 'Choose what the check found', 'जांच का परिणाम चुनें'),
    ]);
  }
  const remark = clean(input.remark).slice(0, 1000);
  return next(
    reference,
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

/** The daily draw marks a disposal for re-verification. */
export function drawForRandomCheck(reference: Reference, at: Date): Reference {
  if (reference.randomCheck) {
    throw new TransitionError(reference.referenceNo, reference.status, 'draw', {
      en: 'Already drawn',
      hi: 'पहले ही चयनित',
    });
  }
  return next(reference, at, { randomCheck: { drawnAt: at.toISOString() } }, [
    { actor: { role: 'system' }, action: 'drawn-for-random-check' },
  ]);
}
