/**
 * The DynamoDB key design, shared by the adapters (which query it) and the platform declaration
 * (which creates it in AWS and locally). Every access pattern is a Query on the table or an index;
 * nothing scans.
 *
 * main table: pk / sk
 *   REF#<referenceNo>   / REF              a reference: state, version and history in one item
 *   MASTER#...          / ...              districts, stations, categories, jurisdictions
 *   IDEMP#<key>         / IDEMP            idempotency records of intake requests
 *   ...                                    later issues add rankings, digests, counters
 *   OTP#<mobile hash>   / OTP              a one-time code's HMAC, key id, tries; TTL 5 minutes
 *   OTPRATE#<key>       / <yyyy-mm-dd>     codes per mobile hash or client address (HMAC), per UTC day and hour; TTL 2 days
 *
 * Indexes (sparse: an item is in an index only while it carries the index's keys):
 *   inbox  inboxPk = STATION#<code>        inboxSk = <dueAt>#<referenceNo>   a station's pending list
 *   due    duePk   = DUE#<districtCode>    dueSk   = <dueAt>                 open references by deadline
 *          duePk   = DUEFLAGGED#<district> dueSk  = <defaulterAt>#<ref>    open ones the sweep marked defaulter
 *          duePk   = FEEDBACK#<district>   dueSk  = <disposedAt>#<ref>     disposals awaiting feedback (call desk)
 *   month  monthPk = MONTH#<district>#<yyyy-mm> monthSk = <createdAt>#<ref>  a district's month
 *   complainant complainantPk = MOBILE#<hash> complainantSk = <createdAt>   a complainant's references
 *   day    dayPk = DAY#<yyyy-mm-dd IST>    daySk = <createdAt>#<ref>         the state's references by day
 *   retention retainPk = RETAIN#<district> retainSk = <disposedAt>#<ref>  disposed ones whose personal
 *          data is still held, by last disposal (the retention job reads those past the windows)
 *   updated updatedPk = UPDATED#<yyyy-mm-dd IST> updatedSk = <updatedAt>#<ref>  by the day of their
 *          last change (Open311 servicerequestupdates: every reference changed since a time)
 *
 * No index copies the whole reference (2-3 KB with its history and texts): an index entry costs a
 * write whenever a projected attribute changes, so each copies only what its readers use.
 *   inbox    keys only: its lists are short and read by people, who get the full items by key
 *   due      the deadline fields the sweep, the reminders and the cell's 48-hour list read
 *            (DUE_ATTRIBUTES); the sweep marks defaulters from that copy alone
 *   month    the ranking's fields (MONTH_ATTRIBUTES), with the officer work as a compact
 *            `rankView` map, so texts and history never reach it
 *   complainant and day copy attributes that never change after filing.
 */

/** What the `due` index copies: the fields of a DueEntry (shared/domain/sweep/due.ts). */
export const DUE_ATTRIBUTES = [
  'referenceNo',
  'version',
  'status',
  'districtCode',
  'stationCode',
  'categoryCode',
  'createdAt',
  'deadlineAt',
  'defaulterAt',
] as const;

/** What the `month` index copies: the fields the ranking's referenceFacts reads. */
export const MONTH_ATTRIBUTES = [
  'referenceNo',
  'status',
  'channel',
  'districtCode',
  'stationCode',
  'createdAt',
  'deadlineAt',
  'defaulterAt',
  'reopenCount',
  'returnCount',
  'rankView',
] as const;

export const MAIN_TABLE = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    {
      name: 'inbox',
      partitionKey: { name: 'inboxPk', type: 'S' },
      sortKey: { name: 'inboxSk', type: 'S' },
      projection: 'KEYS_ONLY',
    },
    {
      name: 'due',
      partitionKey: { name: 'duePk', type: 'S' },
      sortKey: { name: 'dueSk', type: 'S' },
      projection: { include: [...DUE_ATTRIBUTES] },
    },
    {
      name: 'month',
      partitionKey: { name: 'monthPk', type: 'S' },
      sortKey: { name: 'monthSk', type: 'S' },
      projection: { include: [...MONTH_ATTRIBUTES] },
    },
    {
      name: 'complainant',
      partitionKey: { name: 'complainantPk', type: 'S' },
      sortKey: { name: 'complainantSk', type: 'S' },
      projection: {
        // What the router's possible-duplicate check compares; all fixed at filing, so a reference's
        // entry is written once (the station it was assigned is not copied: routing would rewrite it).
        include: ['referenceNo', 'categoryCode', 'districtCode', 'location', 'description', 'createdAt'],
      },
    },
    {
      name: 'day',
      partitionKey: { name: 'dayPk', type: 'S' },
      sortKey: { name: 'daySk', type: 'S' },
      projection: 'KEYS_ONLY',
    },
    {
      // The retention job's list (shared/domain/retention): keys only, the job reads each item whole.
      name: 'retention',
      partitionKey: { name: 'retainPk', type: 'S' },
      sortKey: { name: 'retainSk', type: 'S' },
      projection: 'KEYS_ONLY',
    },
    {
      // Keys only: a change moves the entry (two small index writes); readers get the items by key.
      name: 'updated',
      partitionKey: { name: 'updatedPk', type: 'S' },
      sortKey: { name: 'updatedSk', type: 'S' },
      projection: 'KEYS_ONLY',
    },
  ],
  timeToLiveAttribute: 'expiresAtEpoch',
} as const;
