import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDynamoDb } from '../../infra/local/services/dynamodb.ts';
import { toItem } from '../../shared/adapters/dynamodb/dynamo-item.ts';
import { referenceKey } from '../../shared/adapters/dynamodb/reference-item.ts';
import { DynamoReferenceRepository } from '../../shared/adapters/dynamodb/reference-repository.ts';
import { startMainTable } from '../fixtures/support.ts';
import { aReference } from '../unit/ranking-fixtures.ts';

/**
 * Long free text is stored deflated (shared/adapters/dynamodb/reference-repository.ts): every reader gets it back
 * as typed, through the table and through the complainant index, and short text stays a string.
 */

let dynamo: LocalDynamoDb;
let client: DynamoDBClient;
let table: string;

beforeAll(async () => {
  ({ dynamo, client, table } = await startMainTable('texts'));
});

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
});

const HINDI_DESCRIPTION =
  'महोदय, निवेदन है कि सोमवार की शाम मैं राशन की दुकान से सामान लेने गई थी और अपनी साइकिल बाहर ताला लगाकर खड़ी की थी। ' +
  'लौटी तो साइकिल वहाँ नहीं थी। पड़ोसी ने बताया कि दो लड़के मोटरसाइकिल पर आए थे। कृपया जाँच कराकर साइकिल बरामद कराएँ।';
const HINDI_FINDINGS =
  'शिकायतकर्ता से फ़ोन पर और उनके घर जाकर बात की गई। पड़ोसी तथा दुकानदार के बयान लिए गए और कैमरे की रिकॉर्डिंग देखी गई।';
const HINDI_ADDRESS =
  'मकान संख्या 12, मोहल्ला कसाब, वार्ड 4, सकलडीहा बाज़ार के पीछे, तहसील सकलडीहा, जनपद चन्दौली, उत्तर प्रदेश';

const raw = async (referenceNo: string) =>
  (
    await client.send(
      new GetItemCommand({ TableName: table, Key: toItem(referenceKey(referenceNo)), ConsistentRead: true }),
    )
  ).Item!;

describe('texts of a reference', () => {
  it('stores long Hindi text deflated and gives it back as typed, from the table and the complainant index', async () => {
    const repository = new DynamoReferenceRepository(client, table);
    const base = aReference({ no: '10000000074', station: 'chandauli-sakaldiha', district: 'chandauli' });
    const reference = {
      ...base,
      description: HINDI_DESCRIPTION,
      complainant: { ...base.complainant, address: HINDI_ADDRESS },
    };
    const keys = { mobileHash: 'texts', istMonth: '2026-10', istDate: '2026-10-05' };
    expect(await repository.create(reference, keys)).toBe(true);

    const stored = await raw(reference.referenceNo);
    expect(stored.description?.B).toBeInstanceOf(Uint8Array);
    expect(stored.description!.B!.byteLength).toBeLessThan(Buffer.byteLength(HINDI_DESCRIPTION) / 2);
    expect(stored.complainant?.M?.address?.B).toBeInstanceOf(Uint8Array);
    expect(stored.complainant?.M?.name?.S).toBe(base.complainant.name);
    expect(await repository.get(reference.referenceNo)).toEqual(reference);

    const [recent] = await repository.recentByMobile(['texts'], '2026-10-01', 5);
    expect(recent?.description).toBe(HINDI_DESCRIPTION);

    const at = '2026-10-06T04:30:00.000Z';
    const reported = {
      ...reference,
      version: reference.version + 1,
      status: 'report-submitted' as const,
      updatedAt: at,
      report: {
        submittedAt: at,
        contacted: true,
        findings: HINDI_FINDINGS,
        outcome: 'resolved',
        actionTaken: 'साइकिल बरामद कर सुपुर्द की गई।',
        attachments: [],
        stationCode: 'chandauli-sakaldiha',
      },
      history: [...reference.history, { at, actor: { role: 'system' as const }, action: 'checked' }],
    };
    expect(await repository.saveTransition(reference, reported)).toBe(true);
    const after = await raw(reference.referenceNo);
    expect(after.report?.M?.findings?.B).toBeInstanceOf(Uint8Array);
    // Below the packing size: kept a string.
    expect(after.report?.M?.actionTaken?.S).toBe(reported.report.actionTaken);
    expect(await repository.get(reference.referenceNo)).toEqual(reported);
  });

  it('keeps short text a plain string', async () => {
    const repository = new DynamoReferenceRepository(client, table);
    const reference = aReference({
      no: '10000000082',
      station: 'chandauli-sakaldiha',
      district: 'chandauli',
    });
    const keys = { mobileHash: 'short', istMonth: '2026-10', istDate: '2026-10-05' };
    expect(await repository.create(reference, keys)).toBe(true);
    expect((await raw(reference.referenceNo)).description?.S).toBe(reference.description);
    expect(await repository.get(reference.referenceNo)).toEqual(reference);
  });
});
