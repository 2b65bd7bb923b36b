import { QueryCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../../infra/platform.ts';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { signLinkToken } from '../../shared/domain/links/token.ts';
import { POLICY_V2 } from '../../shared/domain/ranking/default-policy.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import {
  complaintBody,
  type ProductCloud,
  startProductCloud,
  storedMobileHash,
} from '../fixtures/product-cloud.ts';
import { dynamoClient, rawRequest, waitFor } from '../fixtures/support.ts';

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

/** A district-cell link for Chandauli, signed with the cloud's key. */
function cellLink(): string {
  const keyring = parseKeyring(p.cloud.secretValue('linkSigningKey'));
  const token = signLinkToken(
    { purpose: 'district-cell', districtCode: 'chandauli', expiresAt: Math.floor(Date.now() / 1000) + 3600 },
    keyring,
    new Date(),
  );
  return `${p.cloud.apiUrl}/o/${token}`;
}

const long = (length: number, char = 'a') => char.repeat(length);

const openForm = (fields: Record<string, string>) => ({
  api_key: p.cloud.secretValue('open311ApiKey'),
  jurisdiction_id: 'up.gov.in',
  service_code: 'theft',
  lat: '25.2677',
  long: '83.2679',
  address_string: 'Near ration shop, Sakaldiha bazaar',
  first_name: 'Ramesh',
  last_name: 'Yadav',
  phone: `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`,
  description: 'My motorcycle was stolen from outside the ration shop on Monday night around ten.',
  'attribute[district]': 'chandauli',
  'attribute[station]': 'chandauli-sakaldiha',
  ...fields,
});

