import { type DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../infra/local/cloud.ts';
import { seedLocalData } from '../../infra/local/seed.ts';
import { platform } from '../../infra/platform.ts';
import { ADDRESS_NOT_GIVEN, NAME_NOT_GIVEN } from '../../shared/domain/open311/intake.ts';
import { contactKey } from '../../shared/domain/reference/contact.ts';
import { mobileHashes, parseMobileHashKeyring } from '../../shared/domain/reference/mobile-hash.ts';
import {
  FMS_LIST_ELEMENTS,
  type FmsClient,
  type FmsProblem,
  getServiceRequestsUrl,
  getServiceRequestUpdatesUrl,
  postServiceRequest,
  w3cdtf,
} from '../fixtures/fixmystreet.ts';
import {
  dynamoClient,
  type RawHttpResponse,
  rawRequest,
  sharedDynamoDb,
  waitFor,
} from '../fixtures/support.ts';

/**
 * FixMyStreet's Open311 client with its default settings (test/fixtures/fixmystreet.ts replays the
 * requests perllib/Open311.pm builds) against the real platform in the local cloud: it files a map
 * pin with an email and a one-word name, reads the request back and polls the updates. Positions
 * and PIN codes are real, from the post office data the district is derived from.
 */

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => FMS_LIST_ELEMENTS.includes(name) });

let cloud: LocalCloud;
let dynamodb: DynamoDBClient;
let fms: FmsClient;

beforeAll(async () => {
  cloud = await startLocalCloud({
    platform,
    dataDir: null,
    dynamodb: sharedDynamoDb(),
    seed: seedLocalData,
    ports: { api: 0, mail: 0, sms: 0, dynamodb: 0, sqs: 0 },
    onLog: () => undefined,
  });
  dynamodb = dynamoClient(cloud.dynamodbEndpoint);
  fms = {
    endpoint: `${cloud.apiUrl}/open311/v2/`,
    apiKey: cloud.secretValue('open311ApiKey'),
    jurisdiction: 'up.gov.in',
  };
  // Starting a seeded cloud takes about a minute when eight engineers' tests share two cores.
}, 180_000);

afterAll(async () => {
  dynamodb?.destroy();
  await cloud?.stop();
});

/** Sakaldiha, Chandauli (its post offices: PIN 232108 and around). */
const SAKALDIHA = { latitude: 25.4878, longitude: 83.2308 };
/** Mumbai: no post office of Uttar Pradesh within hundreds of km. */
const MUMBAI = { latitude: 19.07, longitude: 72.87 };

const uniqueMobile = () => `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

function problem(overrides: Partial<FmsProblem> = {}): FmsProblem {
  return {
    title: 'Motorcycle stolen',
    detail: 'My motorcycle was stolen from outside the school gate on Monday night.',
    name: 'Ramesh',
    email: `ramesh.${Math.random().toString(36).slice(2, 8)}@example.in`,
    ...SAKALDIHA,
    url: 'https://fixmystreet.example.in/report/101',
    // The definition's optional attributes, left empty by the user: sent empty.
    extra: [
      { name: 'district', value: '' },
      { name: 'station', value: '' },
      { name: 'pincode', value: '' },
    ],
    ...overrides,
  };
}

async function send(request: ReturnType<typeof postServiceRequest>): Promise<RawHttpResponse> {
  return rawRequest(request.url, { method: request.method, headers: request.headers, body: request.body });
}

/** What send_service_request reads: $obj->{request}->[0]->{service_request_id}. */
function serviceRequestId(response: RawHttpResponse): string {
  expect(response.status, response.text).toBe(200);
  const parsed = xml.parse(response.text) as {
    service_requests: { request: { service_request_id: string }[] };
  };
  return parsed.service_requests.request[0]!.service_request_id;
}

/** What _process_error reads from a refusal: each error's code and description. */
function errors(response: RawHttpResponse): { code: string; description: string }[] {
  return (xml.parse(response.text) as { errors: { error: { code: string; description: string }[] } }).errors
    .error;
}

async function storedReference(referenceNo: string): Promise<Record<string, unknown>> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName: cloud.tableNames.main,
      Key: { pk: { S: `REF#${referenceNo}` }, sk: { S: 'REF' } },
    }),
  );
  expect(Item, `reference ${referenceNo}`).toBeDefined();
  return unmarshall(Item!);
}

