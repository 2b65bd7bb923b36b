import {
  BatchWriteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mayBeCode, normaliseLocality } from '../../domain/masterdata/fields.ts';
import type { Category, District, Officer, Station, StationBoundary } from '../../domain/masterdata/types.ts';
import type { MasterDataReader } from '../../domain/ports.ts';
import { queryItems } from './dynamo-item.ts';

/**
 * Master data items. Each list a request needs is one Query:
 *   MASTER#DISTRICT           / <districtCode>   all districts
 *   MASTER#STATIONS#<district>/ <stationCode>    a district's stations and units
 *   MASTER#PIN#<pin>          / <stationCode>    stations whose jurisdiction has the PIN code
 *   MASTER#CATEGORY           / <categoryCode>   all categories
 *   MASTER#OFFICERS#<district>/ <officerId>      a district's officers' posts and contacts
 *   MASTER#LOCALITY#<district>/ <locality>#<station>  stations whose area has the locality
 *   MASTER#BOUNDARY#<district>/ <stationCode>    station area polygons, where known
 *   MASTER#SEED               / SEED             which seed version was loaded
 */
const key = {
  district: (code: string) => ({ pk: 'MASTER#DISTRICT', sk: code }),
  station: (district: string, code: string) => ({ pk: `MASTER#STATIONS#${district}`, sk: code }),
  pin: (pin: string, station: string) => ({ pk: `MASTER#PIN#${pin}`, sk: station }),
  category: (code: string) => ({ pk: 'MASTER#CATEGORY', sk: code }),
  officer: (district: string, id: string) => ({ pk: `MASTER#OFFICERS#${district}`, sk: id }),
  locality: (district: string, locality: string, station: string) => ({
    pk: `MASTER#LOCALITY#${district}`,
    sk: `${normaliseLocality(locality)}#${station}`,
  }),
  boundary: (district: string, station: string) => ({ pk: `MASTER#BOUNDARY#${district}`, sk: station }),
  seed: () => ({ pk: 'MASTER#SEED', sk: 'SEED' }),
};

/**
 * Bump when the seed data (infra/local/seed/) changes, so an existing local database takes the new
 * rows. Open311 also gives it as the service list's changeset.
 */
export const SEED_VERSION = '2026-12-07.1';

export function masterDataItems(
  districts: readonly District[],
  stations: readonly Station[],
  categories: readonly Category[],
  officers: readonly Officer[] = [],
  boundaries: readonly StationBoundary[] = [],
): Record<string, unknown>[] {
  return [
    ...districts.map((d) => ({ ...key.district(d.code), itemType: 'district', ...d })),
    ...stations.map((s) => ({ ...key.station(s.districtCode, s.code), itemType: 'station', ...s })),
    ...stations.flatMap((s) =>
      s.pinCodes.map((pin) => ({
        ...key.pin(pin, s.code),
        itemType: 'pin',
        stationCode: s.code,
        districtCode: s.districtCode,
      })),
    ),
    ...stations.flatMap((s) =>
      s.localities.map((locality) => ({
        ...key.locality(s.districtCode, locality, s.code),
        itemType: 'locality',
        locality: normaliseLocality(locality),
        stationCode: s.code,
        districtCode: s.districtCode,
      })),
    ),
    ...categories.map((c) => ({ ...key.category(c.code), itemType: 'category', ...c })),
    ...officers.map((o) => ({ ...key.officer(o.districtCode, o.id), itemType: 'officer', ...o })),
    ...boundaries.map((b) => ({
      ...key.boundary(b.districtCode, b.stationCode),
      itemType: 'boundary',
      ...b,
    })),
  ];
}

/** Writes items in batches of 25, retrying what DynamoDB hands back unprocessed. */
export async function writeItems(
  client: DynamoDBClient,
  tableName: string,
  items: Record<string, unknown>[],
) {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < items.length; i += 25) {
    batches.push(
      items
        .slice(i, i + 25)
        .map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } })),
    );
  }
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let pending: WriteRequest[] = batch;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
        const result = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }),
        );
        pending = result.UnprocessedItems?.[tableName] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/**
 * Deletes items by key (pk and sk; other attributes are ignored, so masterDataItems' output serves) in
 * batches of 25, retrying what DynamoDB hands back. Deleting an absent item succeeds, so a repeated
 * delete converges.
 */
export async function deleteItems(
  client: DynamoDBClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
) {
  const keys = new Map(items.map((item) => [`${item.pk}\u0000${item.sk}`, { pk: item.pk, sk: item.sk }]));
  const requests: WriteRequest[] = [...keys.values()].map((k) => ({ DeleteRequest: { Key: marshall(k) } }));
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = result.UnprocessedItems?.[tableName] ?? [];
    }
  }
}

/** Master data shipped for a fresh table (the local twin's: infra/local/seed/). */
export interface MasterDataSeed {
  districts: readonly District[];
  stations: readonly Station[];
  categories: readonly Category[];
  officers: readonly Officer[];
  /** Items written beside them as they are (the post offices' items, shared/adapters/dynamodb/post-office-store.ts). */
  items?: readonly Record<string, unknown>[];
}

/**
 * Writes seed master data once per SEED_VERSION; later calls find the marker and skip without
 * calling `load`.
 */
