import type { Officer } from '../masterdata/types.ts';
import type { Reference } from '../reference/types.ts';

/** Who holds which reference, by post: the rules every link, page and notification follows. */

/** The station officer's post (the SHO) of the station that holds the reference. */
export const stationOfficerOf = (
  reference: Pick<Reference, 'stationCode'>,
  officers: readonly Officer[],
): Officer | undefined =>
  officers.find(
    (o) =>
      o.role === 'station-officer' &&
      reference.stationCode !== undefined &&
      o.stationCodes.includes(reference.stationCode),
  );

/** The supervising officer's post (the CO of the circle) of the station that holds the reference. */
export const supervisorOf = (
  reference: Pick<Reference, 'stationCode'>,
  officers: readonly Officer[],
): Officer | undefined =>
  officers.find(
    (o) =>
      o.role === 'supervisor' &&
      reference.stationCode !== undefined &&
      o.stationCodes.includes(reference.stationCode),
  );
