import { type DynamoDBClient, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../infra/local/cloud.ts';
import { seedLocalData } from '../../infra/local/seed.ts';
import { platform } from '../../infra/platform.ts';
import { isVerhoeffValid, verhoeffCheckDigit } from '../../shared/domain/reference/verhoeff.ts';
import { storedMobileHash } from '../fixtures/product-cloud.ts';
import {
  dynamoClient,
  itemsUnder,
  type RawHttpResponse,
  rawRequest,
  sharedDynamoDb,
  waitFor,
} from '../fixtures/support.ts';

/**
 * An existing Open311 GeoReport v2 client against the real platform in the local cloud: it
 * discovers the endpoint, lists services, reads a definition, posts form-urlencoded requests with
 * its api_key and reads requests back, in XML and in JSON.
 */

const LISTS = ['service', 'request', 'error', 'endpoint', 'format', 'attribute', 'value'];
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => LISTS.includes(name) });

interface Request311 {
  service_request_id: string;
  status: string;
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string;
}
interface Error311 {
  code: number | string;
  description: string;
}

let cloud: LocalCloud;
let dynamodb: DynamoDBClient;
let apiKey: string;
let base: string;

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
  apiKey = cloud.secretValue('open311ApiKey');
  base = `${cloud.apiUrl}/open311/v2`;
});

