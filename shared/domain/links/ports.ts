/** What link handling needs from the outside world; shared/adapters/dynamodb/link-use-ledger.ts implements it. */
export interface LinkUseLedger {
  /**
   * Spends a single-use link's nonce: true the first time only, false ever after (also under
   * concurrent calls). `expiresAt` (epoch seconds) is the link's expiry; the record may be
   * forgotten some time after it, when the link is refused as expired anyway.
   */
  consume(nonce: string, expiresAt: number): Promise<boolean>;
  /** Whether the nonce was spent, to show "already used" before a form is filled in. Spends nothing. */
  wasUsed(nonce: string): Promise<boolean>;
}
