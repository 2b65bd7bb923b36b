import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FinalizeRequestMiddleware, HttpRequest } from '@smithy/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadDisposition } from '../../shared/adapters/attachments.ts';
import { nodeHttpTransport } from '../../shared/adapters/s3/http-transport.ts';
import { isNoSuchObject, S3ObjectClient, S3ServiceError } from '../../shared/adapters/s3/object-client.ts';
import { isDependencyUnavailable } from '../../shared/triggers/http/unavailable.ts';

/**
 * Our S3 client against the AWS SDK's: with the same credentials, clock, bucket and key, the URLs
 * it presigns and the requests it signs must be the SDK's, byte for byte. Then its behaviour on
 * the wire (errors, retries, timeouts, keep-alive) against a real HTTP server.
 */

const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCmFwLXNvdXRoLTEiRzBFAiEA+example/token==',
};
const REGION = 'ap-south-1';
const BUCKET = 'nivaran-attachments-1a2b3c4d';
const KEYS = [
  'attachments/40015723012/0f8fad5b-d9cb-469f-a165-70867728950e.pdf',
  // Spaces, Hindi, slashes and the characters encodeURIComponent leaves alone.
  'रैंकिंग/2026-10/जनपद सूची (संशोधन 2).csv',
  "exports/a b/c+d/e!f'g(h)i*j~k.html",
];
const ADDRESSING = [
  { style: 'virtual-hosted', config: {} },
  { style: 'path-style', config: { endpoint: 'http://127.0.0.1:45147', forcePathStyle: true } },
];

/** The SDK's S3 client, its requests recorded and answered with an empty 200. */
function sdkClient(config: { endpoint?: string; forcePathStyle?: boolean }, sent: HttpRequest[]) {
  const client = new S3Client({
    region: REGION,
    credentials: CREDENTIALS,
    ...config,
    // Without the SDK's CRC32 headers and x-amz-checksum-mode: our client sends neither (see
    // object-client.ts) and the signature covers every x-amz- header.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      handle: async (request: HttpRequest) => {
        sent.push(request);
        return { response: { statusCode: 200, headers: {}, body: Readable.from([]) } };
      },
    },
  });
  // The SDK's own telemetry (user agent, invocation id, attempt) is signed too; S3 needs none of it.
  const dropTelemetry: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> =
    (next) => async (args) => {
      const headers = (args.request as HttpRequest).headers;
      for (const name of ['x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request'])
        delete headers[name];
      return next(args);
    };
  client.middlewareStack.addRelativeTo(dropTelemetry, {
    name: 'dropSdkTelemetry',
    relation: 'before',
    toMiddleware: 'httpSigningMiddleware',
  });
  return client;
}

/** Our client, its requests recorded and answered with an empty 200. */
function ourClient(config: { endpoint?: string; forcePathStyle?: boolean }, sent: HttpRequest[]) {
  return new S3ObjectClient({
    region: REGION,
    credentials: CREDENTIALS,
    ...config,
    transport: async (request) => {
      sent.push(request);
      return { status: 200, headers: { 'content-length': '0' }, body: Buffer.alloc(0) };
    },
  });
}

/** What reaches S3 and what is signed: everything but the unsigned User-Agent. */
const onTheWire = (request: HttpRequest) => {
  const headers = Object.fromEntries(
    Object.entries(request.headers)
      .map(([name, value]) => [name.toLowerCase(), value])
      .filter(([name]) => name !== 'user-agent'),
  );
  return {
    method: request.method,
    protocol: request.protocol,
    hostname: request.hostname,
    port: request.port,
    path: request.path,
    query: request.query,
    headers,
    body: request.body === undefined ? undefined : Buffer.from(request.body as Uint8Array).toString('hex'),
  };
};

