/**
 * A sliding window over two fixed buckets: the count of the current bucket plus the previous
 * bucket's count weighted by how much of it still lies inside the window. Closed buckets never
 * change, so the estimate is exact about them, and the current bucket's allowance can be written
 * into a conditional update: `count < allowance` lets the store, not the reader, refuse the attempt
 * that would cross the ceiling, however many arrive at once.
 */
export interface AttemptWindow {
  /** Bucket (and window) length in seconds. */
  seconds: number;
  /** Most attempts counted inside any window of that length (approximately, for the old bucket). */
  ceiling: number;
}

/** Start (epoch seconds) of the bucket `now` falls in. */
export function bucketStart(now: Date, window: AttemptWindow): number {
  const epoch = Math.floor(now.getTime() / 1000);
  return epoch - (epoch % window.seconds);
}

/** Share of the previous bucket still inside the window, from 1 at a bucket's start to 0 at its end. */
function previousWeight(now: Date, window: AttemptWindow): number {
  const elapsed = now.getTime() / 1000 - bucketStart(now, window);
  return Math.max(0, 1 - elapsed / window.seconds);
}

/**
 * The current bucket may take another attempt while its count is below this: the ceiling less the
 * previous bucket's weighted count. Zero or less refuses every attempt.
 */
export function currentAllowance(previous: number, now: Date, window: AttemptWindow): number {
  return window.ceiling - previous * previousWeight(now, window);
}

/**
 * Whole seconds until another attempt would be allowed, given the two buckets' counts: when the
 * current bucket is full, until the next bucket begins and enough of this one has slid out; else
 * until enough of the previous bucket has slid out. At least 1.
 */
export function secondsUntilAllowed(
  counts: { previous: number; current: number },
  now: Date,
  window: AttemptWindow,
): number {
  const nowSeconds = now.getTime() / 1000;
  const start = bucketStart(now, window);
  let at: number;
  if (counts.current + 1 > window.ceiling) {
    // In the next bucket the current one weighs current * (1 - f); room once that is <= ceiling - 1.
    const f = counts.current === 0 ? 0 : Math.max(0, 1 - (window.ceiling - 1) / counts.current);
    at = start + window.seconds + f * window.seconds;
  } else {
    // Room once previous * (1 - f) <= ceiling - 1 - current.
    const room = window.ceiling - 1 - counts.current;
    const f = counts.previous === 0 ? 0 : Math.max(0, 1 - room / counts.previous);
    at = start + f * window.seconds;
  }
  return Math.max(1, Math.ceil(at - nowSeconds));
}

/** One attempt counted in a bucket, to give back when it turns out correct. */
export interface AttemptSlot {
  key: string;
  bucket: number;
  window: AttemptWindow;
}

/** Failed attempts counted per key in a sliding window (adapter: DynamoAttemptLimiter). */
export interface AttemptLimiter {
  /**
   * Counts one attempt under `key` if the window has room below its ceiling, atomically: of any
   * number of concurrent takes, only as many as there is room for succeed.
   */
  take(
    key: string,
    window: AttemptWindow,
  ): Promise<{ ok: true; slot: AttemptSlot } | { ok: false; retryAfterSeconds: number }>;
  /** Gives back an attempt that was correct, so only failures stay counted. */
  giveBack(slot: AttemptSlot): Promise<void>;
  /** Counts a failure without a ceiling (it blocks other attempts only through later takes). */
  record(key: string, window: AttemptWindow): Promise<void>;
}
