import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { AnnouncementLedger } from '../domain/sweep/digest-notify.ts';
import { isConditionFailure, toItem } from './dynamo-item.ts';

const KEEP_DAYS = 180;
const CONCURRENCY = 10;

/**
 * Items ANNOUNCE#<officerId>#<referenceNo> / ANNOUNCE, one per reference a digest told an officer
 * about, holding the digest (owner) that did. One conditional PutItem each: it succeeds when nobody
 * holds the pair yet or this owner already does (a redelivery), and fails when another digest does.
 */
export class DynamoAnnouncementLedger implements AnnouncementLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async claim(recipientId: string, referenceNos: readonly string[], owner: string): Promise<string[]> {
    const held = new Set<string>();
    const now = Math.floor(Date.now() / 1000);
    let next = 0;
    const worker = async () => {
      while (next < referenceNos.length) {
        const referenceNo = referenceNos[next++]!;
        try {
          await this.client.send(
            new PutItemCommand({
              TableName: this.tableName,
              Item: toItem({
                pk: `ANNOUNCE#${recipientId}#${referenceNo}`,
                sk: 'ANNOUNCE',
                itemType: 'announcement',
                owner,
                at: new Date().toISOString(),
                expiresAtEpoch: now + KEEP_DAYS * 86_400,
              }),
              ConditionExpression: 'attribute_not_exists(pk) OR #owner = :owner',
              ExpressionAttributeNames: { '#owner': 'owner' },
              ExpressionAttributeValues: toItem({ ':owner': owner }),
            }),
          );
          held.add(referenceNo);
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, referenceNos.length) }, worker));
    return referenceNos.filter((no) => held.has(no));
  }
}
