import { sqsClient } from './clients/sqs.ts';
import { SqsQueue } from './queue.ts';
import { queueUrl } from './wiring.ts';

/**
 * The notifications queue, built once per container, for the functions that queue there at every
 * run (the router, the scheduled jobs). Apart from wiring.ts so that a function that rarely queues
 * (the officer pages) keeps SQS out of its init.
 */
let queue: SqsQueue | undefined;
export const notificationsQueue = (): SqsQueue =>
  (queue ??= new SqsQueue(sqsClient(), queueUrl('notifications')));
