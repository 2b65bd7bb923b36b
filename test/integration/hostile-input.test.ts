import { QueryCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../../infra/platform.ts';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { signLinkToken } from '../../shared/domain/links/token.ts';
import {
  complaintBody,
  type ProductCloud,
  startProductCloud,
  storedMobileHash,
} from '../fixtures/product-cloud.ts';
import { dynamoClient, rawRequest } from '../fixtures/support.ts';

let p: ProductCloud;
const HOSTILE_MOBILE = '9111122222';
let accepted = 0;

beforeAll(async () => {
  p = await startProductCloud({
    environment: { INTAKE_MONTHLY_LIMIT_PER_MOBILE: '100000', LOG_LEVEL: 'WARN' },
  });
});

afterAll(async () => {
  await p?.stop();
});

/** Strings people and attackers send: Hindi edge cases, injections, markup, controls, huge ones. */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    "' OR '1'='1",
    '"; DROP TABLE references; --',
    '{"$gt": ""}',
    '{"$where": "sleep(1000)"}',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    '\u0000\u0001\u001f',
    'क्\u200Dष', // conjunct with zero-width joiner
    'नमस्ते\u0301\u0301\u0301',
    '\uFEFFचोरी',
    '\u202Eevil\u202C',
    '𝔘𝔓 पुलिस 🚓',
    'a'.repeat(70_000),
    '../../../etc/passwd',
    '%00%2e%2e%2f',
  ),
);

const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nasty,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nasty, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A complaint body with some fields replaced by hostile values. */
const mutatedComplaint = fc
  .record({
    path: fc.constantFrom(
      ['description'],
      ['categoryCode'],
      ['channel'],
      ['incidentDate'],
      ['complainant', 'name'],
      ['complainant', 'address'],
      ['complainant', 'email'],
      ['complainant', 'mobile'],
      ['location', 'districtCode'],
      ['location', 'stationCode'],
      ['location', 'pinCode'],
      ['location', 'latitude'],
    ),
    value: jsonValue,
  })
  .map(({ path, value }) => {
    const body = complaintBody({
      complainant: { ...complaintBody().complainant, mobile: HOSTILE_MOBILE },
    }) as Record<string, unknown>;
    let target = body;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[path.at(-1)!] = value;
    return JSON.stringify(body);
  });

const deeplyNested = fc
  .integer({ min: 100, max: 5000 })
  .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);
const invalidUtf8 = fc
  .uint8Array({ minLength: 1, maxLength: 64 })
  .map((bytes) =>
    Buffer.concat([Buffer.from('{"description":"'), Buffer.from([0xc3, 0x28, ...bytes]), Buffer.from('"}')]),
  );

const body = fc.oneof(
  mutatedComplaint.map((text) => Buffer.from(text)),
  jsonValue.map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
  deeplyNested.map((text) => Buffer.from(text)),
  invalidUtf8,
  fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
);

const headerValue = fc.oneof(
  fc.constantFrom(
    'hi',
    'en',
    'hi-IN,hi;q=0.9',
    '*',
    ';q=abc',
    'x'.repeat(2000),
    'application/json',
    'text/plain',
    'multipart/form-data; boundary=x',
  ),
  fc.stringMatching(/^[\x20-\x7e]{0,40}$/),
);

const segment = fc.oneof(
  nasty.map((s) => encodeURIComponent(s).slice(0, 300)),
  fc.stringMatching(/^[0-9]{1,14}$/),
);

async function storedForHostileMobile(): Promise<number> {
  const db = dynamoClient(p.cloud.dynamodbEndpoint);
  let count = 0;
  let startKey: Record<string, never> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: p.cloud.tableNames.main,
        IndexName: 'complainant',
        KeyConditionExpression: 'complainantPk = :pk',
        ExpressionAttributeValues: {
          ':pk': { S: `MOBILE#${storedMobileHash(p.cloud, `+91${HOSTILE_MOBILE}`)}` },
        },
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  db.destroy();
  return count;
}

const routes = Object.values(platform.functions).flatMap((fn) => fn.http ?? []);

describe('hostile input never breaks the API', () => {
  it.each(routes)(
    '$method $path answers every generated request with less than 500',
    async (route) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: 3, maxLength: 3 }),
          fc.dictionary(
            fc.constantFrom(
              'q',
              'secret',
              'mobileLast4',
              'level',
              'format',
              'page',
              'page_size',
              'start_date',
              'status',
              'done',
              'lang',
            ),
            nasty.map((s) => s.slice(0, 200)),
            { maxKeys: 3 },
          ),
          fc.record(
            {
              'accept-language': headerValue,
              'content-type': headerValue,
              'idempotency-key': headerValue,
              'x-tracking-secret': headerValue,
            },
            { requiredKeys: [] },
          ),
          body,
          async (segments, query, headers, payload) => {
            let i = 0;
            const path = route.path.replace(/\{proxy\+\}|\{\w+\}/g, () => segments[i++] || 'x');
            const search = new URLSearchParams(query).toString();
            const response = await rawRequest(`${p.cloud.apiUrl}${path}${search ? `?${search}` : ''}`, {
              method: route.method,
              headers: Object.fromEntries(
                Object.entries(headers).filter(([, v]) => v !== undefined),
              ) as Record<string, string>,
              body: route.method === 'POST' ? payload : undefined,
            });
            expect(response.status, `${route.method} ${path}: ${response.text.slice(0, 300)}`).toBeLessThan(
              500,
            );
            if (route.path === '/v1/complaints' && route.method === 'POST' && response.status === 201)
              accepted++;
          },
        ),
        { numRuns: route.path === '/v1/complaints' ? 400 : 120 },
      );
    },
    120_000,
  );

  it('stores nothing for a rejected complaint: only accepted ones exist for the hostile mobile', async () => {
    expect(await storedForHostileMobile()).toBe(accepted);
  });

  it('answers generated link tokens and form bodies on the officer pages with less than 500', async () => {
    const keyring = parseKeyring(p.cloud.secretValue('linkSigningKey'));
    const valid = signLinkToken(
      {
        purpose: 'district-cell',
        districtCode: 'chandauli',
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      },
      keyring,
      new Date(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          segment,
          fc.constant(valid),
          nasty.map((s) => `${valid}${encodeURIComponent(s).slice(0, 50)}`),
        ),
        fc.constantFrom('GET', 'POST'),
        fc.oneof(
          fc
            .dictionary(
              fc.constantFrom(
                'formToken',
                'action',
                'referenceNo',
                'stationCode',
                'reason',
                'grade',
                'satisfied',
              ),
              nasty.map((s) => s.slice(0, 500)),
              { maxKeys: 5 },
            )
            .map((d) => Buffer.from(new URLSearchParams(d).toString())),
          body,
        ),
        async (token, method, payload) => {
          const response = await rawRequest(`${p.cloud.apiUrl}/o/${token}`, {
            method,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: method === 'POST' ? payload : undefined,
          });
          expect(response.status, response.text.slice(0, 300)).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});
