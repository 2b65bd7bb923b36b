import type {
  ActionTakenReport,
  Channel,
  DefaulterHolder,
  Disposal,
  Feedback,
  RandomCheck,
  Reference,
} from '../reference/types.ts';

/**
 * What the ranking reads of a reference: its state and deadline fields and a summary of the officer
 * work, never texts or history. The `month` index copies exactly this (MONTH_ATTRIBUTES), so a full
 * Reference and an index item serve alike.
 */
export type RankedReference = Pick<
  Reference,
  | 'referenceNo'
  | 'status'
  | 'channel'
  | 'districtCode'
  | 'stationCode'
  | 'createdAt'
  | 'deadlineAt'
  | 'defaulterAt'
  | 'reopenCount'
  | 'returnCount'
> & {
  report?: Pick<ActionTakenReport, 'contacted'>;
  disposal?: Pick<Disposal, 'disposedAt' | 'kind' | 'grade' | 'late'>;
  feedback?: Pick<Feedback, 'at' | 'satisfied' | 'channel'>;
  randomCheck?: Pick<RandomCheck, 'drawnAt' | 'checkedAt' | 'result'>;
  /** Who held the reference when the sweep flagged it (absent on flags from before it was recorded). */
  defaulterHolder?: DefaulterHolder;
};

/**
 * The raw counts kept per unit (district or station). Every reference filed in the ranking month
 * adds to its district's counts and, when it is at a station, to that station's: nothing else is
 * kept, so the job's memory grows with the number of units, never with the number of references.
 *
 * Counts are taken "as of" a cut-off instant (the run time): a disposal, feedback, random check or
 * defaulter flag that carries a later timestamp is treated as not yet having happened, so a
 * recompute with the same cut-off explains the same marks.
 */
export const COUNT_KEYS = [
  /** References filed in the month (IST) at this unit. */
  'references',
  /** Disposed by the cut-off (even if reopened since), or past the deadline: the ones judged on time. */
  'due',
  /** Disposed (resolved or closed) at the cut-off; a reopened reference is not. */
  'disposed',
  /** Whose last disposal by the cut-off came within the deadline. */
  'onTime',
  /** Whose last disposal by the cut-off came after the deadline. */
  'late',
  /** Open at the cut-off (never disposed, or reopened) and past the deadline. */
  'pendingOverdue',
  /** Still open, deadline not yet reached: not judged this month. */
  'pendingNotDue',
  /** Flagged by the overdue sweep, disposed late, or open past the deadline. */
  'defaulters',
  /** Disposed at least once by the cut-off (a reopened reference counts: it was disposed). */
  'disposedOnce',
  /** Disposals that carry a supervisor's grade, and the grades. */
  'graded',
  'gradeA',
  'gradeB',
  'gradeC',
  /** Disposed-once references whose report says the complainant was contacted first. */
  'contacted',
  /** Complainants who answered the feedback question by the cut-off, and how. */
  'feedbackReceived',
  'satisfied',
  'unsatisfied',
  /** References whose report the supervisor reviewed: disposed once or sent back at least once. */
  'reviewed',
  /** References sent back for re-investigation at least once. */
  'returned',
  /** References reopened after the complainant's feedback at least once. */
  'reopened',
  /** Random re-checks completed by the cut-off, and their findings. */
  'randomChecked',
  'randomConfirmed',
  'randomNotConfirmed',
  /** References from the policy's priority channels (CM helpline 1076, CM janata darshan). */
  'priorityReferences',
  'priorityDue',
  'priorityOnTime',
  /** Disposals by kind, kept apart: resolved (redressed) and closed (disposed without redress). */
  'resolved',
  'closed',
] as const;

/**
 * Counts kept only under a policy that asks for them (`feedbackChannels`): feedback received by
 * signed link and by telephone call. Apart from COUNT_KEYS so that a month scored under a policy
 * without them keeps exactly the counts (and bytes) it was published with.
 */
export const FEEDBACK_CHANNEL_KEYS = [
  /** Feedback given through the complainant's signed link (or with no channel recorded). */
  'feedbackByLink',
  /** Feedback taken by a feedback operator's telephone call. */
  'feedbackByCall',
] as const;

type BaseCountKey = (typeof COUNT_KEYS)[number];
type OptionalCountKey = (typeof FEEDBACK_CHANNEL_KEYS)[number];
export type CountKey = BaseCountKey | OptionalCountKey;
/** Every base count; the optional ones only when the policy keeps them. */
export type RawCounts = Record<BaseCountKey, number> & Partial<Record<OptionalCountKey, number>>;

