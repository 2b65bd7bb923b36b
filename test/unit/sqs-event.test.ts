import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Message } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { buildSqsEvent } from '../../infra/local/events/sqs.ts';
import { shapeDifferences } from '../fixtures/shape.ts';

/** The documented SQS event of a Lambda event source mapping (see test/fixtures/events/README.md). */
const captured = JSON.parse(
  readFileSync(new URL('../fixtures/events/sqs.json', import.meta.url), 'utf8'),
) as SQSEvent;

const QUEUE_ARN = 'arn:aws:sqs:ap-south-1:000000000000:nivaran-notify';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Two messages as ReceiveMessage (all system and message attributes) returns them. */
const received: Message[] = captured.Records.map((record, i) => ({
  MessageId: record.messageId,
  ReceiptHandle: record.receiptHandle,
  MD5OfBody: md5(record.body),
  Body: record.body,
  Attributes: {
    ApproximateReceiveCount: record.attributes.ApproximateReceiveCount,
    SentTimestamp: record.attributes.SentTimestamp,
    SenderId: record.attributes.SenderId,
    ApproximateFirstReceiveTimestamp: record.attributes.ApproximateFirstReceiveTimestamp,
  },
  ...(i === 0
    ? { MessageAttributes: { kind: { DataType: 'String', StringValue: 'complaint-accepted' } } }
    : {}),
}));

describe('buildSqsEvent against the documented SQS event', () => {
  it('has the same keys with the same types in every record', () => {
    const event = buildSqsEvent(received, QUEUE_ARN, 'ap-south-1');
    expect(shapeDifferences(captured, event, { maps: ['Records[].messageAttributes'] })).toEqual([]);
    expect(event.Records).toHaveLength(2);
  });

  it('carries the real message id, receipt handle, body, MD5 and attributes, never placeholders', () => {
    const event = buildSqsEvent(received, QUEUE_ARN, 'ap-south-1');
    event.Records.forEach((record, i) => {
      const expected = captured.Records[i]!;
      expect(record.messageId).toBe(expected.messageId);
      expect(record.receiptHandle).toBe(expected.receiptHandle);
      expect(record.body).toBe(expected.body);
      expect(record.md5OfBody).toBe(expected.md5OfBody);
      expect(record.attributes).toEqual(expected.attributes);
      expect(record.messageAttributes).toEqual(expected.messageAttributes);
      expect(record.eventSource).toBe('aws:sqs');
      expect(record.eventSourceARN).toBe(QUEUE_ARN);
      expect(record.awsRegion).toBe('ap-south-1');
    });
  });

  it('passes a binary message attribute base64-encoded, as Lambda does', () => {
    const [first] = received;
    const bytes = new Uint8Array([1, 2, 3, 254]);
    const event = buildSqsEvent(
      [
        {
          ...first!,
          MessageAttributes: {
            blob: { DataType: 'Binary', BinaryValue: bytes },
            count: { DataType: 'Number', StringValue: '3' },
          },
        },
      ],
      QUEUE_ARN,
      'ap-south-1',
    );
    expect(event.Records[0]!.messageAttributes).toEqual({
      blob: {
        dataType: 'Binary',
        binaryValue: Buffer.from(bytes).toString('base64'),
        stringListValues: [],
        binaryListValues: [],
      },
      count: { dataType: 'Number', stringValue: '3', stringListValues: [], binaryListValues: [] },
    });
  });

  it('adds the FIFO attributes only for a FIFO message', () => {
    const [first] = received;
    const fifo = buildSqsEvent(
      [
        {
          ...first!,
          Attributes: { ...first!.Attributes, MessageGroupId: 'agra', MessageDeduplicationId: 'd-1' },
        },
      ],
      QUEUE_ARN,
      'ap-south-1',
    );
    expect(fifo.Records[0]!.attributes).toMatchObject({
      MessageGroupId: 'agra',
      MessageDeduplicationId: 'd-1',
    });
    const standard = buildSqsEvent([first!], QUEUE_ARN, 'ap-south-1');
    expect(standard.Records[0]!.attributes).not.toHaveProperty('MessageGroupId');
    expect(standard.Records[0]!.attributes).not.toHaveProperty('MessageDeduplicationId');
  });

  it('keeps the order of the messages received', () => {
    const event = buildSqsEvent([...received].reverse(), QUEUE_ARN, 'ap-south-1');
    expect(event.Records.map((r) => r.messageId)).toEqual(
      [...captured.Records].reverse().map((r) => r.messageId),
    );
  });
});
