import type { Reference } from '../domain/reference/types.ts';
import type { OfficersPort } from './scope.ts';

export interface RandomChecksDeps extends OfficersPort {
  references: { awaitingRandomCheck(districtCode: string): Promise<Reference[]> };
}

/**
 * A supervisor opens the district's disposals drawn for random check: a circle officer sees those of
 * their circle's stations, any other post of the district all of them.
 */
export async function openRandomChecks(
  input: { districtCode: string; officerId?: string },
  deps: RandomChecksDeps,
): Promise<Reference[]> {
  const [officers, drawn] = await Promise.all([
    deps.officers(input.districtCode),
    deps.references.awaitingRandomCheck(input.districtCode),
  ]);
  const post = officers.find((o) => o.id === input.officerId);
  if (post?.role !== 'supervisor') return drawn;
  return drawn.filter((r) => r.stationCode && post.stationCodes.includes(r.stationCode));
}
