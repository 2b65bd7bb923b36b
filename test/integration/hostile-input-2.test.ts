import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { signLinkToken } from '../../shared/domain/links/token.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import {
  complaintBody,
  type ProductCloud,
  startProductCloud,
  storedMobileHash,
  uniqueMobile,
} from '../fixtures/product-cloud.ts';
import { dynamoClient, rawRequest } from '../fixtures/support.ts';

/**
 * Hostile input, second round: what a careless or hostile client sent to a running `npm start`
 * (2026-12-07) that was answered wrongly. Each test failed before its fix.
 */

let p: ProductCloud;

beforeAll(async () => {
  p = await startProductCloud({ environment: { LOG_LEVEL: 'WARN' } });
}, 120_000);

afterAll(async () => {
  await p?.stop();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** References filed for a mobile number (the complainant index), read consistently from the table. */
async function referencesOf(mobile: string): Promise<number> {
  const db = dynamoClient(p.cloud.dynamodbEndpoint);
  const page = await db.send(
    new QueryCommand({
      TableName: p.cloud.tableNames.main,
      IndexName: 'complainant',
      KeyConditionExpression: 'complainantPk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `MOBILE#${storedMobileHash(p.cloud, `+91${mobile}`)}` } },
    }),
  );
  db.destroy();
  return page.Count ?? 0;
}

/** An Open311 POST body, urlencoded by hand so that broken percent-encoding reaches the wire. */
const open311Body = (phone: string, extra: string) =>
  [
    `api_key=${encodeURIComponent(p.cloud.secretValue('open311ApiKey'))}`,
    'jurisdiction_id=up.gov.in',
    'service_code=theft',
    'first_name=Ramesh',
    'last_name=Yadav',
    `phone=${phone}`,
    'attribute[district]=chandauli',
    'attribute[station]=chandauli-sakaldiha',
    extra,
  ].join('&');

const DESCRIPTION = 'description=My+motorcycle+was+stolen+from+outside+the+ration+shop+on+Monday+night.';

describe('percent-encoding that is not UTF-8 is refused, never stored as replacement characters', () => {
  it.each([
    ['an overlong %C0%AF in the address', 'address_string=Sakaldiha+%C0%AF+bazaar'],
    ['a lone %E0%A4 in the address', 'address_string=Sakaldiha+%E0%A4+bazaar'],
  ])('an Open311 POST with %s: a 400 error list, and no reference', async (_, field) => {
    const phone = uniqueMobile();
    const response = await rawRequest(`${p.cloud.apiUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: FORM,
      body: open311Body(phone, `${DESCRIPTION}&${field}`),
    });
    expect(response.status, response.text).toBe(400);
    expect(response.json<{ code: number; description: string }[]>()[0]!.description).toMatch(/UTF-8/);
    expect(await referencesOf(phone)).toBe(0);
  });

  it('an Open311 POST whose description comes in the query with broken encoding: a 400, and no reference', async () => {
    const phone = uniqueMobile();
    const response = await rawRequest(
      `${p.cloud.apiUrl}/open311/v2/requests.json?description=Stolen+motorcycle+near+the+shop+%E0%A4+on+Monday+night`,
      { method: 'POST', headers: FORM, body: open311Body(phone, 'address_string=Sakaldiha+bazaar') },
    );
    expect(response.status, response.text).toBe(400);
    expect(await referencesOf(phone)).toBe(0);
  });

  it('an officer report with %C0%AF in its findings: a bilingual 400 page, and the reference unchanged', async () => {
    const f = officerFlow(p);
    const referenceNo = await f.file({});
    const [stationLink] = await f.links(f.stationEmail('chandauli-sakaldiha'), referenceNo);
    const page = await rawRequest(stationLink!);
    const fields = new URLSearchParams({
      formToken: f.formTokenIn(page.text),
      ...f.goodReport,
      findings: 'PLACEHOLDER',
    }).toString();
    const response = await rawRequest(stationLink!, {
      method: 'POST',
      headers: FORM,
      body: fields.replace(
        'PLACEHOLDER',
        'Spoke+to+the+complainant+%C0%AF+and+two+neighbours+near+the+canal+at+length.',
      ),
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('The request is not valid UTF-8; nothing was stored');
    expect(response.text).toContain('अनुरोध मान्य UTF-8 नहीं है');
    expect((await f.stored(referenceNo)).status).toBe('assigned');
  }, 30_000);
});

describe('a body that is not a form is told so, not that a field or the form token is wrong', () => {
  it('an officer page POST sent as multipart: a 415 page', async () => {
    const f = officerFlow(p);
    const referenceNo = await f.file({});
    const [stationLink] = await f.links(f.stationEmail('chandauli-sakaldiha'), referenceNo);
    const page = await rawRequest(stationLink!);
    const boundary = 'hostile2';
    const body = [
      `--${boundary}\r\nContent-Disposition: form-data; name="formToken"\r\n\r\n${f.formTokenIn(page.text)}`,
      `--${boundary}\r\nContent-Disposition: form-data; name="action"\r\n\r\nreport`,
      `--${boundary}--\r\n`,
    ].join('\r\n');
    const response = await rawRequest(stationLink!, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('application/x-www-form-urlencoded');
    expect((await f.stored(referenceNo)).status).toBe('assigned');
  }, 30_000);

  it('the my-complaints page POST sent as JSON: a 415 page, not "enter a mobile number"', async () => {
    const response = await rawRequest(`${p.cloud.apiUrl}/my/otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mobile: '9876543210' }),
    });
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });
});