const ALL_COUNT_KEYS: readonly string[] = [...COUNT_KEYS, ...FEEDBACK_CHANNEL_KEYS];
export const isCountKey = (value: string): value is CountKey => ALL_COUNT_KEYS.includes(value);

/** A count, zero when the policy does not keep it. */
export const countOf = (counts: Readonly<RawCounts>, key: CountKey): number => counts[key] ?? 0;

/** The count keys a unit keeps under a policy. */
export function countKeysFor(options: { feedbackChannels?: boolean | undefined }): CountKey[] {
  return options.feedbackChannels ? [...COUNT_KEYS, ...FEEDBACK_CHANNEL_KEYS] : [...COUNT_KEYS];
}

export function emptyCounts(keys: readonly CountKey[] = COUNT_KEYS): RawCounts {
  const counts = {} as Record<CountKey, number>;
  for (const key of keys) counts[key] = 0;
  return counts;
}

export function addCounts(into: RawCounts, from: Readonly<RawCounts>): RawCounts {
  for (const key of Object.keys(from) as CountKey[]) into[key] = countOf(into, key) + countOf(from, key);
  return into;
}

const at = (iso: string | undefined): number => (iso ? Date.parse(iso) : Number.NaN);

/**
 * The count keys one reference adds to, as of `asOf`. Pure and total: a reference with missing
 * officer work simply adds to fewer keys.
 */
export function referenceFacts(
  reference: RankedReference,
  context: { asOf: Date; priorityChannels: readonly Channel[]; feedbackChannels?: boolean | undefined },
): CountKey[] {
  const cutoff = context.asOf.getTime();
  const facts: CountKey[] = ['references'];
  // The last approved disposal, if it happened by the cut-off. A reopened reference keeps it.
  const disposal =
    reference.disposal && at(reference.disposal.disposedAt) <= cutoff ? reference.disposal : undefined;
  const disposed =
    disposal !== undefined && (reference.status === 'resolved' || reference.status === 'closed');
  const deadlinePassed = at(reference.deadlineAt) <= cutoff;
  // Timeliness is judged on the disposal record: a reference reopened after an on-time disposal
  // was still disposed on time (its reopening costs marks under 'reopened').
  const due = disposal !== undefined || deadlinePassed;
  const onTime = disposal?.late === false;
  const late = disposal?.late === true;
  // Open now (never disposed, or reopened) and past the deadline: the hourly sweep marks these.
  const pendingOverdue = !disposed && deadlinePassed;
  const flagged = reference.defaulterAt !== undefined && at(reference.defaulterAt) <= cutoff;
  const reopened = (reference.reopenCount ?? 0) > 0;
  const returned = (reference.returnCount ?? 0) > 0;
  const disposedOnce = disposal !== undefined || reopened;

  if (due) facts.push('due');
  if (disposed) facts.push('disposed', disposal!.kind === 'resolved' ? 'resolved' : 'closed');
  if (onTime) facts.push('onTime');
  if (late) facts.push('late');
  if (pendingOverdue) facts.push('pendingOverdue');
  if (!due) facts.push('pendingNotDue');
  if (flagged || late || pendingOverdue) facts.push('defaulters');
  if (disposedOnce) {
    facts.push('disposedOnce');
    if (reference.report?.contacted === true) facts.push('contacted');
    if (reopened) facts.push('reopened');
  }
  if (disposal?.grade) {
    facts.push('graded');
    facts.push(disposal.grade === 'A' ? 'gradeA' : disposal.grade === 'B' ? 'gradeB' : 'gradeC');
  }
  const feedback = reference.feedback;
  if (feedback && at(feedback.at) <= cutoff) {
    facts.push('feedbackReceived', feedback.satisfied ? 'satisfied' : 'unsatisfied');
    // A call and a link count alike above; the scorecard keeps them apart.
    if (context.feedbackChannels)
      facts.push(feedback.channel === 'call' ? 'feedbackByCall' : 'feedbackByLink');
  }
  if (disposedOnce || returned) facts.push('reviewed');
  if (returned) facts.push('returned');
  const check = reference.randomCheck;
  if (check?.result && at(check.checkedAt ?? check.drawnAt) <= cutoff) {
    facts.push('randomChecked', check.result === 'confirmed' ? 'randomConfirmed' : 'randomNotConfirmed');
  }
  if (context.priorityChannels.includes(reference.channel)) {
    facts.push('priorityReferences');
    if (due) facts.push('priorityDue');
    if (onTime) facts.push('priorityOnTime');
  }
  return facts;
}
