import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { epochSeconds } from '../../domain/links/token.ts';
import type { AnnouncementLedger } from '../../use-cases/notifications/notify-digest.ts';
import { PutOnceLedger } from './put-once-ledger.ts';

const KEEP_DAYS = 180;
const CONCURRENCY = 10;

/**
 * Entries ANNOUNCE#<officerId>#<referenceNo> / ANNOUNCE, one per reference a digest told an officer
 * about, owned by the digest that did: a redelivery of that digest holds them again, another digest
 * does not.
 */
export class DynamoAnnouncementLedger implements AnnouncementLedger {
  private readonly ledger: PutOnceLedger;

  constructor(client: DynamoDBClient, tableName: string) {
    this.ledger = new PutOnceLedger(client, tableName);
  }

  async claim(recipientId: string, referenceNos: readonly string[], owner: string): Promise<string[]> {
    const held = new Set<string>();
    const now = new Date();
    let next = 0;
    const worker = async () => {
      while (next < referenceNos.length) {
        const referenceNo = referenceNos[next++]!;
        const entry = {
          itemType: 'announcement',
          at: now.toISOString(),
          expiresAtEpoch: epochSeconds(now) + KEEP_DAYS * 86_400,
        };
        if (
          await this.ledger.claim(
            { pk: `ANNOUNCE#${recipientId}#${referenceNo}`, sk: 'ANNOUNCE' },
            entry,
            owner,
          )
        )
          held.add(referenceNo);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, referenceNos.length) }, worker));
    return referenceNos.filter((no) => held.has(no));
  }
}
