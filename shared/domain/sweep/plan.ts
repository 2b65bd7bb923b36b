import { createHash } from 'node:crypto';
import type { Officer } from '../masterdata/types.ts';
import {
  type DefaulterHolder,
  type DueEntry,
  OPEN_STATUSES,
  type ReferenceStatus,
} from '../reference/types.ts';
import { istDate } from '../time/ist.ts';

/**
 * The pure half of the scheduled jobs: which references the overdue sweep marks, who hears of them
 * in one digest each, what the daily reminders list, and the messages and keys that make every
 * digest arrive once. No I/O here; shared/domain/sweep/run.ts reads and writes through ports.
 */

const HOUR_MS = 3_600_000;

/** The daily station digest lists what falls due in the next three days. */
export const DUE_SOON_HOURS = 72;
/** The senior officers' list: what becomes a defaulter within two days unless disposed of. */
export const NEAR_DEFAULTER_HOURS = 48;
/** Rows one queued digest carries, keeping an SQS message far below its 256 KB limit. */
export const DIGEST_ROWS_PER_MESSAGE = 200;

/** What a digest says about one reference; nothing personal about the complainant. */
export interface DigestRow {
  referenceNo: string;
  stationCode?: string;
  categoryCode: string;
  status: ReferenceStatus;
  deadlineAt: string;
}

/** One recipient's list. */
export interface RecipientDigest {
  officer: Officer;
  /** The station the list is about (station digests only). */
  stationCode?: string;
  rows: DigestRow[];
}

export const toRow = (reference: DueEntry): DigestRow => ({
  referenceNo: reference.referenceNo,
  ...(reference.stationCode ? { stationCode: reference.stationCode } : {}),
  categoryCode: reference.categoryCode,
  status: reference.status,
  deadlineAt: reference.deadlineAt,
});

const byDeadline = (a: { deadlineAt: string; referenceNo: string }, b: typeof a) =>
  a.deadlineAt < b.deadlineAt
    ? -1
    : a.deadlineAt > b.deadlineAt
      ? 1
      : a.referenceNo < b.referenceNo
        ? -1
        : a.referenceNo > b.referenceNo
          ? 1
          : 0;

const isOpen = (reference: DueEntry) => OPEN_STATUSES.includes(reference.status);

/** The sweep at `now` marks an open reference whose deadline passed and which is not marked yet. */
export function mustMarkDefaulter(reference: DueEntry, now: Date): boolean {
  return (
    isOpen(reference) &&
    reference.defaulterAt === undefined &&
    Date.parse(reference.deadlineAt) < now.getTime()
  );
}

/**
 * Who holds a reference the sweep is about to flag: its station, or the district IGRS cell while it
 * is in triage or not yet routed (no station has it). Recorded with the flag, because the ranking
 * charges the defaulter to this unit and the reference may be elsewhere by the time it is counted.
 */
export function holderAtDeadline(
  reference: Pick<DueEntry, 'status' | 'stationCode' | 'districtCode'>,
): DefaulterHolder {
  const atStation =
    reference.stationCode && reference.status !== 'triage' && reference.status !== 'registered';
  return atStation
    ? { unit: 'station', code: reference.stationCode! }
    : { unit: 'district-cell', code: reference.districtCode };
}

/** What the sweep marks of what it read: each reference once, earliest deadline first. */
export function referencesToMark(read: readonly DueEntry[], now: Date): DueEntry[] {
  const unique = new Map<string, DueEntry>();
  for (const reference of read) {
    if (mustMarkDefaulter(reference, now) && !unique.has(reference.referenceNo))
      unique.set(reference.referenceNo, reference);
  }
  return [...unique.values()].sort(byDeadline);
}

function group(entries: { officer: Officer; stationCode?: string; row: DigestRow }[]): RecipientDigest[] {
  const digests = new Map<string, RecipientDigest>();
  for (const { officer, stationCode, row } of entries) {
    const key = `${officer.id}\u0000${stationCode ?? ''}`;
    let digest = digests.get(key);
    if (!digest) {
      digest = { officer, ...(stationCode ? { stationCode } : {}), rows: [] };
      digests.set(key, digest);
    }
    if (!digest.rows.some((r) => r.referenceNo === row.referenceNo)) digest.rows.push(row);
  }
  return [...digests.values()]
    .map((digest) => ({ ...digest, rows: digest.rows.sort(byDeadline) }))
    .sort((a, b) =>
      a.officer.id === b.officer.id
        ? (a.stationCode ?? '').localeCompare(b.stationCode ?? '')
        : a.officer.id < b.officer.id
          ? -1
          : 1,
    );
}

/**
 * Who hears of newly marked defaulters of one district, one digest each: every supervising officer
 * whose circle has the reference's station, and the district IGRS cell, which hears of all of them
 * (including triaged ones, which have no station and so no supervisor yet).
 */
export function defaulterDigests(
  marked: readonly DueEntry[],
  officers: readonly Officer[],
): RecipientDigest[] {
  const cells = officers.filter((o) => o.role === 'district-cell');
  const entries: { officer: Officer; row: DigestRow }[] = [];
  for (const reference of marked) {
    const row = toRow(reference);
    const station = reference.status === 'triage' ? undefined : reference.stationCode;
    const supervisors = station
      ? officers.filter((o) => o.role === 'supervisor' && o.stationCodes.includes(station))
      : [];
    for (const officer of [...supervisors, ...cells]) entries.push({ officer, row });
  }
  return group(entries);
}

const dueWithin = (reference: DueEntry, now: Date, hours: number) => {
  const deadline = Date.parse(reference.deadlineAt);
  return deadline >= now.getTime() && deadline < now.getTime() + hours * HOUR_MS;
};

