import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UP_STATIONS } from '../../infra/local/seed/stations.ts';
import { toItem } from '../../shared/adapters/dynamodb/dynamo-item.ts';
import { masterDataItems, writeItems } from '../../shared/adapters/dynamodb/masterdata-store.ts';
import { referenceKey } from '../../shared/adapters/dynamodb/reference-item.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { dynamoClient, waitFor } from '../fixtures/support.ts';

// A Chandauli PIN code that exactly one police station covers.
const UNIQUE_PIN = (() => {
  const thanas = UP_STATIONS.filter((s) => s.districtCode === 'chandauli' && s.kind === 'police-station');
  const pins = thanas.flatMap((s) => s.pinCodes);
  return pins.find((pin) => pins.filter((p) => p === pin).length === 1)!;
})();

let p: ProductCloud;
let f: ReturnType<typeof officerFlow>;
const client = () => dynamoClient(p.cloud.dynamodbEndpoint);

beforeAll(async () => {
  p = await startProductCloud();
  f = officerFlow(p);
  // A test station with a boundary, and one that will be deleted while a reference names it.
  const db = client();
  await writeItems(
    db,
    p.cloud.tableNames.main!,
    masterDataItems(
      [],
      [
        {
          code: 'chandauli-test-boundary',
          districtCode: 'chandauli',
          name: { en: 'Boundary Test', hi: 'सीमा परीक्षण' },
          kind: 'police-station',
          pinCodes: [],
          localities: [],
          demo: true,
        },
        {
          code: 'chandauli-to-close',
          districtCode: 'chandauli',
          name: { en: 'To Close', hi: 'बंद होने वाला' },
          kind: 'police-station',
          pinCodes: [],
          localities: [],
          demo: true,
        },
      ],
      [],
      [],
      [
        {
          stationCode: 'chandauli-test-boundary',
          districtCode: 'chandauli',
          // Around Sakaldiha: a position must lie in Uttar Pradesh to be filed at all.
          polygon: [
            [83.22, 25.48],
            [83.24, 25.48],
            [83.24, 25.5],
            [83.22, 25.5],
          ],
        },
      ],
    ),
  );
  db.destroy();
});

afterAll(async () => {
  await p?.stop();
});

async function routed(referenceNo: string): Promise<Reference> {
  return waitFor(`routing of ${referenceNo}`, async () => {
    const reference = await f.stored(referenceNo);
    return reference.status === 'registered' ? undefined : reference;
  });
}

