import type { District } from '../domain/masterdata/types.ts';
import type { NotificationMessage } from '../domain/notifications/message-types.ts';
import type { QueuePort } from '../domain/ports.ts';
import { drawForRandomCheck } from '../domain/reference/transitions.ts';
import type { Reference } from '../domain/reference/types.ts';
import { addIstDays, istDate } from '../domain/time/ist.ts';

export interface DrawRandomChecksDeps {
  masterData: { districts(): Promise<District[]> };
  references: {
    /** Numbers of a district's references disposed on an IST day and not drawn yet. */
    disposedOn(districtCode: string, istDay: string, limit?: number): Promise<string[]>;
    getMany(referenceNos: string[]): Promise<Reference[]>;
    saveTransition(before: Reference, after: Reference): Promise<boolean>;
  };
  /** Claims the draw of one district for one day; false when a run already did it. */
  draws: { claimDraw(districtCode: string, date: string, at: Date): Promise<boolean> };
  notifications: QueuePort<NotificationMessage>;
  /** A whole number in [0, below). */
  randomInt(below: number): number;
  /** Disposals drawn per district and day (IGRS checks 5). */
  perDistrict: number;
}

export interface DrawResult {
  /** The IST day whose disposals were drawn: the day before the run. */
  disposedOn: string;
  /** The numbers drawn, by district. */
  drawn: Record<string, string[]>;
}

/**
 * The daily draw at `at`: for each district, up to `perDistrict` of the previous IST day's disposals
 * are picked at random for re-verification and the district's supervisors told. The draw of a
 * district-day is claimed first, so a retried or overlapping run draws nothing twice.
 */
export async function drawRandomChecks(at: Date, deps: DrawRandomChecksDeps): Promise<DrawResult> {
  const disposedOn = addIstDays(istDate(at), -1);
  const drawn: Record<string, string[]> = {};
  for (const { code: districtCode } of await deps.masterData.districts()) {
    if (!(await deps.draws.claimDraw(districtCode, disposedOn, at))) continue;
    const pool = await deps.references.disposedOn(districtCode, disposedOn, 5000);
    const pickedNos: string[] = [];
    while (pickedNos.length < deps.perDistrict && pool.length > 0) {
      pickedNos.push(pool.splice(deps.randomInt(pool.length), 1)[0]!);
    }
    // Only the drawn few are read whole.
    const found = new Map((await deps.references.getMany(pickedNos)).map((r) => [r.referenceNo, r]));
    const numbers: string[] = [];
    for (const reference of pickedNos.flatMap((no) => found.get(no) ?? [])) {
      if (await deps.references.saveTransition(reference, drawForRandomCheck(reference, at))) {
        numbers.push(reference.referenceNo);
      }
    }
    if (numbers.length > 0) {
      drawn[districtCode] = numbers;
      await deps.notifications.send({
        type: 'random-check-drawn',
        districtCode,
        date: disposedOn,
        referenceNos: numbers,
      });
    }
  }
  return { disposedOn, drawn };
}