export async function seedMasterData(
  client: DynamoDBClient,
  tableName: string,
  load: () => Promise<MasterDataSeed>,
): Promise<boolean> {
  const marker = await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(key.seed()) }));
  if (marker.Item && unmarshall(marker.Item).version === SEED_VERSION) return false;
  const seed = await load();
  await writeItems(client, tableName, [
    ...masterDataItems(seed.districts, seed.stations, seed.categories, seed.officers),
    ...(seed.items ?? []),
  ]);
  await client.send(
    new PutItemCommand({
      TableName: tableName,
      Item: marshall({ ...key.seed(), version: SEED_VERSION, loadedAt: new Date().toISOString() }),
    }),
  );
  return true;
}

async function queryAll(
  client: DynamoDBClient,
  tableName: string,
  pk: string,
): Promise<Record<string, unknown>[]> {
  const items = await queryItems(client, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: marshall({ ':pk': pk }),
  });
  return items.map((item) => unmarshall(item));
}

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, itemType: _itemType, ...rest } = item;
  return rest as T;
};

export class MasterDataStore implements MasterDataReader {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async districts(): Promise<District[]> {
    return (await queryAll(this.client, this.tableName, key.district('').pk)).map((i) => strip<District>(i));
  }

  async district(code: string): Promise<District | undefined> {
    // DynamoDB refuses an empty key value and one over 1,024 bytes (ValidationException, a 500 to
    // the caller): no code is empty or that long, so such a value is unknown without asking.
    if (!mayBeCode(code)) return undefined;
    const result = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: marshall(key.district(code)) }),
    );
    return result.Item ? strip<District>(unmarshall(result.Item)) : undefined;
  }

  async stations(districtCode: string): Promise<Station[]> {
    if (!mayBeCode(districtCode)) return [];
    const pk = key.station(districtCode, '').pk;
    return (await queryAll(this.client, this.tableName, pk)).map((i) => strip<Station>(i));
  }

  async station(districtCode: string, code: string): Promise<Station | undefined> {
    if (!mayBeCode(districtCode) || !mayBeCode(code)) return undefined;
    const result = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: marshall(key.station(districtCode, code)) }),
    );
    return result.Item ? strip<Station>(unmarshall(result.Item)) : undefined;
  }

  async stationsForPin(pin: string): Promise<{ stationCode: string; districtCode: string }[]> {
    return (await queryAll(this.client, this.tableName, key.pin(pin, '').pk)).map((i) => ({
      stationCode: String(i.stationCode),
      districtCode: String(i.districtCode),
    }));
  }

  async category(code: string): Promise<Category | undefined> {
    if (!mayBeCode(code)) return undefined;
    const result = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: marshall(key.category(code)) }),
    );
    return result.Item ? strip<Category>(unmarshall(result.Item)) : undefined;
  }

  async categories(): Promise<Category[]> {
    return (await queryAll(this.client, this.tableName, key.category('').pk)).map((i) => strip<Category>(i));
  }

  async officers(districtCode: string): Promise<Officer[]> {
    return (await queryAll(this.client, this.tableName, key.officer(districtCode, '').pk)).map((i) =>
      strip<Officer>(i),
    );
  }

  /** Stations of the district whose area lists the locality. */
  async stationsForLocality(districtCode: string, locality: string): Promise<string[]> {
    const prefix = `${normaliseLocality(locality)}#`;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: marshall({
          ':pk': key.locality(districtCode, '', '').pk,
          ':prefix': prefix,
        }),
      }),
    );
    return (result.Items ?? []).map((item) => String(unmarshall(item).stationCode));
  }

  async boundaries(districtCode: string): Promise<StationBoundary[]> {
    return (await queryAll(this.client, this.tableName, key.boundary(districtCode, '').pk)).map((i) =>
      strip<StationBoundary>(i),
    );
  }
}

/**
 * Master data changes a few times a year; a warm container keeps what it read for a few minutes
 * instead of asking DynamoDB on every complaint.
 */
export class CachedMasterData implements MasterDataReader {
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    readonly store: MasterDataStore,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  private remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = load();
    this.cache.set(key, { at: Date.now(), value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  district(code: string) {
    return this.remember(`d:${code}`, () => this.store.district(code));
  }
  station(districtCode: string, code: string) {
    return this.remember(`s:${districtCode}:${code}`, () => this.store.station(districtCode, code));
  }
  category(code: string) {
    return this.remember(`c:${code}`, () => this.store.category(code));
  }
  districts() {
    return this.remember('districts', () => this.store.districts());
  }
  stations(districtCode: string) {
    return this.remember(`stations:${districtCode}`, () => this.store.stations(districtCode));
  }
  categories() {
    return this.remember('categories', () => this.store.categories());
  }
  officers(districtCode: string) {
    return this.remember(`officers:${districtCode}`, () => this.store.officers(districtCode));
  }
  stationsForPin(pin: string) {
    return this.remember(`pin:${pin}`, () => this.store.stationsForPin(pin));
  }
  stationsForLocality(districtCode: string, locality: string) {
    return this.remember(`locality:${districtCode}:${normaliseLocality(locality)}`, () =>
      this.store.stationsForLocality(districtCode, locality),
    );
  }
  boundaries(districtCode: string) {
    return this.remember(`boundaries:${districtCode}`, () => this.store.boundaries(districtCode));
  }
}
