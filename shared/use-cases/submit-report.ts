import { NotYoursError } from '../domain/errors.ts';
import type { ReportInput } from '../domain/officer-work/report.ts';
import { submitReport as reportStep } from '../domain/reference/transitions.ts';
import type { Reference } from '../domain/reference/types.ts';
import { loadReference, type StepDeps, saveStep } from './steps.ts';

export interface SubmitReportInput {
  referenceNo: string;
  /** The station the link was signed for: only the station holding the reference may report. */
  stationCode: string;
  report: ReportInput;
}

/** A station submits its action-taken report (आख्या); its supervising officer is told to review it. */
export async function submitReport(input: SubmitReportInput, deps: StepDeps): Promise<Reference> {
  const reference = await loadReference(input.referenceNo, deps);
  if (reference.stationCode !== input.stationCode) throw new NotYoursError(input.referenceNo);
  const after = reportStep(reference, input.report, deps.clock.now(), {
    role: 'station-officer',
    stationCode: input.stationCode,
    districtCode: reference.districtCode,
  });
  return saveStep('report', reference, after, deps);
}
