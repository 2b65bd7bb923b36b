import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResponse = APIGatewayProxyStructuredResultV2;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

export function text(
  statusCode: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): HttpResponse {
  return { statusCode, headers: { 'content-type': contentType, ...SECURITY_HEADERS, ...headers }, body };
}

/** Officer and export pages: no scripts from anywhere, no framing, no referrer carrying a link token. */
export function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return text(statusCode, body, 'text/html; charset=utf-8', {
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    ...headers,
  });
}

/** A redirect, with the same headers as every answer (a download's link is never cached or sniffed). */
export function redirect(statusCode: 302 | 303, location: string): HttpResponse {
  return { statusCode, headers: { location, ...SECURITY_HEADERS }, body: '' };
}
