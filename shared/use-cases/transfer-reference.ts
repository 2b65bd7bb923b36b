import { InvalidFieldsError } from '../domain/errors.ts';
import { unreadable } from '../domain/officer-work/report.ts';
import { transferStation } from '../domain/reference/transitions.ts';
import type { Actor, Reference } from '../domain/reference/types.ts';
import type { DistrictCellDeps } from './assign-from-triage.ts';
import { referenceInDistrict, stationInDistrict } from './scope.ts';
import { saveStep } from './steps.ts';

export interface TransferReferenceInput {
  referenceNo: string;
  /** The district the cell's link was signed for. */
  districtCode: string;
  stationCode: string;
  reason: string;
  actor: Actor;
}

/**
 * The district IGRS cell moves a reference being investigated to another station of its district,
 * with a reason; the deadline stays, and the new station is told.
 */
export async function transferReference(
  input: TransferReferenceInput,
  deps: DistrictCellDeps,
): Promise<Reference> {
  const reason = input.reason.normalize('NFC').trim();
  // The reason is shown to the station and in the history: the readable-text rule applies.
  const hidden = unreadable('reason', input.reason);
  if (hidden) throw new InvalidFieldsError([hidden]);
  if (reason.length < 10 || reason.length > 500) {
    throw new InvalidFieldsError([
      {
        pointer: 'reason',
        code: 'reason-required',
        message: {
          en: 'Give the reason for the transfer (10 to 500 characters)',
          hi: 'स्थानांतरण का कारण लिखें (10 से 500 अक्षर)',
        },
      },
    ]);
  }
  const reference = await referenceInDistrict(input.referenceNo, input.districtCode, deps);
  const station = await stationInDistrict(input.districtCode, input.stationCode, deps.masterData);
  const after = transferStation(reference, {
    toStationCode: station.code,
    reason,
    at: deps.clock.now(),
    actor: input.actor,
  });
  return saveStep('transfer', reference, after, deps);
}
