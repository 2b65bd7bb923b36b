import { OutOfScopeError } from '../domain/errors.ts';
import { recordRandomCheck as checkStep } from '../domain/reference/transitions.ts';
import type { Reference } from '../domain/reference/types.ts';
import { mayRandomCheck, type OfficersPort } from './scope.ts';
import { loadReference, type StepDeps, saveStep } from './steps.ts';

export interface RecordRandomCheckInput {
  referenceNo: string;
  /** The district the random-check link was signed for. */
  districtCode: string;
  /** The post the link was signed for: its scope decides which references it may check. */
  officerId?: string | undefined;
  result: string;
  remark: string;
}

/**
 * A supervisor records what the re-verification of a disposal drawn for random check found, only
 * for a reference in the scope of their post (see mayRandomCheck): anything else is refused before
 * the step, so nothing is stored and the right officer can still record it.
 */
export async function recordRandomCheck(
  input: RecordRandomCheckInput,
  deps: StepDeps & OfficersPort,
): Promise<Reference> {
  const reference = await loadReference(input.referenceNo, deps);
  const officers =
    reference.districtCode === input.districtCode ? await deps.officers(input.districtCode) : [];
  if (!mayRandomCheck(reference, input, officers)) throw new OutOfScopeError(input.referenceNo);
  const after = checkStep(reference, input, deps.clock.now(), {
    role: 'supervisor',
    districtCode: reference.districtCode,
    stationCode: reference.stationCode,
  });
  return saveStep('random-check', reference, after, deps);
}
