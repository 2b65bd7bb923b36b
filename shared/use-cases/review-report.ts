import { approveDisposal, returnForReinvestigation } from '../domain/reference/transitions.ts';
import type { Actor, Reference } from '../domain/reference/types.ts';
import { assertSupervises, type OfficersPort } from './scope.ts';
import { loadReference, type StepDeps, saveStep } from './steps.ts';

export interface ReviewReportInput {
  referenceNo: string;
  /** The post the supervisor's link was signed for: it must cover the reference's station. */
  officerId: string | undefined;
  decision: 'approve' | 'return';
  grade?: string;
  remark?: string;
  reasons?: string;
}

/**
 * The supervising officer reviews a station's report: approves it with a grade (the reference is
 * disposed and the complainant asked for feedback) or returns it for re-investigation.
 */
export async function reviewReport(
  input: ReviewReportInput,
  deps: StepDeps & OfficersPort,
): Promise<Reference> {
  const reference = await loadReference(input.referenceNo, deps);
  await assertSupervises(reference, input.officerId, deps);
  const actor: Actor = {
    role: 'supervisor',
    stationCode: reference.stationCode,
    districtCode: reference.districtCode,
  };
  const now = deps.clock.now();
  if (input.decision === 'return') {
    const after = returnForReinvestigation(reference, input.reasons ?? '', now, actor);
    return saveStep('return', reference, after, deps);
  }
  const after = approveDisposal(
    reference,
    { grade: input.grade ?? '', remark: input.remark ?? '' },
    now,
    actor,
  );
  return saveStep('approve', reference, after, deps);
}
