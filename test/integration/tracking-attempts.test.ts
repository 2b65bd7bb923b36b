import { request } from 'node:http';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromItem, toItem } from '../../shared/adapters/dynamodb/dynamo-item.ts';
import { addressDigest } from '../../shared/domain/links/address-digest.ts';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { complaintBody, type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { dynamoClient, waitFor } from '../fixtures/support.ts';

/**
 * Issue 15, item 3: failed tracking attempts are counted atomically per client address and per
 * reference in a sliding window, so parallel guesses cannot pass the ceiling, and a stranger's
 * failures never lock the complainant out of their secret or their status link. Each client here
 * connects from its own loopback address (Linux routes all of 127.0.0.0/8 to lo), so the API sees
 * a different source IP, as API Gateway would.
 */

let p: ProductCloud;

beforeAll(async () => {
  p = await startProductCloud();
}, 120_000);

afterAll(async () => {
  await p?.stop();
});

const PER_ADDRESS = 10;
const PER_REFERENCE = 30;

/** A GET to the API from `from`, a loopback address of its own. */
function getFrom(from: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
    (resolve, reject) => {
      const req = request(
        `${p.cloud.apiUrl}${path}`,
        { localAddress: from, headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString(),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

async function file() {
  const body = complaintBody();
  const created = (await p.post('/v1/complaints', body)).json<{
    referenceNo: string;
    trackingSecret: string;
  }>();
  return { ...created, mobile: body.complainant.mobile };
}

/** Where an address's failures are counted: under an HMAC of it, never the address itself. */
const addressCounter = (ip: string) =>
  `ADDR#${addressDigest(parseKeyring(p.cloud.secretValue('linkSigningKey')), ip, 'tracking')}`;

/** The failure counters' items under `key` (TRACKFAIL#ADDR#<address HMAC> or TRACKFAIL#REF#<no>). */
async function counters(key: string) {
  const db = dynamoClient(p.cloud.dynamodbEndpoint);
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: p.cloud.tableNames.main,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: toItem({ ':pk': `TRACKFAIL#${key}` }),
      ConsistentRead: true,
    }),
  );
  db.destroy();
  return Items.map((item) => fromItem<{ count: number; expiresAtEpoch: number }>(item));
}

describe('failed tracking attempts', () => {
  it('lets no more parallel wrong guesses through than the ceiling, and counts no more', async () => {
    const { referenceNo } = await file();
    const guesses = 3 * PER_ADDRESS;
    const answers = await Promise.all(
      Array.from({ length: guesses }, (_, i) =>
        getFrom('127.0.0.21', `/v1/complaints/${referenceNo}`, {
          'x-tracking-secret': `WRONG${String(i).padStart(3, '0')}`,
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    // Each 404 is a guess that was checked; the rest were refused before any check.
    expect(statuses.filter((s) => s === 404)).toHaveLength(PER_ADDRESS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(guesses - PER_ADDRESS);
    const refused = answers.find((a) => a.status === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);

    const [bucket] = await counters(addressCounter('127.0.0.21'));
    expect(bucket!.count).toBe(PER_ADDRESS);
    // The counters hold no client address: an IP address is personal data.
    expect(await counters('ADDR#127.0.0.21')).toEqual([]);
    // Removed by TTL once its window has passed.
    expect(bucket!.expiresAtEpoch).toBeGreaterThan(Date.now() / 1000);
    expect(bucket!.expiresAtEpoch).toBeLessThan(Date.now() / 1000 + 4 * 3600);
  });

  it("never locks the complainant out of their secret or status link, whatever strangers' addresses try", async () => {
    const { referenceNo, trackingSecret, mobile } = await file();
    const wrongLast4 = mobile.slice(-4) === '0000' ? '1111' : '0000';
    // Strangers on five addresses each spend their own ceiling on the reference: 50 tries in all.
    const strangers = ['127.0.0.31', '127.0.0.32', '127.0.0.33', '127.0.0.34', '127.0.0.35'];
    const tries = await Promise.all(
      strangers.flatMap((from) =>
        Array.from({ length: PER_ADDRESS }, (_, i) =>
          getFrom(from, `/v1/complaints/${referenceNo}`, {
            ...(i % 2 ? { 'x-tracking-secret': 'AAAAAAAA' } : { 'x-mobile-last4': wrongLast4 }),
          }),
        ),
      ),
    );
    expect(tries.every((t) => t.status === 404 || t.status === 429)).toBe(true);
    const [onReference] = await counters(`REF#${referenceNo}`);
    expect(onReference!.count).toBeLessThanOrEqual(PER_REFERENCE + strangers.length * PER_ADDRESS);

    // Each stranger's own address is now over its ceiling, even with the right secret.
    expect(
      (await getFrom(strangers[0]!, `/v1/complaints/${referenceNo}`, { 'x-tracking-secret': trackingSecret }))
        .status,
    ).toBe(429);

    // The complainant, on another address, is not blocked: the secret opens it...
    const own = await getFrom('127.0.0.41', `/v1/complaints/${referenceNo}`, {
      'x-tracking-secret': trackingSecret,
    });
    expect(own.status).toBe(200);
    expect(JSON.parse(own.text).referenceNo).toBe(referenceNo);
    // ...and so does the status link from the SMS, which never consults the counters.
    const link = await waitFor('the acknowledgement SMS', async () => {
      const response = await fetch(`${p.cloud.smsUrl}messages?to=${encodeURIComponent(`+91${mobile}`)}`);
      const { messages } = (await response.json()) as { messages: { body: string }[] };
      return messages.map((m) => /https?:\/\/\S+\/t\/[A-Za-z0-9._-]+/.exec(m.body)?.[0]).find(Boolean);
    });
    expect((await getFrom(strangers[1]!, new URL(link).pathname)).status).toBe(200);
    // A correct secret gives its place back: the complainant's address has counted no failure.
    expect((await counters(addressCounter('127.0.0.41'))).reduce((n, c) => n + c.count, 0)).toBe(0);
  });

  it('stops the last four digits, not the secret, once a reference has drawn its ceiling of failures from everywhere', async () => {
    const { referenceNo, trackingSecret, mobile } = await file();
    const wrongLast4 = mobile.slice(-4) === '0000' ? '1111' : '0000';
    for (let a = 0; a < PER_REFERENCE / PER_ADDRESS; a++) {
      const from = `127.0.1.${a + 1}`;
      const tries = await Promise.all(
        Array.from({ length: PER_ADDRESS }, () =>
          getFrom(from, `/v1/complaints/${referenceNo}`, { 'x-mobile-last4': wrongLast4 }),
        ),
      );
      expect(tries.map((t) => t.status)).toEqual(Array(PER_ADDRESS).fill(404));
    }
    const last4 = await getFrom('127.0.1.50', `/v1/complaints/${referenceNo}`, {
      'x-mobile-last4': mobile.slice(-4),
    });
    expect(last4.status).toBe(429);
    // Refused for the reference, not for what this address did: its place was given back.
    expect((await counters(addressCounter('127.0.1.50'))).reduce((n, c) => n + c.count, 0)).toBe(0);
    const secret = await getFrom('127.0.1.50', `/v1/complaints/${referenceNo}`, {
      'x-tracking-secret': trackingSecret,
    });
    expect(secret.status).toBe(200);
  });

  it('refuses a whole mobile number in X-Mobile-Last4 with a 400 that asks for four digits', async () => {
    const { referenceNo, mobile } = await file();
    for (const given of [mobile, `+91${mobile}`, '123', '12a4']) {
      const response = await p.get(`/v1/complaints/${referenceNo}`, { 'x-mobile-last4': given });
      expect(response.status, given).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = response.json<{ type: string; title: string; detail?: string }>();
      expect(problem.type).toMatch(/invalid-mobile-last4$/);
      expect(`${problem.title} ${problem.detail ?? ''}`).toMatch(/four digits/);
      expect(response.text).not.toContain(mobile);
    }
    const hindi = await p.get(`/v1/complaints/${referenceNo}`, {
      'x-mobile-last4': mobile,
      'accept-language': 'hi',
    });
    expect(hindi.json<{ title: string }>().title).toContain('चार अंक');
    expect((await p.get(`/v1/complaints/${referenceNo}?mobileLast4=${mobile}`)).status).toBe(400);
    expect(
      (await p.get(`/v1/complaints/${referenceNo}`, { 'x-mobile-last4': mobile.slice(-4) })).status,
    ).toBe(200);
  });
});
