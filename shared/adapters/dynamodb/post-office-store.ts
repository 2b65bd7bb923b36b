import { BatchGetItemCommand, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import ngeohash from 'ngeohash';
import { OUTSIDE_UP, type PlaceLookups, type PostOffice } from '../../domain/places/post-offices.ts';

/**
 * Post offices (GeoNames' PIN data, infra/local/seed/post-offices.ts) as master-data items, read by
 * key only:
 *   MASTER#GEOCELL#<geohash of 4 characters> / POSTOFFICES   every post office in the cell
 *   MASTER#PINPLACE#<first 4 digits of PIN>  / POSTOFFICES   the post offices of those PINs
 * A 4-character geohash cell is 0.35 x 0.18 degrees (about 35 x 19.5 km in Uttar Pradesh), so the
 * cell of a position and its eight neighbours hold every post office within 19.5 km of it, more than
 * the locator's 15 km: nine GetItems in one BatchGetItem. The post offices of a cell or PIN are packed
 * into one string attribute (under 9 KB in the busiest), so the state is about 750 items instead of
 * 10,000 (every local cloud and test seeds them) and a lookup reads nine items, not hundreds.
 */
export const GEOCELL_PRECISION = 4;
const SK = 'POSTOFFICES';
const cellKey = (cell: string) => ({ pk: `MASTER#GEOCELL#${cell}`, sk: SK });
const pinKey = (pin: string) => ({ pk: `MASTER#PINPLACE#${pin.slice(0, 4)}`, sk: SK });

const pack = (offices: readonly PostOffice[]): string =>
  offices
    .map((o) =>
      [o.pin, o.state ? `${OUTSIDE_UP}${o.state}` : o.districts.join('|'), o.latitude, o.longitude].join(
        '\t',
      ),
    )
    .join('\n');

const unpack = (text: unknown): PostOffice[] =>
  typeof text !== 'string' || text === ''
    ? []
    : text.split('\n').map((line) => {
        const [pin = '', district = '', lat, lon] = line.split('\t');
        const outside = district.startsWith(OUTSIDE_UP);
        return {
          pin,
          districts: outside ? [] : district.split('|'),
          ...(outside ? { state: district.slice(OUTSIDE_UP.length) } : {}),
          latitude: Number(lat),
          longitude: Number(lon),
        };
      });

function group(offices: readonly PostOffice[], by: (o: PostOffice) => string): Map<string, PostOffice[]> {
  const groups = new Map<string, PostOffice[]>();
  for (const office of offices) {
    const k = by(office);
    const list = groups.get(k);
    if (list) list.push(office);
    else groups.set(k, [office]);
  }
  return groups;
}

/** The items for a set of post offices: one per geohash cell, one per PIN codes' first four digits. */
export function postOfficeItems(offices: readonly PostOffice[]): Record<string, unknown>[] {
  const cells = group(offices, (o) => ngeohash.encode(o.latitude, o.longitude, GEOCELL_PRECISION));
  const pins = group(offices, (o) => pinKey(o.pin).pk);
  return [
    ...[...cells].map(([cell, list]) => ({ ...cellKey(cell), itemType: 'geocell', offices: pack(list) })),
    ...[...pins].map(([pk, list]) => ({ pk, sk: SK, itemType: 'pin-place', offices: pack(list) })),
  ];
}

export class PostOfficeStore implements PlaceLookups {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async postOfficesNear(latitude: number, longitude: number): Promise<PostOffice[]> {
    const cell = ngeohash.encode(latitude, longitude, GEOCELL_PRECISION);
    let keys = [cell, ...ngeohash.neighbors(cell)].map((c) => marshall(cellKey(c)));
    const offices: PostOffice[] = [];
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const result = await this.client.send(
        new BatchGetItemCommand({
          RequestItems: { [this.tableName]: { Keys: keys, ProjectionExpression: 'offices' } },
        }),
      );
      for (const item of result.Responses?.[this.tableName] ?? [])
        offices.push(...unpack(unmarshall(item).offices));
      keys = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return offices;
  }

  async postOfficesOfPin(pin: string): Promise<PostOffice[]> {
    if (!pin) return [];
    const result = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: marshall(pinKey(pin)) }),
    );
    return result.Item ? unpack(unmarshall(result.Item).offices).filter((o) => o.pin === pin) : [];
  }
}
