import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { buildHttpEvent, type RawRequest, toRawResponse } from '../../infra/local/events/http-v2.ts';
import { shapeDifferences } from '../fixtures/shape.ts';

/** The documented HTTP API payload format 2.0 event (see test/fixtures/events/README.md). */
const captured = JSON.parse(
  readFileSync(new URL('../fixtures/events/http-api-v2.json', import.meta.url), 'utf8'),
) as APIGatewayProxyEventV2 & Record<string, unknown>;

/** Present in AWS only with mutual TLS, an authorizer or stage variables; the local API has none. */
const ABSENT_LOCALLY = ['requestContext.authentication', 'requestContext.authorizer', 'stageVariables'];
/** Maps whose keys depend on the request; only their values' type is compared. */
const MAPS = ['headers', 'queryStringParameters', 'pathParameters'];

const NOW = new Date('2025-03-01T09:15:42.123Z');

function request(overrides: Partial<RawRequest> = {}): RawRequest {
  return {
    method: 'POST',
    url: '/v1/complaints/agra/draft?lang=hi&lang=en&source=web',
    rawHeaders: [
      'Host',
      '127.0.0.1:3000',
      'Content-Type',
      'application/json',
      'User-Agent',
      'Mozilla/5.0 (Android 14; Mobile)',
      'X-Custom',
      'first',
      'Cookie',
      'session=abc123; theme=dark',
      'x-custom',
      'second',
    ],
    body: Buffer.from('{"text":"मेरा फ़ोन चोरी"}'),
    sourceIp: '127.0.0.1',
    ...overrides,
  };
}

function build(overrides: Partial<RawRequest> = {}): APIGatewayProxyEventV2 {
  return buildHttpEvent(request(overrides), {
    requestId: '4f1c2b3a-0000-4000-8000-000000000001',
    routeKey: 'POST /v1/complaints/{proxy+}',
    pathParameters: { proxy: 'agra/draft' },
    domainName: '127.0.0.1:3000',
    now: NOW,
  });
}

const shapeOf = (actual: unknown) =>
  shapeDifferences(captured, actual, { absent: ABSENT_LOCALLY, maps: MAPS });

describe('buildHttpEvent against the documented payload format 2.0 event', () => {
  it('has the same keys with the same types', () => {
    expect(shapeOf(build())).toEqual([]);
  });

  it('notices a missing key, an extra key or a changed type (the comparison is not vacuous)', () => {
    const broken = structuredClone(build()) as unknown as Record<string, Record<string, unknown>>;
    delete broken.rawPath;
    broken.requestContext!.timeEpoch = String(NOW.getTime());
    broken.requestContext!.extra = 'x';
    expect(shapeOf(broken)).toEqual([
      'rawPath: missing',
      'requestContext.timeEpoch: number != string',
      'requestContext.extra: not in the AWS event',
    ]);
  });

  it('leaves out only what needs mutual TLS, an authorizer or stage variables', () => {
    const event = build() as unknown as Record<string, Record<string, unknown>>;
    expect(event.stageVariables).toBeUndefined();
    expect(event.requestContext!.authentication).toBeUndefined();
    expect(event.requestContext!.authorizer).toBeUndefined();
  });

  it('carries the same values where the request is the same', () => {
    const event = build();
    for (const key of ['version', 'routeKey', 'rawPath', 'rawQueryString', 'cookies', 'body'] as const) {
      expect(event[key], key).toEqual(captured[key]);
    }
    expect(event.queryStringParameters).toEqual(captured.queryStringParameters);
    expect(event.pathParameters).toEqual(captured.pathParameters);
    expect(event.isBase64Encoded).toBe(false);
    expect(event.headers['x-custom']).toBe(captured.headers['x-custom']);
    expect(event.headers['content-type']).toBe('application/json');
    const { http, stage, routeKey, time, timeEpoch } = event.requestContext;
    expect(http).toEqual({ ...captured.requestContext.http, sourceIp: '127.0.0.1' });
    expect(stage).toBe('$default');
    expect(routeKey).toBe(captured.routeKey);
    expect(time).toBe('01/Mar/2025:09:15:42 +0000');
    expect(timeEpoch).toBe(NOW.getTime());
  });

  it('lowercases header names, joins repeated ones with commas and moves cookies out', () => {
    const event = build();
    for (const name of Object.keys(event.headers)) expect(name).toBe(name.toLowerCase());
    expect(event.headers['x-custom']).toBe('first,second');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['session=abc123', 'theme=dark']);
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.headers['x-forwarded-proto']).toBe('http');
  });

  it('omits cookies, queryStringParameters, pathParameters and body when the request has none', () => {
    const event = buildHttpEvent(
      {
        method: 'GET',
        url: '/health',
        rawHeaders: ['Host', 'x'],
        body: Buffer.alloc(0),
        sourceIp: '10.0.0.1',
      },
      { requestId: 'r', routeKey: 'GET /health', pathParameters: {}, domainName: 'x', now: NOW },
    );
    expect(event.rawQueryString).toBe('');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('body');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext.http.userAgent).toBe('');
  });

  it('base64-encodes a binary body, and a text body that is not valid UTF-8', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const binary = build({ rawHeaders: ['Content-Type', 'image/png'], body: bytes });
    expect(binary.isBase64Encoded).toBe(true);
    expect(binary.body).toBe(bytes.toString('base64'));

    const invalid = Buffer.from([0x68, 0x69, 0xc3, 0x28]);
    const text = build({ rawHeaders: ['Content-Type', 'text/plain; charset=utf-8'], body: invalid });
    expect(text.isBase64Encoded).toBe(true);
    expect(text.body).toBe(invalid.toString('base64'));
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/problem+json',
  ])('passes a UTF-8 %s body as text', (contentType) => {
    const event = build({ rawHeaders: ['Content-Type', contentType], body: Buffer.from('{"a":"ब"}') });
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBe('{"a":"ब"}');
  });
});

describe('toRawResponse: the handler result as HTTP API turns it into a response', () => {
  it('uses a structured result as it is, with lowercased headers and its cookies', () => {
    const response = toRawResponse({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', 'X-Count': 3, 'Cache-Control': 'no-store' },
      cookies: ['a=1; Secure', 'b=2'],
      body: '{"referenceNo":"AGR-1"}',
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual({
      'content-type': 'application/json',
      'x-count': '3',
      'cache-control': 'no-store',
    });
    expect(response.cookies).toEqual(['a=1; Secure', 'b=2']);
    expect(response.body.toString('utf8')).toBe('{"referenceNo":"AGR-1"}');
  });

  it('decodes a base64 body', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251]);
    const response = toRawResponse({
      statusCode: 200,
      isBase64Encoded: true,
      headers: { 'content-type': 'application/pdf' },
      body: bytes.toString('base64'),
    });
    expect(response.body).toEqual(bytes);
  });

  it('answers an empty body when the structured result has none', () => {
    const response = toRawResponse({ statusCode: 204 });
    expect(response.statusCode).toBe(204);
    expect(response.body.length).toBe(0);
    expect(response.cookies).toEqual([]);
  });

  it('infers 200 application/json with the string as the body for a string result', () => {
    const response = toRawResponse('Hello from Nivaran');
    expect(response).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: Buffer.from('Hello from Nivaran'),
    });
  });

  it('infers 200 application/json with the JSON for an object without statusCode', () => {
    const result = { message: 'ok', body: 'not a response body', count: 2 };
    const response = toRawResponse(result);
    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(response.body.toString('utf8'))).toEqual(result);
  });
});
