import type { District, Officer } from '../domain/masterdata/types.ts';
import type { NotificationMessage } from '../domain/notifications/message-types.ts';
import type { QueuePort } from '../domain/ports.ts';
import { markDefaulter } from '../domain/reference/transitions.ts';
import type { Actor, DueEntry, Reference } from '../domain/reference/types.ts';
import {
  defaulterDigests,
  defaulterMessages,
  holderAtDeadline,
  referencesToMark,
} from '../domain/sweep/plan.ts';
import { DISTRICT_CONCURRENCY, forEachLimit } from './concurrency.ts';

/**
 * The hourly overdue sweep, district by district. It reads only what is due, from the `due` index:
 * the district's not-yet-marked references with a deadline before its time (and, for a retried
 * run, what that same run already marked), never the whole table. Digests go to the notifications
 * queue; the notifier sends each once.
 */

const SYSTEM: Actor = { role: 'system' };
/** Conditional writes in flight per district. */
const WRITE_CONCURRENCY = 10;

export interface SweepDeps {
  references: {
    /** Open references of the district not yet marked, deadline before the instant (the `due` index). */
    overdueUnmarked(districtCode: string, beforeIso: string): Promise<DueEntry[]>;
    /** Open references of the district marked defaulter at exactly this instant. */
    markedDefaultersAt(districtCode: string, markedAtIso: string): Promise<DueEntry[]>;
    get(referenceNo: string): Promise<Reference | undefined>;
    saveTransition(before: DueEntry, after: DueEntry): Promise<boolean>;
  };
  masterData: {
    districts(): Promise<District[]>;
    officers(districtCode: string): Promise<Officer[]>;
  };
  notifications: QueuePort<NotificationMessage>;
}

export interface SweepResult {
  runAt: string;
  districts: number;
  /** Reference items read, from the index and by key: about the number that fell due. */
  itemsRead: number;
  /** Marked by this invocation. */
  marked: number;
  /** Marked by an earlier attempt of the same run, found again so their digests are not lost. */
  resumed: number;
  /** Due ones another run (or an officer's action) got to first: left alone. */
  skipped: number;
  digests: number;
  /** Marked references that no recipient on record covers (no supervisor and no district cell). */
  unannounced: string[];
}

/**
 * The hourly overdue sweep at `runAt` (the schedule's time, so a retry of the same run is the same
 * run). Each reference is marked by one conditional write on its version and status: of two runs
 * that overlap, each reference goes to exactly one, and a reference marked by a run carries that
 * run's time as defaulterAt. A run announces exactly the references carrying its own time: those it
 * marked now, and those an earlier attempt of it marked before failing (found in DUEFLAGGED#<district>
 * under its time), so a crash between marking and queueing loses no digest. The notifier then tells
 * each recipient of each reference once, however many messages list it.
 */
export async function sweepOverdue(runAt: Date, deps: SweepDeps): Promise<SweepResult> {
  const runAtIso = runAt.toISOString();
  const districts = await deps.masterData.districts();
  const result: SweepResult = {
    runAt: runAtIso,
    districts: districts.length,
    itemsRead: 0,
    marked: 0,
    resumed: 0,
    skipped: 0,
    digests: 0,
    unannounced: [],
  };

  await forEachLimit(districts, DISTRICT_CONCURRENCY, async ({ code }) => {
    // First what an earlier attempt of this run marked (nothing, unless this is a retry), then what
    // is still due: both read before marking, so neither sees this attempt's own writes.
    const earlier = await deps.references.markedDefaultersAt(code, runAtIso);
    const read = await deps.references.overdueUnmarked(code, runAtIso);
    result.itemsRead += earlier.length + read.length;
    const ours = new Map<string, DueEntry>(earlier.map((r) => [r.referenceNo, r]));
    result.resumed += earlier.length;
    await forEachLimit(referencesToMark(read, runAt), WRITE_CONCURRENCY, async (reference) => {
      if (ours.has(reference.referenceNo)) return;
      const after = markDefaulter(reference, {
        at: runAt,
        actor: SYSTEM,
        holder: holderAtDeadline(reference),
      });
      if (await deps.references.saveTransition(reference, after)) {
        ours.set(reference.referenceNo, after);
        result.marked++;
        return;
      }
      // Changed since the index copy was read: perhaps by another attempt of this very run.
      const current = await deps.references.get(reference.referenceNo);
      result.itemsRead++;
      if (current?.defaulterAt === runAtIso) {
        ours.set(reference.referenceNo, current);
        result.resumed++;
      } else result.skipped++;
    });
    if (ours.size === 0) return;

    const marked = [...ours.values()];
    const digests = defaulterDigests(marked, await deps.masterData.officers(code));
    const covered = new Set(digests.flatMap((d) => d.rows.map((r) => r.referenceNo)));
    result.unannounced.push(...marked.filter((r) => !covered.has(r.referenceNo)).map((r) => r.referenceNo));
    for (const message of defaulterMessages(code, runAt, digests)) {
      await deps.notifications.send({ ...message });
      result.digests++;
    }
  });
  return result;
}
