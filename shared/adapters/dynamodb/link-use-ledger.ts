import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LinkUseLedger } from '../../domain/links/ports.ts';
import { PutOnceLedger } from './put-once-ledger.ts';

/** Kept a day past the link's expiry, so clock skew can never let an expired-but-forgotten nonce in. */
const KEEP_AFTER_EXPIRY_SECONDS = 86_400;

/** Spent single-use link nonces, LINKUSE#<nonce> / LINKUSE, one entry each: the first use wins. */
export class DynamoLinkUseLedger implements LinkUseLedger {
  private readonly ledger: PutOnceLedger;

  constructor(client: DynamoDBClient, tableName: string) {
    this.ledger = new PutOnceLedger(client, tableName);
  }

  private key(nonce: string) {
    return { pk: `LINKUSE#${nonce}`, sk: 'LINKUSE' };
  }

  consume(nonce: string, expiresAt: number): Promise<boolean> {
    return this.ledger.claim(this.key(nonce), {
      usedAt: new Date().toISOString(),
      expiresAtEpoch: expiresAt + KEEP_AFTER_EXPIRY_SECONDS,
    });
  }

  wasUsed(nonce: string): Promise<boolean> {
    return this.ledger.has(this.key(nonce));
  }
}
