import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqsQueue } from '../../shared/adapters/sqs/queue.ts';
import { InvalidFieldsError, UnavailableError } from '../../shared/domain/errors.ts';
import { LinkExpiredError } from '../../shared/domain/links/errors.ts';
import { TransitionError } from '../../shared/domain/reference/lifecycle.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { pageErrorResponse } from '../../shared/triggers/http/page-errors.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import { json } from '../../shared/triggers/http/response.ts';
import { count, countComplaintFiled, logger } from '../../shared/triggers/powertools.ts';
import { scheduleHandler } from '../../shared/triggers/schedule/handler.ts';
import { sqsHandler } from '../../shared/triggers/sqs/handler.ts';
import { notificationMessage, routingMessage } from '../../shared/triggers/sqs/messages.ts';

/** Real event shapes (see test/fixtures/events/README.md), changed only where a test says. */
const httpEvent = JSON.parse(
  readFileSync(new URL('../fixtures/events/http-api-v2.json', import.meta.url), 'utf8'),
) as APIGatewayProxyEventV2;
const sqsEvent = JSON.parse(
  readFileSync(new URL('../fixtures/events/sqs.json', import.meta.url), 'utf8'),
) as SQSEvent;

const context = {
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  functionName: 'nivaran-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-south-1:000000000000:function:nivaran-test',
  memoryLimitInMB: '256',
  logGroupName: '/aws/lambda/nivaran-test',
  logStreamName: 'test',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30_000,
  done() {},
  fail() {},
  succeed() {},
} as Context;

/** Every JSON line Powertools writes (logs to stdout and stderr, EMF to stdout). */
let lines: Record<string, unknown>[];
beforeEach(() => {
  lines = [];
  const capture = (chunk: unknown) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not ours
      }
    }
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const logLines = () => lines.filter((l) => !('_aws' in l));
const emf = () =>
  lines.filter((l) => '_aws' in l) as {
    _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
    [key: string]: unknown;
  }[];

const withHeaders = (headers: Record<string, string>): APIGatewayProxyEventV2 => ({
  ...structuredClone(httpEvent),
  headers: { ...httpEvent.headers, ...headers },
});

describe('the HTTP factory', () => {
  it('puts the caller’s X-Correlation-Id on every line of the request', async () => {
    const handler = httpHandler(async () => {
      logger.info('inside');
      return json(200, {});
    });
    await handler(withHeaders({ 'X-Correlation-Id': 'journey-42' }), context);
    const mine = logLines();
    expect(mine.map((l) => l.message)).toEqual(['inside', 'request handled']);
    expect(mine.every((l) => l.correlation_id === 'journey-42')).toBe(true);
    expect(mine[1]).toMatchObject({ status: 200, route: 'POST /v1/complaints/{proxy+}' });
  });

  it('falls back to API Gateway’s request id when the header is missing or unsound', async () => {
    const handler = httpHandler(async () => json(200, {}));
    await handler(withHeaders({ 'x-correlation-id': 'two words "and quotes"' }), context);
    await handler(withHeaders({}), context);
    expect(logLines().map((l) => l.correlation_id)).toEqual(['Hq3xSjDuhcwEMBQ=', 'Hq3xSjDuhcwEMBQ=']);
  });

  it('answers a domain error as problem+json, in the asked language, naming each field', async () => {
    const handler = httpHandler(async () => {
      throw new InvalidFieldsError([
        {
          pointer: '/location/stationCode',
          code: 'unknown-station',
          message: { en: 'Unknown', hi: 'अज्ञात' },
        },
      ]);
    });
    const response = await handler(withHeaders({ 'accept-language': 'hi' }), context);
    expect(response.statusCode).toBe(422);
    expect(response.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(response.body!)).toMatchObject({
      type: 'https://nivaran.dev/problems/validation',
      status: 422,
      errors: [{ pointer: '/location/stationCode', code: 'unknown-station', detail: 'अज्ञात' }],
    });
    expect(logLines().find((l) => l.message === 'request refused')).toMatchObject({
      status: 422,
      error: 'InvalidFieldsError',
    });
  });

  it('passes a parsing problem through and hides everything about an unexpected error', async () => {
    const refused = await httpHandler(async () => {
      throw new HttpProblem(415, 'unsupported-media-type', { en: 'Send JSON', hi: 'JSON भेजें' });
    })(withHeaders({}), context);
    expect(refused.statusCode).toBe(415);
    const crashed = await httpHandler(async () => {
      throw new Error('secret table name nivaran-main');
    })(withHeaders({}), context);
    expect(crashed.statusCode).toBe(500);
    expect(crashed.body).not.toContain('nivaran-main');
    expect(JSON.parse(crashed.body!)).toMatchObject({ type: 'https://nivaran.dev/problems/internal' });
    expect(logLines().find((l) => l.message === 'request failed')).toMatchObject({ level: 'ERROR' });
  });

  it('answers a backing service that cannot be reached with 503 and Retry-After', async () => {
    const response = await httpHandler(async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' });
    })(withHeaders({}), context);
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('5');
  });
});

