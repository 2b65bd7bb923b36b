/** Small numeric helpers shared by the benchmarks. */

/** Nearest-rank percentile (q in 0..1) of unsorted values; NaN when there are none. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A deterministic PRNG (mulberry32), so every run generates the same data. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from weighted options with a uniform draw in [0, 1). */
export function weighted<T>(draw: number, options: readonly (readonly [T, number])[]): T {
  const total = sum(options.map(([, w]) => w));
  let at = draw * total;
  for (const [value, weight] of options) {
    if (at < weight) return value;
    at -= weight;
  }
  return options[options.length - 1]![0];
}

/** Cumulative weights for repeated weighted draws over a long list (binary search per draw). */
export class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly values: readonly T[],
    weights: readonly number[],
  ) {
    let running = 0;
    for (const weight of weights) {
      running += weight;
      this.cumulative.push(running);
    }
    this.total = running;
  }

  pick(draw: number): T {
    const at = draw * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > at) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo]!;
  }
}

/** Runs `work` for every index below `count`, at most `limit` at a time. */
export async function forEachLimit(
  count: number,
  limit: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

export const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

/** The record's entry under `key`, created by `make` when missing. */
export function entryOf<V>(record: Record<string, V>, key: string, make: () => V): V {
  let value = record[key];
  if (value === undefined) {
    value = make();
    record[key] = value;
  }
  return value;
}
