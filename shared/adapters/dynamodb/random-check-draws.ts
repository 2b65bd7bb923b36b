import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { epochSeconds } from '../../domain/links/token.ts';
import { PutOnceLedger } from './put-once-ledger.ts';

const KEEP_DAYS = 90;

/**
 * The daily random-check draws, RCHECKRUN#<district> / <IST date>, one entry a district-day: the
 * first run to claim a day draws it; a retried or overlapping run draws nothing twice.
 */
export class DynamoRandomCheckDraws {
  private readonly ledger: PutOnceLedger;

  constructor(client: DynamoDBClient, tableName: string) {
    this.ledger = new PutOnceLedger(client, tableName);
  }

  claimDraw(districtCode: string, date: string, at: Date): Promise<boolean> {
    return this.ledger.claim(
      { pk: `RCHECKRUN#${districtCode}`, sk: date },
      { at: at.toISOString(), expiresAtEpoch: epochSeconds(at) + KEEP_DAYS * 86_400 },
    );
  }
}