const postOpen311 = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  rawRequest(`${p.cloud.apiUrl}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(openForm(fields)).toString(),
  });

describe('every code, id and key has a length cap: a 400 or 404, never a 500', () => {
  const cases: [string, () => Promise<{ status: number; headers: Record<string, unknown>; text: string }>][] =
    [
      ['a 1,025-character district code in the path', () => p.get(`/v1/districts/${long(1025)}/stations`)],
      ['a 1,025-character Open311 service file', () => p.get(`/open311/v2/services/${long(1025)}.json`)],
      ['a 2,000-character Open311 service_code in the body', () => postOpen311({ service_code: long(2000) })],
      [
        'a 2,000-character Open311 service_code in the query',
        () => p.get(`/open311/v2/requests.json?service_code=${long(2000)}`),
      ],
      [
        'a 2,000-character jurisdiction_id',
        () => p.get(`/open311/v2/services.json?jurisdiction_id=${long(2000)}`),
      ],
      ['a 1,025-digit reference number', () => p.get(`/v1/complaints/${long(1025, '1')}`)],
      ['a 2,000-character link token', () => p.get(`/o/${long(2000)}`)],
      ['a 2,000-character attachment file', () => p.get(`/o/${long(40)}/attachments/${long(2000)}`)],
      ['a 2,000-character ranking month', () => p.get(`/v1/rankings/${long(2000)}`)],
      [
        'a 2,000-character tracking secret',
        () => p.get('/v1/complaints/40015723013', { 'x-tracking-secret': long(2000) }),
      ],
      [
        'a 2,000-character Idempotency-Key',
        () => p.post('/v1/complaints', complaintBody(), { 'idempotency-key': long(2000) }),
      ],
      ['a 2,000-character api_key', () => postOpen311({ api_key: long(2000) })],
      [
        'a 2,000-character category and district code in the JSON body',
        () =>
          p.post(
            '/v1/complaints',
            complaintBody({ categoryCode: long(2000), location: { districtCode: long(2000) } }),
          ),
      ],
    ];

  it.each(cases)('%s', async (_, send) => {
    const response = await send();
    expect([400, 401, 403, 404, 422], `${response.status} ${response.text.slice(0, 200)}`).toContain(
      response.status,
    );
  });

  it('names the part that is too long in a problem+json 400', async () => {
    const response = await p.get(`/v1/districts/${long(1025)}/stations`, { 'accept-language': 'en' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json<{ type: string; detail: string }>()).toMatchObject({
      type: 'https://nivaran.dev/problems/input-too-long',
      detail: expect.stringContaining("'code'"),
    });
  });

  it('answers an over-long link token with a readable bilingual page, not problem+json', async () => {
    const response = await rawRequest(`${p.cloud.apiUrl}/o/${long(2000, 'x')}`);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('A part of the request is too long');
    expect(response.text).toContain('अनुरोध का एक भाग बहुत लंबा है');
  });

  it('answers an over-long station code in a district cell form without a 500', async () => {
    const url = cellLink();
    const page = await rawRequest(url);
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const response = await rawRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        formToken,
        action: 'assign',
        referenceNo: '40015723013',
        stationCode: long(2000),
      }).toString(),
    });
    expect(response.status).toBeLessThan(500);
  });
});

describe('text a person will read shows what it says', () => {
  const complainant = (fields: Record<string, string>) => ({
    complainant: { ...complaintBody().complainant, ...fields },
  });
  type Problem = { status: number; errors: { pointer: string; code: string; detail: string }[] };

  it.each([
    [
      'a name of zero-width spaces only',
      { name: '\u200B\u200B\u200B\u200B' },
      '/complainant/name',
      'hidden-characters',
    ],
    [
      'a name with a right-to-left override',
      { name: 'Ram \u202Eramuk\u202C' },
      '/complainant/name',
      'hidden-characters',
    ],
    ['a name with a lone surrogate', { name: 'Ram\ud800sh Kumar' }, '/complainant/name', 'broken-characters'],
    [
      'a name of joiners only',
      { name: '\u200D\u200C\u200D\u200C' },
      '/complainant/name',
      'hidden-characters',
    ],
    [
      'a name with a byte-order mark',
      { name: '\uFEFFSunita Devi' },
      '/complainant/name',
      'hidden-characters',
    ],
    ['a name with a word joiner', { name: 'Sunita\u2060Devi' }, '/complainant/name', 'hidden-characters'],
    ['a name with an isolate', { name: 'Sunita \u2067Devi\u2069' }, '/complainant/name', 'hidden-characters'],
    [
      'an address with a control character',
      { address: 'Sakaldiha\u0007 Chandauli' },
      '/complainant/address',
      'control-characters',
    ],
    [
      'an address with an embedding',
      { address: '\u202BSakaldiha, Chandauli' },
      '/complainant/address',
      'hidden-characters',
    ],
  ])('refuses %s, naming the field', async (_, fields, pointer, code) => {
    const response = await p.post('/v1/complaints', complaintBody(complainant(fields)), {
      'accept-language': 'en',
    });
    expect(response.status, response.text).toBe(422);
    expect(response.json<Problem>().errors).toContainEqual(expect.objectContaining({ pointer, code }));
  });

  it('refuses hidden characters in the description and the locality', async () => {
    const response = await p.post(
      '/v1/complaints',
      complaintBody({
        description: 'My bicycle was stolen \u200Bfrom outside the ration shop on Monday evening.',
        location: { districtCode: 'chandauli', locality: 'Sakal\u2066diha' },
      }),
    );
    expect(response.status).toBe(422);
    const pointers = response.json<Problem>().errors.map((e) => `${e.pointer} ${e.code}`);
    expect(pointers).toEqual(
      expect.arrayContaining(['/description hidden-characters', '/location/locality hidden-characters']),
    );
  });

  it('refuses an Open311 name of zero-width spaces with a 400', async () => {
    const response = await postOpen311({ first_name: '\u200B\u200B\u200B', last_name: '\u200B\u200B' });
    expect(response.status, response.text).toBe(400);
    expect(response.text).toMatch(/invisible characters/);
  });

  it('keeps ZWJ and ZWNJ inside Hindi words, and stores names and addresses in NFC', async () => {
    const f = officerFlow(p);
    // क्‍ष (a half form with ZWJ), न्‌ह (ZWNJ), and an address typed in NFD.
    const name = 'क्\u200Dषमा न्\u200Cहा';
    const address = 'Mohalla Kasab, Sakaldiha, Chandauli, Cafe\u0301 road';
    const referenceNo = await f.file(complainant({ name, address }));
    const stored = await f.stored(referenceNo);
    expect(stored.complainant.name).toBe(name);
    expect(stored.complainant.address).toBe(address.normalize('NFC'));
    expect(stored.complainant.address).not.toBe(address);
  });

  it('answers an officer report with a direction override with its page, naming the field, and keeps nothing', async () => {
    const f = officerFlow(p);
    const referenceNo = await f.file({});
    const [stationLink] = await f.links(f.stationEmail('chandauli-sakaldiha'), referenceNo);
    const response = await f.submit(stationLink!, {
      ...f.goodReport,
      findings: 'Spoke to the complainant; \u202Enothing found\u202C near the canal after a long search.',
    });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toMatch(/invisible characters/);
    expect((await f.stored(referenceNo)).status).toBe('assigned');
  }, 30_000);
});

describe('free text on the signed-link pages and the admin API follows the same rule', () => {
  const f = () => officerFlow(p);
  const keyring = () => parseKeyring(p.cloud.secretValue('linkSigningKey'));
  const OVERRIDE = 'The officer \u202Enever came\u202C to our village.';

  /** Files, reports and approves at Sakaldiha: disposed, waiting for feedback. */
  async function disposed(): Promise<string> {
    const flow = f();
    const referenceNo = await flow.file({
      location: { districtCode: 'chandauli', stationCode: 'chandauli-sakaldiha' },
    });
    const [stationLink] = await flow.links(flow.stationEmail('chandauli-sakaldiha'), referenceNo);
    expect((await flow.submit(stationLink!, flow.goodReport)).status).toBe(303);
    const [review] = await flow.links(
      flow.supervisorEmail('chandauli-sakaldiha'),
      referenceNo,
      /review|समीक्षा/,
    );
    expect((await flow.submit(review!, { action: 'approve', grade: 'A', remark: '' })).status).toBe(303);
    return referenceNo;
  }

  /** The page came back readable and bilingual, naming the hidden characters, with a 422. */
  const refusedOnPage = (response: { status: number; headers: Record<string, unknown>; text: string }) => {
    expect(response.status, response.text.slice(0, 300)).toBe(422);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('invisible characters');
    expect(response.text).toContain('अदृश्य वर्ण');
  };

  it("refuses a complainant's feedback comment with a direction override on the link's page, storing nothing and leaving the link usable", async () => {
    const flow = f();
    const referenceNo = await disposed();
    const [feedbackLink] = await flow.links('sunita@example.in', referenceNo, /disposed|निस्तारण/);
    refusedOnPage(await flow.submit(feedbackLink!, { satisfied: 'no', comment: OVERRIDE }));
    const stored = await flow.stored(referenceNo);
    expect(stored.status).toBe('resolved');
    expect(stored.feedback).toBeUndefined();
    expect((await flow.submit(feedbackLink!, { satisfied: 'yes', comment: 'Thank you.' })).status).toBe(200);
  }, 60_000);

  it("refuses a feedback operator's remark of the complainant's words with a zero-width space, storing nothing", async () => {
    const flow = f();
    const referenceNo = await disposed();
    const token = signLinkToken(
      {
        purpose: 'feedback-desk',
        districtCode: 'chandauli',
        officerId: 'cmo-call-17',
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      },
      keyring(),
      new Date(),
    );
    const desk = `${p.cloud.apiUrl}/o/${token}`;
    const page = await rawRequest(`${desk}?ref=${referenceNo}`);
    expect(page.status).toBe(200);
    refusedOnPage(
      await flow.postForm(desk, {
        formToken: flow.formTokenIn(page.text),
        action: 'call',
        referenceNo,
        result: 'not-satisfied',
        comment: 'Says\u200B nobody\u200B visited.',
      }),
    );
    const stored = await flow.stored(referenceNo);
    expect(stored.status).toBe('resolved');
    expect(stored.feedback).toBeUndefined();
  }, 60_000);

  // This suite disposes three references a day in Chandauli, under the draw's five per district: all are drawn.
  it("refuses a supervisor's random-check remark with a byte-order mark, recording no result", async () => {
    const flow = f();
    const referenceNo = await disposed();
    const drawn = (await p.cloud.trigger('randomChecks', new Date(Date.now() + 86_400_000))) as {
      drawn: Record<string, string[]>;
    };
    expect(drawn.drawn.chandauli).toContain(referenceNo);
    const mail = await waitFor('random-check mail', async () =>
      (await p.mails()).find(
        (m) =>
          m.destination.to.includes(flow.supervisorEmail('chandauli-sakaldiha')) &&
          /random check/.test(m.subject),
      ),
    );
    const list = (mail.body.text?.match(/http:\/\/[^\s]+\/o\/[A-Za-z0-9._-]+/g) ?? [])[0]!;
    const page = await rawRequest(list);
    refusedOnPage(
      await flow.postForm(list, {
        formToken: flow.formTokenIn(page.text),
        action: 'check',
        referenceNo,
        result: 'not-confirmed',
        remark: '\uFEFFNot confirmed: the complainant was never visited.',
      }),
    );
    const stored = await flow.stored(referenceNo);
    expect(stored.randomCheck?.drawnAt).toBeTruthy();
    expect(stored.randomCheck?.result).toBeUndefined();
  }, 90_000);

  it("refuses the district cell's transfer reason with an isolate, leaving the reference where it was", async () => {
    const flow = f();
    const referenceNo = await flow.file({
      location: { districtCode: 'chandauli', stationCode: 'chandauli-sakaldiha' },
    });
    await waitFor('assigned', async () =>
      (await flow.stored(referenceNo)).status === 'assigned' ? true : undefined,
    );
    const url = cellLink();
    const page = await rawRequest(`${url}?ref=${referenceNo}`);
    refusedOnPage(
      await flow.postForm(url, {
        formToken: flow.formTokenIn(page.text),
        action: 'transfer',
        from: 'reference',
        referenceNo,
        stationCode: 'chandauli-chakia',
        reason: 'The place \u2066is in Chakia\u2069 by the land records.',
      }),
    );
    const stored = await flow.stored(referenceNo);
    expect(stored.stationCode).toBe('chandauli-sakaldiha');
    expect(stored.history.map((e) => e.action)).not.toContain('transferred');
  }, 60_000);

  it('refuses a scoring policy whose name hides text, naming the field in a problem+json 400, and publishes nothing', async () => {
    const policy = {
      ...POLICY_V2,
      version: 'hostile-v9',
      effectiveFrom: '2030-01',
      name: { ...POLICY_V2.name, en: 'IGRS \u202Ekram 041\u202C' },
    };
    const response = await rawRequest(`${p.cloud.apiUrl}/v1/rankings/policies`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${p.cloud.secretValue('adminToken')}`,
      },
      body: JSON.stringify(policy),
    });
    expect(response.status, response.text).toBe(400);
    expect(response.json<{ errors: { pointer: string; code: string }[] }>().errors).toContainEqual(
      expect.objectContaining({ pointer: '/name/en', code: 'hidden-characters' }),
    );
    const list = await rawRequest(`${p.cloud.apiUrl}/v1/rankings`, {
      headers: { authorization: `Bearer ${p.cloud.secretValue('adminToken')}` },
    });
    expect(list.json<{ policies: { version: string }[] }>().policies.map((x) => x.version)).not.toContain(
      'hostile-v9',
    );
  });
});