describe.each(ADDRESSING)('signing, $style, against the AWS SDK', ({ config }) => {
  beforeEach(() => {
    // Only Date: the signature's clock. Timers stay real for the SDK's promise chains.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-10-31T18:29:59.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(KEYS)('presigns the same GET, with and without a download name (%s)', async (key) => {
    const sdk = sdkClient(config, []);
    const ours = ourClient(config, []);
    const disposition = downloadDisposition('प्राथमिकी की प्रति "FIR" (1).pdf');
    const sdkUrl = await getSignedUrl(
      sdk,
      new GetObjectCommand({ Bucket: BUCKET, Key: key, ResponseContentDisposition: disposition }),
      { expiresIn: 600 },
    );
    const ourUrl = await ours.presignGetObject({
      bucket: BUCKET,
      key,
      responseContentDisposition: disposition,
      expiresIn: 600,
    });
    expect(ourUrl).toBe(sdkUrl);
    expect(ourUrl).toContain('X-Amz-Content-Sha256=UNSIGNED-PAYLOAD');
    expect(ourUrl).toContain('X-Amz-Security-Token=');
    expect(await ours.presignGetObject({ bucket: BUCKET, key, expiresIn: 900 })).toBe(
      await getSignedUrl(sdk, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 900 }),
    );
  });

  it.each(KEYS)('presigns the same PUT with its type and length signed (%s)', async (key) => {
    const sdk = sdkClient(config, []);
    const ours = ourClient(config, []);
    const sdkUrl = await getSignedUrl(
      sdk,
      new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: 'image/png', ContentLength: 208 }),
      { expiresIn: 300, signableHeaders: new Set(['content-type', 'content-length']) },
    );
    const ourUrl = await ours.presignPutObject({
      bucket: BUCKET,
      key,
      contentType: 'image/png',
      contentLength: 208,
      expiresIn: 300,
    });
    expect(ourUrl).toBe(sdkUrl);
    expect(new URL(ourUrl).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
  });

  it.each(KEYS)('signs Put, Head, Get and Delete as the SDK does (%s)', async (key) => {
    const sdkSent: HttpRequest[] = [];
    const ourSent: HttpRequest[] = [];
    const sdk = sdkClient(config, sdkSent);
    const ours = ourClient(config, ourSent);
    const body = Buffer.from('रैंकिंग,अंक\nचन्दौली,130\n', 'utf8');
    const csv = { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="ranking.csv"' };

    await sdk.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: body,
        ContentType: csv.type,
        ContentDisposition: csv.disposition,
      }),
    );
    await ours.putObject({
      bucket: BUCKET,
      key,
      body,
      contentType: csv.type,
      contentDisposition: csv.disposition,
    });
    await sdk.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    await ours.headObject({ bucket: BUCKET, key });
    await sdk.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=0-7' }));
    await ours.getObject({ bucket: BUCKET, key, range: 'bytes=0-7' });
    await sdk.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    await ours.deleteObject({ bucket: BUCKET, key });

    expect(ourSent.map(onTheWire)).toEqual(sdkSent.map(onTheWire));
    expect(ourSent.map((r) => r.method)).toEqual(['PUT', 'HEAD', 'GET', 'DELETE']);
    for (const request of ourSent) expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    // The payload's hash is signed, so S3 refuses a body changed on the way.
    expect(ourSent[0]!.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
  });
});