interface Update {
  update_id: string;
  service_request_id: string;
  status: string;
  updated_datetime: string;
  description: string;
  media_url?: string;
}

describe("FixMyStreet's client with default settings", () => {
  it('files a map pin with an email and a one-word name; the position decides the district', async () => {
    const id = serviceRequestId(await send(postServiceRequest(fms, problem(), 'theft')));
    expect(id).toMatch(/^\d{11}$/);
    const stored = await storedReference(id);
    expect(stored.districtCode).toBe('chandauli');
    expect(stored.channel).toBe('open311');
    expect(stored.complainant).toMatchObject({ name: 'Ramesh', address: ADDRESS_NOT_GIVEN });
    expect(stored.complainant).not.toHaveProperty('mobile');
    expect(stored.location).toMatchObject({ latitude: 25.4878, longitude: 83.2308 });
  });

  it('files when split_name finds no word (first_name and last_name both empty), and with a phone only', async () => {
    const noName = serviceRequestId(await send(postServiceRequest(fms, problem({ name: '...' }), 'theft')));
    expect((await storedReference(noName)).complainant).toMatchObject({ name: NAME_NOT_GIVEN });
    const phoneOnly = problem({ name: 'Sita Devi', phone: uniqueMobile() });
    delete phoneOnly.email;
    const id = serviceRequestId(await send(postServiceRequest(fms, phoneOnly, 'theft')));
    expect((await storedReference(id)).complainant).toMatchObject({ name: 'Sita Devi' });
  });

  it('refuses a pin outside Uttar Pradesh (Mumbai) with a 400 naming the reason, even with a district, and stores nothing', async () => {
    const email = 'mumbai.reporter@example.in';
    for (const extra of [[], [{ name: 'district', value: 'chandauli' }]]) {
      const response = await send(postServiceRequest(fms, problem({ ...MUMBAI, email, extra }), 'theft'));
      expect(response.status, response.text).toBe(400);
      const [error] = errors(response);
      expect(error!.code).toBe('400');
      expect(error!.description).toBe(
        'lat / long: the position 19.0700, 72.8700 is not in Uttar Pradesh: no post office of Uttar Pradesh lies within 15 km of it',
      );
    }
    const { Count } = await dynamodb.send(
      new QueryCommand({
        TableName: cloud.tableNames.main,
        IndexName: 'complainant',
        KeyConditionExpression: 'complainantPk = :pk',
        ExpressionAttributeValues: {
          ':pk': {
            S: `MOBILE#${mobileHashes(contactKey({ email }), parseMobileHashKeyring(cloud.secretValue('mobileHashKey'))).current}`,
          },
        },
      }),
    );
    expect(Count).toBe(0);
  });

  it('reads the request back: public by service_request_id, with description and position for the api_key', async () => {
    const filed = problem();
    const id = serviceRequestId(await send(postServiceRequest(fms, filed, 'theft')));

    // get_service_requests({ report_ids }): no api_key, so the public view.
    const response = await rawRequest(getServiceRequestsUrl(fms, { reportIds: [id] }));
    expect(response.status, response.text).toBe(200);
    const [request] = (
      xml.parse(response.text) as { service_requests: { request: Record<string, string>[] } }
    ).service_requests.request;
    expect(request).toMatchObject({ service_request_id: id, status: 'open', service_code: 'theft' });
    expect(request!.description).toBe('');
    expect(request).not.toHaveProperty('lat');

    for (const format of ['xml', 'json'] as const) {
      const partner = await rawRequest(`${fms.endpoint}requests/${id}.${format}?api_key=${fms.apiKey}`);
      expect(partner.status, partner.text).toBe(200);
      const [read] =
        format === 'json'
          ? partner.json<Record<string, unknown>[]>()
          : (xml.parse(partner.text) as { service_requests: { request: Record<string, unknown>[] } })
              .service_requests.request;
      expect(read).toMatchObject({ service_request_id: id, address: 'Chandauli, Uttar Pradesh' });
      expect(read!.description).toBe(`${filed.title}\n\n${filed.detail}\n\n${filed.url}`);
      expect(Number(read!.lat)).toBe(25.4878);
      expect(Number(read!.long)).toBe(83.2308);
      expect(JSON.stringify(read)).not.toContain(filed.email!);
    }
    const wrongKey = await rawRequest(`${fms.endpoint}requests/${id}.xml?api_key=not-the-key`);
    expect(wrongKey.status).toBe(403);
  });

  it('polls servicerequestupdates.xml for the last two hours and gets each status change', async () => {
    const id = serviceRequestId(await send(postServiceRequest(fms, problem(), 'theft')));
    // The router takes it from registered to the district cell's triage (no station's area has the pin).
    await waitFor('routing', async () =>
      (await storedReference(id)).status !== 'registered' ? true : undefined,
    );
    const end = new Date(Date.now() + 1000);
    const start = new Date(end.getTime() - 2 * 3_600_000);
    const response = await rawRequest(getServiceRequestUpdatesUrl(fms, w3cdtf(start), w3cdtf(end)));
    expect(response.status, response.text).toBe(200);
    const parsed = xml.parse(response.text) as { service_request_updates: { request_update?: Update[] } };
    const mine = parsed.service_request_updates.request_update!.filter((u) => u.service_request_id === id);
    const stored = await storedReference(id);
    expect(mine.map((u) => u.status)).toEqual([
      'open',
      stored.status === 'assigned' ? 'investigating' : 'open',
    ]);
    expect(mine[0]!.description).toBe('Complaint registered / शिकायत पंजीकृत');
    expect(new Set(mine.map((u) => u.update_id)).size).toBe(2);
    for (const update of mine) {
      // UpdatesBase::check_date: the time, in UTC, within the window asked for.
      const utc = w3cdtf(new Date(update.updated_datetime));
      expect(utc >= w3cdtf(start) && utc <= w3cdtf(end)).toBe(true);
      expect(update.updated_datetime).toMatch(/\+05:30$/);
      expect(update.media_url).toBe('');
    }

    // The same in JSON, and the same ids on the next poll.
    const json = await rawRequest(
      getServiceRequestUpdatesUrl(fms, w3cdtf(start), w3cdtf(end)).replace('.xml?', '.json?'),
    );
    expect(json.json<Update[]>().filter((u) => u.service_request_id === id)).toEqual(mine);

    // A window before the filing has none of it.
    const before = await rawRequest(
      getServiceRequestUpdatesUrl(fms, w3cdtf(new Date(start.getTime() - 3_600_000)), w3cdtf(start)),
    );
    expect(before.text).not.toContain(id);
  });

  it('refuses updates without the api_key, and a window over 7 days or with one end only', async () => {
    const end = new Date();
    const start = new Date(end.getTime() - 3_600_000);
    const noKey = await rawRequest(
      getServiceRequestUpdatesUrl({ ...fms, apiKey: '' }, w3cdtf(start), w3cdtf(end)),
    );
    expect(noKey.status).toBe(403);
    expect(errors(noKey)[0]!.description).toContain('api_key');
    const long = await rawRequest(
      getServiceRequestUpdatesUrl(fms, w3cdtf(new Date(end.getTime() - 8 * 86_400_000)), w3cdtf(end)),
    );
    expect(long.status).toBe(400);
    expect(errors(long)[0]!.description).toContain('may not span more than 7 days');
    const oneEnd = await rawRequest(
      `${fms.endpoint}servicerequestupdates.json?api_key=${fms.apiKey}&start_date=${w3cdtf(start)}`,
    );
    expect(oneEnd.status).toBe(400);
  });

  it('refuses a bulk listing of requests without the api_key; a lookup by id stays public', async () => {
    const end = new Date();
    const start = new Date(end.getTime() - 3_600_000);
    const window = { startDate: w3cdtf(start), endDate: w3cdtf(end) };
    const bulk = await rawRequest(getServiceRequestsUrl(fms, window));
    expect(bulk.status).toBe(403);
    expect(errors(bulk)[0]!.description).toContain('api_key');
    for (const format of ['xml', 'json']) {
      expect((await rawRequest(`${fms.endpoint}requests.${format}`)).status).toBe(403);
    }
    const withKey = await rawRequest(`${getServiceRequestsUrl(fms, window)}&api_key=${fms.apiKey}`);
    expect(withKey.status, withKey.text).toBe(200);
  });
});

