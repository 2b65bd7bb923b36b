import type { Officer } from '../masterdata/types.ts';
import type { Reference } from '../reference/types.ts';

/** Who holds which reference, by post: the rules every link, page and notification follows. */

const postOf =
  (role: 'station-officer' | 'supervisor') =>
  (reference: Pick<Reference, 'stationCode'>, officers: readonly Officer[]): Officer | undefined =>
    officers.find(
      (o) =>
        o.role === role &&
        reference.stationCode !== undefined &&
        o.stationCodes.includes(reference.stationCode),
    );

/** The station officer's post (the SHO) of the station that holds the reference. */
export const stationOfficerOf = postOf('station-officer');

/** The supervising officer's post (the CO of the circle) of the station that holds the reference. */
export const supervisorOf = postOf('supervisor');
