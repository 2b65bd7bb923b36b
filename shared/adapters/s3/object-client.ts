import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, HttpRequest } from '@smithy/types';
import {
  escapeUri,
  type HttpAnswer,
  type HttpTransport,
  nodeHttpTransport,
  queryString,
} from './http-transport.ts';

/**
 * The few S3 calls the functions make (put, head, ranged get, delete, presigned GET and PUT),
 * without @aws-sdk/client-s3: its XML protocol, checksums and S3 middleware were about 160 KB of the
 * 430 KB the attachments and monthly-ranking functions loaded at every cold start.
 *
 * Each request is the one the SDK's S3 client sends, signature included
 * (test/unit/s3-object-client.test.ts compares them): SigV4 by @smithy/signature-v4, the key
 * encoded once and signed as sent (S3 does not take the double encoding other services sign), the
 * body's SHA-256 signed in x-amz-content-sha256. The SDK's default CRC32 header is not sent: the
 * signed SHA-256 already makes S3 refuse a body changed on the way.
 *
 * Credentials come from the SDK's default chain, as every SDK client's do. In a function bundle
 * that is infra/bundling.ts's alias (the environment variables Lambda fills), and the chain, the
 * signer and the hash are the ones the DynamoDB client already brings, so they add nothing to a
 * bundle; tools run outside a bundle and get the whole chain (profiles, SSO).
 */

export interface S3ObjectClientConfig {
  /** Defaults to AWS_REGION, then AWS_DEFAULT_REGION. */
  region?: string;
  /** Defaults to AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL (the local runner sets them; AWS does not). */
  endpoint?: string;
  /** Bucket in the path (http://host/bucket/key), as one-host local S3 needs; else in the host name. */
  forcePathStyle?: boolean;
  /** Defaults to the SDK's default chain. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per call, the first included (the SDK's standard mode makes 3). */
  maxAttempts?: number;
  /** How signed requests are sent; defaults to node:http(s) with keep-alive. */
  transport?: HttpTransport;
}

export interface ObjectKey {
  bucket: string;
  key: string;
}

export interface HeadObjectResult {
  contentLength: number;
  contentType?: string;
  etag?: string;
}

export interface GetObjectResult extends HeadObjectResult {
  body: Buffer;
}

/**
 * S3 refused a call. `name` is S3's error code (NoSuchKey; NotFound or PreconditionFailed for a
 * HEAD, which has no body to name it), and `$metadata` / `$fault` are shaped as the SDK's errors,
 * so isDependencyUnavailable (shared/triggers/http/unavailable.ts) reads a 5xx as the SDK's.
 */
export class S3ServiceError extends Error {
  readonly $metadata: { httpStatusCode: number; requestId?: string; attempts: number };
  readonly $fault: 'client' | 'server';
  constructor(
    code: string,
    message: string,
    meta: { httpStatusCode: number; requestId?: string; attempts: number },
  ) {
    super(message);
    this.name = code;
    this.$metadata = meta;
    this.$fault = meta.httpStatusCode >= 500 ? 'server' : 'client';
  }
}

/** True for S3's answer that the object (or its bucket) is not there. */
export const isNoSuchObject = (error: unknown): boolean =>
  error instanceof S3ServiceError &&
  (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404);

// The SDK's standard retry mode: these answers are worth another attempt after a jittered wait.
const THROTTLING_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
]);
const TRANSIENT_CODES = new Set(['RequestTimeout', 'RequestTimeoutException', 'InternalError']);
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const BASE_DELAY_MS = 100;
const THROTTLED_BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;
/** SigV4's longest presigned URL: a week. */
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

