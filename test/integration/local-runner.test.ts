import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../infra/local/cloud.ts';
import { PortInUseError } from '../../infra/local/services/listen.ts';
import { fixturePlatform, HELD_QUEUE, RECORDS_TABLE, WORK_QUEUE } from '../fixtures/platform.ts';
import {
  dynamoClient,
  itemsUnder,
  LOCAL_CREDENTIALS,
  rawRequest,
  sharedDynamoDb,
  waitFor,
} from '../fixtures/support.ts';

interface EchoBody {
  event: APIGatewayProxyEventV2;
  fixtureName: string | null;
  echoOnly: string | null;
  setAtRunTime: string | null;
  awsRequestId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const run = Date.now().toString(36);

let cloud: LocalCloud;
let dynamodb: DynamoDBClient;
let sqs: SQSClient;
const logs: { source: string; line: string }[] = [];

beforeAll(async () => {
  cloud = await startLocalCloud({
    platform: fixturePlatform,
    dataDir: null,
    dynamodb: sharedDynamoDb(),
    ports: { api: 0, mail: 0, sms: 0, dynamodb: 0, sqs: 0 },
    visibilityTimeoutOverrideSeconds: 1,
    onLog: (source, line) => logs.push({ source, line }),
  });
  dynamodb = dynamoClient(cloud.dynamodbEndpoint);
  sqs = new SQSClient({ endpoint: cloud.sqsEndpoint, region: 'ap-south-1', credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  dynamodb?.destroy();
  sqs?.destroy();
  await cloud?.stop();
});

async function echo(path: string, options: Parameters<typeof rawRequest>[1] = {}) {
  const response = await rawRequest(`${cloud.apiUrl}${path}`, options);
  expect(response.status, response.text).toBe(200);
  return { response, body: response.json<EchoBody>() };
}

/** The deliveries the worker recorded for one message, oldest first. */
async function deliveriesOf(messageId: string) {
  const items = await itemsUnder(dynamodb, cloud.tableNames[RECORDS_TABLE]!, `MSG#${messageId}`);
  return items.sort((a, b) => a.sk!.localeCompare(b.sk!));
}

/** Looks in the work queue's DLQ without hiding what it sees from later looks. */
async function deadLetterBodies(): Promise<string[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: cloud.queues[WORK_QUEUE]!.deadLetterUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
      WaitTimeSeconds: 0,
    }),
  );
  return Messages.map((m) => m.Body ?? '');
}