describe('Idempotency-Keys are scoped to the client that sent them', () => {
  const fileFrom = (localAddress: string, key: string, body: unknown) =>
    rawRequest(`${p.cloud.apiUrl}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
      localAddress,
    });
  const referenceOf = (response: { json: <T>() => T }) =>
    response.json<{ referenceNo: string }>().referenceNo;

  it("a stranger's request with your key files its own complaint and leaves your key yours", async () => {
    const key = `shared-${Date.now()}`;
    const mine = complaintBody();
    const theirs = complaintBody();
    const first = await fileFrom('127.0.0.1', key, mine);
    expect(first.status).toBe(201);
    const stranger = await fileFrom('127.0.0.2', key, theirs);
    expect(stranger.status, stranger.text).toBe(201);
    expect(stranger.headers['idempotent-replayed']).toBeUndefined();
    expect(referenceOf(stranger)).not.toBe(referenceOf(first));
    const retry = await fileFrom('127.0.0.1', key, mine);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(referenceOf(retry)).toBe(referenceOf(first));
    const strangerRetry = await fileFrom('127.0.0.2', key, theirs);
    expect(referenceOf(strangerRetry)).toBe(referenceOf(stranger));
  });

  it('an Open311 client and an anonymous JSON client with the same key are two clients', async () => {
    const key = `open311-${Date.now()}`;
    const open311 = await postOpen311({}, { 'idempotency-key': key });
    expect(open311.status, open311.text).toBe(200);
    const json = await fileFrom('127.0.0.1', key, complaintBody());
    expect(json.status, json.text).toBe(201);
    expect(referenceOf(json)).not.toBe(
      open311.json<{ service_request_id: string }[]>()[0]!.service_request_id,
    );
  });
});

describe('X-Correlation-Id is validated and never carries personal data into the logs', () => {
  let logged: ProductCloud;
  beforeAll(async () => {
    logged = await startProductCloud();
  }, 120_000);
  afterAll(async () => {
    await logged?.stop();
  });

  /** The correlation ids on the lines the request's function wrote after `from`. */
  const correlationIds = (from: number) =>
    logged.logs
      .slice(from)
      .flatMap((raw) => /^\[[^\]]+\] (\{.*\})$/.exec(raw)?.slice(1) ?? [])
      .map((line) => (JSON.parse(line) as { correlation_id?: string }).correlation_id)
      .filter((id): id is string => id !== undefined);

  it.each([
    ['an id over 128 characters', 'a'.repeat(300)],
    ['an id with quotes and spaces', 'x" injected="yes'],
    ['an id with a newline escape', 'abc\\nlevel=ERROR'],
    ['a mobile number', '9876543210'],
    ['an email address', 'ramesh.kumar@example.com'],
  ])('replaces %s with a fresh id', async (_, given) => {
    const from = logged.logs.length;
    const response = await rawRequest(`${logged.cloud.apiUrl}/v1/categories`, {
      headers: { 'x-correlation-id': given },
    });
    expect(response.status).toBe(200);
    const ids = await waitFor('the request lines', () => {
      const found = correlationIds(from);
      return found.length > 0 ? found : undefined;
    });
    for (const id of ids) {
      expect(id).not.toBe(given);
      // Not a masked copy of it either: the id travels on to the router and the notifier as it is.
      expect(id).not.toMatch(/3210|example|\*/);
    }
    expect(logged.logs.slice(from).join('\n')).not.toContain(given);
  });

  it('keeps a sound id', async () => {
    const from = logged.logs.length;
    await rawRequest(`${logged.cloud.apiUrl}/v1/categories`, {
      headers: { 'x-correlation-id': 'journey-42' },
    });
    const ids = await waitFor('the request lines', () => {
      const found = correlationIds(from);
      return found.length > 0 ? found : undefined;
    });
    expect(new Set(ids)).toEqual(new Set(['journey-42']));
  });
});
