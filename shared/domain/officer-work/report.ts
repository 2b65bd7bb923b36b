import { type FieldIssue, InvalidFieldsError } from '../errors.ts';
import type { ActionTakenReport, ContactMode } from '../reference/types.ts';
import { CONTACT_MODES } from '../reference/types.ts';
import { readableTextProblem } from '../text.ts';
import { outcomeByCode } from './outcomes.ts';

/** The rules of a station's action-taken report (आख्या) and of the officers' other free text. */

export const issue = (pointer: string, code: string, en: string, hi: string): FieldIssue => ({
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

export const clean = (text: string | undefined) => (text ?? '').normalize('NFC').trim();

/** The readable-text rule (../text.ts) on an officer's text, as an issue of its field. */
export function unreadable(pointer: string, text: string | undefined): FieldIssue | undefined {
  const problem = text ? readableTextProblem(text) : undefined;
  return problem && { pointer, code: problem.code, message: problem.message };
}

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
  for (const field of ['findings', 'actionTaken'] as const) {
    const problem = unreadable(field, input[field]);
    if (problem) issues.push(problem);
  }
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
