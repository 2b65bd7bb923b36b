import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { dynamodbClient } from '../../shared/adapters/aws/clients/dynamodb.ts';
import { sqsClient } from '../../shared/adapters/aws/clients/sqs.ts';
import { mainTableName, queueUrl } from '../../shared/adapters/wiring/wiring.ts';

/**
 * The intake benchmark's second reference line: the least any complaint function can do behind the
 * same HTTP runner and sandboxes. It stores a copy of a stored reference (the template the bench
 * leaves at TEMPLATE_KEY, read once per sandbox) and, with `?queue=1`, queues one routing message, then answers
 * 201. No validation, no limiter, no Idempotency-Key: what is left is the HTTP hop and the calls
 * themselves, so intake's distance from this line is the product's own work, and this line's
 * distance from the bare PutItem floor is the local engine's.
 */
export const TEMPLATE_KEY = { pk: { S: 'BENCH#template' }, sk: { S: 'BENCH' } };
let template: Promise<Record<string, unknown>> | undefined;
let sequence = 0;

async function readTemplate() {
  const { Item } = await dynamodbClient().send(
    new GetItemCommand({ TableName: mainTableName(), Key: TEMPLATE_KEY, ConsistentRead: true }),
  );
  if (!Item?.item?.S) throw new Error('the bench left no template item');
  return JSON.parse(Item.item.S) as Record<string, unknown>;
}

export const handler = async (event: { rawQueryString?: string }) => {
  template ??= readTemplate();
  const item = await template;
  const no = `ceiling-${process.pid}-${Math.random().toString(36).slice(2)}-${sequence++}`;
  await dynamodbClient().send(
    new PutItemCommand({
      TableName: mainTableName(),
      Item: { ...item, pk: { S: `REF#${no}` }, referenceNo: { S: no } },
    }),
  );
  if (event.rawQueryString === 'queue=1') {
    await sqsClient().send(
      new SendMessageCommand({
        QueueUrl: queueUrl('routing'),
        MessageBody: JSON.stringify({ type: 'route', referenceNo: no }),
      }),
    );
  }
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json' },
    body: `{"referenceNo":"${no}"}`,
  };
};