afterAll(async () => {
  dynamodb?.destroy();
  await cloud?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  rawRequest(`${base}/${path}`, { headers });

function postForm(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return rawRequest(`${base}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

const uniqueMobile = () => `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

/** What a FixMyStreet-like client sends for a theft in Chandauli. */
function theftForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    api_key: apiKey,
    jurisdiction_id: 'up.gov.in',
    service_code: 'theft',
    lat: '25.2677',
    long: '83.2679',
    address_string: 'Near ration shop, Sakaldiha bazaar',
    first_name: 'Ramesh',
    last_name: 'Yadav',
    phone: uniqueMobile(),
    email: 'ramesh.yadav@example.in',
    description: 'My motorcycle was stolen from outside the ration shop on Monday night around ten.',
    device_id: 'tt222111',
    'attribute[district]': 'chandauli',
    'attribute[station]': 'chandauli-sakaldiha',
    'attribute[pincode]': '232109',
    ...overrides,
  };
}

function parseXml<T>(response: RawHttpResponse): T {
  expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(response.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return xml.parse(response.text) as T;
}

function xmlErrors(response: RawHttpResponse): Error311[] {
  return parseXml<{ errors: { error: Error311[] } }>(response).errors.error;
}

function jsonBody<T>(response: RawHttpResponse): T {
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  return response.json<T>();
}

async function fileTheft(overrides: Record<string, string> = {}): Promise<string> {
  const response = await postForm('requests.json', theftForm(overrides));
  expect(response.status, response.text).toBe(200);
  const [created] = jsonBody<{ service_request_id: string }[]>(response);
  return created!.service_request_id;
}

async function storedFor(mobile: string): Promise<number> {
  const { Items = [] } = await dynamodb.send(
    new QueryCommand({
      TableName: cloud.tableNames.main,
      IndexName: 'complainant',
      KeyConditionExpression: 'complainantPk = :pk',
      ExpressionAttributeValues: {
        ':pk': { S: `MOBILE#${storedMobileHash(cloud, `+91${mobile.slice(-10)}`)}` },
      },
    }),
  );
  return Items.length;
}

async function setStatus(referenceNo: string, status: string) {
  await dynamodb.send(
    new UpdateItemCommand({
      TableName: cloud.tableNames.main,
      Key: { pk: { S: `REF#${referenceNo}` }, sk: { S: 'REF' } },
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': { S: status } },
    }),
  );
}

describe('discovery and services', () => {
  it('serves the discovery document in XML and JSON, naming this GeoReport v2 endpoint', async () => {
    const asXml = parseXml<{
      discovery: {
        changeset: string;
        contact: string;
        key_service: string;
        endpoints: {
          endpoint: { specification: string; url: string; type: string; formats: { format: string[] } }[];
        };
      };
    }>(await get('discovery.xml')).discovery;
    expect(asXml.changeset).not.toBe('');
    expect(asXml.contact).not.toBe('');
    expect(asXml.key_service).toContain('api_key');
    const [endpoint] = asXml.endpoints.endpoint;
    expect(endpoint).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: base,
      type: 'test',
      formats: { format: ['text/xml', 'application/json'] },
    });

    const asJson = jsonBody<{ endpoints: { url: string; formats: string[] }[] }>(await get('discovery.json'));
    expect(asJson.endpoints[0]).toMatchObject({ url: base, formats: ['text/xml', 'application/json'] });
  });

  it('lists the complaint categories as realtime services with metadata, in English or Hindi', async () => {
    const response = await get('services.xml');
    expect(response.status).toBe(200);
    const services = parseXml<{
      services: { service: { service_code: string; service_name: string; metadata: string; type: string }[] };
    }>(response).services.service;
    const theft = services.find((s) => s.service_code === 'theft');
    expect(theft).toMatchObject({ service_name: 'Theft', metadata: 'true', type: 'realtime' });

    const json = jsonBody<
      { service_code: string; service_name: string; description: string; group: string }[]
    >(await get('services.json', { 'accept-language': 'hi' }));
    expect(json).toHaveLength(services.length);
    const hindi = json.find((s) => s.service_code === 'theft')!;
    expect(hindi.service_name).toBe('चोरी');
    expect(hindi.description).toContain('Theft');
    expect(json.find((s) => s.service_code === 'cyber-fraud')?.group).toBe('cyber-cell');
  });

  it('defines each service: an optional district list with bilingual names and optional station, PIN and date', async () => {
    const definition = parseXml<{
      service_definition: {
        service_code: string;
        attributes: {
          attribute: {
            code: string;
            datatype: string;
            required: string;
            order: string;
            values?: { value: { key: string; name: string }[] };
          }[];
        };
      };
    }>(await get('services/theft.xml')).service_definition;
    expect(definition.service_code).toBe('theft');
    const [district, ...rest] = definition.attributes.attribute;
    expect(district).toMatchObject({
      code: 'district',
      datatype: 'singlevaluelist',
      required: 'false',
      order: '1',
    });
    expect(district!.values!.value).toHaveLength(75);
    expect(district!.values!.value).toContainEqual({ key: 'chandauli', name: 'Chandauli / चन्दौली' });
    expect(rest.map((a) => [a.code, a.datatype, a.required])).toEqual([
      ['station', 'string', 'false'],
      ['pincode', 'string', 'false'],
      ['incident_date', 'datetime', 'false'],
      ['complainant_address', 'text', 'false'],
    ]);

    const json = jsonBody<{ service_code: string; attributes: { code: string; values?: unknown[] }[] }>(
      await get('services/theft.json'),
    );
    expect(json.service_code).toBe('theft');
    expect(json.attributes[0]!.values).toHaveLength(75);
  });

  it('answers an unknown service or format with a 404 in the Open311 error format', async () => {
    const unknown = await get('services/parking.json');
    expect(unknown.status).toBe(404);
    expect(jsonBody<Error311[]>(unknown)).toEqual([
      { code: 404, description: "service_code 'parking' was not found; see services.xml" },
    ]);
    const html = await get('services.html');
    expect(html.status).toBe(404);
    expect(xmlErrors(html)[0]!.code).toBe('404');
    const bare = await get('services');
    expect(bare.status).toBe(404);
  });

  it('checks jurisdiction_id: ours is accepted, another is not found', async () => {
    expect((await get('services.json?jurisdiction_id=up.gov.in')).status).toBe(200);
    const other = await get('services.xml?jurisdiction_id=sfgov.org');
    expect(other.status).toBe(404);
    expect(xmlErrors(other)[0]!.description).toContain('sfgov.org');
  });
});

describe('POST requests', () => {
  it('files a form-urlencoded request and answers 200 with the reference number as service_request_id (XML)', async () => {
    const form = theftForm();
    const response = await postForm('requests.xml', form);
    expect(response.status, response.text).toBe(200);
    const [created] = parseXml<{
      service_requests: { request: { service_request_id: string; service_notice: string; token?: string }[] };
    }>(response).service_requests.request;
    expect(created!.service_request_id).toMatch(/^[1-9]\d{10}$/);
    expect(isVerhoeffValid(created!.service_request_id)).toBe(true);
    expect(created!.service_notice).toContain('last four digits');
    expect(created).not.toHaveProperty('token');
    expect(response.text).not.toMatch(/secret/i);

    const [item] = await itemsUnder(dynamodb, cloud.tableNames.main!, `REF#${created!.service_request_id}`);
    expect(item).toMatchObject({ channel: 'open311', categoryCode: 'theft', districtCode: 'chandauli' });
    expect(await storedFor(form.phone!)).toBe(1);
  });

  it('files a JSON request too, with attributes as an object, and answers in JSON', async () => {
    const { 'attribute[district]': _district, 'attribute[station]': _station, ...rest } = theftForm();
    const response = await rawRequest(`${base}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...rest,
        lat: 25.2677,
        long: 83.2679,
        attribute: { district: 'chandauli', station: 'sakaldiha' },
      }),
    });
    expect(response.status, response.text).toBe(200);
    const [created] = jsonBody<{ service_request_id: string; service_notice: string }[]>(response);
    expect(isVerhoeffValid(created!.service_request_id)).toBe(true);
  });

  it('refuses a wrong or missing api_key with 403 and stores nothing', async () => {
    const wrong = theftForm({ api_key: 'not-the-key' });
    const response = await postForm('requests.xml', wrong);
    expect(response.status).toBe(403);
    expect(xmlErrors(response)).toEqual([
      {
        code: '403',
        description: 'Invalid or missing api_key: POST requests need the api_key issued to your application',
      },
    ]);
    const { api_key: _key, ...missing } = theftForm();
    const json = await postForm('requests.json', missing);
    expect(json.status).toBe(403);
    expect(jsonBody<Error311[]>(json)[0]!.code).toBe(403);
    expect(await storedFor(wrong.phone!)).toBe(0);
    expect(await storedFor(missing.phone!)).toBe(0);
  });

  it('lists every missing or invalid argument in a 400, under the names the client sent', async () => {
    const form = theftForm({ description: 'too short', email: 'not-an-email', phone: '12345' });
    delete form['attribute[district]'];
    delete form.lat;
    delete form.long;
    delete form.address_string;
    const response = await postForm('requests.json', form);
    expect(response.status).toBe(400);
    const errors = jsonBody<Error311[]>(response);
    expect(errors.every((e) => e.code === 400)).toBe(true);
    const text = errors.map((e) => e.description).join('\n');
    for (const name of ['lat / long, address_string or address_id', 'phone', 'email', 'description']) {
      expect(text).toContain(`${name}:`);
    }
    expect(await storedFor(form.phone!)).toBe(0);

    const hindi = await postForm('requests.xml', form, { 'accept-language': 'hi' });
    expect(
      xmlErrors(hindi)
        .map((e) => e.description)
        .join('\n'),
    ).toContain('phone: भारतीय मोबाइल नंबर');
  });

  it('reports an unknown district or a station outside it as a 400, and an unknown service_code as a 404', async () => {
    const district = await postForm('requests.json', theftForm({ 'attribute[district]': 'atlantis' }));
    expect(district.status).toBe(400);
    expect(jsonBody<Error311[]>(district)[0]!.description).toMatch(/^attribute\[district\]: No district/);
    const station = await postForm('requests.json', theftForm({ 'attribute[station]': 'varanasi-cantt' }));
    expect(station.status).toBe(400);
    expect(jsonBody<Error311[]>(station)[0]!.description).toMatch(/^attribute\[station\]:/);
    const service = await postForm('requests.xml', theftForm({ service_code: 'parking' }));
    expect(service.status).toBe(404);
    expect(xmlErrors(service)[0]!.description).toContain("service_code 'parking' was not found");
  });

  it('keeps markup as text: a script in the description is stored as typed and never returned as markup', async () => {
    const script = '<script>alert("x")</script> & my phone was snatched near the </request> stall';
    const id = await fileTheft({ description: script });
    const [item] = await itemsUnder(dynamodb, cloud.tableNames.main!, `REF#${id}`);
    expect(item?.description).toBe(script);
    const response = await get(`requests/${id}.xml`);
    expect(response.text).not.toContain('<script');
    expect(
      parseXml<{ service_requests: { request: unknown[] } }>(response).service_requests.request,
    ).toHaveLength(1);

    // Where input is echoed, in an error, it comes back escaped.
    const echoed = await get(`services/${encodeURIComponent('<script>alert(1)</script>')}.xml`);
    expect(echoed.status).toBe(404);
    expect(echoed.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(echoed.text).not.toContain('<script>');
    expect(xmlErrors(echoed)[0]!.description).toContain('<script>alert(1)</script>');
  });
});

describe('GET requests', () => {
  it('reads one request in XML and JSON without any of the complainant’s personal data', async () => {
    const form = theftForm();
    const id = await fileTheft(form);
    // The router assigns it to the station named in the form within moments; read it after that.
    await waitFor('routing', async () =>
      jsonBody<Request311[]>(await get(`requests/${id}.json`))[0]?.agency_responsible?.includes('Sakaldiha')
        ? true
        : undefined,
    );
    const [asXml] = parseXml<{ service_requests: { request: Request311[] } }>(await get(`requests/${id}.xml`))
      .service_requests.request;
    const [asJson] = jsonBody<Request311[]>(await get(`requests/${id}.json`));
    for (const request of [asXml!, asJson!]) {
      expect(request).toMatchObject({
        service_request_id: id,
        status: 'open',
        service_code: 'theft',
        service_name: 'Theft',
        agency_responsible: 'Police station Sakaldiha, Chandauli',
        address: 'Chandauli, Uttar Pradesh',
      });
      expect(request.status_notes).toMatch(/^assigned: /);
      expect(request.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/);
      expect(request.expected_datetime).toMatch(/T23:59:59\+05:30$/);
      expect(request).not.toHaveProperty('lat');
      expect(request).not.toHaveProperty('zipcode');
    }
    expect(asXml!.description).toBe('');
    expect(asJson!.description).toBeNull();
    const published = (await get(`requests/${id}.xml`)).text + (await get(`requests/${id}.json`)).text;
    for (const personal of [
      form.first_name!,
      form.last_name!,
      form.phone!.slice(-6),
      form.email!,
      'ration shop',
      '232109',
      '25.2677',
    ]) {
      expect(published).not.toContain(personal);
    }
  });

  it('answers an unknown number with 404 and a mistyped one (check digit) with 400', async () => {
    const body = '4001572301';
    const valid = `${body}${verhoeffCheckDigit(body)}`;
    const wrong = `${body}${(Number(verhoeffCheckDigit(body)) + 1) % 10}`;
    const unknown = await get(`requests/${valid}.json`);
    expect(unknown.status).toBe(404);
    expect(jsonBody<Error311[]>(unknown)[0]!.code).toBe(404);
    const mistyped = await get(`requests/${wrong}.xml`);
    expect(mistyped.status).toBe(400);
    expect(xmlErrors(mistyped)[0]!.description).toContain('check digit');
    expect((await get('requests/not-a-number.json')).status).toBe(404);
  });

  it('filters by ids, service_code, status and date window, and keeps resolved apart from closed', async () => {
    const [open, resolved, closed] = [await fileTheft(), await fileTheft(), await fileTheft()];
    await setStatus(resolved, 'resolved');
    await setStatus(closed, 'closed');

    const byIds = jsonBody<Request311[]>(
      await get(`requests.json?service_request_id=${closed},${open},${resolved}`),
    );
    expect(byIds.map((r) => [r.service_request_id, r.status])).toEqual([
      [closed, 'closed'],
      [open, 'open'],
      [resolved, 'closed'],
    ]);
    expect(byIds[0]!.status_notes).toMatch(/^closed without redress: /);
    expect(byIds[2]!.status_notes).toMatch(/^resolved: /);

    const start = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
    const closedOnes = parseXml<{ service_requests: { request?: Request311[] } }>(
      await get(
        `requests.xml?service_code=theft,cyber-fraud&status=closed&start_date=${start}&api_key=${apiKey}`,
      ),
    ).service_requests.request!;
    const closedIds = closedOnes.map((r) => r.service_request_id);
    expect(closedIds).toEqual(expect.arrayContaining([resolved, closed]));
    expect(closedIds).not.toContain(open);
    expect(closedOnes.every((r) => r.status === 'closed')).toBe(true);

    const openOnes = jsonBody<Request311[]>(await get(`requests.json?status=open&api_key=${apiKey}`));
    expect(openOnes.map((r) => r.service_request_id)).toContain(open);
    expect(openOnes.every((r) => r.status === 'open')).toBe(true);

    const none = parseXml<{ service_requests: unknown }>(
      await get(`requests.xml?service_code=missing-person&api_key=${apiKey}`),
    );
    expect(none.service_requests).toBe('');
  });

  it('lists the last 90 days newest first by default and pages with page and page_size', async () => {
    const older = await fileTheft();
    const newer = await fileTheft();
    const all = jsonBody<Request311[]>(await get(`requests.json?api_key=${apiKey}`));
    expect(all.findIndex((r) => r.service_request_id === newer)).toBeLessThan(
      all.findIndex((r) => r.service_request_id === older),
    );
    const times = all.map((r) => r.requested_datetime);
    expect([...times].sort().reverse()).toEqual(times);

    const first = jsonBody<Request311[]>(await get(`requests.json?page_size=2&api_key=${apiKey}`));
    const second = jsonBody<Request311[]>(await get(`requests.json?page_size=2&page=2&api_key=${apiKey}`));
    expect(first.map((r) => r.service_request_id)).toEqual(all.slice(0, 2).map((r) => r.service_request_id));
    expect(second.map((r) => r.service_request_id)).toEqual(all.slice(2, 4).map((r) => r.service_request_id));

    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(
      jsonBody<unknown[]>(
        await get(`requests.json?start_date=${encodeURIComponent(future)}&api_key=${apiKey}`),
      ),
    ).toEqual([]);
  });

  it('refuses a window over 90 days and malformed filters with a 400 listing each', async () => {
    const response = await get(
      'requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z&status=pending&page_size=5000',
    );
    expect(response.status).toBe(400);
    const text = jsonBody<Error311[]>(response)
      .map((e) => e.description)
      .join('\n');
    expect(text).toContain('may not span more than 90 days');
    expect(text).toContain("status: 'pending'");
    expect(text).toContain('page_size:');
    const badDate = await get('requests.xml?start_date=yesterday');
    expect(badDate.status).toBe(400);
    expect(xmlErrors(badDate)[0]!.description).toMatch(/^start_date: /);
  });
});
