import { randomBytes } from 'node:crypto';
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoIntakeLimiter } from '../../shared/adapters/dynamodb/intake-stores.ts';
import { DynamoReferenceRepository } from '../../shared/adapters/dynamodb/reference-repository.ts';
import { cryptoRandom } from '../../shared/adapters/system.ts';
import { registeredReference } from '../../shared/domain/intake/complaint.ts';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { signSessionToken } from '../../shared/domain/otp/session-token.ts';
import { keyedMobileHash, legacyMobileHash } from '../../shared/domain/reference/mobile-hash.ts';
import { newReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { istDate, istMonth } from '../../shared/domain/time/ist.ts';
import {
  complaintBody,
  type ProductCloud,
  startProductCloud,
  storedMobileHash,
  uniqueMobile,
} from '../fixtures/product-cloud.ts';
import { dynamoClient } from '../fixtures/support.ts';

/**
 * "My complaints by OTP" through the local cloud: the code read from the SMS outbox, verified for a
 * bearer token, the list; and its limits. The mobile hash keyring is one rotation old (key 2
 * current, key 1 before it, and the unkeyed legacy hash), so the list must find references under
 * all three.
 */

const OLD_KEY = randomBytes(32).toString('base64url');
const NEW_KEY = randomBytes(32).toString('base64url');
const PER_ADDRESS_HOUR = 25;

let p: ProductCloud;

beforeAll(async () => {
  p = await startProductCloud({
    environment: { OTP_PER_ADDRESS_HOUR: String(PER_ADDRESS_HOUR) },
    secretOverrides: { mobileHashKey: JSON.stringify({ current: '2', keys: { 1: OLD_KEY, 2: NEW_KEY } }) },
  });
});

afterAll(async () => {
  await p?.stop();
});

interface Problem {
  type: string;
  status: number;
  detail?: string;
}

const problemCode = (body: Problem) => body.type.split('/').pop();

/** The code in the newest OTP SMS to the number. */
function codeSentTo(mobile: string): string {
  const sms = p.cloud.sms
    .messages()
    .filter((m) => m.destination === `+91${mobile}` && m.templateId === '1007000000000000201');
  const code = sms.at(-1)?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no OTP SMS to ${mobile}`);
  return code;
}

const otpSmsCount = (mobile: string) =>
  p.cloud.sms
    .messages()
    .filter((m) => m.destination === `+91${mobile}` && m.templateId === '1007000000000000201').length;

const requestOtp = (mobile: string) => p.post('/v1/otp', { mobile });
const verify = (mobile: string, otp: string) => p.post('/v1/otp/verify', { mobile, otp });
const wrongCode = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');

/** Stores a reference for the mobile directly under the given complainant hash, as an older writer did. */
async function storeUnder(
  mobile: string,
  mobileHash: string | undefined,
  createdAt: Date,
): Promise<Reference> {
  const reference: Reference = {
    ...registeredReference(
      {
        complainant: { name: 'Sunita Devi', mobile: `+91${mobile}`, address: 'Sakaldiha, Chandauli' },
        location: { districtCode: 'chandauli' },
        categoryCode: 'theft',
        description: 'My bicycle was stolen from outside the ration shop on Monday evening.',
        channel: 'portal',
      } as never,
      {
        category: {
          code: 'theft',
          name: { en: 'Theft', hi: 'चोरी' },
          description: { en: '', hi: '' },
          deadlineDays: 15,
        },
        channel: 'portal',
        language: 'en',
        actor: { role: 'complainant' } as never,
        at: createdAt,
        trackingSecretHash: 'x',
      },
    ),
    referenceNo: newReferenceNumber(cryptoRandom.digits),
  } as Reference;
  const repository = new DynamoReferenceRepository(
    dynamoClient(p.cloud.dynamodbEndpoint),
    p.cloud.tableNames.main!,
  );
  const keys = mobileHash
    ? { mobileHash, istMonth: istMonth(createdAt), istDate: istDate(createdAt) }
    : undefined;
  if (keys) expect(await repository.create(reference, keys)).toBe(true);
  else {
    // Without keys the item mapping writes the legacy (version 0) hash, as before this change.
    const { referenceItem } = await import('../../shared/adapters/dynamodb/reference-item.ts');
    const { PutItemCommand } = await import('@aws-sdk/client-dynamodb');
    const { toItem } = await import('../../shared/adapters/dynamodb/dynamo-item.ts');
    await dynamoClient(p.cloud.dynamodbEndpoint).send(
      new PutItemCommand({ TableName: p.cloud.tableNames.main!, Item: toItem(referenceItem(reference)) }),
    );
  }
  return reference;
}

describe('my complaints by OTP', () => {
  it('sends a code by SMS, trades it for a bearer token and lists only that number’s references of 12 months', async () => {
    const mine = uniqueMobile();
    const other = uniqueMobile();
    const filed = await p.post(
      '/v1/complaints',
      complaintBody({ complainant: { ...complaintBody().complainant, mobile: mine } }),
    );
    expect(filed.status).toBe(201);
    const others = await p.post(
      '/v1/complaints',
      complaintBody({ complainant: { ...complaintBody().complainant, mobile: other } }),
    );
    expect(others.status).toBe(201);
    const mineNo = filed.json<{ referenceNo: string }>().referenceNo;
    const othersNo = others.json<{ referenceNo: string }>().referenceNo;
    // Filed under the current key, not the legacy hash.
    expect(storedMobileHash(p.cloud, `+91${mine}`)).toBe(keyedMobileHash(`+91${mine}`, '2', NEW_KEY));

    const underOldKey = await storeUnder(
      mine,
      keyedMobileHash(`+91${mine}`, '1', OLD_KEY),
      new Date(Date.now() - 40 * 86_400_000),
    );
    const underLegacy = await storeUnder(mine, undefined, new Date(Date.now() - 200 * 86_400_000));
    const tooOld = await storeUnder(
      mine,
      legacyMobileHash(`+91${mine}`),
      new Date(Date.now() - 400 * 86_400_000),
    );

    const sent = await requestOtp(mine);
    expect(sent.status).toBe(202);
    const code = codeSentTo(mine);
    // The newest OTP SMS, not the newest SMS: the acknowledgements of the complaints filed above may come later.
    const sms = p.cloud.sms
      .messages()
      .filter((m) => m.destination === `+91${mine}` && m.templateId === '1007000000000000201')
      .at(-1)!;
    expect(sms.body).toContain('ओटीपी');
    expect(sms.body).toContain('OTP');
    expect(sms.entityId).toBe('1001000000000000000');

    // Stored hashed: the code appears nowhere in the item.
    const { Item } = await dynamoClient(p.cloud.dynamodbEndpoint).send(
      new GetItemCommand({
        TableName: p.cloud.tableNames.main!,
        Key: { pk: { S: `OTP#${storedMobileHash(p.cloud, `+91${mine}`)}` }, sk: { S: 'OTP' } },
        ConsistentRead: true,
      }),
    );
    expect(Item).toBeDefined();
    expect(JSON.stringify(Item)).not.toContain(code);
    expect(Number(Item!.expiresAtEpoch!.N)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 301);

    const verified = await verify(mine, code);
    expect(verified.status, verified.text).toBe(200);
    const session = verified.json<{ accessToken: string; tokenType: string; expiresIn: number }>();
    expect(session.tokenType).toBe('Bearer');
    expect(session.expiresIn).toBeGreaterThan(890);
    expect(session.expiresIn).toBeLessThanOrEqual(900);

    const listed = await p.get('/v1/my/complaints', { authorization: `Bearer ${session.accessToken}` });
    expect(listed.status, listed.text).toBe(200);
    const list = listed.json<{
      since: string;
      complaints: { referenceNo: string; status: string; statusText: { hi: string } }[];
    }>();
    const numbers = list.complaints.map((c) => c.referenceNo);
    expect(numbers).toEqual([mineNo, underOldKey.referenceNo, underLegacy.referenceNo]);
    expect(numbers).not.toContain(othersNo);
    expect(numbers).not.toContain(tooOld.referenceNo);
    expect(list.complaints[0]!.statusText.hi.length).toBeGreaterThan(0);

    // A code is used once.
    const again = await verify(mine, code);
    expect(again.status).toBe(401);
    expect(problemCode(again.json())).toBe('otp-expired');
  });

  it('leads its pages with Hindi unless the browser asks for English, also when it says nothing', async () => {
    const heading = (text: string) => text.match(/<h1>(.*?)<\/h1>/s)?.[1] ?? '';
    const silent = await p.get('/my');
    expect(silent.status).toBe(200);
    expect(silent.text).toContain('<html lang="hi"');
    expect(heading(silent.text)).toMatch(/^<span lang="hi">मेरी शिकायतें<\/span>/);
    expect(silent.text).toMatch(/<label[^>]*><span lang="hi">मोबाइल नंबर/);
    const hindi = await p.get('/my', { 'accept-language': 'hi-IN,hi;q=0.9,en;q=0.8' });
    expect(heading(hindi.text)).toMatch(/^<span lang="hi">/);
    const english = await p.get('/my', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.text).toContain('<html lang="en"');
    expect(heading(english.text)).toMatch(/^<span lang="en">My complaints<\/span>/);
    expect(english.text).toMatch(/<label[^>]*><span lang="en">Mobile number/);
    // Opened by anyone, not from a personal link: the footer says what protects the list instead.
    expect(english.text).not.toContain('opened from a personal link');
    expect(english.text).toMatch(/<footer[^>]*><p><span lang="en">Complaints are shown only with the code/);
  });

  it('answers a number with no complaints exactly as one with complaints', async () => {
    const known = uniqueMobile();
    expect(
      (
        await p.post(
          '/v1/complaints',
          complaintBody({ complainant: { ...complaintBody().complainant, mobile: known } }),
        )
      ).status,
    ).toBe(201);
    const unknown = uniqueMobile();
    const a = await requestOtp(known);
    const b = await requestOtp(unknown);
    expect(b.status).toBe(a.status);
    expect(b.text).toBe(a.text);
    expect(b.headers['content-type']).toBe(a.headers['content-type']);
    // Both get a code: nothing about complaints is looked up before answering.
    expect(otpSmsCount(known)).toBe(1);
    expect(otpSmsCount(unknown)).toBe(1);
  });

  it('refuses a right code once it has expired', async () => {
    const mobile = uniqueMobile();
    expect((await requestOtp(mobile)).status).toBe(202);
    const code = codeSentTo(mobile);
    await dynamoClient(p.cloud.dynamodbEndpoint).send(
      new UpdateItemCommand({
        TableName: p.cloud.tableNames.main!,
        Key: { pk: { S: `OTP#${storedMobileHash(p.cloud, `+91${mobile}`)}` }, sk: { S: 'OTP' } },
        UpdateExpression: 'SET expiresAtEpoch = :past',
        ExpressionAttributeValues: { ':past': { N: String(Math.floor(Date.now() / 1000) - 1) } },
      }),
    );
    const response = await verify(mobile, code);
    expect(response.status).toBe(401);
    expect(problemCode(response.json())).toBe('otp-expired');
  });

  it('spends a code after three wrong tries, even against guesses sent at once', async () => {
    const mobile = uniqueMobile();
    expect((await requestOtp(mobile)).status).toBe(202);
    const code = codeSentTo(mobile);
    const first = await verify(mobile, wrongCode(code));
    expect(first.status).toBe(401);
    expect(problemCode(first.json())).toBe('otp-wrong');
    expect(first.json<Problem>().detail).toContain('2 tries left');
    expect(problemCode((await verify(mobile, wrongCode(code))).json())).toBe('otp-wrong');
    expect(problemCode((await verify(mobile, wrongCode(code))).json())).toBe('otp-wrong');
    const right = await verify(mobile, code);
    expect(right.status).toBe(401);
    expect(problemCode(right.json())).toBe('otp-expired');

    // Six guesses at once on a new code: three are counted, the rest find no code to try.
    const parallel = uniqueMobile();
    expect((await requestOtp(parallel)).status).toBe(202);
    const parallelCode = codeSentTo(parallel);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => verify(parallel, wrongCode(parallelCode))),
    );
    expect(answers.map((a) => problemCode(a.json())).sort()).toEqual([
      'otp-expired',
      'otp-expired',
      'otp-expired',
      'otp-wrong',
      'otp-wrong',
      'otp-wrong',
    ]);
    expect((await verify(parallel, parallelCode)).status).toBe(401);
  });

  it('sends at most three codes an hour to one number', async () => {
    const mobile = uniqueMobile();
    for (let i = 0; i < 3; i++) expect((await requestOtp(mobile)).status).toBe(202);
    const refused = await requestOtp(mobile);
    expect(refused.status).toBe(429);
    expect(problemCode(refused.json())).toBe('too-many-otps');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(otpSmsCount(mobile)).toBe(3);
  });

  it('refuses a missing, altered or expired bearer token', async () => {
    expect((await p.get('/v1/my/complaints')).status).toBe(401);
    const mobile = uniqueMobile();
    await requestOtp(mobile);
    const token = (await verify(mobile, codeSentTo(mobile))).json<{ accessToken: string }>().accessToken;
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const refused = await p.get('/v1/my/complaints', { authorization: `Bearer ${altered}` });
    expect(refused.status).toBe(401);
    expect(problemCode(refused.json())).toBe('session-required');
    const keyring = parseKeyring(p.cloud.secretValue('linkSigningKey'));
    const expired = signSessionToken(
      {
        mobileHashes: [storedMobileHash(p.cloud, `+91${mobile}`)],
        expiresAt: Math.floor(Date.now() / 1000) - 1,
      },
      keyring,
    );
    expect((await p.get('/v1/my/complaints', { authorization: `Bearer ${expired}` })).status).toBe(401);
  });

  it('counts the month’s complaints under the older key and the legacy hash toward the monthly cap', async () => {
    const mobile = uniqueMobile();
    const limiter = new DynamoIntakeLimiter(dynamoClient(p.cloud.dynamodbEndpoint), p.cloud.tableNames.main!);
    const month = istMonth(new Date());
    // Five filed under the old key and four under the legacy hash, before the rotation: one left of ten.
    for (let i = 0; i < 5; i++)
      expect(await limiter.take(keyedMobileHash(`+91${mobile}`, '1', OLD_KEY), month, 10)).toBe(true);
    for (let i = 0; i < 4; i++)
      expect(await limiter.take(legacyMobileHash(`+91${mobile}`), month, 10)).toBe(true);
    const body = () => complaintBody({ complainant: { ...complaintBody().complainant, mobile } });
    expect((await p.post('/v1/complaints', body())).status).toBe(201);
    const refused = await p.post('/v1/complaints', body());
    expect(refused.status).toBe(429);
    expect(problemCode(refused.json())).toBe('too-many-complaints');
  });

  // Last: it spends the address's allowance, which every request of this file shares (127.0.0.1).
  it('limits the codes one client address asks for, whatever the numbers', async () => {
    let refusal: Awaited<ReturnType<typeof requestOtp>> | undefined;
    let sent = 0;
    for (let i = 0; i < PER_ADDRESS_HOUR && !refusal; i++) {
      const response = await requestOtp(uniqueMobile());
      if (response.status === 202) sent++;
      else refusal = response;
    }
    expect(refusal?.status).toBe(429);
    expect(problemCode(refusal!.json())).toBe('too-many-otp-requests');
    expect(sent).toBeGreaterThan(0);
    const fresh = uniqueMobile();
    expect((await requestOtp(fresh)).status).toBe(429);
    expect(otpSmsCount(fresh)).toBe(0);
  });
});
