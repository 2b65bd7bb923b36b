import { persistently } from '../../domain/retry.ts';

/**
 * Exactly-once effect for at-least-once delivery, one ledger entry per notification (not per
 * channel): a claim before sending and a settlement after, so a notification on SMS and email costs
 * two writes, one per delivery. A duplicate delivery finds it settled and skips; a delivery that
 * finds a live claim fails so the queue retries it later; a failed send settles what did go and
 * releases the claim, so the retry sends only the rest; a crashed sender's claim expires and the
 * next delivery sends every channel not recorded as sent.
 *
 * The price of one entry per notification: a sender that crashes after its SMS went and before its
 * email did (and so before settling) sends that SMS again once the claim expires, where a per-channel
 * entry would not. A crash is rare (a Lambda timeout mid-send); a second copy of a message is the
 * safe side of the trade, and the cheaper ledger halves its writes on every delivery.
 */
export type ClaimResult =
  /** Claimed; `sent` holds the channels an earlier, failed attempt already sent. */
  { state: 'claimed'; sent: readonly string[] } | { state: 'already-sent' } | { state: 'claimed-elsewhere' };

export interface NotificationLedger {
  claim(key: string): Promise<ClaimResult>;
  /**
   * Records the channels sent (channel -> provider message id) and ends the claim: `done` when every
   * channel went, otherwise the claim is released for the retry.
   */
  settle(key: string, sent: Readonly<Record<string, string>>, done: boolean): Promise<void>;
}

export class NotificationInFlightError extends Error {
  override name = 'NotificationInFlightError';
}

/** Sends one notification on each channel given (channel -> send, resolving to a message id), each once. */
export async function deliverOnce(
  ledger: NotificationLedger,
  key: string,
  sends: Readonly<Record<string, () => Promise<string>>>,
): Promise<string[]> {
  if (Object.keys(sends).length === 0) return [];
  const claim = await ledger.claim(key);
  if (claim.state === 'already-sent') return [];
  if (claim.state === 'claimed-elsewhere')
    throw new NotificationInFlightError(`${key} is being sent by another delivery`);
  const sent: Record<string, string> = {};
  for (const [channel, send] of Object.entries(sends)) {
    if (claim.sent.includes(channel)) continue;
    try {
      sent[channel] = await send();
    } catch (error) {
      await persistently(() => ledger.settle(key, sent, false)).catch(() => undefined);
      throw error;
    }
  }
  // Settled persistently: while a claim stands unsettled every delivery of the message fails (it may
  // end in the dead-letter queue), and once it expires the next delivery sends it again.
  await persistently(() => ledger.settle(key, sent, true));
  return Object.keys(sent);
}