describe('the page errors of signed links', () => {
  const page = (error: unknown, headers: Record<string, string> = {}) =>
    httpHandler(
      async () => {
        throw error;
      },
      { errors: pageErrorResponse },
    )(withHeaders(headers), context);

  it('gives a refused link its bilingual page, in English when asked', async () => {
    const response = await page(new LinkExpiredError(new Date()), { 'accept-language': 'en' });
    expect(response.statusCode).toBe(410);
    expect(response.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain('This link has expired');
  });

  it('answers an action the state no longer allows with 409, and a service down with 503', async () => {
    const conflict = await page(
      new TransitionError('12345678901', 'closed', 'submit-report', { en: 'Already closed', hi: 'बंद' }),
    );
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('Already closed');
    const down = await page(new UnavailableError('table unreachable'));
    expect(down.statusCode).toBe(503);
    expect(down.headers?.['retry-after']).toBe('5');
    expect(down.headers?.['content-type']).toBe('text/html; charset=utf-8');
  });
});

const record = (body: string, overrides: Partial<SQSRecord> = {}): SQSRecord => ({
  ...structuredClone(sqsEvent.Records[0]!),
  messageAttributes: {},
  body,
  ...overrides,
});

describe('the SQS factory', () => {
  it('reports a poison message alone and handles the rest of its batch', async () => {
    const handled: string[] = [];
    const handler = sqsHandler(routingMessage, async ({ referenceNo }) => {
      handled.push(referenceNo);
    });
    const event: SQSEvent = {
      Records: [
        record(JSON.stringify({ type: 'route', referenceNo: '12345678901' }), { messageId: 'good-1' }),
        record('not json', { messageId: 'not-json' }),
        record(JSON.stringify({ type: 'route', referenceNo: 'AGR-1' }), { messageId: 'wrong-shape' }),
        record(JSON.stringify({ type: 'route', referenceNo: '12345678902' }), { messageId: 'good-2' }),
      ],
    };
    const response = await handler(event, context);
    expect(handled).toEqual(['12345678901', '12345678902']);
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: 'not-json' },
      { itemIdentifier: 'wrong-shape' },
    ]);
    const failed = logLines().filter((l) => l.message === 'message failed');
    expect(failed.map((l) => l.messageId)).toEqual(['not-json', 'wrong-shape']);
    expect(failed.map((l) => (l.error as { name: string }).name)).toEqual([
      'PoisonMessageError',
      'PoisonMessageError',
    ]);
  });

  it('reports a batch whose every record failed as failures, without throwing', async () => {
    const handler = sqsHandler(routingMessage, async () => {
      throw new Error('table unreachable');
    });
    const response = await handler({ Records: [record('{}', { messageId: 'a' })] }, context);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'a' }]);
  });

  it('puts each message’s correlation id on its lines, and its message id when it has none', async () => {
    const handler = sqsHandler(notificationMessage, async () => {
      logger.info('handling');
    });
    const body = JSON.stringify({ type: 'acknowledgement', referenceNo: '12345678901' });
    await handler(
      {
        Records: [
          record(body, {
            messageId: 'm-1',
            messageAttributes: {
              correlationId: {
                dataType: 'String',
                stringValue: 'journey-7',
                stringListValues: [],
                binaryListValues: [],
              },
            },
          }),
          record(body, { messageId: 'm-2' }),
        ],
      },
      context,
    );
    expect(logLines().map((l) => [l.messageId, l.correlation_id])).toEqual([
      ['m-1', 'journey-7'],
      ['m-2', 'm-2'],
    ]);
  });

  it('counts failed records with the metric it is given, as CloudWatch EMF', async () => {
    const handler = sqsHandler(notificationMessage, async () => undefined, {
      failureMetric: 'NotificationsFailed',
    });
    await handler({ Records: [record('{"type":"nope"}'), record('[]')] }, context);
    const [blob] = emf();
    expect(blob?._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'Nivaran',
      Metrics: [{ Name: 'NotificationsFailed', Unit: 'Count' }],
    });
    expect(blob?.NotificationsFailed).toEqual([1, 1]);
  });
});

