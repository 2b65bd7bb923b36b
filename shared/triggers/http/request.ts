import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type Language, negotiateLanguage } from '../../domain/language.ts';
import { HttpProblem } from './problem.ts';

/** What a handler needs of an HTTP API v2 event, decoded once. */
export interface HttpRequest {
  method: string;
  path: string;
  routeKey: string;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  /** Lower-cased names, as HTTP API delivers them. */
  headers: Record<string, string>;
  language: Language;
  requestId: string;
  sourceIp: string;
  /** Raw body bytes; empty when there is none. */
  bodyBytes: Buffer;
}

const decoded = new WeakMap<APIGatewayProxyEventV2, HttpRequest>();

/**
 * The request of an event, decoded once per invocation (the handler and the error responder share
 * it). Header names arrive lower-cased: HTTP API sends them so, and http-header-normalizer, first
 * in the factory's stack, makes sure of it.
 */
export function httpRequestOf(event: APIGatewayProxyEventV2): HttpRequest {
  let request = decoded.get(event);
  if (!request) {
    request = toHttpRequest(event);
    decoded.set(event, request);
  }
  return request;
}

function toHttpRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name] = value;
  }
  const bodyBytes =
    event.body === undefined || event.body === null
      ? Buffer.alloc(0)
      : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    routeKey: event.routeKey,
    pathParameters: { ...(event.pathParameters ?? {}) } as Record<string, string>,
    query: { ...(event.queryStringParameters ?? {}) } as Record<string, string>,
    headers,
    language: negotiateLanguage(headers['accept-language']),
    requestId: event.requestContext.requestId,
    sourceIp: event.requestContext.http.sourceIp,
    bodyBytes,
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text, refusing bytes that are not UTF-8 rather than storing replacement characters. */
export function bodyText(request: HttpRequest): string {
  try {
    return strictUtf8.decode(request.bodyBytes);
  } catch (cause) {
    throw new HttpProblem(
      400,
      'invalid-utf8',
      { en: 'The request body is not valid UTF-8 text', hi: 'अनुरोध का मुख्य भाग मान्य UTF-8 पाठ नहीं है' },
      { cause },
    );
  }
}

export function jsonBody(request: HttpRequest, maxBytes: number): unknown {
  if (request.bodyBytes.length > maxBytes) {
    throw new HttpProblem(
      413,
      'body-too-large',
      { en: 'The request body is too large', hi: 'अनुरोध का मुख्य भाग बहुत बड़ा है' },
      {
        detail: {
          en: `The body has ${request.bodyBytes.length} bytes; at most ${maxBytes} are accepted.`,
          hi: `मुख्य भाग ${request.bodyBytes.length} बाइट का है; अधिकतम ${maxBytes} बाइट स्वीकार्य हैं।`,
        },
      },
    );
  }
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json' && !contentType.endsWith('+json')) {
    throw new HttpProblem(415, 'unsupported-media-type', {
      en: 'Send the body as application/json',
      hi: 'मुख्य भाग application/json के रूप में भेजें',
    });
  }
  const text = bodyText(request);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new HttpProblem(
      400,
      'malformed-json',
      { en: 'The request body is not valid JSON', hi: 'अनुरोध का मुख्य भाग मान्य JSON नहीं है' },
      { cause },
    );
  }
}
