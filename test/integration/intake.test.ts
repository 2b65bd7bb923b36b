import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVerhoeffValid, verhoeffCheckDigit } from '../../shared/domain/reference/verhoeff.ts';
import { istDate } from '../../shared/domain/time/ist.ts';
import {
  complaintBody,
  type ProductCloud,
  startProductCloud,
  storedMobileHash,
  uniqueMobile,
} from '../fixtures/product-cloud.ts';
import { dynamoClient, itemsUnder, waitFor } from '../fixtures/support.ts';

interface Created {
  referenceNo: string;
  status: string;
  deadlineAt: string;
  trackingSecret: string;
  createdAt: string;
}

interface Problem {
  type: string;
  title: string;
  status: number;
  errors?: { pointer: string; code: string; detail: string }[];
}

let p: ProductCloud;

beforeAll(async () => {
  p = await startProductCloud({ environment: { INTAKE_MONTHLY_LIMIT_PER_MOBILE: '3' } });
});

afterAll(async () => {
  await p?.stop();
});

/** The stored reference item once the router has routed it. */
async function routedItem(referenceNo: string): Promise<Record<string, string>> {
  const client = dynamoClient(p.cloud.dynamodbEndpoint);
  try {
    return await waitFor(`routing of ${referenceNo}`, async () => {
      const [item] = await itemsUnder(client, p.cloud.tableNames.main!, `REF#${referenceNo}`);
      return item && item.status !== 'registered' ? item : undefined;
    });
  } finally {
    client.destroy();
  }
}

/** How many references the complainant with this mobile has in the table. */
async function storedFor(mobile: string): Promise<number> {
  const client = dynamoClient(p.cloud.dynamodbEndpoint);
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: p.cloud.tableNames.main,
      IndexName: 'complainant',
      KeyConditionExpression: 'complainantPk = :pk',
      ExpressionAttributeValues: {
        ':pk': { S: `MOBILE#${storedMobileHash(p.cloud, `+91${mobile.slice(-10)}`)}` },
      },
    }),
  );
  client.destroy();
  return Items.length;
}