describe('addressing', () => {
  const url = async (config: ConstructorParameters<typeof S3ObjectClient>[0]) =>
    new URL(
      await new S3ObjectClient({ credentials: CREDENTIALS, ...config }).presignGetObject({
        bucket: 'nivaran-exports',
        key: 'a b/क.csv',
        expiresIn: 60,
      }),
    );

  it('puts the bucket in the host in AWS, in the path for local S3, from the environment', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_S3', '');
    vi.stubEnv('AWS_ENDPOINT_URL', '');
    vi.stubEnv('AWS_REGION', 'ap-south-1');
    try {
      const aws = await url({});
      expect(aws.origin).toBe('https://nivaran-exports.s3.ap-south-1.amazonaws.com');
      expect(aws.pathname).toBe('/a%20b/%E0%A4%95.csv');
      expect(aws.searchParams.get('X-Amz-Credential')).toMatch(/\/ap-south-1\/s3\/aws4_request$/);
      vi.stubEnv('AWS_ENDPOINT_URL_S3', 'http://127.0.0.1:45147');
      const local = await url({ forcePathStyle: true });
      expect(local.origin).toBe('http://127.0.0.1:45147');
      expect(local.pathname).toBe('/nivaran-exports/a%20b/%E0%A4%95.csv');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('uses path style for a bucket that cannot be a host name, and refuses a week-long URL', async () => {
    const client = new S3ObjectClient({ region: 'ap-south-1', credentials: CREDENTIALS });
    const odd = new URL(await client.presignGetObject({ bucket: 'My.Bucket', key: 'k', expiresIn: 60 }));
    expect(odd.hostname).toBe('s3.ap-south-1.amazonaws.com');
    expect(odd.pathname).toBe('/My.Bucket/k');
    await expect(
      client.presignGetObject({ bucket: 'b', key: 'k', expiresIn: 8 * 24 * 3600 }),
    ).rejects.toThrow(RangeError);
  });
});

describe('on the wire, against a local HTTP server', () => {
  type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;
  let server: Server;
  let endpoint: string;
  let handle: Handler;
  let connections = 0;
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }[] = [];
  const clients: S3ObjectClient[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        handle(req, body, res);
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
    connections = 0;
  });

  const client = (options: { idleTimeoutMs?: number } = {}) => {
    const c = new S3ObjectClient({
      region: REGION,
      credentials: CREDENTIALS,
      endpoint,
      forcePathStyle: true,
      transport: nodeHttpTransport({ idleTimeoutMs: options.idleTimeoutMs ?? 5_000 }),
    });
    clients.push(c);
    return c;
  };
  const s3Error = (res: ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': 'REQ123' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>REQ123</RequestId></Error>`,
    );
  };

  it('sends the body with its type and name, reads ranges and heads, over one kept-alive connection', async () => {
    const stored = new Map<string, { body: Buffer; type: string }>();
    handle = (req, body, res) => {
      const path = req.url!.split('?')[0]!;
      if (req.method === 'PUT') {
        stored.set(path, { body, type: req.headers['content-type']! });
        res.writeHead(200, { etag: '"abc"' }).end();
      } else if (req.method === 'HEAD') {
        const object = stored.get(path)!;
        res.writeHead(200, { 'content-length': object.body.length, 'content-type': object.type }).end();
      } else if (req.method === 'GET') {
        const object = stored.get(path)!;
        const [, from, to] = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? '')!;
        const part = object.body.subarray(Number(from), Number(to) + 1);
        res.writeHead(206, { 'content-length': part.length, 'content-type': object.type }).end(part);
      } else {
        res.writeHead(204).end();
      }
    };
    const s3 = client();
    const pdf = Buffer.from('%PDF-1.4 प्राथमिकी');
    const key = 'attachments/40015723012/फ़ाइल 1.pdf';
    expect(
      await s3.putObject({
        bucket: 'b',
        key,
        body: pdf,
        contentType: 'application/pdf',
        contentDisposition: 'inline',
      }),
    ).toEqual({ etag: '"abc"' });
    expect(seen[0]!.url).toBe(
      `/b/attachments/40015723012/${encodeURIComponent('फ़ाइल 1.pdf')}?x-id=PutObject`,
    );
    expect(seen[0]!.body.equals(pdf)).toBe(true);
    expect(seen[0]!.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': 'inline',
      'content-length': String(pdf.length),
      'x-amz-content-sha256': createHash('sha256').update(pdf).digest('hex'),
    });
    expect(await s3.headObject({ bucket: 'b', key })).toEqual({
      contentLength: pdf.length,
      contentType: 'application/pdf',
    });
    const first = await s3.getObject({ bucket: 'b', key, range: 'bytes=0-7' });
    expect(first.body.toString('latin1')).toBe('%PDF-1.4');
    await s3.deleteObject({ bucket: 'b', key });
    expect(seen.map((r) => r.method)).toEqual(['PUT', 'HEAD', 'GET', 'DELETE']);
    expect(connections).toBe(1);
  });

  it("answers a missing object with S3's names, which isNoSuchObject knows", async () => {
    handle = (req, _body, res) =>
      req.method === 'HEAD'
        ? res.writeHead(404, { 'x-amz-request-id': 'REQ404' }).end()
        : s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    const s3 = client();
    const head = await s3.headObject({ bucket: 'b', key: 'gone.pdf' }).catch((e: unknown) => e);
    expect(head).toBeInstanceOf(S3ServiceError);
    expect(head).toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404, requestId: 'REQ404' } });
    expect(isNoSuchObject(head)).toBe(true);
    const get = await s3.getObject({ bucket: 'b', key: 'gone.pdf' }).catch((e: unknown) => e);
    expect(get).toMatchObject({ name: 'NoSuchKey', $fault: 'client' });
    expect((get as Error).message).toBe(
      'S3 GetObject s3://b/gone.pdf: 404 NoSuchKey: The specified key does not exist. (request id REQ123)',
    );
    expect(isNoSuchObject(get)).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it('does not repeat a refusal, and names a precondition failure', async () => {
    handle = (req, _body, res) =>
      req.method === 'HEAD' ? res.writeHead(412).end() : s3Error(res, 403, 'AccessDenied', 'Access Denied');
    const s3 = client();
    const denied = await s3.deleteObject({ bucket: 'b', key: 'k' }).catch((e: unknown) => e);
    expect(denied).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403, attempts: 1 } });
    expect(isNoSuchObject(denied)).toBe(false);
    expect(isDependencyUnavailable(denied)).toBe(false);
    expect(await s3.headObject({ bucket: 'b', key: 'k' }).catch((e: unknown) => e)).toMatchObject({
      name: 'PreconditionFailed',
    });
    expect(seen).toHaveLength(2);
  });

  it('repeats a 5xx and a dropped connection, then succeeds', async () => {
    let calls = 0;
    handle = (_req, _body, res) => {
      calls++;
      if (calls === 1) s3Error(res, 500, 'InternalError', 'We encountered an internal error.');
      else if (calls === 2) res.socket!.destroy();
      else res.writeHead(200).end();
    };
    await client().putObject({ bucket: 'b', key: 'k', body: Buffer.from('same bytes') });
    expect(calls).toBe(3);
    expect(seen.map((r) => r.body.toString())).toEqual(['same bytes', 'same bytes', 'same bytes']);
  });

  it('gives up after three attempts with an error the HTTP layer answers 503', async () => {
    handle = (_req, _body, res) => s3Error(res, 503, 'SlowDown', 'Please reduce your request rate.');
    const error = await client()
      .getObject({ bucket: 'b', key: 'k' })
      .catch((e: unknown) => e);
    expect(seen).toHaveLength(3);
    expect(error).toMatchObject({ name: 'SlowDown', $fault: 'server', $metadata: { attempts: 3 } });
    expect(isDependencyUnavailable(error)).toBe(true);
  }, 10_000);

  it('times out a server that stops answering, and says so', async () => {
    handle = () => {};
    const error = await client({ idleTimeoutMs: 150 })
      .headObject({ bucket: 'b', key: 'k' })
      .catch((e: unknown) => e);
    expect(seen).toHaveLength(3);
    expect((error as Error).message).toMatch(
      /^S3 HeadObject s3:\/\/b\/k failed after 3 attempt\(s\): .* sent nothing for 150 ms$/,
    );
    expect(isDependencyUnavailable(error)).toBe(true);
  }, 10_000);
});
