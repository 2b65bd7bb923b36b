import { persistently } from '../retry.ts';

/**
 * Exactly-once effect for at-least-once delivery: each (notification, channel) is claimed in a
 * ledger before sending and marked sent after. A duplicate delivery finds it sent and skips; a
 * delivery that finds a live claim fails so the queue retries it later; a crashed sender's claim
 * expires and the next delivery sends.
 */
export type ClaimResult = 'claimed' | 'already-sent' | 'claimed-elsewhere';

export interface NotificationLedger {
  claim(key: string): Promise<ClaimResult>;
  markSent(key: string, messageId: string): Promise<void>;
  release(key: string): Promise<void>;
}

export class NotificationInFlightError extends Error {
  override name = 'NotificationInFlightError';
}

export async function deliverOnce(
  ledger: NotificationLedger,
  key: string,
  send: () => Promise<string>,
): Promise<'sent' | 'skipped'> {
  const claim = await ledger.claim(key);
  if (claim === 'already-sent') return 'skipped';
  if (claim === 'claimed-elsewhere')
    throw new NotificationInFlightError(`${key} is being sent by another delivery`);
  let messageId: string;
  try {
    messageId = await send();
  } catch (error) {
    await persistently(() => ledger.release(key)).catch(() => undefined);
    throw error;
  }
  // Settled persistently: while a claim stands unsettled every delivery of the message fails (it may
  // end in the dead-letter queue), and once a sent one expires the next delivery sends it again.
  await persistently(() => ledger.markSent(key, messageId));
  return 'sent';
}
