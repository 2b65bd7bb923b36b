import {
  BatchWriteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { type UnitLevel, unitKey } from '../../domain/ranking/accumulator.ts';
import type { RankedReference } from '../../domain/ranking/counts.ts';
import type { ScoringPolicy } from '../../domain/ranking/policy.ts';
import {
  type PreviousStanding,
  previousMonth,
  type RankingSnapshot,
  type RankingSnapshotDraft,
  type SnapshotStats,
  type UnitResult,
  unitOrder,
} from '../../domain/ranking/snapshot.ts';
import type { CatalogEntry } from '../../use-cases/backfill-ranking-catalog.ts';
import { fromItem, type Item, isConditionFailure, toItem } from './dynamo-item.ts';

/**
 * Ranking snapshots in the main table. A snapshot is immutable: recomputing a month writes a new
 * revision beside the old ones. Items (one per unit keeps a 1,500-station state far below
 * DynamoDB's 400 KB item limit):
 *
 *   RANK#<yyyy-mm>#<policyVersion> / HEAD#<nnnn>                          header: policy, stats, complete flag
 *   RANK#<yyyy-mm>#<policyVersion> / REV#<nnnn>#district#<district>       one district's result
 *   RANK#<yyyy-mm>#<policyVersion> / REV#<nnnn>#station#<district>#<code> one station's result
 *   RANK#<yyyy-mm>                 / LATEST                               the month's latest complete revision
 *   RANKINGS                       / <yyyy-mm>#<nnnn>#<policyVersion>     catalog: one per complete revision
 *
 * A save claims the next revision number with a conditional put of its header (retrying with the
 * next number when another run took it), writes the units, then marks the header complete and moves
 * the month's LATEST pointer forward (conditionally, so a slower older run never moves it back).
 * Readers only ever see complete revisions; a run that died half way leaves an incomplete header
 * that is skipped. Headers sort by number under HEAD#, so the latest revision of a (month, version)
 * is one Query with ScanIndexForward false.
 */

const pad = (revision: number) => String(revision).padStart(4, '0');
const CATALOG_PK = 'RANKINGS';
const catalogKey = (month: string, policyVersion: string, revision: number) => ({
  pk: CATALOG_PK,
  sk: `${month}#${pad(revision)}#${policyVersion}`,
});

/** One complete revision, as GET /v1/rankings lists it. */
export type { CatalogEntry };

const catalogItem = (entry: CatalogEntry) =>
  toItem({
    ...catalogKey(entry.month, entry.policyVersion, entry.revision),
    itemType: 'ranking-catalog',
    month: entry.month,
    policyVersion: entry.policyVersion,
    revision: entry.revision,
    completedAt: entry.completedAt,
    asOf: entry.asOf,
    counted: entry.counted,
  });
const snapshotPk = (month: string, policyVersion: string) => `RANK#${month}#${policyVersion}`;
const pointerKey = (month: string) => ({ pk: `RANK#${month}`, sk: 'LATEST' });
const headerSk = (revision: number) => `HEAD#${pad(revision)}`;
const unitSkPrefix = (revision: number, level: UnitLevel, districtCode?: string) =>
  `REV#${pad(revision)}#${level}#${districtCode ? `${districtCode}#` : ''}`;
const unitSk = (revision: number, unit: UnitResult) =>
  unit.level === 'district'
    ? `${unitSkPrefix(revision, 'district')}${unit.code}`
    : `${unitSkPrefix(revision, 'station', unit.districtCode)}${unit.code}`;

/** One revision of a month under one policy version: everything but the units. */
export interface RankingHeader {
  month: string;
  policyVersion: string;
  revision: number;
  complete: boolean;
  claimedAt: string;
  completedAt?: string;
  computedAt: string;
  asOf: string;
  stats: SnapshotStats;
  previous: RankingSnapshotDraft['previous'];
  policy: ScoringPolicy;
}

export interface RevisionPointer {
  month: string;
  policyVersion: string;
  revision: number;
  completedAt: string;
}

export class RevisionConflictError extends Error {
  override name = 'RevisionConflictError';
}

const byRank = (rankOf: (u: UnitResult) => number | null) => (a: UnitResult, b: UnitResult) =>
  (rankOf(a) ?? Number.POSITIVE_INFINITY) - (rankOf(b) ?? Number.POSITIVE_INFINITY) ||
  a.code.localeCompare(b.code);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RankingStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Stores a computed month as a new revision and returns it with its number. Never overwrites:
   * revision n+1 of a month and version is claimed with a conditional put; on a clash the next
   * number is tried.
   */
  async save(draft: RankingSnapshotDraft, options: { maxAttempts?: number } = {}): Promise<RankingSnapshot> {
    const pk = snapshotPk(draft.month, draft.policy.version);
    let revision = ((await this.latestHeader(draft.month, draft.policy.version, false))?.revision ?? 0) + 1;
    const claimedAt = this.now().toISOString();
    const header: RankingHeader = {
      month: draft.month,
      policyVersion: draft.policy.version,
      revision,
      complete: false,
      claimedAt,
      computedAt: draft.computedAt,
      asOf: draft.asOf,
      stats: draft.stats,
      previous: draft.previous,
      policy: draft.policy,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: toItem({ pk, sk: headerSk(revision), itemType: 'ranking-header', ...header, revision }),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        break;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        if (attempt >= (options.maxAttempts ?? 20))
          throw new RevisionConflictError(`No free revision for ${pk} after ${attempt} attempts`);
        revision++;
      }
    }

    const requests: WriteRequest[] = [...draft.districts, ...draft.stations].map((unit) => ({
      PutRequest: {
        Item: toItem({
          pk,
          sk: unitSk(revision, unit),
          itemType: 'ranking-unit',
          level: unit.level,
          code: unit.code,
          districtCode: unit.districtCode,
          rank: unit.rank,
          districtRank: unit.districtRank,
          streak: unit.streak,
          unit,
        }),
      },
    }));
    for (let i = 0; i < requests.length; i += 25) await this.batchWrite(requests.slice(i, i + 25));

    const completedAt = this.now().toISOString();
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: toItem({ pk, sk: headerSk(revision) }),
        UpdateExpression: 'SET #complete = :true, completedAt = :at',
        ConditionExpression: '#complete = :false',
        ExpressionAttributeNames: { '#complete': 'complete' },
        ExpressionAttributeValues: toItem({ ':true': true, ':false': false, ':at': completedAt }),
      }),
    );
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: toItem(pointerKey(draft.month)),
          UpdateExpression:
            'SET itemType = :type, #month = :month, policyVersion = :version, revision = :revision, completedAt = :at',
          ConditionExpression: 'attribute_not_exists(pk) OR completedAt <= :at',
          ExpressionAttributeNames: { '#month': 'month' },
          ExpressionAttributeValues: toItem({
            ':type': 'ranking-pointer',
            ':month': draft.month,
            ':version': draft.policy.version,
            ':revision': revision,
            ':at': completedAt,
          }),
        }),
      );
    } catch (error) {
      // A run that completed later already points the month at its own revision.
      if (!isConditionFailure(error)) throw error;
    }
    // The catalog GET /v1/rankings lists: one small item per complete revision, in one partition.
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: catalogItem({
          month: draft.month,
          policyVersion: draft.policy.version,
          revision,
          completedAt,
          asOf: draft.asOf,
          counted: draft.stats.counted,
        }),
      }),
    );
    return { ...draft, revision };
  }

  /**
   * Lists a complete revision saved before the catalog was kept (the upgrade backfill); false when
   * the catalog has it already.
   */
  async addToCatalog(entry: CatalogEntry): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: catalogItem(entry),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  /**
   * Every complete revision of every month ranked (since the catalog was kept), month by month, in
   * revision order: one Query of the catalog partition, never a Scan.
   */
  async catalog(): Promise<CatalogEntry[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: toItem({ ':pk': CATALOG_PK }),
    });
    return items.map((item) => {
      const { month, policyVersion, revision, completedAt, asOf, counted } = fromItem<CatalogEntry>(item);
      return { month, policyVersion, revision, completedAt, asOf, counted };
    });
  }

  /** The policy a month's latest complete revision was published under, if it was ranked. */
  async publishedPolicy(month: string): Promise<ScoringPolicy | undefined> {
    const pointer = await this.latest(month);
    if (!pointer) return undefined;
    return (await this.header(month, pointer.policyVersion, pointer.revision))?.policy;
  }

  /** The standing one stored revision left (what a recomputation measures movement against). */
  async standingAt(ref: {
    month: string;
    policyVersion: string;
    revision: number;
  }): Promise<PreviousStanding> {
    return this.standingOf(ref.month, ref.policyVersion, ref.revision);
  }

  /** The month's latest complete revision, whatever its policy version. */
  async latest(month: string): Promise<RevisionPointer | undefined> {
    const result = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: toItem(pointerKey(month)), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const item = fromItem<RevisionPointer>(result.Item);
    return {
      month: item.month,
      policyVersion: item.policyVersion,
      revision: item.revision,
      completedAt: item.completedAt,
    };
  }

  /** The latest complete revision's header of a month under one policy version. */
  latestRevision(month: string, policyVersion: string): Promise<RankingHeader | undefined> {
    return this.latestHeader(month, policyVersion, true);
  }

  /** Every revision of a month under one policy version, oldest first (complete or not). */
  async revisions(month: string, policyVersion: string): Promise<RankingHeader[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: toItem({ ':pk': snapshotPk(month, policyVersion), ':prefix': 'HEAD#' }),
    });
    return items.map(toHeader);
  }

  async header(month: string, policyVersion: string, revision: number): Promise<RankingHeader | undefined> {
    const result = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: toItem({ pk: snapshotPk(month, policyVersion), sk: headerSk(revision) }),
        ConsistentRead: true,
      }),
    );
    return result.Item ? toHeader(result.Item) : undefined;
  }

  /**
   * A whole snapshot with every unit's scorecard: a given revision, the latest complete revision of
   * a policy version, or (with neither) the month's latest. Undefined when there is none complete.
   */
  async snapshot(
    month: string,
    which: { policyVersion?: string; revision?: number } = {},
  ): Promise<RankingSnapshot | undefined> {
    const header = await this.resolve(month, which);
    if (!header?.complete) return undefined;
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: toItem({
        ':pk': snapshotPk(month, header.policyVersion),
        ':prefix': `REV#${pad(header.revision)}#`,
      }),
    });
    const units = items.map((item) => fromItem<{ unit: UnitResult }>(item).unit);
    return {
      month: header.month,
      policy: header.policy,
      revision: header.revision,
      asOf: header.asOf,
      computedAt: header.computedAt,
      stats: header.stats,
      previous: header.previous ?? null,
      districts: units.filter((u) => u.level === 'district').sort(unitOrder(header.policy, 'district')),
      stations: units.filter((u) => u.level === 'station').sort(unitOrder(header.policy, 'station')),
    };
  }

  /**
   * What an export of one selection needs, read by key range rather than the whole snapshot: the
   * header, every district (the report's chart) and, for level=station, the stations statewide or
   * of one district. The result is a RankingSnapshot whose `stations` hold only that selection, so
   * it renders with rankingCsv / rankingJson / rankingReportHtml and the same selection.
   */
  async view(
    month: string,
    selection: { level: UnitLevel; district?: string | undefined },
    which: { policyVersion?: string; revision?: number } = {},
  ): Promise<RankingSnapshot | undefined> {
    const header = await this.resolve(month, which);
    if (!header?.complete) return undefined;
    const { policyVersion, revision } = header;
    const [districts, stations] = await Promise.all([
      this.units(month, policyVersion, revision, 'district', { policy: header.policy }),
      selection.level === 'station'
        ? this.units(month, policyVersion, revision, 'station', {
            district: selection.district,
            policy: header.policy,
          })
        : Promise.resolve([]),
    ]);
    return {
      month: header.month,
      policy: header.policy,
      revision,
      asOf: header.asOf,
      computedAt: header.computedAt,
      stats: header.stats,
      previous: header.previous ?? null,
      districts,
      stations: stations.sort(unitOrder(header.policy, 'station')),
    };
  }

  /**
   * The units of one level of a stored revision in rank order: districts or stations statewide, or
   * (with `district`) one district's stations in district-rank order, read from that district's keys only.
   */
  async units(
    month: string,
    policyVersion: string,
    revision: number,
    level: UnitLevel,
    options: { district?: string | undefined; policy?: Pick<ScoringPolicy, 'ranking'> } = {},
  ): Promise<UnitResult[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: toItem({
        ':pk': snapshotPk(month, policyVersion),
        ':prefix': unitSkPrefix(revision, level, level === 'station' ? options.district : undefined),
      }),
    });
    let units = items.map((item) => fromItem<{ unit: UnitResult }>(item).unit);
    if (level === 'district' && options.district) units = units.filter((u) => u.code === options.district);
    if (level === 'station' && options.district) return units.sort(byRank((u) => u.districtRank));
    return units.sort(unitOrder(options.policy ?? {}, level));
  }

  /**
   * What the month before `month` left for movement and streaks: its latest complete revision's
   * ranks, read with a projection (a few bytes per unit). Undefined when that month was never ranked.
   */
  async previousStanding(month: string): Promise<PreviousStanding | undefined> {
    const before = previousMonth(month);
    const pointer = await this.latest(before);
    if (!pointer) return undefined;
    return this.standingOf(before, pointer.policyVersion, pointer.revision);
  }

  private async standingOf(
    month: string,
    policyVersion: string,
    revision: number,
  ): Promise<PreviousStanding> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: toItem({
        ':pk': snapshotPk(month, policyVersion),
        ':prefix': `REV#${pad(revision)}#`,
      }),
      ProjectionExpression: '#level, code, #rank, districtRank, streak',
      ExpressionAttributeNames: { '#level': 'level', '#rank': 'rank' },
    });
    const units = new Map<string, { rank: number | null; districtRank: number | null; streak: number }>();
    for (const item of items) {
      const unit = fromItem<{
        level: UnitLevel;
        code: string;
        rank?: number | null;
        districtRank?: number | null;
        streak?: number;
      }>(item);
      units.set(unitKey(unit.level, unit.code), {
        rank: unit.rank ?? null,
        districtRank: unit.districtRank ?? null,
        streak: unit.streak ?? 0,
      });
    }
    return { month, policyVersion, revision, units };
  }

  private async resolve(
    month: string,
    which: { policyVersion?: string; revision?: number },
  ): Promise<RankingHeader | undefined> {
    if (which.policyVersion && which.revision !== undefined)
      return this.header(month, which.policyVersion, which.revision);
    if (which.policyVersion) return this.latestRevision(month, which.policyVersion);
    const pointer = await this.latest(month);
    if (!pointer) return undefined;
    if (which.revision !== undefined && which.revision !== pointer.revision)
      return this.header(month, pointer.policyVersion, which.revision);
    return this.header(month, pointer.policyVersion, pointer.revision);
  }

  private async latestHeader(
    month: string,
    policyVersion: string,
    completeOnly: boolean,
  ): Promise<RankingHeader | undefined> {
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: toItem({ ':pk': snapshotPk(month, policyVersion), ':prefix': 'HEAD#' }),
          ScanIndexForward: false,
          ConsistentRead: true,
          Limit: completeOnly ? 10 : 1,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const header = toHeader(item);
        if (!completeOnly || header.complete) return header;
      }
      startKey = page.LastEvaluatedKey as Item | undefined;
    } while (startKey);
    return undefined;
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          ConsistentRead: true,
          ...input,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((page.Items ?? []) as Item[]));
      startKey = page.LastEvaluatedKey as Item | undefined;
    } while (startKey);
    return items;
  }

  private async batchWrite(requests: WriteRequest[]): Promise<void> {
    let pending = requests;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) {
        if (attempt > 8) throw new Error(`DynamoDB left ${pending.length} ranking items unwritten`);
        await sleep(Math.min(2000, 50 * 2 ** attempt));
      }
      const result = await this.client.send(
        new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }),
      );
      pending = result.UnprocessedItems?.[this.tableName] ?? [];
    }
  }
}

