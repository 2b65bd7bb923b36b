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
  await persistently(() => ledger.markSent(key, messageId));
  return 'sent';
}

const LEDGER_ATTEMPTS = 6;

/**
 * Settles a claim (sent, or released after a failed send), trying for about six seconds: while a
 * claim stands unsettled every delivery of the message fails and may end in the dead-letter queue,
 * and once a sent one expires the next delivery sends it a second time. A database hiccup between
 * the claim and its settling must cause neither.
 */
async function persistently(write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      if (attempt >= LEDGER_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}
