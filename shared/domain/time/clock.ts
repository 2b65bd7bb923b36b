/**
 * The one clock rule for scheduled runs: a run happens at its schedule's time
 * (<aws.scheduler.scheduled-time>, passed in the input as `scheduledTime`), so a retried invocation
 * is the same run, counts the same and finds its own work. A run started by hand with no time is
 * run now. A time that is there but does not parse (an unsubstituted placeholder) is refused rather
 * than silently replaced by now, which would make a retry a different run.
 */
export function scheduledInstant(event: unknown, now: Date): Date {
  const raw = (event as { scheduledTime?: unknown } | null)?.scheduledTime;
  if (raw === undefined || raw === null || raw === '') return now;
  const instant = typeof raw === 'string' ? new Date(raw) : new Date(Number.NaN);
  if (Number.isNaN(instant.getTime()))
    throw new Error(`scheduledTime must be an ISO-8601 instant, got ${JSON.stringify(raw)}`);
  return instant;
}
