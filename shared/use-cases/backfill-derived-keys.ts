import type { District } from '../domain/masterdata/types.ts';
import { istMonth, istMonthRange } from '../domain/time/ist.ts';
import { forEachLimit } from './concurrency.ts';

/**
 * One stored reference's index keys against what the current code derives from its state: the
 * attributes to set (a string) or remove (null), and the indexes they belong to. Empty `changes`:
 * already current.
 */
export interface StoredKeys {
  referenceNo: string;
  /** The version read; a write is conditional on it. */
  version: number;
  changes: Record<string, string | null>;
  /** The indexes whose keys `changes` touches (retention, updated, due, inbox). */
  indexes: string[];
}

/** The table's side of the backfill (shared/adapters/dynamodb/derived-keys-store.ts). */
export interface DerivedKeysStore {
  /** Numbers of a district's references filed in one IST month (the `month` index), page by page. */
  filedIn(districtCode: string, month: string): AsyncIterable<string[]>;
  /** The references read consistently, by key; numbers no longer stored are left out. */
  read(referenceNos: readonly string[]): Promise<StoredKeys[]>;
  /**
   * Sets and removes `changes` only, without touching the version, updatedAt, history or any other
   * field, and only if the stored version is still `version`. False when it has moved on.
   */
  write(keys: StoredKeys): Promise<boolean>;
}

export interface BackfillDeps {
  masterData: { districts(): Promise<District[]> };
  keys: DerivedKeysStore;
  clock: { now(): Date };
}

export interface BackfillOptions {
  /** First IST month walked, yyyy-mm. */
  from: string;
  /** Walk these district codes instead of master data's districts. */
  districts?: readonly string[];
  /** Count what would change; write nothing. */
  dryRun?: boolean;
  /** Month partitions worked on at once; each has at most one request in flight. */
  concurrency?: number;
}

export interface BackfillCounts {
  /** References read (each once, whatever the retries). */
  examined: number;
  /** Written (on a dry run: would be written). */
  updated: number;
  /** Nothing to change. */
  current: number;
  /** Changed by someone else twice while being backfilled; run again to finish them. */
  skipped: number;
  /** References whose keys of each index were written (or would be). */
  byIndex: Record<string, number>;
}

export interface BackfillResult extends BackfillCounts {
  from: string;
  to: string;
  months: number;
  dryRun: boolean;
  byDistrict: Record<string, BackfillCounts>;
}

/** A default for `from`: this many IST months before the current one. */
export const DEFAULT_MONTHS_BACK = 24;

const emptyCounts = (): BackfillCounts => ({ examined: 0, updated: 0, current: 0, skipped: 0, byIndex: {} });

/** The IST months from `from` to `to`, both included (yyyy-mm). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = istMonth(istMonthRange(month).end)) months.push(month);
  return months;
}

/** The IST month `count` months before `month`. */
export function monthsBefore(month: string, count: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The one-off upgrade backfill: every reference filed in a district from `from` to the current IST
 * month (Queries of the `month` index, which every reference has carried since its filing) is read
 * by key, and the index keys its state puts it under but the stored item lacks or holds otherwise
 * (those of indexes added by a later release: `retention`, `updated`, the call desk's FEEDBACK#
 * entries) are written, conditional on the version read. A reference that changes meanwhile is read
 * again and tried once more (its change wrote only the keys it moved); one that changes again is
 * counted as skipped. Idempotent: a second run finds everything current and writes nothing.
 */
export async function backfillDerivedKeys(
  options: BackfillOptions,
  deps: BackfillDeps,
): Promise<BackfillResult> {
  const to = istMonth(deps.clock.now());
  const months = monthsBetween(options.from, to);
  const districts = options.districts ?? (await deps.masterData.districts()).map((d) => d.code);
  const dryRun = options.dryRun ?? false;
  const total = emptyCounts();
  const byDistrict: Record<string, BackfillCounts> = {};
  for (const code of districts) byDistrict[code] = emptyCounts();

  const count = (code: string, update: (counts: BackfillCounts) => void) => {
    update(total);
    update(byDistrict[code]!);
  };
  const wrote = (code: string, keys: StoredKeys) =>
    count(code, (c) => {
      c.updated++;
      for (const index of keys.indexes) c.byIndex[index] = (c.byIndex[index] ?? 0) + 1;
    });

  const backfillOne = async (code: string, read: StoredKeys) => {
    count(code, (c) => c.examined++);
    let keys: StoredKeys | undefined = read;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!keys || Object.keys(keys.changes).length === 0) {
        count(code, (c) => c.current++);
        return;
      }
      if (dryRun || (await deps.keys.write(keys))) {
        wrote(code, keys);
        return;
      }
      [keys] = await deps.keys.read([keys.referenceNo]);
    }
    count(code, (c) => c.skipped++);
  };

  const partitions = districts.flatMap((code) => months.map((month) => ({ code, month })));
  await forEachLimit(partitions, options.concurrency ?? 4, async ({ code, month }) => {
    for await (const page of deps.keys.filedIn(code, month)) {
      for (const read of await deps.keys.read(page)) await backfillOne(code, read);
    }
  });
  return { ...total, from: options.from, to, months: months.length, dryRun, byDistrict };
}
