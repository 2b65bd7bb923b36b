import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { buildHttpEvent, toRawResponse } from '../events/http-v2.ts';
import type { RouteTable } from '../routes.ts';
import { InvocationError } from './lambda.ts';
import { close, listen } from './listen.ts';
import { DEFAULT_BIND_ADDRESS, urlHost } from './loopback.ts';

export interface HttpApiOptions {
  port: number;
  /** Where it listens (loopback unless BIND_ADDRESS says otherwise). */
  host?: string;
  routes: RouteTable;
  maxPayloadBytes: number;
  invoke: (functionName: string, event: unknown) => Promise<unknown>;
  /** Local-only endpoints under /_local/ (schedule triggers, outbox reads); never declared routes. */
  localRoutes: (
    method: string,
    path: string,
    body: Buffer,
  ) => Promise<{ status: number; body: unknown } | undefined>;
  onError: (error: unknown) => void;
}

export interface LocalHttpApi {
  url: string;
  stop(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * API Gateway HTTP API on one machine: matches the declared routes, turns each request into a
 * payload format 2.0 event and the handler's result back into a response. Errors answer as API
 * Gateway does: 404 and 413 before any handler runs, 500 for a failed invocation and 503 for a
 * timed-out one, with its {"message": ...} bodies.
 */
export async function startHttpApi(options: HttpApiOptions): Promise<LocalHttpApi> {
  let domainName = '127.0.0.1';

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      options.onError(error);
      if (!res.headersSent) send(res, 500, { message: 'Internal Server Error' });
      else res.destroy();
    });
  });

  async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > options.maxPayloadBytes) return undefined;
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    const body = await readBody(req);
    if (body === undefined) {
      send(res, 413, { message: 'Request Entity Too Large' });
      req.resume();
      return;
    }
    if (path.startsWith('/_local/')) {
      const local = await options.localRoutes(method, path, body);
      if (local) return send(res, local.status, local.body);
      return send(res, 404, { message: 'Not Found' });
    }
    const match = options.routes.match(method, path);
    if (!match) return send(res, 404, { message: 'Not Found' });

    const requestId = randomUUID();
    const event = buildHttpEvent(
      {
        method,
        url,
        rawHeaders: req.rawHeaders,
        body,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      },
      {
        requestId,
        routeKey: match.routeKey,
        pathParameters: match.pathParameters,
        domainName,
        now: new Date(),
      },
    );
    let result: unknown;
    try {
      result = await options.invoke(match.functionName, event);
    } catch (error) {
      options.onError(error);
      const timedOut = error instanceof InvocationError && error.errorType === 'Sandbox.Timedout';
      return send(
        res,
        timedOut ? 503 : 500,
        { message: timedOut ? 'Service Unavailable' : 'Internal Server Error' },
        {
          'apigw-requestid': requestId,
        },
      );
    }
    const response = toRawResponse(result);
    const headers: Record<string, string | string[]> = { ...response.headers, 'apigw-requestid': requestId };
    if (response.cookies.length > 0) headers['set-cookie'] = response.cookies;
    res.writeHead(response.statusCode, headers);
    res.end(method === 'HEAD' ? undefined : response.body);
  }

  const host = options.host ?? DEFAULT_BIND_ADDRESS;
  const port = await listen(server, options.port, 'the HTTP API', 'PORT', host);
  domainName = `${urlHost(host)}:${port}`;
  return { url: `http://${domainName}`, stop: () => close(server) };
}
