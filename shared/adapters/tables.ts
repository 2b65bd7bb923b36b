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
 *
 * Indexes (sparse: an item is in an index only while it carries the index's keys):
 *   inbox  inboxPk = STATION#<code>        inboxSk = <dueAt>#<referenceNo>   a station's pending list
 *   due    duePk   = DUE#<districtCode>    dueSk   = <dueAt>                 open references by deadline
 *          duePk   = DUEFLAGGED#<district> dueSk  = <defaulterAt>#<ref>    open ones the sweep marked defaulter
 *   month  monthPk = MONTH#<district>#<yyyy-mm> monthSk = <createdAt>#<ref>  a district's month
 *   complainant complainantPk = MOBILE#<hash> complainantSk = <createdAt>   a complainant's references
 *   day    dayPk = DAY#<yyyy-mm-dd IST>    daySk = <createdAt>#<ref>         the state's references by day
 *
 * complainant and day copy little (attributes that never change after filing), so the many
 * updates in a reference's life do not write to them.
 */
export const MAIN_TABLE = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    { name: 'inbox', partitionKey: { name: 'inboxPk', type: 'S' }, sortKey: { name: 'inboxSk', type: 'S' } },
    { name: 'due', partitionKey: { name: 'duePk', type: 'S' }, sortKey: { name: 'dueSk', type: 'S' } },
    { name: 'month', partitionKey: { name: 'monthPk', type: 'S' }, sortKey: { name: 'monthSk', type: 'S' } },
    {
      name: 'complainant',
      partitionKey: { name: 'complainantPk', type: 'S' },
      sortKey: { name: 'complainantSk', type: 'S' },
      projection: {
        include: ['referenceNo', 'categoryCode', 'districtCode', 'stationCode', 'description', 'createdAt'],
      },
    },
    {
      name: 'day',
      partitionKey: { name: 'dayPk', type: 'S' },
      sortKey: { name: 'daySk', type: 'S' },
      projection: 'KEYS_ONLY',
    },
  ],
  timeToLiveAttribute: 'expiresAtEpoch',
} as const;
