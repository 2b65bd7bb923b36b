import type { QueuePort } from '../domain/ports.ts';
import { drawForRandomCheck } from '../domain/reference/transitions.ts';
import type { Reference } from '../domain/reference/types.ts';

export interface RandomCheckDeps {
  references: {
    /** The numbers on an inbox-index list (the index holds keys only). */
    inboxNumbers(partition: string, limit?: number): Promise<string[]>;
    getMany(referenceNos: string[]): Promise<Reference[]>;
    saveTransition(before: Reference, after: Reference): Promise<boolean>;
  };
  /** Claims the draw of one district for one day; false when a run already did it. */
  claimDraw(districtCode: string, date: string): Promise<boolean>;
  notifications: QueuePort;
  /** A whole number in [0, below). */
  randomInt(below: number): number;
}

/**
 * The daily draw: for each district, up to `perDistrict` of the previous IST day's disposals are
 * picked at random for re-verification (IGRS checks 5 a day). The draw of a district-day is
 * claimed first, so a retried or overlapping run draws nothing twice.
 */
export async function drawRandomChecks(
  input: { districtCodes: string[]; disposedOn: string; perDistrict: number; at: Date },
  deps: RandomCheckDeps,
): Promise<Record<string, string[]>> {
  const drawn: Record<string, string[]> = {};
  for (const districtCode of input.districtCodes) {
    if (!(await deps.claimDraw(districtCode, input.disposedOn))) continue;
    const pool = await deps.references.inboxNumbers(`DISPOSED#${districtCode}#${input.disposedOn}`, 5000);
    const pickedNos: string[] = [];
    while (pickedNos.length < input.perDistrict && pool.length > 0) {
      pickedNos.push(pool.splice(deps.randomInt(pool.length), 1)[0]!);
    }
    // Only the drawn few are read whole.
    const found = new Map((await deps.references.getMany(pickedNos)).map((r) => [r.referenceNo, r]));
    const picked = pickedNos.flatMap((no) => found.get(no) ?? []);
    const numbers: string[] = [];
    for (const reference of picked) {
      if (await deps.references.saveTransition(reference, drawForRandomCheck(reference, input.at))) {
        numbers.push(reference.referenceNo);
      }
    }
    if (numbers.length > 0) {
      drawn[districtCode] = numbers;
      await deps.notifications.send({
        type: 'random-check-drawn',
        districtCode,
        date: input.disposedOn,
        referenceNos: numbers,
      });
    }
  }
  return drawn;
}
