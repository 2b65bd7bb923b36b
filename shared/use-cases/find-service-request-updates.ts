import type { Language } from '../domain/language.ts';
import type { UpdatesQuery } from '../domain/open311/query.ts';
import { serviceRequestUpdates } from '../domain/open311/updates.ts';
import type { Reference } from '../domain/reference/types.ts';
import { addIstDays, istDate } from '../domain/time/ist.ts';

/** What GET servicerequestupdates reads: references by the IST day of their last change, and by number. */
export interface UpdateSource {
  /** Numbers of the references last changed on one IST day, at or after fromIso. */
  updatedOn(istDay: string, fromIso: string): Promise<string[]>;
  getMany(referenceNos: string[]): Promise<Reference[]>;
}

export interface UpdatesResult {
  updates: ReturnType<typeof serviceRequestUpdates>;
  /** False when more references changed since the window's start than one answer reads. */
  complete: boolean;
}

/** Past this many changed references one answer stops and says so (x-results-incomplete). */
export const MAX_REFERENCES_PER_POLL = 5000;
const BATCH = 100;

/**
 * FixMyStreet's poll for updates: every public status change within the window, oldest first. A
 * reference changed within the window may have changed again since, which moves it in the `updated`
 * index to that later day, so the index is read from the window's start up to today, and each
 * reference's history says which of its changes fall within the window. Queries only.
 */
export async function findServiceRequestUpdates(
  query: UpdatesQuery,
  language: Language,
  source: UpdateSource,
  now: Date,
  maxReferences = MAX_REFERENCES_PER_POLL,
): Promise<UpdatesResult> {
  const fromIso = query.from.toISOString();
  const days: string[] = [];
  for (let day = istDate(query.from), last = istDate(now); day <= last; day = addIstDays(day, 1))
    days.push(day);
  const numbers: string[] = [];
  for (let i = 0; i < days.length; i += 8) {
    const found = await Promise.all(days.slice(i, i + 8).map((day) => source.updatedOn(day, fromIso)));
    numbers.push(...found.flat());
  }
  const unique = [...new Set(numbers)];
  const complete = unique.length <= maxReferences;
  const wanted = unique.slice(0, maxReferences);
  const updates: UpdatesResult['updates'] = [];
  for (let i = 0; i < wanted.length; i += BATCH) {
    for (const reference of await source.getMany(wanted.slice(i, i + BATCH))) {
      updates.push(...serviceRequestUpdates(reference, query.from, query.to, language));
    }
  }
  updates.sort(
    (a, b) =>
      Date.parse(a.updated_datetime) - Date.parse(b.updated_datetime) ||
      a.update_id.localeCompare(b.update_id),
  );
  return { updates, complete };
}
