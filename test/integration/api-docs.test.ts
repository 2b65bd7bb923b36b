import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../infra/local/cloud.ts';
import { seedLocalData } from '../../infra/local/seed.ts';
import { platform } from '../../infra/platform.ts';
import { rawRequest, sharedDynamoDb } from '../fixtures/support.ts';

/** GET /v1/openapi.json through the local HTTP API, as a client generator would fetch it. */
let cloud: LocalCloud;
const logs: string[] = [];

beforeAll(async () => {
  cloud = await startLocalCloud({
    platform,
    dataDir: null,
    dynamodb: sharedDynamoDb(),
    seed: seedLocalData,
    ports: { api: 0, mail: 0, sms: 0, dynamodb: 0, sqs: 0 },
    onLog: (source, line) => logs.push(`[${source}] ${line}`),
  });
});

afterAll(async () => {
  await cloud?.stop();
});

describe('GET /v1/openapi.json', () => {
  it('It should serve the OpenAPI 3.1 document with this API as its server', async () => {
    // Act
    const response = await rawRequest(`${cloud.apiUrl}/v1/openapi.json`, {
      headers: { accept: 'application/json' },
    });

    // Assess
    expect(response.status, `${response.text}\n${logs.join('\n')}`).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const document = response.json<{
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, unknown>;
    }>();
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers[0]?.url).toBe(cloud.apiUrl);
    expect(Object.keys(document.paths)).toContain('/v1/complaints');
  });

  it('It should fall back to a relative server when the Host header is not a host name', async () => {
    const response = await rawRequest(`${cloud.apiUrl}/v1/openapi.json`, {
      headers: { host: 'evil.example/<script>' },
    });

    expect(response.status, response.text).toBe(200);
    expect(response.json<{ servers: { url: string }[] }>().servers[0]?.url).toBe('/');
  });
});
