import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officerFlow } from '../fixtures/officer-flow.ts';
import { complaintBody, type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { rawRequest } from '../fixtures/support.ts';

let p: ProductCloud;
/** The reference the first test files, which Open311's public lookup then reads. */
let filed = '';
const NAME = 'Zorawar Singh Bhadauria';
const MOBILE = '9876501234';
const EMAIL = 'zorawar.bhadauria@example.in';
const ADDRESS = 'House 17, Gali Number 3, Mughalsarai';
const SECRETS = [NAME, 'Zorawar', 'Bhadauria', MOBILE, `+91${MOBILE}`, EMAIL, ADDRESS];

beforeAll(async () => {
  // Debug logging, so even the chattiest lines are checked.
  p = await startProductCloud({ environment: { LOG_LEVEL: 'DEBUG' } });
});

afterAll(async () => {
  await p?.stop();
});

const leaks = (text: string) => SECRETS.filter((secret) => text.includes(secret));

describe("complainants' personal data stays out of logs and public reads", () => {
  it('never logs the name, mobile, email or address through a whole life of a reference', async () => {
    const f = officerFlow(p);
    const body = complaintBody({
      complainant: { name: NAME, mobile: MOBILE, email: EMAIL, address: ADDRESS, language: 'en' },
      location: { districtCode: 'chandauli', stationCode: 'chandauli-mughalsarai' },
      description: `My neighbour threatened me; call me on ${MOBILE} or write to ${EMAIL}.`,
    });
    const created = await p.post('/v1/complaints', body);
    expect(created.status).toBe(201);
    const { referenceNo, trackingSecret } = created.json<{ referenceNo: string; trackingSecret: string }>();
    filed = referenceNo;
    // A bad request echoing the mobile, and a tracking read.
    await p.post('/v1/complaints', { ...body, categoryCode: 'nope' });
    await p.get(`/v1/complaints/${referenceNo}`, { 'x-tracking-secret': trackingSecret });
    const [stationLink] = await f.links(f.stationEmail('chandauli-mughalsarai'), referenceNo);
    await rawRequest(stationLink!);
    await f.submit(stationLink!, f.goodReport);
    const [review] = await f.links(f.supervisorEmail('chandauli-mughalsarai'), referenceNo, /review|समीक्षा/);
    await f.submit(review!, { action: 'approve', grade: 'A', remark: '' });
    const [feedback] = await f.links(EMAIL, referenceNo, /disposed|निस्तारण/);
    await f.submit(feedback!, { satisfied: 'no', comment: `Call me at ${MOBILE}` });
    await p.cloud.drain();

    expect(p.logs.length).toBeGreaterThan(10);
    const leaking = p.logs.filter((line) => leaks(line).length > 0);
    expect(leaking, leaking.slice(0, 3).join('\n')).toEqual([]);
  });

  it('keeps them out of Open311 public reads', async () => {
    // Reads without the api_key are lookups by number (a bulk listing needs the key).
    const requests = await rawRequest(
      `${p.cloud.apiUrl}/open311/v2/requests.json?service_request_id=${filed}`,
    );
    const xml = await rawRequest(`${p.cloud.apiUrl}/open311/v2/requests/${filed}.xml`);
    expect(requests.text).toContain(filed);
    expect(requests.status).toBe(200);
    expect(leaks(requests.text)).toEqual([]);
    expect(leaks(xml.text)).toEqual([]);
  });
});
