import type { Category, Station } from '../domain/masterdata/types.ts';
import { assignToStation } from '../domain/reference/transitions.ts';
import type { Actor, Reference } from '../domain/reference/types.ts';
import { referenceInDistrict, stationInDistrict } from './scope.ts';
import { type StepDeps, saveStep } from './steps.ts';

export interface DistrictCellDeps extends StepDeps {
  masterData: {
    station(districtCode: string, code: string): Promise<Station | undefined>;
    category(code: string): Promise<Category | undefined>;
  };
}

export interface AssignFromTriageInput {
  referenceNo: string;
  /** The district the cell's link was signed for. */
  districtCode: string;
  stationCode: string;
  actor: Actor;
}

/**
 * The district IGRS cell forwards a reference routing could not place to a station of its district;
 * the deadline starts now, and the station is told.
 */
export async function assignFromTriage(
  input: AssignFromTriageInput,
  deps: DistrictCellDeps,
): Promise<Reference> {
  const reference = await referenceInDistrict(input.referenceNo, input.districtCode, deps);
  const station = await stationInDistrict(input.districtCode, input.stationCode, deps.masterData);
  const category = await deps.masterData.category(reference.categoryCode);
  const after = assignToStation(reference, {
    stationCode: station.code,
    deadlineDays: category?.deadlineDays,
    at: deps.clock.now(),
    actor: input.actor,
    rule: 'district-cell',
  });
  return saveStep('assign', reference, after, deps);
}
