import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * Pure formatters between a raw HTTP request and the API Gateway HTTP API payload format 2.0,
 * following the shapes AWS documents (test/fixtures/events holds a captured one the tests compare
 * against).
 */

export interface RawRequest {
  method: string;
  /** Path and query as received, e.g. /v1/complaints?x=1. */
  url: string;
  /** Node's raw header pairs, names in the case received. */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
}

export interface EventIdentity {
  requestId: string;
  routeKey: string;
  pathParameters: Record<string, string>;
  domainName: string;
  now: Date;
}

// API Gateway passes these content types as text; everything else arrives base64-encoded.
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** requestContext.time, e.g. 12/Mar/2020:19:03:58 +0000. */
function clfTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

export function buildHttpEvent(request: RawRequest, identity: EventIdentity): APIGatewayProxyEventV2 {
  const queryIndex = request.url.indexOf('?');
  const rawPath = queryIndex >= 0 ? request.url.slice(0, queryIndex) : request.url;
  const rawQueryString = queryIndex >= 0 ? request.url.slice(queryIndex + 1) : '';

  // HTTP API joins repeated headers with commas and lower-cases names; cookies move to their own list.
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    const value = request.rawHeaders[i + 1] ?? '';
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  headers['x-forwarded-for'] = request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';

  // Repeated query parameters are joined with commas too.
  const queryStringParameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    queryStringParameters[key] =
      queryStringParameters[key] === undefined ? value : `${queryStringParameters[key]},${value}`;
  }

  const hasBody = request.body.length > 0;
  const contentType = headers['content-type'] ?? '';
  const asText = hasBody && TEXT_TYPES.test(contentType) && isUtf8(request.body);
  const epoch = identity.now.getTime();

  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: identity.routeKey,
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: identity.domainName,
      domainPrefix: identity.domainName.split('.')[0] ?? identity.domainName,
      http: {
        method: request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: identity.requestId,
      routeKey: identity.routeKey,
      stage: '$default',
      time: clfTime(identity.now),
      timeEpoch: epoch,
    },
    isBase64Encoded: hasBody && !asText,
  };
  if (cookies.length > 0) event.cookies = cookies;
  if (Object.keys(queryStringParameters).length > 0) event.queryStringParameters = queryStringParameters;
  if (Object.keys(identity.pathParameters).length > 0) event.pathParameters = identity.pathParameters;
  if (hasBody) event.body = asText ? request.body.toString('utf8') : request.body.toString('base64');
  return event;
}

export interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

/**
 * A handler's result as API Gateway turns it into a response: a structured result is used as is;
 * any other value becomes a 200 application/json body, as the 2.0 format infers.
 */
export function toRawResponse(result: unknown): RawResponse {
  const structured =
    result !== null && typeof result === 'object' && 'statusCode' in (result as Record<string, unknown>);
  if (!structured) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: Buffer.from(typeof result === 'string' ? result : (JSON.stringify(result) ?? '')),
    };
  }
  const r = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(r.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const body =
    r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: r.statusCode ?? 200, headers, cookies: r.cookies ?? [], body };
}