function toHeader(item: Item): RankingHeader {
  const {
    pk: _pk,
    sk: _sk,
    itemType: _type,
    ...header
  } = fromItem<RankingHeader & Record<string, unknown>>(item);
  return header as RankingHeader;
}

/** A `month` index item (MONTH_ATTRIBUTES) as the RankedReference it copies. */
function toRankedReference(item: Item): RankedReference {
  const { rankView, ...fields } = fromItem<Record<string, unknown>>(item);
  for (const key of ['pk', 'sk', 'monthPk', 'monthSk']) delete fields[key];
  return { ...fields, ...(rankView as object | undefined) } as RankedReference;
}

/** Items and pages read by streamMonthReferences. */
export interface MonthReadStats {
  pages: number;
  items: number;
}

/**
 * A district's references filed in one IST month, read page by page from the `month` index
 * (monthPk = MONTH#<district>#<yyyy-mm>): a Query, never a Scan, so the job reads exactly the
 * month's references. Pass `stats` to watch progress; the same counts are the generator's return value.
 */
export async function* streamMonthReferences(
  client: DynamoDBClient,
  tableName: string,
  districtCode: string,
  month: string,
  options: { pageSize?: number; stats?: MonthReadStats } = {},
): AsyncGenerator<RankedReference, MonthReadStats, undefined> {
  const stats = options.stats ?? { pages: 0, items: 0 };
  let startKey: Item | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'month',
        KeyConditionExpression: 'monthPk = :pk',
        ExpressionAttributeValues: toItem({ ':pk': `MONTH#${districtCode}#${month}` }),
        Limit: options.pageSize ?? 500,
        ExclusiveStartKey: startKey,
      }),
    );
    stats.pages++;
    for (const item of page.Items ?? []) {
      stats.items++;
      yield toRankedReference(item as Item);
    }
    startKey = page.LastEvaluatedKey as Item | undefined;
  } while (startKey);
  return stats;
}
