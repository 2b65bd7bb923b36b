import * as z from 'zod/mini';
import type { NotificationMessage } from '../../domain/notifications/message-types.ts';
import { STATUSES } from '../../domain/reference/types.ts';

/**
 * The messages on Nivaran's queues, as zod schemas that both sides use: the adapter that sends
 * (shared/adapters/sqs/queue.ts, wired in ./queues.ts) refuses a message its consumer would refuse, and
 * the consumer (./handler.ts) parses each record with the same schema, so a message that does not
 * fit fails alone and ends in the dead-letter queue. The domain keeps plain TypeScript types of
 * its own (it imports no zod); the checks at the bottom keep the two the same shape.
 */

const referenceNo = z.string().check(z.regex(/^\d{11}$/));
const text = z.string();
const version = z.number();

/** Routing queue: intake asks the router to route one new reference. */
export const routingMessage = z.object({ type: z.literal('route'), referenceNo });
export type RoutingMessage = z.infer<typeof routingMessage>;

const digestRow = z.object({
  referenceNo: text,
  stationCode: z.optional(text),
  categoryCode: text,
  status: z.enum(STATUSES),
  deadlineAt: text,
});

const singleNotification = z.discriminatedUnion('type', [
  z.object({ type: z.literal('acknowledgement'), referenceNo: text }),
  z.object({ type: z.literal('station-assigned'), referenceNo: text, stationCode: text, version }),
  z.object({ type: z.literal('triaged'), referenceNo: text, districtCode: text, version }),
  z.object({ type: z.literal('report-submitted'), referenceNo: text, version }),
  z.object({ type: z.literal('report-returned'), referenceNo: text, stationCode: text, version }),
  z.object({ type: z.literal('disposed'), referenceNo: text, version }),
  z.object({ type: z.literal('reopened'), referenceNo: text, version }),
  z.object({
    type: z.literal('random-check-drawn'),
    districtCode: text,
    date: text,
    referenceNos: z.array(text),
  }),
  z.object({
    type: z.literal('defaulter-digest'),
    districtCode: text,
    officerId: text,
    runAt: text,
    rows: z.array(digestRow),
    part: z.number(),
    parts: z.number(),
  }),
  z.object({
    type: z.literal('due-digest'),
    districtCode: text,
    officerId: text,
    stationCode: text,
    date: text,
    rows: z.array(digestRow),
    total: z.number(),
  }),
  z.object({
    type: z.literal('near-defaulter-digest'),
    districtCode: text,
    officerId: text,
    date: text,
    rows: z.array(digestRow),
    total: z.number(),
  }),
]);

/** Notifications queue: one notification, or several sent in order (the router's bundle). */
export const notificationMessage = z.union([
  singleNotification,
  z.object({
    type: z.literal('bundle'),
    notifications: z.array(singleNotification).check(z.minLength(1)),
  }),
]);
export type NotificationMessageBody = z.infer<typeof notificationMessage>;

// The schemas and the domain's types describe the same messages: each is assignable to the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<NotificationMessageBody, NotificationMessage> = true;
void sameShape;
