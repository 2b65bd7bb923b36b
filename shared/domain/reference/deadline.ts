import { addIstDays, istDate, istDayStart } from '../time/ist.ts';
import type { Reference } from './types.ts';

/**
 * The one deadline rule. A reference has `deadlineDays` (its category's time limit) whole IST
 * calendar days, to the end (23:59:59.999 IST) of the last one, counted from when its clock starts:
 * filing sets a first deadline, and the clock starts again when a station is assigned (by the
 * router or the district cell). A transfer or a return keeps the deadline as it is.
 */
export function deadlineFrom(start: Date, deadlineDays: number): Date {
  // Whole days, as IGRS counts them: a reference filed at any hour ends with the same IST day.
  const lastDay = addIstDays(istDate(start), deadlineDays);
  return new Date(istDayStart(addIstDays(lastDay, 1)).getTime() - 1);
}

/**
 * The deadline from an assignment at `at`. When the category is no longer in master data (no time
 * limit to count), the deadline set at filing stands.
 */
export function assignmentDeadline(
  reference: Pick<Reference, 'deadlineAt'>,
  at: Date,
  deadlineDays: number | undefined,
): Date {
  return deadlineDays === undefined ? new Date(reference.deadlineAt) : deadlineFrom(at, deadlineDays);
}