describe('the schedule factory', () => {
  it('names the job and correlates its lines with the invocation, counting a finished run', async () => {
    const handler = scheduleHandler({ job: 'monthly-ranking', runMetric: 'RankingRuns' }, async () => {
      logger.info('ranking');
      return { ok: true };
    });
    expect(await handler({}, context)).toEqual({ ok: true });
    expect(logLines()[0]).toMatchObject({ job: 'monthly-ranking', correlation_id: context.awsRequestId });
    expect(emf()[0]).toMatchObject({ RankingRuns: 1, service: expect.any(String) });
  });

  it('logs a failed run and fails the invocation, so the scheduler retries it', async () => {
    const handler = scheduleHandler({ job: 'overdue-sweep' }, async () => {
      throw new Error('table unreachable');
    });
    await expect(handler({}, context)).rejects.toThrow('table unreachable');
    expect(logLines().find((l) => l.message === 'scheduled run failed')).toMatchObject({
      level: 'ERROR',
      job: 'overdue-sweep',
    });
    expect(emf()).toEqual([]);
  });
});

describe('metrics and logs', () => {
  it('writes complaints filed with their channel as a dimension of their own', async () => {
    await scheduleHandler({ job: 'test' }, async () => {
      countComplaintFiled('portal');
      count('ReferencesRouted');
    })({}, context);
    const [filed, routed] = emf();
    expect(filed?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service', 'channel']]);
    expect(filed).toMatchObject({ ComplaintsFiled: 1, channel: 'portal' });
    expect(routed?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service']]);
    expect(routed).toMatchObject({ ReferencesRouted: 1 });
  });

  it('masks personal data on every line, in keys and in text', () => {
    logger.info('call 9876543210 or write to a.b@example.in', {
      complainant: { name: 'Sunita Devi' },
      note: 'mobile +91 9876543210',
    });
    const [line] = logLines();
    expect(JSON.stringify(line)).not.toMatch(/9876543210|a\.b@example\.in|Sunita/);
    expect(line).toMatchObject({ complainant: '[masked]', note: 'mobile ******3210' });
  });
});

describe('the queue adapter', () => {
  it('refuses to send a message its consumer would refuse, before it reaches SQS', async () => {
    const client = {
      send: () => {
        throw new Error('must not be called');
      },
    };
    const queue = new SqsQueue(client as never, 'https://sqs.example/queue', { schema: notificationMessage });
    await expect(
      queue.send({ type: 'station-assigned', referenceNo: '12345678901' } as never),
    ).rejects.toThrow();
  });
});
