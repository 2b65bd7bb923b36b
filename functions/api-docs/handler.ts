import {
  buildOpenApiDocument,
  type OpenApiDocument,
  serversFor,
} from '../../shared/triggers/http/api/openapi.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import type { HttpRequest } from '../../shared/triggers/http/request.ts';
import { json } from '../../shared/triggers/http/response.ts';

// The document only changes with a deployment: let clients and CDNs keep it for five minutes.
const CACHEABLE = { 'cache-control': 'public, max-age=300' };
const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$/;

let document: OpenApiDocument | undefined;

/** This API's own address, from the request; undefined (same origin) when the headers look wrong. */
function serverUrl(request: HttpRequest): string | undefined {
  const proto = (request.headers['x-forwarded-proto'] ?? 'https').split(',')[0]!.trim().toLowerCase();
  const host = request.headers.host ?? '';
  return (proto === 'https' || proto === 'http') && HOST.test(host) ? `${proto}://${host}` : undefined;
}

/** GET /v1/openapi.json: the OpenAPI 3.1 document, built once per container from the zod schemas. */
export const handler = httpHandler(async (request) => {
  document ??= buildOpenApiDocument();
  return json(200, { ...document, servers: serversFor(serverUrl(request)) }, CACHEABLE);
});