describe('the district from a PIN code or a position alone', () => {
  const complaint = (location: Record<string, unknown>) => ({
    complainant: { name: 'Ramesh Kumar', mobile: uniqueMobile(), address: 'Ward 4, the town' },
    location,
    categoryCode: 'theft',
    description: 'My motorcycle was stolen from outside my house last night.',
    channel: 'portal',
  });
  const file = (location: Record<string, unknown>) =>
    rawRequest(`${cloud.apiUrl}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(complaint(location)),
    });

  it('files through the JSON API with a PIN code only (Lucknow, 226001) or a position only (Sakaldiha)', async () => {
    const byPin = await file({ pinCode: '226001' });
    expect(byPin.status, byPin.text).toBe(201);
    expect((await storedReference(byPin.json<{ referenceNo: string }>().referenceNo)).districtCode).toBe(
      'lucknow',
    );
    const byPosition = await file(SAKALDIHA);
    expect(byPosition.status, byPosition.text).toBe(201);
    expect((await storedReference(byPosition.json<{ referenceNo: string }>().referenceNo)).districtCode).toBe(
      'chandauli',
    );
  });

  it('files through Open311 with a PIN code and an address, no position (Varanasi, 221001)', async () => {
    const request = postServiceRequest(
      fms,
      problem({ extra: [{ name: 'pincode', value: '221001' }] }),
      'theft',
    );
    const body = new URLSearchParams(request.body);
    body.delete('lat');
    body.delete('long');
    body.set('address_string', 'Near Town Hall, Maidagin');
    const id = serviceRequestId(await send({ ...request, body: body.toString() }));
    expect((await storedReference(id)).districtCode).toBe('varanasi');
  });

  it('refuses what the data cannot place, naming why: a PIN in Mumbai, a PIN shared by two districts, a pin near a border', async () => {
    const mumbaiPin = await file({ pinCode: '400001' });
    expect(mumbaiPin.status).toBe(422);
    expect(JSON.stringify(mumbaiPin.json())).toContain('PIN code 400001 is not a PIN code of Uttar Pradesh');
    // 232104's post offices lie in Chandauli and Varanasi (Chandauli was carved out of Varanasi).
    const shared = await file({ pinCode: '232104' });
    expect(shared.status).toBe(422);
    expect(JSON.stringify(shared.json())).toContain('covers more than one district (chandauli / varanasi)');
    // Noida's edge: its nearest post offices are in Delhi and Gautam Buddh Nagar.
    const border = await file({ latitude: 28.5355, longitude: 77.391 });
    expect(border.status).toBe(422);
    expect(JSON.stringify(border.json())).toContain('cannot be placed in one district with confidence');
    // With the district named, the same pin is accepted for that district's police.
    const named = await file({ districtCode: 'gautam-buddh-nagar', latitude: 28.5355, longitude: 77.391 });
    expect(named.status, named.text).toBe(201);
    // Mumbai with a district is still refused.
    const mumbai = await file({ districtCode: 'chandauli', ...MUMBAI });
    expect(mumbai.status).toBe(422);
    expect(JSON.stringify(mumbai.json())).toContain('is not in Uttar Pradesh');
  });
});
