/** Districts a scheduled job works on at once; each is a handful of Queries and conditional writes. */
export const DISTRICT_CONCURRENCY = 8;

/** Runs `work` over `items`, at most `limit` at a time. */
export async function forEachLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