type Operation = 'PutObject' | 'HeadObject' | 'GetObject' | 'DeleteObject';
/** The SDK's `x-id` query parameter per method (none on HEAD). */
const OPERATION_IDS: Partial<Record<string, Operation>> = {
  GET: 'GetObject',
  PUT: 'PutObject',
  DELETE: 'DeleteObject',
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const header = (answer: HttpAnswer, name: string): string | undefined => {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** One element of S3's XML error body (`<Error><Code>…`), unescaped; S3 writes no nesting there. */
function xmlElement(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return match?.[1]
    ?.replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * A code for an answer with no body to name it (a HEAD): NotFound for 404 as the SDK says, else
 * the code S3 writes in the body of other requests with that status.
 */
const CODES_BY_STATUS: Record<number, string> = {
  301: 'PermanentRedirect',
  304: 'NotModified',
  400: 'BadRequest',
  403: 'AccessDenied',
  404: 'NotFound',
  412: 'PreconditionFailed',
  500: 'InternalError',
  503: 'SlowDown',
};

export class S3ObjectClient {
  readonly region: string;
  private readonly endpoint: URL | undefined;
  private readonly forcePathStyle: boolean;
  private readonly maxAttempts: number;
  private readonly transport: HttpTransport;
  private readonly signer: SignatureV4;

  constructor(config: S3ObjectClientConfig = {}) {
    const region = config.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (!region) throw new Error('S3 needs a region: set AWS_REGION');
    this.region = region;
    const endpoint = config.endpoint ?? (process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL);
    this.endpoint = endpoint ? new URL(endpoint) : undefined;
    this.forcePathStyle = config.forcePathStyle ?? false;
    this.maxAttempts = Math.max(1, config.maxAttempts ?? 3);
    this.transport = config.transport ?? nodeHttpTransport();
    this.signer = new SignatureV4({
      service: 's3',
      region,
      credentials: config.credentials ?? defaultProvider(),
      sha256: Sha256,
      // S3 signs the path as sent, each key segment encoded once (objectRequest encodes it).
      uriEscapePath: false,
      applyChecksum: true,
    });
  }

  /** Stores the object (retried as a whole on a transient failure: the body is in memory). */
  async putObject(
    input: ObjectKey & { body: Uint8Array; contentType?: string; contentDisposition?: string },
  ): Promise<{ etag?: string }> {
    const headers: Record<string, string> = { 'content-length': String(input.body.byteLength) };
    if (input.contentType) headers['content-type'] = input.contentType;
    if (input.contentDisposition) headers['content-disposition'] = input.contentDisposition;
    const answer = await this.send('PutObject', this.objectRequest('PUT', input, headers, input.body), input);
    const etag = header(answer, 'etag');
    return etag ? { etag } : {};
  }

  /** The object's size and type; S3ServiceError NotFound (see isNoSuchObject) when it is not there. */
  async headObject(input: ObjectKey): Promise<HeadObjectResult> {
    return objectMetadata(await this.send('HeadObject', this.objectRequest('HEAD', input), input));
  }

  /** The object's bytes, or those of `range` (an HTTP Range such as bytes=0-7). */
  async getObject(input: ObjectKey & { range?: string }): Promise<GetObjectResult> {
    const answer = await this.send(
      'GetObject',
      this.objectRequest('GET', input, input.range ? { range: input.range } : {}),
      input,
    );
    return { ...objectMetadata(answer), body: answer.body };
  }

  async deleteObject(input: ObjectKey): Promise<void> {
    await this.send('DeleteObject', this.objectRequest('DELETE', input), input);
  }

  /** A GET that works without credentials until it expires; `responseContentDisposition` names the download. */
  presignGetObject(
    input: ObjectKey & { expiresIn: number; responseContentDisposition?: string },
  ): Promise<string> {
    const request = this.objectRequest('GET', input);
    if (input.responseContentDisposition)
      request.query!['response-content-disposition'] = input.responseContentDisposition;
    return this.presign(request, input.expiresIn);
  }

  /**
   * A PUT that works without credentials until it expires. Content-Type and Content-Length are
   * signed headers: S3 refuses an upload that sends another type or size.
   */
  presignPutObject(
    input: ObjectKey & { expiresIn: number; contentType: string; contentLength: number },
  ): Promise<string> {
    return this.presign(
      this.objectRequest('PUT', input, {
        'content-type': input.contentType,
        'content-length': String(input.contentLength),
      }),
      input.expiresIn,
    );
  }

  /** Closes the kept-alive connections (tools and tests; a function keeps them for the next call). */
  destroy(): void {
    (this.transport as { destroy?: () => void }).destroy?.();
  }

  /**
   * The unsigned request for one object: virtual-hosted (https://<bucket>.s3.<region>.amazonaws.com/<key>)
   * unless path style is asked for or the bucket cannot be a host name. Each key segment is
   * URI-encoded once, slashes kept, as S3 expects and signs it. `x-id` names the operation as the
   * SDK does (S3 ignores it), so our URLs and signatures are byte for byte the SDK's.
   */
  private objectRequest(
    method: 'GET' | 'PUT' | 'HEAD' | 'DELETE',
    { bucket, key }: ObjectKey,
    headers: Record<string, string> = {},
    body?: Uint8Array,
  ): HttpRequest {
    const base = this.endpoint ?? new URL(`https://s3.${this.region}.${dnsSuffix(this.region)}`);
    const basePath = base.pathname.replace(/\/+$/, '');
    const encodedKey = key.split('/').map(escapeUri).join('/');
    const pathStyle = this.forcePathStyle || !/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket);
    const hostname = pathStyle ? base.hostname : `${bucket}.${base.hostname}`;
    const port = base.port ? Number(base.port) : undefined;
    const operation = OPERATION_IDS[method];
    return {
      method,
      protocol: base.protocol,
      hostname,
      ...(port ? { port } : {}),
      path: pathStyle ? `${basePath}/${escapeUri(bucket)}/${encodedKey}` : `${basePath}/${encodedKey}`,
      query: operation ? { 'x-id': operation } : {},
      headers: { ...headers, host: port ? `${hostname}:${port}` : hostname },
      ...(body ? { body } : {}),
    };
  }

  private async presign(request: HttpRequest, expiresIn: number): Promise<string> {
    if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_PRESIGN_SECONDS)
      throw new RangeError(`a presigned URL lasts 1 to ${MAX_PRESIGN_SECONDS} seconds, not ${expiresIn}`);
    // The body is not known when signing a URL; S3 takes UNSIGNED-PAYLOAD for it (in the query).
    request.headers['X-Amz-Content-Sha256'] = UNSIGNED_PAYLOAD;
    const signed = await this.signer.presign(request, { expiresIn });
    const port = signed.port ? `:${signed.port}` : '';
    return `${signed.protocol}//${signed.hostname}${port}${signed.path}?${queryString(signed.query)}`;
  }

  /**
   * Signs and sends, again on a network failure, a throttling answer or a 5xx, as the SDK's
   * standard mode does: up to maxAttempts in all, waiting a random time up to 100 ms x 2^attempt
   * (500 ms x 2^attempt when throttled). Every operation here is idempotent, a PUT of the same
   * bytes included, so each may be repeated. Each attempt is signed afresh.
   */
  private async send(operation: Operation, request: HttpRequest, target: ObjectKey): Promise<HttpAnswer> {
    const where = `S3 ${operation} s3://${target.bucket}/${target.key}`;
    for (let attempt = 1; ; attempt++) {
      let answer: HttpAnswer;
      try {
        answer = await this.transport(await this.signer.sign(request));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt < this.maxAttempts && code && NETWORK_CODES.has(code)) {
          await sleep(backoff(attempt, BASE_DELAY_MS));
          continue;
        }
        throw Object.assign(
          new Error(`${where} failed after ${attempt} attempt(s): ${(error as Error).message}`, {
            cause: error,
          }),
          code ? { code } : {},
        );
      }
      if (answer.status >= 200 && answer.status < 300) return answer;
      const failure = serviceError(where, answer, attempt);
      const throttled = THROTTLING_CODES.has(failure.name) || answer.status === 429;
      const retryable = throttled || TRANSIENT_CODES.has(failure.name) || RETRY_STATUSES.has(answer.status);
      if (!retryable || attempt >= this.maxAttempts) throw failure;
      await sleep(backoff(attempt, throttled ? THROTTLED_BASE_DELAY_MS : BASE_DELAY_MS));
    }
  }
}

const backoff = (attempt: number, base: number) =>
  Math.random() * Math.min(MAX_DELAY_MS, base * 2 ** attempt);

const dnsSuffix = (region: string) => (region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com');

function objectMetadata(answer: HttpAnswer): HeadObjectResult {
  const contentType = header(answer, 'content-type');
  const etag = header(answer, 'etag');
  return {
    contentLength: Number(header(answer, 'content-length') ?? answer.body.length),
    ...(contentType ? { contentType } : {}),
    ...(etag ? { etag } : {}),
  };
}

function serviceError(where: string, answer: HttpAnswer, attempts: number): S3ServiceError {
  const xml = answer.body.toString('utf8');
  const code = xmlElement(xml, 'Code') ?? CODES_BY_STATUS[answer.status] ?? `Http${answer.status}`;
  const requestId = header(answer, 'x-amz-request-id') ?? xmlElement(xml, 'RequestId');
  const message = xmlElement(xml, 'Message');
  return new S3ServiceError(
    code,
    `${where}: ${answer.status} ${code}${message ? `: ${message}` : ''}${requestId ? ` (request id ${requestId})` : ''}`,
    { httpStatusCode: answer.status, attempts, ...(requestId ? { requestId } : {}) },
  );
}
