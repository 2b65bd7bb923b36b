import type { Actor, HistoryEvent, Reference } from '../reference/types.ts';

/**
 * Every place Nivaran keeps a complainant's personal data, as ONE declaration that the retention
 * job, the erasure on request and the tests all read. A feature that stores personal data somewhere
 * new (an OTP record, a feedback call, a tracking token) adds one entry here and nothing else: the
 * job and the erasure remove it, and test/integration/retention.test.ts looks for it in every copy.
 *
 * What stays after a redaction is what the rankings and statistics read: district, station,
 * category, channel, dates, status, outcome code, grade, contact flag and mode, feedback
 * satisfied or not, random-check result, FIR number and every history event's action, actor and time.
 */

/** A field of the reference item. `''` keeps a text the type requires present and empty; `undefined` removes it. */
export interface PersonalField {
  path: readonly string[];
  to: '' | undefined;
}

/** Items beside the reference, found by Query on their partition key. */
export interface PersonalRecord {
  kind: string;
  /** The partition key: `{referenceNo}` or `{mobileHash}` is filled in. */
  pk: string;
  /** Only sort keys starting with this, when the partition holds other items too. */
  skPrefix?: string;
  /**
   * The sort key is an IST month (yyyy-mm): the retention job leaves the running month's item, which
   * counts this month's complaints of other references too; an erasure removes it as well.
   */
  keepRunningMonth?: boolean;
  holds: string;
}

/** S3 objects of a reference, deleted with every version the bucket lets go of at once. */
export interface PersonalObjects {
  bucket: 'attachments';
  /** The key prefix, `{referenceNo}` filled in. */
  prefix: string;
  holds: string;
}

export interface PersonalDataDeclaration {
  referenceFields: readonly PersonalField[];
  /** Fields of every history event: free text people wrote (reasons, remarks, comments, file names). */
  historyFields: readonly (keyof HistoryEvent)[];
  /**
   * Storage attributes of the reference item that file it under the complainant: removed, so the
   * index that copies them (`complainant`, which also copies the description) lets go of it.
   */
  storageAttributes: readonly string[];
  records: readonly PersonalRecord[];
  objects: readonly PersonalObjects[];
}

export const PERSONAL_DATA: PersonalDataDeclaration = {
  referenceFields: [
    { path: ['complainant', 'name'], to: '' },
    { path: ['complainant', 'mobile'], to: '' },
    { path: ['complainant', 'email'], to: undefined },
    { path: ['complainant', 'address'], to: '' },
    { path: ['description'], to: '' },
    // Where it happened, to the metre, is often the complainant's home; the PIN code, station and
    // district stay for statistics.
    { path: ['location', 'locality'], to: undefined },
    { path: ['location', 'latitude'], to: undefined },
    { path: ['location', 'longitude'], to: undefined },
    // Officers' free text retells the complaint with names and places.
    { path: ['report', 'findings'], to: '' },
    { path: ['report', 'actionTaken'], to: '' },
    { path: ['disposal', 'remark'], to: '' },
    { path: ['feedback', 'comment'], to: undefined },
    { path: ['randomCheck', 'remark'], to: undefined },
  ],
  historyFields: ['note'],
  storageAttributes: ['complainantPk', 'complainantSk'],
  records: [
    {
      kind: 'contact-view',
      pk: 'REF#{referenceNo}',
      skPrefix: 'VIEW#',
      holds: "which officer's post read the contact details, and when",
    },
    {
      kind: 'tracking-guard',
      pk: 'TRACKFAIL#REF#{referenceNo}',
      holds: 'failed tracking attempts on the reference, per window (also expire by TTL within 3 hours)',
    },
    {
      kind: 'otp',
      pk: 'OTP#{mobileHash}',
      holds: "a one-time code's HMAC for 'my complaints' (TTL 5 minutes; deleted once used)",
    },
    {
      kind: 'otp-rate',
      pk: 'OTPRATE#MOBILE#{mobileHash}',
      holds: 'codes asked for under the mobile hash, per hour and day (TTL 2 days)',
    },
    {
      kind: 'intake-limit',
      pk: 'LIMIT#{mobileHash}',
      keepRunningMonth: true,
      holds: "the month's complaint count under a hash of the mobile number",
    },
  ],
  objects: [
    {
      bucket: 'attachments',
      prefix: 'attachments/{referenceNo}/',
      holds: 'files stations attached to their reports',
    },
  ],
};

/** A record's partition key or an object prefix for one reference. */
export function fillKey(
  pattern: string,
  ids: { referenceNo: string; mobileHash?: string },
): string | undefined {
  if (pattern.includes('{mobileHash}') && !ids.mobileHash) return undefined;
  return pattern
    .replaceAll('{referenceNo}', ids.referenceNo)
    .replaceAll('{mobileHash}', ids.mobileHash ?? '');
}

/** The history action a redaction appends (shown to officers and in the complainant's timeline). */
export const REDACTED_ACTION = 'personal-data-redacted';

export interface RedactionInput {
  at: Date;
  reason: 'retention' | 'erasure';
  actor: Actor;
  /** The retention policy's version, or the erasure's audit id. */
  details: Record<string, string>;
  declaration?: PersonalDataDeclaration;
}

/**
 * The reference without the declared personal data: each declared field emptied or removed, each
 * history event's free text removed, a `redaction` mark and one event saying so, and a new version
 * (so an officer's form read before it cannot write the old texts back).
 */
export function redactReference(reference: Reference, input: RedactionInput): Reference {
  const declaration = input.declaration ?? PERSONAL_DATA;
  const redacted = structuredClone(reference) as unknown as Record<string, unknown>;
  for (const field of declaration.referenceFields) setPath(redacted, field.path, field.to);
  const at = input.at.toISOString();
  const history = (redacted.history as HistoryEvent[]).map((event) => {
    const kept = { ...event } as Record<string, unknown>;
    for (const name of declaration.historyFields) delete kept[name];
    return kept as unknown as HistoryEvent;
  });
  history.push({
    at,
    actor: input.actor,
    action: REDACTED_ACTION,
    details: { reason: input.reason, ...input.details },
  });
  return {
    ...(redacted as unknown as Reference),
    version: reference.version + 1,
    updatedAt: at,
    history,
    redaction: { at, reason: input.reason },
  };
}

/** The personal values a reference holds, by the declaration: what must be gone from every copy. */
export function personalValues(reference: Reference, declaration = PERSONAL_DATA): string[] {
  const values: string[] = [];
  for (const field of declaration.referenceFields) {
    const value = getPath(reference as unknown as Record<string, unknown>, field.path);
    if (value !== undefined && value !== null && String(value) !== '') values.push(String(value));
  }
  for (const event of reference.history)
    for (const name of declaration.historyFields) {
      const value = event[name];
      if (typeof value === 'string' && value !== '') values.push(value);
    }
  return values;
}

function getPath(target: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = target;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function setPath(target: Record<string, unknown>, path: readonly string[], to: '' | undefined): void {
  const parent = getPath(target, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return;
  const map = parent as Record<string, unknown>;
  const key = path[path.length - 1]!;
  if (!(key in map)) return;
  if (to === undefined) delete map[key];
  else map[key] = to;
}
