import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { rankView } from '../../domain/ranking/rank-view.ts';
import { contactKey } from '../../domain/reference/contact.ts';
import type { Transitionable } from '../../domain/reference/lifecycle.ts';
import { legacyMobileHash } from '../../domain/reference/mobile-hash.ts';
import { FEEDBACK_CALL_MAX_TRIES, unreachableCalls } from '../../domain/reference/transitions.ts';
import { type DueEntry, OPEN_STATUSES, type Reference } from '../../domain/reference/types.ts';
import { istDate, istMonth } from '../../domain/time/ist.ts';
import { fromItem, type Item } from './dynamo-item.ts';

/**
 * A reference as its DynamoDB item: the key, long texts packed, the index keys its state puts it
 * under, and the copies indexes read (rankView). The repository (reference-repository.ts) writes and
 * reads items through these; the demo and the benchmarks store references through referenceItem.
 */

export const referenceKey = (referenceNo: string) => ({ pk: `REF#${referenceNo}`, sk: 'REF' });

/** Attributes only the storage has: keys, index keys, derived copies and the last write's id. */
const STORAGE_ATTRIBUTES = [
  'pk',
  'sk',
  'inboxPk',
  'inboxSk',
  'duePk',
  'dueSk',
  'monthPk',
  'monthSk',
  'complainantPk',
  'complainantSk',
  'dayPk',
  'daySk',
  'retainPk',
  'retainSk',
  'updatedPk',
  'updatedSk',
  'itemType',
  'expiresAtEpoch',
  'rankView',
  'writeId',
] as const;

/**
 * Long free text is stored deflated, as a binary value under the same attribute name: DynamoDB
 * bills every rewrite of the reference by its whole size, Hindi takes three bytes a character in
 * UTF-8 and deflates to about a third, and these texts are written once and rewritten with every
 * later state change. Short text stays a plain string (what the console and exports show).
 */
const PACKED_FROM_BYTES = 256;
const PACKED_TEXTS: Readonly<Record<string, readonly string[]>> = {
  description: [],
  report: ['findings', 'actionTaken'],
  complainant: ['address'],
};

const packText = (text: unknown) =>
  typeof text === 'string' && Buffer.byteLength(text) >= PACKED_FROM_BYTES ? deflateRawSync(text) : text;
const unpackText = (value: unknown) =>
  value instanceof Uint8Array ? inflateRawSync(value).toString('utf8') : value;

/** An attribute's value as stored: its long texts packed. */
export function packAttribute(name: string, value: unknown): unknown {
  const fields = PACKED_TEXTS[name];
  if (!fields || value === undefined || value === null) return value;
  if (fields.length === 0) return packText(value);
  const packed = { ...(value as Record<string, unknown>) };
  for (const field of fields) if (field in packed) packed[field] = packText(packed[field]);
  return packed;
}

function unpackAttributes(raw: Record<string, unknown>): void {
  for (const [name, fields] of Object.entries(PACKED_TEXTS)) {
    const value = raw[name];
    if (value === undefined || value === null) continue;
    if (fields.length === 0) raw[name] = unpackText(value);
    else {
      const map = value as Record<string, unknown>;
      for (const field of fields) if (field in map) map[field] = unpackText(map[field]);
    }
  }
}

/** A stored item back to the domain's Reference, without the key attributes, its texts unpacked. */
export function toReference(item: Item): Reference {
  const raw = fromItem<Record<string, unknown>>(item);
  for (const name of STORAGE_ATTRIBUTES) delete raw[name];
  unpackAttributes(raw);
  return raw as unknown as Reference;
}

/**
 * Which work list a reference is on, by state: the district cell's triage list, a station's inbox,
 * a supervisor's review list, a district's recent disposals (the random-check draw reads one day's),
 * or a district's drawn-for-check list. One list at a time, so one sparse index serves them all.
 */