/** Statuses in which the station itself must act: what its inbox lists. */
const AT_STATION: readonly ReferenceStatus[] = ['assigned', 'returned'];

/**
 * The daily station digests: for each station, what waits for its action and falls due in the next
 * three days, to each station-officer post of that station.
 */
export function stationDueDigests(
  upcoming: readonly DueEntry[],
  officers: readonly Officer[],
  now: Date,
): RecipientDigest[] {
  const entries: { officer: Officer; stationCode: string; row: DigestRow }[] = [];
  for (const reference of upcoming) {
    const station = reference.stationCode;
    if (!station || !AT_STATION.includes(reference.status) || reference.defaulterAt) continue;
    if (!dueWithin(reference, now, DUE_SOON_HOURS)) continue;
    for (const officer of officers) {
      if (officer.role === 'station-officer' && officer.stationCodes.includes(station))
        entries.push({ officer, stationCode: station, row: toRow(reference) });
    }
  }
  return group(entries);
}

/**
 * The daily near-defaulter list of one district: every open reference due within 48 hours, to the
 * district's senior officers (the SP or DCP post and the IGRS cell).
 */
export function nearDefaulterDigests(
  upcoming: readonly DueEntry[],
  officers: readonly Officer[],
  now: Date,
): RecipientDigest[] {
  const rows = upcoming
    .filter((r) => isOpen(r) && !r.defaulterAt && dueWithin(r, now, NEAR_DEFAULTER_HOURS))
    .map(toRow);
  if (rows.length === 0) return [];
  const seniors = officers.filter((o) => o.role === 'senior-officer' || o.role === 'district-cell');
  return group(seniors.flatMap((officer) => rows.map((row) => ({ officer, row }))));
}

// ---------------------------------------------------------------------------------------------
// Messages on the notifications queue, and the keys that make each digest arrive once.

export interface DefaulterDigestMessage {
  type: 'defaulter-digest';
  districtCode: string;
  officerId: string;
  /** The sweep run's scheduled time: the instant the references were marked. */
  runAt: string;
  rows: DigestRow[];
  /** A huge backlog goes in several messages; each is a digest of its own. */
  part: number;
  parts: number;
}

export interface DueDigestMessage {
  type: 'due-digest';
  districtCode: string;
  officerId: string;
  stationCode: string;
  /** IST date of the run: one digest per station and recipient per day. */
  date: string;
  rows: DigestRow[];
  /** How many the full list has; rows holds the first DIGEST_ROWS_PER_MESSAGE. */
  total: number;
}

export interface NearDefaulterDigestMessage {
  type: 'near-defaulter-digest';
  districtCode: string;
  officerId: string;
  date: string;
  rows: DigestRow[];
  total: number;
}

export type DigestMessage = DefaulterDigestMessage | DueDigestMessage | NearDefaulterDigestMessage;

/** Defaulter digests to queue for one district's run: every row is sent, in parts if need be. */
export function defaulterMessages(
  districtCode: string,
  runAt: Date,
  digests: readonly RecipientDigest[],
): DefaulterDigestMessage[] {
  return digests.flatMap((digest) => {
    const parts = Math.max(1, Math.ceil(digest.rows.length / DIGEST_ROWS_PER_MESSAGE));
    return Array.from({ length: parts }, (_, i) => ({
      type: 'defaulter-digest' as const,
      districtCode,
      officerId: digest.officer.id,
      runAt: runAt.toISOString(),
      rows: digest.rows.slice(i * DIGEST_ROWS_PER_MESSAGE, (i + 1) * DIGEST_ROWS_PER_MESSAGE),
      part: i + 1,
      parts,
    }));
  });
}

/** The daily digests of one district: the full count, and the first rows (the link opens the rest). */
export function reminderMessages(
  districtCode: string,
  now: Date,
  stations: readonly RecipientDigest[],
  seniors: readonly RecipientDigest[],
): (DueDigestMessage | NearDefaulterDigestMessage)[] {
  const date = istDate(now);
  return [
    ...stations.map((d) => ({
      type: 'due-digest' as const,
      districtCode,
      officerId: d.officer.id,
      stationCode: d.stationCode!,
      date,
      rows: d.rows.slice(0, DIGEST_ROWS_PER_MESSAGE),
      total: d.rows.length,
    })),
    ...seniors.map((d) => ({
      type: 'near-defaulter-digest' as const,
      districtCode,
      officerId: d.officer.id,
      date,
      rows: d.rows.slice(0, DIGEST_ROWS_PER_MESSAGE),
      total: d.rows.length,
    })),
  ];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * Who owns the announcement of a row to a recipient: a defaulter digest message, by its content.
 * A redelivered message has the same owner and so holds the same rows; a different message that
 * lists the same reference (an overlapping run) finds it held and leaves it out.
 */
export function announcementOwner(message: DefaulterDigestMessage): string {
  const numbers = message.rows.map((r) => r.referenceNo).sort();
  return sha256(JSON.stringify([message.type, message.runAt, message.officerId, numbers]));
}

/**
 * The ledger key of one digest (the channel is appended by the sender). Defaulter digests: the
 * owner and the rows it holds, so the mail is the same mail on every redelivery. Daily digests:
 * the recipient and the IST date (and station), so a rerun the same day sends nothing.
 */
export function digestKey(message: DigestMessage, announced: readonly string[] = []): string {
  switch (message.type) {
    case 'defaulter-digest':
      return `defaulter-digest#${message.officerId}#${sha256(`${announcementOwner(message)}|${[...announced].sort().join(',')}`)}`;
    case 'due-digest':
      return `due-digest#${message.date}#${message.stationCode}#${message.officerId}`;
    case 'near-defaulter-digest':
      return `near-defaulter-digest#${message.date}#${message.officerId}`;
  }
}