describe('HTTP API (payload format 2.0)', () => {
  it('passes the route key, raw path and query, lowercased headers, cookies and request context', async () => {
    const { body } = await echo('/echo/a/b?x=1&x=2&y=z', {
      headers: {
        'X-Mixed-Case': 'Value',
        'x-multi': ['one', 'two'],
        cookie: 'c1=v1; c2=v2',
        'User-Agent': 'fixture-agent',
      },
    });
    const { event } = body;
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('ANY /echo/{proxy+}');
    expect(event.rawPath).toBe('/echo/a/b');
    expect(event.rawQueryString).toBe('x=1&x=2&y=z');
    expect(event.queryStringParameters).toEqual({ x: '1,2', y: 'z' });
    expect(event.pathParameters).toEqual({ proxy: 'a/b' });
    for (const name of Object.keys(event.headers)) expect(name).toBe(name.toLowerCase());
    expect(event.headers['x-mixed-case']).toBe('Value');
    expect(event.headers['x-multi']).toBe('one,two');
    expect(event.cookies).toEqual(['c1=v1', 'c2=v2']);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.http).toEqual({
      method: 'GET',
      path: '/echo/a/b',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: 'fixture-agent',
    });
    expect(event.requestContext.routeKey).toBe('ANY /echo/{proxy+}');
    expect(event.requestContext.stage).toBe('$default');
    expect(event.requestContext.requestId).toMatch(UUID);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(10_000);
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBeUndefined();
  });

  it('matches any method on a proxy+ route and decodes path parameters', async () => {
    const { body } = await echo('/echo/deep/er/x%20y', { method: 'DELETE' });
    expect(body.event.routeKey).toBe('ANY /echo/{proxy+}');
    expect(body.event.requestContext.http.method).toBe('DELETE');
    expect(body.event.rawPath).toBe('/echo/deep/er/x%20y');
    expect(body.event.pathParameters).toEqual({ proxy: 'deep/er/x y' });
  });

  it('gives every request a fresh request id, in the event, the context and the response header', async () => {
    const first = await echo('/echo/one');
    const second = await echo('/echo/two');
    expect(first.body.event.requestContext.requestId).not.toBe(second.body.event.requestContext.requestId);
    expect(first.body.awsRequestId).toMatch(UUID);
    expect(first.body.awsRequestId).not.toBe(second.body.awsRequestId);
    expect(first.response.headers['apigw-requestid']).toBe(first.body.event.requestContext.requestId);
  });

  it('base64-encodes a binary or invalid UTF-8 body and passes JSON text as it is', async () => {
    const binary = Buffer.from([0, 1, 2, 0xff, 0x80]);
    const asBinary = await echo('/echo/binary', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: binary,
    });
    expect(asBinary.body.event.isBase64Encoded).toBe(true);
    expect(Buffer.from(asBinary.body.event.body!, 'base64')).toEqual(binary);

    const invalidUtf8 = Buffer.from([0x41, 0xff, 0xfe, 0x42]);
    const asText = await echo('/echo/latin1', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: invalidUtf8,
    });
    expect(asText.body.event.isBase64Encoded).toBe(true);
    expect(Buffer.from(asText.body.event.body!, 'base64')).toEqual(invalidUtf8);

    const json = JSON.stringify({ complaint: 'चोरी हुई', n: 1 });
    const asJson = await echo('/echo/json', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: json,
    });
    expect(asJson.body.event.isBase64Encoded).toBe(false);
    expect(asJson.body.event.body).toBe(json);
  });

  it("returns the handler's status, headers and cookies, each cookie as its own set-cookie", async () => {
    const { response } = await echo('/echo/cookies');
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-echo']).toBe('yes');
    expect(response.headers['set-cookie']).toEqual(['first=1; Path=/', 'second=2; HttpOnly']);
  });

  it('routes to the most specific route: /items/special over /items/{id}', async () => {
    const special = await echo('/items/special');
    expect(special.body.event.routeKey).toBe('GET /items/special');
    expect(special.body.event.pathParameters).toBeUndefined();
    const byId = await echo('/items/42');
    expect(byId.body.event.routeKey).toBe('GET /items/{id}');
    expect(byId.body.event.pathParameters).toEqual({ id: '42' });
  });

  it('answers a request no route matches with 404 {"message":"Not Found"}', async () => {
    for (const [method, path] of [
      ['GET', '/nowhere'],
      ['POST', '/items/42'],
      ['GET', '/echo'],
      ['GET', '/items/42/more'],
    ] as const) {
      const response = await rawRequest(`${cloud.apiUrl}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.json()).toEqual({ message: 'Not Found' });
    }
  });

  it('answers a body over the 6 MB cap with 413 and invokes nothing', async () => {
    const tooBig = Buffer.alloc(fixturePlatform.api.maxPayloadBytes + 1, 'a');
    const response = await rawRequest(`${cloud.apiUrl}/echo/too-big`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: tooBig,
    });
    expect(response.status).toBe(413);
    expect(response.json()).toEqual({ message: 'Request Entity Too Large' });
    // A later call's log line arrives after any the rejected request could have caused.
    await echo('/echo/after-too-big', { method: 'POST' });
    await waitFor('the later call to log', () =>
      logs.some((l) => l.line.includes('POST /echo/after-too-big')) ? true : undefined,
    );
    expect(logs.filter((l) => l.line.includes('/echo/too-big'))).toEqual([]);
  });

  it('answers 503 when the handler runs past its timeout, without waiting for it', async () => {
    const started = Date.now();
    const response = await rawRequest(`${cloud.apiUrl}/slow`);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(503);
    expect(response.json()).toEqual({ message: 'Service Unavailable' });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(2_500);
  });

  it('runs each function with its own environment: a variable of one is absent in the other', async () => {
    const other = await rawRequest(`${cloud.apiUrl}/other`);
    expect(other.json()).toMatchObject({ fixtureName: 'other', echoOnly: null });
    // `other` has now set SET_AT_RUN_TIME in its own process.env; echo must not see it.
    const { body } = await echo('/echo/env');
    expect(body.fixtureName).toBe('echo');
    expect(body.echoOnly).toBe('declared-on-echo');
    expect(body.setAtRunTime).toBeNull();
    expect(cloud.functionEnvironment('other').ECHO_ONLY).toBeUndefined();
    expect(cloud.functionEnvironment('worker').TABLE_RECORDS).toBe(cloud.tableNames[RECORDS_TABLE]);
    expect(cloud.functionEnvironment('echo').TABLE_RECORDS).toBeUndefined();
  });
});

describe('SQS event source mapping', () => {
  it('delivers a message with its real message id, receipt handle and attributes, then deletes it', async () => {
    const body = `hello-${run}`;
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: cloud.queues[WORK_QUEUE]!.url,
        MessageBody: body,
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'probe' } },
      }),
    );
    const [delivery] = await waitFor('the worker to record the message', async () => {
      const found = await deliveriesOf(sent.MessageId!);
      return found.length > 0 ? found : undefined;
    });
    const record = JSON.parse(delivery!.record!) as SQSRecord;
    expect(record.messageId).toBe(sent.MessageId);
    expect(record.receiptHandle).toEqual(expect.any(String));
    expect(record.receiptHandle.length).toBeGreaterThan(10);
    expect(record.body).toBe(body);
    expect(record.md5OfBody).toBe(createHash('md5').update(body).digest('hex'));
    expect(record.md5OfBody).toBe(sent.MD5OfMessageBody);
    expect(record.attributes.ApproximateReceiveCount).toBe('1');
    expect(Math.abs(Number(record.attributes.SentTimestamp) - Date.now())).toBeLessThan(30_000);
    expect(record.attributes.ApproximateFirstReceiveTimestamp).toMatch(/^\d+$/);
    expect(record.messageAttributes.kind).toMatchObject({ dataType: 'String', stringValue: 'probe' });
    expect(record.eventSource).toBe('aws:sqs');
    expect(record.eventSourceARN).toBe(cloud.queues[WORK_QUEUE]!.arn);
    expect(record.awsRegion).toBe('ap-south-1');

    await cloud.drain();
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: cloud.queues[WORK_QUEUE]!.url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
    expect(await deliveriesOf(sent.MessageId!)).toHaveLength(1);
  });

  it('deletes the successes of a partly failed batch once and redrives the failure to the DLQ after maxReceiveCount', async () => {
    const bodies = [`ok-a-${run}`, `fail-${run}`, `ok-b-${run}`];
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: cloud.queues[WORK_QUEUE]!.url,
        Entries: bodies.map((body, i) => ({ Id: String(i), MessageBody: body })),
      }),
    );
    const ids = Object.fromEntries(sent.Successful!.map((s) => [bodies[Number(s.Id)]!, s.MessageId!]));
    await waitFor('the failing message to reach the DLQ', async () =>
      (await deadLetterBodies()).includes(`fail-${run}`) ? true : undefined,
    );
    await cloud.drain();

    const failing = await deliveriesOf(ids[`fail-${run}`]!);
    expect(failing.map((d) => d.receiveCount)).toEqual(['1', '2']);
    for (const ok of [`ok-a-${run}`, `ok-b-${run}`]) {
      const deliveries = await deliveriesOf(ids[ok]!);
      expect(deliveries, ok).toHaveLength(1);
      // It shared the first batch with the failing message, and was not delivered again.
      expect(deliveries[0]!.awsRequestId).toBe(failing[0]!.awsRequestId);
    }
  });

  it('retries the whole batch when the handler throws, then redrives it to the DLQ', async () => {
    const sent = await sqs.send(
      new SendMessageCommand({ QueueUrl: cloud.queues[WORK_QUEUE]!.url, MessageBody: 'throw' }),
    );
    const deliveries = await waitFor('two deliveries of the throwing message', async () => {
      const found = await deliveriesOf(sent.MessageId!);
      return found.length >= 2 ? found : undefined;
    });
    expect(deliveries.map((d) => d.receiveCount)).toEqual(['1', '2']);
    expect(deliveries[0]!.awsRequestId).not.toBe(deliveries[1]!.awsRequestId);
    await waitFor('the throwing message to reach the DLQ', async () =>
      (await deadLetterBodies()).includes('throw') ? true : undefined,
    );
    await cloud.drain();
    expect(await deliveriesOf(sent.MessageId!)).toHaveLength(2);
    expect(logs.some((l) => l.source === `sqs:${WORK_QUEUE}` && l.line.includes('"throw"'))).toBe(true);
  });
  it('leaves the messages of a queue without a consumer waiting, and drain does not wait for them', async () => {
    const queue = cloud.queues[HELD_QUEUE]!;
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: `held-${run}` }));
    await cloud.drain(5_000);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(Attributes?.ApproximateNumberOfMessages).toBe('1');
  });
});

describe('EventBridge Scheduler', () => {
  it('passes the declared input with the scheduled time substituted as an ISO UTC timestamp', async () => {
    // 02:30 IST on 2 March is 21:00 UTC on 1 March.
    const result = (await cloud.trigger('nightly', new Date('2025-03-01T21:00:00.000Z'))) as {
      received: Record<string, unknown>;
    };
    expect(result.received).toEqual({
      job: 'nightly',
      scheduledTime: '2025-03-01T21:00:00Z',
      nested: { note: 'due at 2025-03-01T21:00:00Z', untouched: 42 },
    });
    const stored = await itemsUnder(dynamodb, cloud.tableNames[RECORDS_TABLE]!, 'SCHEDULE#nightly');
    const item = stored.find((i) => i.sk!.startsWith('2025-03-01T21:00:00Z#'));
    expect(JSON.parse(item!.event!)).toEqual(result.received);
  });

  it('runs a schedule by hand over the local endpoint, at the current time', async () => {
    const before = Date.now();
    const response = await rawRequest(`${cloud.apiUrl}/_local/schedules/nightly`, { method: 'POST' });
    expect(response.status).toBe(200);
    const { result } = response.json<{ result: { received: { scheduledTime: string } } }>();
    expect(result.received.scheduledTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Math.abs(Date.parse(result.received.scheduledTime) - before)).toBeLessThan(5_000);
    const missing = await rawRequest(`${cloud.apiUrl}/_local/schedules/nope`, { method: 'POST' });
    expect(missing.status).toBe(404);
  });
});

describe('startup', () => {
  it('fails with a PortInUseError naming the variable when the API port is taken', async () => {
    const port = Number(new URL(cloud.apiUrl).port);
    const second = startLocalCloud({
      platform: fixturePlatform,
      dataDir: null,
      dynamodb: sharedDynamoDb(),
      ports: { api: port },
      onLog: () => {},
    });
    const error = await second.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).variable).toBe('PORT');
    expect((error as Error).message).toContain(String(port));
    expect((error as Error).message).toContain('set PORT');
    // The first cloud still answers.
    expect((await rawRequest(`${cloud.apiUrl}/other`)).status).toBe(200);
  });
});
