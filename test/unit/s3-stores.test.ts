import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isNoSuchObject, newS3Client } from '../../shared/adapters/aws/clients/s3.ts';
import { S3AttachmentStore } from '../../shared/adapters/s3/attachments.ts';
import { ExportsStore } from '../../shared/adapters/s3/exports-store.ts';
import { isDependencyUnavailable } from '../../shared/triggers/http/unavailable.ts';

/**
 * The attachments and exports stores on the SDK's S3 client, its requests recorded and answered
 * by a stub: what is signed into presigned URLs, what is sent, and how S3's refusals read.
 */

const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/EXAMPLEKEY',
};
const BUCKET = 'nivaran-attachments-1a2b3c4d';
const KEY = 'attachments/40015723012/0f8fad5b-d9cb-469f-a165-70867728950e.pdf';

/** What the stub sees of a request the SDK sends. */
interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

interface Answer {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

function client(answer: (request: HttpRequest) => Answer = () => ({ statusCode: 200 }), config = {}) {
  const sent: HttpRequest[] = [];
  const s3 = newS3Client({
    region: 'ap-south-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
    ...config,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        sent.push(request);
        const { statusCode, headers = {}, body = '' } = answer(request);
        return { response: { statusCode, headers, body: Readable.from([Buffer.from(body)]) } };
      },
    },
  });
  return { s3, sent };
}

const queryOf = (url: string) => new URL(url).searchParams;

describe('presigned URLs', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-10-31T18:29:59.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs the type and length into an upload URL, and no checksum of an empty body', async () => {
    const store = new S3AttachmentStore(client().s3, BUCKET);
    const url = await store.uploadUrl(KEY, 'pdf', 208);
    expect(url.startsWith(`https://${BUCKET}.s3.ap-south-1.amazonaws.com/${KEY}?`)).toBe(true);
    const query = queryOf(url);
    expect(query.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(query.get('X-Amz-Expires')).toBe('300');
    expect([...query.keys()].filter((name) => /checksum/i.test(name))).toEqual([]);
  });

  it('names the download in a GET URL, path-style on a local endpoint', async () => {
    const { s3 } = client(undefined, { endpoint: 'http://127.0.0.1:45147', forcePathStyle: true });
    const url = await new S3AttachmentStore(s3, BUCKET).downloadUrl(KEY, 'थाना "report".pdf', 'pdf');
    expect(url.startsWith(`http://127.0.0.1:45147/${BUCKET}/${KEY}?`)).toBe(true);
    const query = queryOf(url);
    expect(query.get('response-content-disposition')).toMatch(/^attachment; /);
    expect(query.get('response-content-disposition')).toContain(`filename*=UTF-8''%E0%A4%A5`);
    expect(query.get('response-content-type')).toBe('application/pdf');
    expect(query.get('X-Amz-Expires')).toBe('600');
    expect(query.get('X-Amz-SignedHeaders')).toBe('host');
  });

  it('presigns an export for the time asked', async () => {
    const store = new ExportsStore(client().s3, 'nivaran-exports');
    const url = await store.presignedUrl('rankings/2026-10/igrs-130-v1/rev-1/districts.html', {
      expiresInSeconds: 3600,
      downloadAs: 'districts.html',
    });
    expect(queryOf(url).get('X-Amz-Expires')).toBe('3600');
    expect(queryOf(url).get('response-content-disposition')).toBe('attachment; filename="districts.html"');
  });
});

describe('object calls', () => {
  it('puts a file with its type and reads it back whole', async () => {
    const { s3, sent } = client((request) =>
      request.method === 'GET' ? { statusCode: 200, body: '%PDF-1.4 whole file' } : { statusCode: 200 },
    );
    const store = new S3AttachmentStore(s3, BUCKET);
    await store.put(KEY, Buffer.from('%PDF-1.4 whole file'), 'pdf');
    expect(sent[0]).toMatchObject({ method: 'PUT', path: `/${KEY}` });
    expect(sent[0]!.headers['content-type']).toBe('application/pdf');
    expect(Object.keys(sent[0]!.headers).filter((name) => /checksum/i.test(name))).toEqual([]);
    expect((await store.read(KEY)).toString()).toBe('%PDF-1.4 whole file');
    expect(sent[1]).toMatchObject({ method: 'GET', path: `/${KEY}` });
  });

  it('reads a missing object as undefined or false, and other refusals as errors', async () => {
    const missing = client(() => ({ statusCode: 404 })).s3;
    expect(await new S3AttachmentStore(missing, BUCKET).head(KEY)).toBeUndefined();
    expect(await new ExportsStore(missing, 'nivaran-exports').exists('rankings/x')).toBe(false);
    const found = client(() => ({
      statusCode: 200,
      headers: { 'content-length': '208', 'content-type': 'application/pdf' },
    })).s3;
    expect(await new S3AttachmentStore(found, BUCKET).head(KEY)).toEqual({
      size: 208,
      contentType: 'application/pdf',
    });

    const denied = client(() => ({ statusCode: 403 })).s3;
    const refusal = await new S3AttachmentStore(denied, BUCKET).head(KEY).catch((error: unknown) => error);
    expect(isNoSuchObject(refusal)).toBe(false);
    expect(isDependencyUnavailable(refusal)).toBe(false);
  });

  it('reads a 5xx from S3 as the service being unavailable', async () => {
    const failing = client(() => ({
      statusCode: 503,
      body: '<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>',
    })).s3;
    const error = await new S3AttachmentStore(failing, BUCKET)
      .put(KEY, Buffer.from('%PDF-'), 'pdf')
      .catch((caught: unknown) => caught);
    expect((error as Error).name).toBe('SlowDown');
    expect(isDependencyUnavailable(error)).toBe(true);
  });
});
