import { NotYoursError } from '../domain/errors.ts';
import { recordRandomCheck as checkStep } from '../domain/reference/transitions.ts';
import type { Reference } from '../domain/reference/types.ts';
import { loadReference, type StepDeps, saveStep } from './steps.ts';

export interface RecordRandomCheckInput {
  referenceNo: string;
  /** The district the random-check link was signed for. */
  districtCode: string;
  result: string;
  remark: string;
}

/** A supervisor records what the re-verification of a disposal drawn for random check found. */
export async function recordRandomCheck(input: RecordRandomCheckInput, deps: StepDeps): Promise<Reference> {
  const reference = await loadReference(input.referenceNo, deps);
  if (reference.districtCode !== input.districtCode) throw new NotYoursError(input.referenceNo);
  const after = checkStep(reference, input, deps.clock.now(), {
    role: 'supervisor',
    districtCode: reference.districtCode,
    stationCode: reference.stationCode,
  });
  return saveStep('random-check', reference, after, deps);
}
