import type { Channel, DefaulterHolder, Reference } from '../reference/types.ts';
import { istMonth } from '../time/ist.ts';
import {
  addCounts,
  type CountKey,
  countKeysFor,
  emptyCounts,
  type RankedReference,
  type RawCounts,
  referenceFacts,
} from './counts.ts';

export type UnitLevel = 'district' | 'station';

/** One unit's running counts. */
export interface UnitCounts {
  level: UnitLevel;
  code: string;
  /** The district a station's references were in (for a district, its own code). */
  districtCode: string;
  counts: RawCounts;
}

export const unitKey = (level: UnitLevel, code: string): string => `${level}#${code}`;

export interface AccumulatorStats {
  /** References offered to `add`. */
  read: number;
  /** References filed in the month and counted. */
  counted: number;
  /** References filed in another IST month (skipped). */
  outsideMonth: number;
}

/**
 * Consumes a month's references one at a time and keeps only per-unit counts: memory grows with
 * the number of districts and stations, never with the number of references.
 *
 * A reference counts for the IST month it was filed in (its createdAt), under the district and
 * station it is at when read: the month index is partitioned by the district at filing, but a
 * reference transferred since is judged where it was disposed. One filed in another month (the
 * month index is written at filing, so only a bad item could be) is skipped and counted as such.
 */
export class RankingAccumulator {
  readonly month: string;
  readonly asOf: Date;
  readonly #priorityChannels: readonly Channel[];
  readonly #feedbackChannels: boolean;
  readonly #chargeHolder: boolean;
  readonly #countKeys: CountKey[];
  readonly #units = new Map<string, UnitCounts>();
  readonly #stats: AccumulatorStats = { read: 0, counted: 0, outsideMonth: 0 };

  constructor(options: {
    month: string;
    asOf: Date;
    priorityChannels: readonly Channel[];
    /** Keep feedback counts by channel (the policy's `feedbackChannels`). */
    feedbackChannels?: boolean | undefined;
    /** Charge a flagged defaulter to the unit that held it then (the policy's `defaulterCharge`). */
    chargeDefaultersToHolder?: boolean | undefined;
  }) {
    this.month = options.month;
    this.asOf = options.asOf;
    this.#priorityChannels = options.priorityChannels;
    this.#feedbackChannels = options.feedbackChannels === true;
    this.#chargeHolder = options.chargeDefaultersToHolder === true;
    this.#countKeys = countKeysFor({ feedbackChannels: this.#feedbackChannels });
  }

  /** True when the reference was filed in the accumulator's IST month. */
  inMonth(reference: Pick<Reference, 'createdAt'>): boolean {
    return istMonth(new Date(reference.createdAt)) === this.month;
  }

  add(reference: RankedReference): 'counted' | 'outside-month' {
    this.#stats.read++;
    if (!this.inMonth(reference)) {
      this.#stats.outsideMonth++;
      return 'outside-month';
    }
    this.#stats.counted++;
    const facts = referenceFacts(reference, {
      asOf: this.asOf,
      priorityChannels: this.#priorityChannels,
      feedbackChannels: this.#feedbackChannels,
    });
    // The district answers for every reference filed with it, whoever held it.
    this.#bump(this.#unit('district', reference.districtCode, reference.districtCode), facts);
    const holder = this.#chargeHolder ? this.#flaggedHolder(reference) : undefined;
    if (reference.stationCode) {
      const station = reference.stationCode;
      const chargedHere =
        !holder ||
        (holder.unit === 'station' && holder.code === station) ||
        this.#ownLateness(reference, facts);
      this.#bump(
        this.#unit('station', station, reference.districtCode),
        chargedHere ? facts : facts.filter((fact) => fact !== 'defaulters'),
      );
    }
    if (holder?.unit === 'station' && holder.code !== reference.stationCode)
      this.#bump(this.#unit('station', holder.code, reference.districtCode), ['defaulters']);
    return 'counted';
  }

  /** Who held a reference the sweep flagged by the cut-off, when that was recorded. */
  #flaggedHolder(reference: RankedReference): DefaulterHolder | undefined {
    const at = reference.defaulterAt ? Date.parse(reference.defaulterAt) : Number.NaN;
    return at <= this.asOf.getTime() ? reference.defaulterHolder : undefined;
  }

  /**
   * Late or overdue on a deadline of the station's own: one that started after the flag (the cell
   * assigned it from triage, which starts the deadline again). A transfer keeps the deadline, so
   * lateness on the flagged deadline stays with the unit that held it when it passed.
   */
  #ownLateness(reference: RankedReference, facts: readonly CountKey[]): boolean {
    const lateOrOverdue = facts.includes('late') || facts.includes('pendingOverdue');
    return lateOrOverdue && Date.parse(reference.deadlineAt) > Date.parse(reference.defaulterAt ?? '');
  }

  /** Adds every reference of an async stream (a district's month index pages). */
  async addAll(references: AsyncIterable<RankedReference> | Iterable<RankedReference>): Promise<void> {
    for await (const reference of references) this.add(reference);
  }

  get stats(): Readonly<AccumulatorStats> {
    return { ...this.#stats };
  }

  /** Units held: what the memory depends on. */
  get unitCount(): number {
    return this.#units.size;
  }

  /** Numbers held in all (units × count keys): the accumulator's whole state. */
  get stateSize(): number {
    let size = 0;
    for (const unit of this.#units.values()) size += Object.keys(unit.counts).length;
    return size;
  }

  counts(level: UnitLevel, code: string): Readonly<RawCounts> | undefined {
    return this.#units.get(unitKey(level, code))?.counts;
  }

  units(): IterableIterator<Readonly<UnitCounts>> {
    return this.#units.values();
  }

  /** Merges another accumulator's counts (e.g. districts counted in parallel) into this one. */
  merge(other: RankingAccumulator): this {
    if (other.month !== this.month || other.asOf.getTime() !== this.asOf.getTime())
      throw new Error('Only accumulators of the same month and cut-off can be merged');
    for (const unit of other.units())
      addCounts(this.#unit(unit.level, unit.code, unit.districtCode).counts, unit.counts);
    const stats = other.stats;
    this.#stats.read += stats.read;
    this.#stats.counted += stats.counted;
    this.#stats.outsideMonth += stats.outsideMonth;
    return this;
  }

  #unit(level: UnitLevel, code: string, districtCode: string): UnitCounts {
    const key = unitKey(level, code);
    let unit = this.#units.get(key);
    if (!unit) {
      unit = { level, code, districtCode, counts: emptyCounts(this.#countKeys) };
      this.#units.set(key, unit);
    }
    return unit;
  }

  #bump(unit: UnitCounts, facts: readonly CountKey[]): void {
    for (const fact of facts) unit.counts[fact] = (unit.counts[fact] ?? 0) + 1;
  }
}