describe('answers in the kind the client reads', () => {
  it("an attachments API client's unknown action gets problem+json, not an HTML page", async () => {
    const f = officerFlow(p);
    const referenceNo = await f.file({});
    const [stationLink] = await f.links(f.stationEmail('chandauli-sakaldiha'), referenceNo);
    const page = await rawRequest(stationLink!);
    const response = await rawRequest(`${stationLink}/attachments`, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ formToken: f.formTokenIn(page.text), action: 'upload' }).toString(),
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      type: 'https://nivaran.dev/problems/unknown-action',
      title: 'Unknown action',
      status: 400,
    });
  }, 30_000);

  it('an attachments API client sending JSON is told the type (415 problem+json), not that the form token is wrong', async () => {
    const f = officerFlow(p);
    const referenceNo = await f.file({});
    const [stationLink] = await f.links(f.stationEmail('chandauli-sakaldiha'), referenceNo);
    const response = await rawRequest(`${stationLink}/attachments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'upload-url' }),
    });
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  }, 30_000);
});

describe('Open311 dates a client may send', () => {
  it('a window in year 1 is an empty list at once, not a 503 after the function times out', async () => {
    const started = Date.now();
    const response = await p.get(
      `/open311/v2/requests.json?api_key=${p.cloud.secretValue('open311ApiKey')}&start_date=0001-01-01T00:00:00Z&end_date=0001-02-01T00:00:00Z`,
    );
    expect(response.status, response.text.slice(0, 200)).toBe(200);
    expect(response.json()).toEqual([]);
    expect(Date.now() - started).toBeLessThan(8_000);
  }, 30_000);

  it('a datetime on a day the calendar does not have (30 February) is a 400', async () => {
    const response = await p.get(
      `/open311/v2/requests.json?api_key=${p.cloud.secretValue('open311ApiKey')}&start_date=2026-02-30T00:00:00Z`,
    );
    expect(response.status, response.text).toBe(400);
    expect(response.text).toContain('start_date');
  });

  it('a POST to a document that is only read is a 405 naming GET, not a 404', async () => {
    for (const document of ['discovery.json', 'services.xml', 'servicerequestupdates.json']) {
      const response = await rawRequest(`${p.cloud.apiUrl}/open311/v2/${document}`, {
        method: 'POST',
        headers: FORM,
        body: 'api_key=x',
      });
      expect(response.status, document).toBe(405);
      expect(response.headers.allow).toBe('GET');
    }
  });
});

describe('refusals that say what is wrong', () => {
  it('a new status link asked for with the last four digits names the secret, not the digits it was given', async () => {
    const mobile = uniqueMobile();
    const filed = await p.post(
      '/v1/complaints',
      complaintBody({ complainant: { ...complaintBody().complainant, mobile } }),
    );
    const { referenceNo } = filed.json<{ referenceNo: string }>();
    const response = await rawRequest(`${p.cloud.apiUrl}/v1/complaints/${referenceNo}/status-link`, {
      method: 'POST',
      headers: { 'x-mobile-last4': mobile.slice(-4), 'accept-language': 'en' },
    });
    expect(response.status).toBe(401);
    const { title } = response.json<{ title: string }>();
    expect(title).toContain('X-Tracking-Secret');
    expect(title).not.toMatch(/or the last four digits/);
  });

  it('a station page opened with ?done=constructor shows no empty notice', async () => {
    const f = officerFlow(p);
    const referenceNo = await f.file({});
    const [stationLink] = await f.links(f.stationEmail('chandauli-sakaldiha'), referenceNo);
    for (const done of ['constructor', '__proto__', 'toString']) {
      const response = await rawRequest(`${stationLink}?done=${done}`);
      expect(response.status).toBe(200);
      expect(response.text, done).not.toContain('class="notice notice-success"');
    }
  }, 30_000);

  it('a district cell opening a mistyped reference is told it is mistyped, not that it is of another district', async () => {
    const keyring = parseKeyring(p.cloud.secretValue('linkSigningKey'));
    const token = signLinkToken(
      {
        purpose: 'district-cell',
        districtCode: 'chandauli',
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      },
      keyring,
      new Date(),
    );
    for (const [ref, told] of [
      ['abc', 'A reference number has 11 digits'],
      ['96481901741', 'This reference number is mistyped: its check digit does not match'],
    ]) {
      const response = await rawRequest(`${p.cloud.apiUrl}/o/${token}?ref=${ref}`, {
        headers: { 'accept-language': 'en' },
      });
      expect(response.status, ref).toBe(400);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain(told);
      expect(response.text).not.toContain('not in this link');
    }
  });

  it("a form posted to a station's inbox link is a 405 that names GET", async () => {
    const keyring = parseKeyring(p.cloud.secretValue('linkSigningKey'));
    const token = signLinkToken(
      {
        purpose: 'station-inbox',
        stationCode: 'chandauli-sakaldiha',
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      },
      keyring,
      new Date(),
    );
    const response = await rawRequest(`${p.cloud.apiUrl}/o/${token}`, {
      method: 'POST',
      headers: FORM,
      body: 'action=x',
    });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET');
  });
});

describe('numbers and dates written as no person writes them', () => {
  it('an incident date in year 0000 is a 422 naming the earliest date, and nothing is filed', async () => {
    const body = complaintBody({ incidentDate: '0000-01-01' });
    const response = await p.post('/v1/complaints', body);
    expect(response.status, response.text).toBe(422);
    expect(response.text).toContain('date-too-early');
    expect(await referencesOf(body.complainant.mobile)).toBe(0);
  });

  it('an Open311 position in hexadecimal (lat=0x19) is refused, not read as 25', async () => {
    const phone = uniqueMobile();
    const response = await rawRequest(`${p.cloud.apiUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: FORM,
      body: open311Body(phone, `${DESCRIPTION}&lat=0x19&long=83.27`),
    });
    expect(response.status, response.text).toBe(400);
    expect(await referencesOf(phone)).toBe(0);
  });

  it('a ranking revision written as 1e3 or 0x1 is a 400, not a search for revision 1000', async () => {
    for (const revision of ['1e3', '0x1', '1.0']) {
      const response = await p.get(`/v1/rankings/2026-11?revision=${revision}`, {
        authorization: `Bearer ${p.cloud.secretValue('adminToken')}`,
      });
      expect(response.status, revision).toBe(400);
      expect(response.text).toContain('invalid-revision');
    }
  });
});