describe('routing references to stations', () => {
  it.each([
    [
      'a station the complainant named',
      { location: { districtCode: 'chandauli', stationCode: 'chandauli-balua' } },
      'chandauli-balua',
      'station-code',
    ],
    [
      'the only station with the PIN code',
      { location: { districtCode: 'chandauli', pinCode: UNIQUE_PIN } },
      undefined,
      'pin-code',
    ],
    [
      'the locality',
      { location: { districtCode: 'chandauli', locality: 'Naubatpur' } },
      'chandauli-saiyadraja',
      'locality',
    ],
    [
      'a point in the station boundary',
      { location: { districtCode: 'chandauli', latitude: 25.4878, longitude: 83.2308 } },
      'chandauli-test-boundary',
      'boundary',
    ],
    [
      'the cyber cell, for cyber fraud',
      {
        location: { districtCode: 'chandauli', stationCode: 'chandauli-balua' },
        categoryCode: 'cyber-fraud',
      },
      'chandauli-cyber-cell',
      'category-override',
    ],
    [
      'the Mahila Thana, for offences against women',
      { location: { districtCode: 'chandauli' }, categoryCode: 'offences-against-women' },
      'chandauli-mahila-thana',
      'category-override',
    ],
  ])('assigns by %s', async (_name, overrides, expectedStation, rule) => {
    const referenceNo = await f.file(overrides);
    const reference = await routed(referenceNo);
    expect(reference.status, JSON.stringify(reference.history.at(-1))).toBe('assigned');
    if (expectedStation) expect(reference.stationCode).toBe(expectedStation);
    else expect(reference.stationCode).toMatch(/^chandauli-/);
    const event = reference.history.find((e) => e.action === 'routed');
    expect(event?.details).toMatchObject({ rule, station: reference.stationCode });
    expect(reference.version).toBe(2);
  });

  it('hands what cannot be routed to the district IGRS cell with the reason', async () => {
    const referenceNo = await f.file({ location: { districtCode: 'chandauli', pinCode: '110001' } });
    const reference = await routed(referenceNo);
    expect(reference.status).toBe('triage');
    expect(reference.stationCode).toBeUndefined();
    expect(reference.history.at(-1)).toMatchObject({
      action: 'triaged',
      details: { reason: 'no-jurisdiction-match' },
    });
  });

  it('sends a reference whose station was deleted to triage, with the reason', async () => {
    // Intake refuses a complaint naming a missing station, so the case is a reference filed while
    // the station existed and still waiting for the router when it was deleted. Build that state:
    // delete the station, put a reference back to 'registered' naming it, and deliver its message.
    const referenceNo = await f.file({
      location: { districtCode: 'chandauli', stationCode: 'chandauli-to-close' },
    });
    const first = await routed(referenceNo);
    expect(first.stationCode).toBe('chandauli-to-close');
    const db = client();
    await db.send(
      new DeleteItemCommand({
        TableName: p.cloud.tableNames.main,
        Key: toItem({ pk: 'MASTER#STATIONS#chandauli', sk: 'chandauli-to-close' }),
      }),
    );
    db.destroy();
    const waiting = await f.file({
      location: { districtCode: 'chandauli', stationCode: 'chandauli-sakaldiha' },
    });
    const original = await routed(waiting);
    const db2 = client();
    const { UpdateItemCommand } = await import('@aws-sdk/client-dynamodb');
    await db2.send(
      new UpdateItemCommand({
        TableName: p.cloud.tableNames.main,
        Key: toItem(referenceKey(waiting)),
        UpdateExpression: 'SET #s = :registered, #l.stationCode = :closed REMOVE stationCode',
        ExpressionAttributeNames: { '#s': 'status', '#l': 'location' },
        ExpressionAttributeValues: toItem({ ':registered': 'registered', ':closed': 'chandauli-to-close' }),
      }),
    );
    db2.destroy();
    await p.sqs.send(
      new SendMessageCommand({
        QueueUrl: p.cloud.queues.routing!.url,
        MessageBody: JSON.stringify({ type: 'route', referenceNo: waiting }),
      }),
    );
    const triaged = await waitFor('triage of the reference naming a deleted station', async () => {
      const reference = await f.stored(waiting);
      return reference.status === 'triage' ? reference : undefined;
    });
    expect(original.version).toBeLessThan(triaged.version);
    expect(triaged.history.at(-1)).toMatchObject({
      action: 'triaged',
      details: { reason: 'station-not-found' },
    });
  });

  it('assigns once when the same routing message is delivered twice', async () => {
    const referenceNo = await f.file({
      location: { districtCode: 'chandauli', stationCode: 'chandauli-chakia' },
    });
    await routed(referenceNo);
    for (let i = 0; i < 2; i++) {
      await p.sqs.send(
        new SendMessageCommand({
          QueueUrl: p.cloud.queues.routing!.url,
          MessageBody: JSON.stringify({ type: 'route', referenceNo }),
        }),
      );
    }
    await p.cloud.drain();
    const reference = await f.stored(referenceNo);
    expect(reference.history.filter((e) => e.action === 'routed')).toHaveLength(1);
    expect(reference.version).toBe(2);
  });

  it('moves poison messages to the dead-letter queue without holding up their batch', async () => {
    const good = await f.file({ location: { districtCode: 'chandauli', stationCode: 'chandauli-ilia' } });
    // Not JSON, and JSON that is not a routing message (the schema both sides use refuses it).
    for (const body of ['not json at all', JSON.stringify({ type: 'route', referenceNo: 'AGR-2025-1' })]) {
      await p.sqs.send(new SendMessageCommand({ QueueUrl: p.cloud.queues.routing!.url, MessageBody: body }));
    }
    expect((await routed(good)).stationCode).toBe('chandauli-ilia');
    await waitFor(
      'both poison messages in the DLQ',
      async () => {
        const { Attributes = {} } = await p.sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: p.cloud.queues.routing!.deadLetterUrl,
            AttributeNames: ['ApproximateNumberOfMessages'],
          }),
        );
        return Number(Attributes.ApproximateNumberOfMessages) >= 2 ? true : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(p.logs.some((line) => line.includes('PoisonMessageError'))).toBe(true);
  });
});
