import { sqsClient } from '../../adapters/aws/clients/sqs.ts';
import { SqsQueue } from '../../adapters/sqs/queue.ts';
import { queueUrl } from '../../adapters/wiring/wiring.ts';
import { currentCorrelationId } from '../correlation.ts';
import {
  type NotificationMessageBody,
  notificationMessage,
  type RoutingMessage,
  routingMessage,
} from './messages.ts';

/**
 * Nivaran's queues as producers see them, built once per container: each checks what it sends
 * with the schema its consumer parses it with, and carries the current correlation id on. Import
 * this module (not messages.ts through it) only where messages are sent: it brings zod and the
 * SQS client into the bundle.
 */
let routing: SqsQueue<RoutingMessage> | undefined;
export const routingQueue = (): SqsQueue<RoutingMessage> =>
  (routing ??= new SqsQueue(sqsClient(), queueUrl('routing'), {
    schema: routingMessage,
    correlationId: currentCorrelationId,
  }));

let notifications: SqsQueue<NotificationMessageBody> | undefined;
export const notificationsQueue = (): SqsQueue<NotificationMessageBody> =>
  (notifications ??= new SqsQueue(sqsClient(), queueUrl('notifications'), {
    schema: notificationMessage,
    correlationId: currentCorrelationId,
  }));