function inboxKeys(reference: Reference): { pk: string; sk: string } | undefined {
  const byDeadline = `${reference.deadlineAt}#${reference.referenceNo}`;
  switch (reference.status) {
    case 'triage':
      return { pk: `TRIAGE#${reference.districtCode}`, sk: byDeadline };
    case 'assigned':
    case 'returned':
      return reference.stationCode ? { pk: `STATION#${reference.stationCode}`, sk: byDeadline } : undefined;
    case 'report-submitted':
    case 'reopened':
      return reference.stationCode ? { pk: `REVIEW#${reference.stationCode}`, sk: byDeadline } : undefined;
    case 'resolved':
    case 'closed': {
      const check = reference.randomCheck;
      if (check && !check.result) {
        return { pk: `RCHECK#${reference.districtCode}`, sk: `${check.drawnAt}#${reference.referenceNo}` };
      }
      if (check || !reference.disposal) return undefined;
      return {
        pk: `DISPOSED#${reference.districtCode}#${istDate(new Date(reference.disposal.disposedAt))}`,
        sk: `${reference.disposal.disposedAt}#${reference.referenceNo}`,
      };
    }
    default:
      return undefined;
  }
}

/**
 * The index keys a reference carries for its state. Sparse: a reference waiting for its station's
 * action sits in that station's inbox, a triaged one in its district cell's list, and every open
 * one in its district's due list by deadline.
 */
export function indexKeys(reference: Reference): Record<string, string | undefined> {
  const open = OPEN_STATUSES.includes(reference.status);
  // A triaged reference waits in its district cell's list; an open one at a station in that station's.
  const inbox = inboxKeys(reference);
  return {
    inboxPk: inbox?.pk,
    inboxSk: inbox?.sk,
    ...dueKeys(reference, open),
  };
}

/**
 * The `due` index. An open reference not yet a defaulter is in DUE#<district> by deadline, so the
 * hourly sweep reads exactly what has fallen due (sort key below its time) and the reminders and the
 * district cell what falls due next. Once the sweep marks it a defaulter it moves to
 * DUEFLAGGED#<district>, sorted by when it was marked (<defaulterAt>#<referenceNo>): out of every
 * later sweep's range, and a retried sweep run finds what it marked by its own time.
 */
function dueKeys(
  reference: Reference,
  open: boolean,
): { duePk: string | undefined; dueSk: string | undefined } {
  if (!open) return awaitingFeedbackKeys(reference);
  if (reference.defaulterAt) {
    return {
      duePk: `DUEFLAGGED#${reference.districtCode}`,
      dueSk: `${reference.defaulterAt}#${reference.referenceNo}`,
    };
  }
  return {
    duePk: `DUE#${reference.districtCode}`,
    dueSk: `${reference.deadlineAt}#${reference.referenceNo}`,
  };
}

/**
 * The `retention` index: a disposed reference still holding personal data, by its last disposal, so
 * the retention job reads exactly those past the windows. Out while open (a reopened one comes back
 * with its new disposal), while drawn for a random check not yet done (the check may call the
 * complainant), and once redacted after that disposal.
 */
export function retentionKeys(reference: Reference): {
  retainPk: string | undefined;
  retainSk: string | undefined;
} {
  const disposal = reference.disposal;
  const pending = reference.randomCheck && !reference.randomCheck.result;
  const redacted = reference.redaction && disposal && reference.redaction.at >= disposal.disposedAt;
  if (OPEN_STATUSES.includes(reference.status) || !disposal || pending || redacted)
    return { retainPk: undefined, retainSk: undefined };
  return {
    retainPk: `RETAIN#${reference.districtCode}`,
    retainSk: `${disposal.disposedAt}#${reference.referenceNo}`,
  };
}

/**
 * A disposal waiting for the complainant's answer sits in the `due` index too (a disposed reference
 * is never on the district's due list, so the slot is free): FEEDBACK#<district> by disposal time,
 * the feedback operators' call list, read by Query from the start of the feedback window. It leaves
 * the list when the answer comes (by link or call) or after FEEDBACK_CALL_MAX_TRIES calls that
 * found nobody.
 */
