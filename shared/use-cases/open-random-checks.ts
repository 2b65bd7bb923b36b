import type { Reference } from '../domain/reference/types.ts';
import { mayRandomCheck, type OfficersPort } from './scope.ts';

export interface RandomChecksDeps extends OfficersPort {
  references: { awaitingRandomCheck(districtCode: string): Promise<Reference[]> };
}

/**
 * A supervisor opens the district's disposals drawn for random check: what their post may check
 * (mayRandomCheck: a circle officer their circle's stations, the SP's post and the district cell
 * the whole district), the same rule the recording of a check follows.
 */
export async function openRandomChecks(
  input: { districtCode: string; officerId?: string },
  deps: RandomChecksDeps,
): Promise<Reference[]> {
  const [officers, drawn] = await Promise.all([
    deps.officers(input.districtCode),
    deps.references.awaitingRandomCheck(input.districtCode),
  ]);
  return drawn.filter((reference) => mayRandomCheck(reference, input, officers));
}
