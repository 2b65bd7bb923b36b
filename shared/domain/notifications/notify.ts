import type { ReferenceRepository } from '../ports.ts';
import { deliverOnce, type NotificationLedger } from './deliver.ts';
import { acknowledgement } from './templates.ts';

export interface NotifyDeps {
  references: Pick<ReferenceRepository, 'get'>;
  ledger: NotificationLedger;
  sms: { send(to: string, text: string, templateKey: string): Promise<string> };
  email: { send(message: { to: string; subject: string; text: string; html: string }): Promise<string> };
  /** Public base URL of the API, for links in messages. */
  publicBaseUrl: string;
}

export type NotificationMessage = { type: 'acknowledgement'; referenceNo: string };

export function isNotificationMessage(body: unknown): body is NotificationMessage {
  const message = body as Partial<NotificationMessage> | null;
  return message?.type === 'acknowledgement' && typeof message.referenceNo === 'string';
}

/**
 * Sends one notification on each channel the recipient has, each at most once however often the
 * message is delivered. A reference that no longer exists (taken back at intake) needs no message.
 */
export async function notify(message: NotificationMessage, deps: NotifyDeps): Promise<{ sent: string[] }> {
  const reference = await deps.references.get(message.referenceNo);
  if (!reference) return { sent: [] };
  const rendered = acknowledgement({
    language: reference.complainant.language,
    referenceNo: reference.referenceNo,
    deadlineAt: new Date(reference.deadlineAt),
    trackUrl: `${deps.publicBaseUrl}/v1/complaints/${reference.referenceNo}`,
  });
  const sent: string[] = [];
  const key = `${message.type}#${reference.referenceNo}`;
  if (
    (await deliverOnce(deps.ledger, `${key}#sms`, () =>
      deps.sms.send(reference.complainant.mobile, rendered.sms.text, rendered.sms.templateKey),
    )) === 'sent'
  ) {
    sent.push('sms');
  }
  const to = reference.complainant.email;
  if (
    to &&
    (await deliverOnce(deps.ledger, `${key}#email`, () => deps.email.send({ to, ...rendered.email }))) ===
      'sent'
  ) {
    sent.push('email');
  }
  return { sent };
}