function awaitingFeedbackKeys(reference: Reference): {
  duePk: string | undefined;
  dueSk: string | undefined;
} {
  const none = { duePk: undefined, dueSk: undefined };
  if (!reference.disposal || (reference.status !== 'resolved' && reference.status !== 'closed')) return none;
  if (reference.feedback?.disposalNumber === (reference.disposalCount ?? 1)) return none;
  if (unreachableCalls(reference) >= FEEDBACK_CALL_MAX_TRIES) return none;
  return {
    duePk: `FEEDBACK#${reference.districtCode}`,
    dueSk: `${reference.disposal.disposedAt}#${reference.referenceNo}`,
  };
}

/** Everything stored beside a reference's own fields that follows its state: index keys and rankView. */
export function derivedAttributes(reference: Reference | Transitionable): Record<string, unknown> {
  const full = reference as Reference;
  // Only a whole reference says what its rank view is: an index copy (a DueEntry: no complainant)
  // lacks the officer work, and a view made from it would overwrite the stored one.
  return {
    ...derivedIndexKeys(full),
    ...('complainant' in full ? { rankView: rankView(full) } : {}),
  };
}

/**
 * Every index key a reference's state puts it under (undefined: not on that index; absent: leave as
 * stored), without the rankView copy. What the upgrade backfill (shared/use-cases/backfill-derived-keys.ts)
 * compares a stored item with: the same functions every write uses.
 */
export function derivedIndexKeys(reference: Reference): Record<string, string | undefined> {
  return { ...indexKeys(reference), ...retentionKeys(reference), ...updatedKeys(reference) };
}

/**
 * The `updated` index: a reference under the IST day of its last change, by that time. A copy from
 * the `due` index carries no updatedAt; its keys are then left as they are.
 */
export function updatedKeys(reference: Pick<Reference, 'updatedAt' | 'referenceNo'>) {
  if (!reference.updatedAt) return {};
  return {
    updatedPk: `UPDATED#${istDate(new Date(reference.updatedAt))}`,
    updatedSk: `${reference.updatedAt}#${reference.referenceNo}`,
  };
}

/** The keys fixed at filing: the month, the complainant and the IST day. */
export interface FilingKeys {
  mobileHash: string;
  istMonth: string;
  istDate: string;
}

/**
 * The item the repository keeps for a reference: what create() writes at filing, with the state
 * keys saveTransition keeps in step since. The demo and the benchmarks store references through it.
 */
export function referenceItem(reference: Reference, keys?: FilingKeys): Record<string, unknown> {
  const filed = new Date(reference.createdAt);
  // Without keys (the demo's and the benchmarks' bulk writes, which have no secret) the complainant
  // goes under the unkeyed hash of key version 0, which lookups read while the keyring says legacy.
  const fixed = keys ?? {
    mobileHash: legacyMobileHash(contactKey(reference.complainant)),
    istMonth: istMonth(filed),
    istDate: istDate(filed),
  };
  const stored: Record<string, unknown> = { ...reference };
  for (const name of Object.keys(PACKED_TEXTS))
    if (name in stored) stored[name] = packAttribute(name, stored[name]);
  return {
    ...referenceKey(reference.referenceNo),
    itemType: 'reference',
    ...stored,
    ...derivedAttributes(reference),
    monthPk: `MONTH#${reference.districtCode}#${fixed.istMonth}`,
    monthSk: `${reference.createdAt}#${reference.referenceNo}`,
    complainantPk: `MOBILE#${fixed.mobileHash}`,
    complainantSk: reference.createdAt,
    dayPk: `DAY#${fixed.istDate}`,
    daySk: `${reference.createdAt}#${reference.referenceNo}`,
  };
}

/** A `due` index item as the DueEntry it copies (its history is not there: empty). */
export function toDueEntry(item: Item): DueEntry {
  return { ...(toReference(item) as unknown as DueEntry), history: [] };
}