describe('filing a complaint', () => {
  it('answers 201 with a check-digited reference number, deadline and tracking secret once stored and queued', async () => {
    const before = await p.queueDepth('routing');
    const body = complaintBody();
    const response = await p.post('/v1/complaints', body);
    expect(response.status).toBe(201);
    const created = response.json<Created>();
    expect(created.referenceNo).toMatch(/^[1-9]\d{10}$/);
    expect(isVerhoeffValid(created.referenceNo)).toBe(true);
    expect(created.status).toBe('registered');
    expect(created.trackingSecret).toMatch(/^[0-9A-Z]{8}$/);
    expect(response.headers.location).toBe(`/v1/complaints/${created.referenceNo}`);
    // Theft allows 15 days, counted to the end of the IST day.
    const deadline = new Date(created.deadlineAt);
    expect(new Date(deadline.getTime() + 1).toISOString().slice(11, 19)).toBe('18:30:00');
    expect(istDate(deadline) > istDate(new Date(created.createdAt))).toBe(true);

    const client = dynamoClient(p.cloud.dynamodbEndpoint);
    const [item] = await itemsUnder(client, p.cloud.tableNames.main!, `REF#${created.referenceNo}`);
    client.destroy();
    expect(item?.status).toBe('registered');
    expect(item).not.toHaveProperty('trackingSecret');
    // The router runs alongside and may already have taken the message: at most the one queued.
    expect(await p.queueDepth('routing')).toBeLessThanOrEqual(before + 1);
    await routedItem(created.referenceNo);
  });

  it('returns the same reference for a retried request with the same Idempotency-Key', async () => {
    const body = complaintBody();
    const key = `retry-${Date.now()}`;
    const routingBefore = await p.queueDepth('routing');
    const first = await p.post('/v1/complaints', body, { 'idempotency-key': key });
    const second = await p.post('/v1/complaints', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json<Created>()).toEqual(first.json<Created>());
    expect(await storedFor(body.complainant.mobile)).toBe(1);
    // One message for the two requests; the router, running alongside, may already have taken it.
    expect(await p.queueDepth('routing')).toBeLessThanOrEqual(routingBefore + 1);

    const reused = await p.post(
      '/v1/complaints',
      { ...body, categoryCode: 'assault-violence' },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(422);
    expect(reused.json<Problem>().type).toMatch(/idempotency-key-reused$/);
  });

  it('links a closely matching complaint from the same mobile to the earlier one when routing it, instead of merging it', async () => {
    const body = complaintBody();
    const first = (await p.post('/v1/complaints', body)).json<Created>();
    const again = await p.post('/v1/complaints', {
      ...body,
      description: `${body.description} Please act soon.`,
    });
    expect(again.status).toBe(201);
    const second = again.json<Created>();
    expect(second.referenceNo).not.toBe(first.referenceNo);
    // The router compares and links (the 201 does not wait for it); the earlier one is not linked back.
    expect((await routedItem(second.referenceNo)).possibleDuplicateOf).toBe(first.referenceNo);
    expect((await routedItem(first.referenceNo)).possibleDuplicateOf).toBeUndefined();
    const unrelated = await p.post('/v1/complaints', {
      ...body,
      description: 'Loud music is played every night near the temple until 2 am, disturbing the whole lane.',
    });
    expect((await routedItem(unrelated.json<Created>().referenceNo)).possibleDuplicateOf).toBeUndefined();
    const timeline = await p.get(`/v1/complaints/${second.referenceNo}`, {
      'x-tracking-secret': second.trackingSecret,
    });
    expect(timeline.json<{ timeline: { action: string }[] }>().timeline.map((e) => e.action)).toContain(
      'flagged-possible-duplicate',
    );
  });

  it('refuses the complaint beyond the monthly cap per mobile with 429 and Retry-After, storing nothing', async () => {
    const mobile = uniqueMobile();
    const make = (i: number) =>
      complaintBody({
        complainant: { ...complaintBody().complainant, mobile },
        description: `Complaint number ${i}: ${['bicycle stolen at market', 'threat by neighbour over drain', 'loud music at night', 'land boundary dispute'][i]} in the village.`,
        categoryCode: ['theft', 'threat-intimidation', 'noise-public-nuisance', 'land-dispute'][i],
      });
    for (let i = 0; i < 3; i++) expect((await p.post('/v1/complaints', make(i))).status).toBe(201);
    const refused = await p.post('/v1/complaints', make(3), { 'accept-language': 'hi' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json<Problem>().title).toMatch(/[\u0900-\u097F]/);
    expect(await storedFor(mobile)).toBe(3);
  });

  it("acknowledges by SMS with DLT ids and by email in the complainant's language", async () => {
    const body = complaintBody({
      complainant: { ...complaintBody().complainant, language: 'hi', email: 'hindi.user@example.in' },
    });
    const created = (await p.post('/v1/complaints', body)).json<Created>();
    const sms = await waitFor('acknowledgement SMS', () =>
      p.cloud.sms.messages().find((m) => m.body.includes(created.referenceNo)),
    );
    expect(sms.destination).toBe(`+91${body.complainant.mobile}`);
    expect(sms.entityId).toBeTruthy();
    expect(sms.templateId).toBeTruthy();
    expect(sms.body).toMatch(/[\u0900-\u097F]/);
    const mail = await waitFor('acknowledgement email', async () =>
      (await p.mails()).find((m) => m.destination.to.includes('hindi.user@example.in')),
    );
    expect(mail.subject).toContain(created.referenceNo.slice(0, 4));
    expect(mail.body.text).toMatch(/[\u0900-\u097F]/);
    expect(mail.body.html).toContain('<html lang="hi">');
  });
});

describe('tracking a complaint', () => {
  let created: Created;
  let mobile: string;

  beforeAll(async () => {
    const body = complaintBody({
      description: '<script>alert("x")</script> My phone was snatched near the bus stand at 8 pm.',
    });
    mobile = body.complainant.mobile;
    created = (await p.post('/v1/complaints', body)).json<Created>();
  });

  it('shows status and timeline with the tracking secret, in either language', async () => {
    const response = await p.get(`/v1/complaints/${created.referenceNo}`, {
      'x-tracking-secret': created.trackingSecret,
    });
    expect(response.status).toBe(200);
    const view = response.json<{
      status: string;
      statusText: { hi: string };
      timeline: { action: string }[];
    }>();
    // The router may already have forwarded it to the station named in the complaint.
    expect(['registered', 'assigned']).toContain(view.status);
    expect(view.statusText.hi).toMatch(/[\u0900-\u097F]/);
    expect(view.timeline[0]?.action).toBe('registered');
  });

  it("shows it with the registered mobile's last four digits", async () => {
    const response = await p.get(`/v1/complaints/${created.referenceNo}?mobileLast4=${mobile.slice(-4)}`);
    expect(response.status).toBe(200);
  });

  it('never reveals personal data in the tracking view', async () => {
    const response = await p.get(`/v1/complaints/${created.referenceNo}`, {
      'x-tracking-secret': created.trackingSecret,
    });
    expect(response.text).not.toContain(mobile);
    expect(response.text).not.toContain('Sunita');
    expect(response.text).not.toContain('sunita@example.in');
    expect(response.text).not.toContain('Mohalla');
    expect(response.text).not.toContain('trackingSecretHash');
  });

  it('answers a wrong secret and an unknown number identically', async () => {
    const wrong = await p.get(`/v1/complaints/${created.referenceNo}`, { 'x-tracking-secret': 'AAAAAAAA' });
    // A well-formed number (valid check digit) that no complaint has.
    const unknownNo = `1000000000${verhoeffCheckDigit('1000000000')}`;
    const unknown = await p.get(`/v1/complaints/${unknownNo}`, {
      'x-tracking-secret': created.trackingSecret,
    });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    const strip = (r: typeof wrong) => {
      const { instance: _instance, ...rest } = r.json<Problem & { instance: string }>();
      return rest;
    };
    expect(strip(wrong)).toEqual(strip(unknown));
  });

  it('rejects a mistyped number by its check digit instead of looking it up', async () => {
    const digits = created.referenceNo.split('');
    digits[3] = String((Number(digits[3]) + 1) % 10);
    const response = await p.get(`/v1/complaints/${digits.join('')}`, {
      'x-tracking-secret': created.trackingSecret,
    });
    expect(response.status).toBe(400);
    expect(response.json<Problem>().type).toMatch(/invalid-reference-number$/);
  });

  it('asks for a credential when none is given', async () => {
    const response = await p.get(`/v1/complaints/${created.referenceNo}`);
    expect(response.status).toBe(401);
  });
});

describe('bad input', () => {
  const expectNothingStored = async (mobile: string) => expect(await storedFor(mobile)).toBe(0);

  it('names every missing or wrong-typed field, in Hindi when asked', async () => {
    const body = complaintBody();
    const mobile = body.complainant.mobile;
    const response = await p.post(
      '/v1/complaints',
      { ...body, categoryCode: 7, description: undefined, channel: 'fax', extra: true },
      { 'accept-language': 'hi-IN,hi;q=0.9,en;q=0.5' },
    );
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<Problem>();
    const byPointer = Object.fromEntries(problem.errors!.map((e) => [e.pointer, e]));
    expect(byPointer['/categoryCode']?.code).toBe('wrong-type');
    expect(byPointer['/description']?.code).toBe('required');
    expect(byPointer['/channel']?.code).toBe('not-allowed-value');
    expect(byPointer['/extra']?.code).toBe('unknown-field');
    expect(problem.title).toMatch(/[\u0900-\u097F]/);
    expect(byPointer['/description']?.detail).toMatch(/[\u0900-\u097F]/);
    await expectNothingStored(mobile);
  });

  it.each([
    [
      'unknown district',
      { location: { districtCode: 'atlantis' } },
      '/location/districtCode',
      'unknown-district',
    ],
    [
      'station outside the district',
      { location: { districtCode: 'chandauli', stationCode: 'lucknow-kotwali' } },
      '/location/stationCode',
      'station-not-in-district',
    ],
    ['unknown category', { categoryCode: 'weather' }, '/categoryCode', 'unknown-category'],
    // Empty codes never reach DynamoDB, which refuses an empty string as a key value.
    ['empty category', { categoryCode: ' ' }, '/categoryCode', 'unknown-category'],
    ['empty district', { location: { districtCode: '' } }, '/location/districtCode', 'unknown-district'],
    ['description too short', { description: 'Too short' }, '/description', 'too-short'],
    ['description too long', { description: 'x'.repeat(4001) }, '/description', 'too-long'],
    ['incident in the future', { incidentDate: '2999-01-01' }, '/incidentDate', 'future-date'],
    ['impossible date', { incidentDate: '2026-02-30' }, '/incidentDate', 'invalid-date'],
  ])('refuses %s', async (_name, override, pointer, code) => {
    const body = complaintBody(override);
    const response = await p.post('/v1/complaints', body);
    expect(response.status).toBe(422);
    expect(response.json<Problem>().errors).toContainEqual(expect.objectContaining({ pointer, code }));
    await expectNothingStored(body.complainant.mobile);
  });

  it.each(['12345', '5876543210', '+1 415 555 0100', 'ninety'])(
    'refuses the mobile number %s',
    async (mobile) => {
      const body = complaintBody();
      const response = await p.post('/v1/complaints', {
        ...body,
        complainant: { ...body.complainant, mobile },
      });
      expect(response.status).toBe(422);
      expect(response.json<Problem>().errors).toContainEqual(
        expect.objectContaining({ pointer: '/complainant/mobile', code: 'invalid-mobile' }),
      );
    },
  );

  it('refuses a body that is not JSON, or not declared as JSON', async () => {
    const notJson = await p.post('/v1/complaints', '{"complainant": ');
    expect(notJson.status).toBe(400);
    expect(notJson.json<Problem>().type).toMatch(/malformed-json$/);
    const wrongType = await p.post('/v1/complaints', JSON.stringify(complaintBody()), {
      'content-type': 'text/plain',
    });
    expect(wrongType.status).toBe(415);
  });

  it('refuses invalid UTF-8 rather than storing replacement characters', async () => {
    const body = complaintBody();
    const json = Buffer.from(JSON.stringify(body).replace('bicycle', 'bicycle__'));
    const index = json.indexOf('__');
    json[index] = 0xc3;
    json[index + 1] = 0x28;
    const response = await p.post('/v1/complaints', json);
    expect(response.status).toBe(400);
    expect(response.json<Problem>().type).toMatch(/invalid-utf8$/);
    await expectNothingStored(body.complainant.mobile);
  });

  it('refuses an oversized body with 413', async () => {
    const body = complaintBody({ description: 'a'.repeat(40_000) });
    const response = await p.post('/v1/complaints', body);
    expect(response.status).toBe(413);
    await expectNothingStored(body.complainant.mobile);
  });

  it('stores markup in text fields as typed, to be escaped wherever it is shown', async () => {
    const description = '<img src=x onerror=alert(1)> <b>bold</b> — चोरी की शिकायत, कृपया जांच करें।';
    const body = complaintBody({ description });
    const created = (await p.post('/v1/complaints', body)).json<Created>();
    const client = dynamoClient(p.cloud.dynamodbEndpoint);
    const [item] = await itemsUnder(client, p.cloud.tableNames.main!, `REF#${created.referenceNo}`);
    client.destroy();
    expect(item?.description).toBe(description);
  });
});

describe('master data', () => {
  it('lists the 75 districts of Uttar Pradesh with Hindi names', async () => {
    const response = await p.get('/v1/districts');
    const { districts } = response.json<{ districts: { code: string; name: { hi: string } }[] }>();
    expect(districts).toHaveLength(75);
    expect(districts.find((d) => d.code === 'chandauli')?.name.hi).toMatch(/[\u0900-\u097F]/);
  });

  it("lists a district's stations, and 404s an unknown district", async () => {
    const response = await p.get('/v1/districts/chandauli/stations');
    const { stations } = response.json<{ stations: { code: string; kind: string; demo: boolean }[] }>();
    expect(stations.filter((s) => s.kind === 'police-station' && !s.demo).length).toBeGreaterThanOrEqual(14);
    expect((await p.get('/v1/districts/atlantis/stations')).status).toBe(404);
  });

  it('lists categories with their deadlines', async () => {
    const { categories } = (await p.get('/v1/categories')).json<{ categories: { deadlineDays: number }[] }>();
    expect(categories.length).toBeGreaterThan(5);
    for (const category of categories) expect(category.deadlineDays).toBeGreaterThan(0);
  });
});
