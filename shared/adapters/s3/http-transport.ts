import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { HttpRequest } from '@smithy/types';

/** What came back: the status, the headers (lower-case names) and the whole body. */
export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Reads a whole response into an answer. */
export function readAnswer(response: IncomingMessage): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', reject);
    response.on('end', () =>
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
    );
  });
}

/** Sends one signed request. The S3 client's seam: tests record requests instead of sending them. */
export type HttpTransport = (request: HttpRequest) => Promise<HttpAnswer>;

/** A request that took too long; `code` as Node's own timeouts, so it reads as a network failure. */
export class HttpTimeoutError extends Error {
  override name = 'TimeoutError';
  readonly code = 'ETIMEDOUT';
}

/** The query string as the SDK writes it: keys sorted, keys and values RFC 3986-escaped. */
export function queryString(query: HttpRequest['query']): string {
  const parts: string[] = [];
  for (const key of Object.keys(query ?? {}).sort()) {
    const value = query![key];
    for (const one of Array.isArray(value) ? value : [value]) {
      parts.push(one === null || one === undefined ? escapeUri(key) : `${escapeUri(key)}=${escapeUri(one)}`);
    }
  }
  return parts.join('&');
}

/** encodeURIComponent plus the five characters it leaves that RFC 3986 reserves (SigV4's rule). */
export const escapeUri = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface NodeHttpTransportOptions {
  /** Time to open a connection (TCP and TLS); 3 s. */
  connectTimeoutMs?: number;
  /**
   * Time the socket may sit without sending or receiving while a request is in flight; 5 s. S3
   * answers an object call in well under a second, so silence that long is a dead connection, and
   * the API functions (10 s) still have time to try again.
   */
  idleTimeoutMs?: number;
  maxSockets?: number;
}

/**
 * node:http(s) with keep-alive agents of its own, so a warm container reuses its connections to S3
 * (and node:https is already loaded by the SDK clients every function has, so it costs no init).
 */
export function nodeHttpTransport(options: NodeHttpTransportOptions = {}): HttpTransport & {
  destroy(): void;
} {
  const connectTimeoutMs = options.connectTimeoutMs ?? 3_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 5_000;
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 50 };
  let https: HttpsAgent | undefined;
  let http: HttpAgent | undefined;
  const agentFor = (secure: boolean) => {
    if (secure) {
      https ??= new HttpsAgent(agentOptions);
      return https;
    }
    http ??= new HttpAgent(agentOptions);
    return http;
  };

  const send: HttpTransport = (request) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const secure = request.protocol === 'https:';
      const query = queryString(request.query);
      const req = (secure ? httpsRequest : httpRequest)({
        method: request.method,
        hostname: request.hostname,
        ...(request.port ? { port: request.port } : {}),
        path: `${request.path}${query ? `?${query}` : ''}`,
        headers: request.headers,
        agent: agentFor(secure),
      });
      req.on('socket', (socket) => {
        // A reused keep-alive socket is already connected; only a new one gets the connect limit.
        if (!socket.connecting) return;
        const timer = setTimeout(
          () =>
            req.destroy(
              new HttpTimeoutError(`no connection to ${request.hostname} in ${connectTimeoutMs} ms`),
            ),
          connectTimeoutMs,
        );
        const clear = () => clearTimeout(timer);
        socket.once(secure ? 'secureConnect' : 'connect', clear);
        socket.once('close', clear);
      });
      req.setTimeout(idleTimeoutMs, () =>
        req.destroy(new HttpTimeoutError(`${request.hostname} sent nothing for ${idleTimeoutMs} ms`)),
      );
      req.on('error', reject);
      req.on('response', (response) => readAnswer(response).then(resolve, reject));
      req.end(request.body as Uint8Array | undefined);
    });

  return Object.assign(send, {
    destroy() {
      https?.destroy();
      http?.destroy();
      https = http = undefined;
    },
  });
}
