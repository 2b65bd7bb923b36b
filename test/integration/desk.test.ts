import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../infra/tools/mint-link.ts';
import { DynamoReferenceRepository } from '../../shared/adapters/dynamodb/reference-repository.ts';
import { formToken } from '../../shared/domain/links/form-token.ts';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { formatReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import { FEEDBACK_CALL_MAX_TRIES } from '../../shared/domain/reference/transitions.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { dynamoClient, rawRequest, waitFor } from '../fixtures/support.ts';

/**
 * Issue 16: the district cell's desk and live view, officers' pages people can work from (category
 * names, the report on the feedback page, contact reads recorded once a day per viewer) and the
 * feedback operators' call desk.
 */

let p: ProductCloud;
let f: ReturnType<typeof officerFlow>;

beforeAll(async () => {
  p = await startProductCloud();
  f = officerFlow(p);
});

afterAll(async () => {
  await p?.stop();
});

const keyring = () => parseKeyring(p.cloud.secretValue('linkSigningKey'));
const views = async (referenceNo: string) => {
  const db = dynamoClient(p.cloud.dynamodbEndpoint);
  try {
    return await new DynamoReferenceRepository(db, p.cloud.tableNames.main!).viewsOf(referenceNo);
  } finally {
    db.destroy();
  }
};
const link = (options: Parameters<typeof mintToken>[0]) =>
  `${p.cloud.apiUrl}/o/${mintToken(options, keyring(), new Date())}`;
const cellLink = () =>
  link({ purpose: 'district-cell', district: 'chandauli', operator: 'chandauli-igrs-cell', days: 1 });

/** Files, reports and approves a reference at the station: disposed, waiting for feedback. */
async function disposed(station = 'chandauli-sakaldiha'): Promise<string> {
  const referenceNo = await f.file({ location: { districtCode: 'chandauli', stationCode: station } });
  const [stationLink] = await f.links(f.stationEmail(station), referenceNo);
  expect((await f.submit(stationLink!, f.goodReport)).status).toBe(303);
  const [review] = await f.links(f.supervisorEmail(station), referenceNo, /review|समीक्षा/);
  expect((await f.submit(review!, { action: 'approve', grade: 'A', remark: 'Done.' })).status).toBe(303);
  return referenceNo;
}

describe('contact details read', () => {
  it('is recorded once per viewer per IST day, however often and however concurrently the page loads, naming every viewer', async () => {
    const station = 'chandauli-chakia';
    const referenceNo = await f.file({ location: { districtCode: 'chandauli', stationCode: station } });
    const [stationLink] = await f.links(f.stationEmail(station), referenceNo);
    for (let i = 0; i < 3; i++) expect((await rawRequest(stationLink!)).status).toBe(200);
    await Promise.all(Array.from({ length: 4 }, () => rawRequest(stationLink!)));
    // A submitted report redirects to the page again: still the one read.
    const submitted = await f.submit(stationLink!, f.goodReport);
    expect(submitted.status).toBe(303);
    expect((await rawRequest(`${p.cloud.apiUrl}${submitted.headers.location}`)).status).toBe(200);
    const [review] = await f.links(f.supervisorEmail(station), referenceNo, /review|समीक्षा/);
    await Promise.all([rawRequest(review!), rawRequest(review!)]);

    const read = await views(referenceNo);
    expect(read).toHaveLength(2);
    expect(read.map((v) => v.actor.role).sort()).toEqual(['station-officer', 'supervisor']);
    expect(read.find((v) => v.actor.role === 'supervisor')?.details?.post).toBeTruthy();
    // The page's history shows each once.
    const page = await rawRequest(review!);
    expect(page.text.match(/contact details viewed/g)).toHaveLength(2);
  });
});

describe('names, not codes', () => {
  it("shows the category's name in the station's pending list", async () => {
    const station = 'chandauli-naugarh';
    await f.file({
      location: { districtCode: 'chandauli', stationCode: station },
      categoryCode: 'land-dispute',
    });
    const inbox = link({ purpose: 'district-cell', district: 'chandauli', days: 1 }).replace(/\/o\/.*/, '');
    const token = (await import('../../shared/domain/links/token.ts')).signLinkToken(
      { purpose: 'station-inbox', stationCode: station, expiresAt: Math.floor(Date.now() / 1000) + 3600 },
      keyring(),
      new Date(),
    );
    const page = await waitFor('the reference in the inbox', async () => {
      const response = await rawRequest(`${inbox}/o/${token}`);
      return response.text.includes('<a href="/o/') ? response : undefined;
    });
    expect(page.text).toContain('Land dispute');
    expect(page.text).not.toMatch(/>land-dispute</);
  });

  it("shows the complainant the report's findings and action taken on the feedback page", async () => {
    const referenceNo = await disposed();
    const [feedback] = await f.links('sunita@example.in', referenceNo, /disposed|निस्तारण/);
    const page = await rawRequest(feedback!);
    expect(page.status).toBe(200);
    expect(page.text).toContain(f.goodReport.findings);
    expect(page.text).toContain(f.goodReport.actionTaken);
  });
});

describe("the district IGRS cell's desk", () => {
  let triaged: string;

  beforeAll(async () => {
    // PIN 232101 is both Mughalsarai's and Alinagar's, and the locality matches neither: triage.
    triaged = await f.file({
      location: { districtCode: 'chandauli', pinCode: '232101', locality: 'Naya Purwa' },
      categoryCode: 'land-dispute',
      channel: 'cm-helpline-1076',
      description: 'My neighbour has put up a wall on the common path to our fields and threatens us.',
    });
    await waitFor('triage', async () => ((await f.stored(triaged)).status === 'triage' ? true : undefined));
  });

  it('lists each triaged reference with its category, an excerpt, the place, channel, age and reason', async () => {
    const page = await rawRequest(cellLink());
    expect(page.status).toBe(200);
    const row = page.text.slice(page.text.indexOf(formatReferenceNumber(triaged)) - 200).split('</tr>')[0]!;
    expect(row).toContain('?ref=');
    expect(row).toContain('Land dispute');
    expect(row).toContain('put up a wall on the common path');
    expect(row).toContain('Naya Purwa, PIN 232101');
    expect(row).toContain('CM helpline 1076');
    expect(row).toContain('Today');
    expect(row).toContain('more than one station area');
  });

  it("opens the reference's full page with the stations its PIN points at first, and assigns by station", async () => {
    const desk = cellLink();
    const page = await rawRequest(`${desk}?ref=${triaged}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('My neighbour has put up a wall');
    const options = [...page.text.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(options.slice(0, 3)).toEqual(['', 'chandauli-alinagar', 'chandauli-mughalsarai']);
    expect(page.text).toMatch(/Alinagar \(suggested: PIN code\)/);
    // The cell's read of the contact details is recorded like any officer's.
    expect((await views(triaged)).map((v) => v.actor.role)).toEqual(['district-cell']);

    const response = await f.postForm(desk, {
      formToken: f.formTokenIn(page.text),
      action: 'assign',
      from: 'reference',
      referenceNo: triaged,
      stationCode: 'chandauli-alinagar',
    });
    expect(response.status).toBe(303);
    expect(await f.stored(triaged)).toMatchObject({ status: 'assigned', stationCode: 'chandauli-alinagar' });
    // Assigned, its page offers a transfer instead.
    const after = await rawRequest(`${desk}?ref=${triaged}`);
    expect(after.text).toContain('name="reason"');
  });

  it("refuses another district's reference on the cell's page, and what is no reference number", async () => {
    const lucknow = await f.file({ location: { districtCode: 'lucknow', pinCode: '110001' } });
    const response = await rawRequest(`${cellLink()}?ref=${lucknow}`);
    expect(response.status).toBe(403);
    expect(response.text).not.toContain('Sunita');
    for (const ref of ['x'.repeat(3000), '<script>', '0']) {
      // What cannot be a reference number is said to be so (400), not to be of another district.
      expect((await rawRequest(`${cellLink()}?ref=${encodeURIComponent(ref)}`)).status).toBe(400);
      const desk = link({ purpose: 'feedback-desk', operator: 'cmo-call-17', days: 1 });
      expect((await rawRequest(`${desk}?ref=${encodeURIComponent(ref)}`)).status).toBe(400);
    }
  });

  it('shows the live district view: pending by station, due within 3 days, defaulters and provisional scores', async () => {
    await f.file({ location: { districtCode: 'chandauli', stationCode: 'chandauli-dhina' } });
    const response = await rawRequest(`${cellLink()}?view=district`);
    expect(response.status).toBe(200);
    expect(response.text).toContain('Pending by station');
    expect(response.text).toContain('Dhina');
    expect(response.text).toContain('Due within 3 days');
    expect(response.text).toContain('Defaulters');
    expect(response.text).toMatch(/Provisional: computed now/);
    // December 2026 is scored under igrs-140-v2: the district on 140 marks, its stations on 100.
    expect(response.text).toMatch(/\d+\.\d\d \/ 140/);
  });
});

describe("the feedback operators' call desk", () => {
  const desk = (district?: string) =>
    link({ purpose: 'feedback-desk', operator: 'cmo-call-17', days: 1, ...(district ? { district } : {}) });

  it('shows no empty notice for a ?done= that names none of its own (constructor, __proto__)', async () => {
    for (const done of ['constructor', '__proto__', 'toString']) {
      const response = await rawRequest(`${desk('chandauli')}?done=${done}`);
      expect(response.status).toBe(200);
      expect(response.text, done).not.toContain('class="notice notice-success"');
    }
  });

  it('lists disposals awaiting feedback and shows the number, recording the read naming the operator', async () => {
    const referenceNo = await disposed();
    const list = await rawRequest(desk('chandauli'));
    expect(list.status).toBe(200);
    expect(list.text).toContain(formatReferenceNumber(referenceNo));
    const state = await rawRequest(desk());
    expect(state.text).toContain(formatReferenceNumber(referenceNo));

    const call = await rawRequest(`${desk('chandauli')}?ref=${referenceNo}`);
    expect(call.status).toBe(200);
    const { complainant } = await f.stored(referenceNo);
    expect(call.text).toContain(complainant.mobile);
    expect(call.text).toContain(f.goodReport.findings);
    const read = (await views(referenceNo)).filter((v) => v.actor.role === 'feedback-operator');
    expect(read).toEqual([expect.objectContaining({ details: { post: 'cmo-call-17' } })]);
  });

  it('shows what the call needs and not the address, email or complaint text; the read is still recorded', async () => {
    const referenceNo = await disposed();
    const call = await rawRequest(`${desk('chandauli')}?ref=${referenceNo}`);
    expect(call.status).toBe(200);
    const { complainant, description } = await f.stored(referenceNo);
    // Data minimisation: a phone call needs no address.
    expect(call.text).not.toContain(complainant.address);
    expect(call.text).not.toContain('Mohalla Kasab');
    expect(call.text).not.toContain(complainant.email!);
    expect(call.text).not.toContain(description);
    // Whom to call, and what to ask about.
    expect(call.text).toContain(complainant.name);
    expect(call.text).toContain(`href="tel:${complainant.mobile}"`);
    expect(call.text).toContain('Theft');
    expect(call.text).toContain(f.goodReport.findings);
    expect(call.text).toContain(f.goodReport.actionTaken);
    expect(call.text).toContain('Grievance resolved');
    const read = (await views(referenceNo)).filter((v) => v.actor.role === 'feedback-operator');
    expect(read).toEqual([expect.objectContaining({ details: { post: 'cmo-call-17' } })]);
  });

  it('reopens on "not satisfied" through the feedback step, with channel call, and the link then finds it answered', async () => {
    const referenceNo = await disposed();
    const url = desk('chandauli');
    const page = await rawRequest(`${url}?ref=${referenceNo}`);
    const response = await f.postForm(url, {
      formToken: f.formTokenIn(page.text),
      action: 'call',
      referenceNo,
      result: 'not-satisfied',
      comment: 'Says nobody visited after the first day.',
    });
    expect(response.status).toBe(303);
    const after = await f.stored(referenceNo);
    expect(after).toMatchObject({
      status: 'reopened',
      reopenCount: 1,
      feedback: { satisfied: false, channel: 'call', comment: 'Says nobody visited after the first day.' },
    });
    expect(after.history.find((e) => e.action === 'feedback-received')).toMatchObject({
      actor: { role: 'feedback-operator' },
      details: { channel: 'call', operator: 'cmo-call-17', satisfied: false },
    });
    // The supervisor is told, as for the link.
    await f.links(f.supervisorEmail('chandauli-sakaldiha'), referenceNo, /reopened|पुनः खुला/);
    const [feedbackLink] = await f.links('sunita@example.in', referenceNo, /disposed|निस्तारण/);
    expect((await rawRequest(feedbackLink!)).status).toBe(409);
    expect((await rawRequest(url)).text).not.toContain(formatReferenceNumber(referenceNo));
  });

  it('records satisfied with channel call; the link records channel link', async () => {
    const byCall = await disposed();
    const url = desk('chandauli');
    const page = await rawRequest(`${url}?ref=${byCall}`);
    await f.postForm(url, {
      formToken: f.formTokenIn(page.text),
      action: 'call',
      referenceNo: byCall,
      result: 'satisfied',
    });
    expect((await f.stored(byCall)).feedback).toMatchObject({ satisfied: true, channel: 'call' });

    const byLink = await disposed();
    const [feedbackLink] = await f.links('sunita@example.in', byLink, /disposed|निस्तारण/);
    expect((await f.submit(feedbackLink!, { satisfied: 'yes' })).status).toBe(200);
    expect((await f.stored(byLink)).feedback).toMatchObject({ satisfied: true, channel: 'link' });
  });

  it(`counts calls that find nobody and stops listing after ${FEEDBACK_CALL_MAX_TRIES}`, async () => {
    const referenceNo = await disposed();
    const url = desk('chandauli');
    for (let attempt = 1; attempt <= FEEDBACK_CALL_MAX_TRIES; attempt++) {
      expect((await rawRequest(url)).text).toContain(formatReferenceNumber(referenceNo));
      const page = await rawRequest(`${url}?ref=${referenceNo}`);
      const response = await f.postForm(url, {
        formToken: f.formTokenIn(page.text),
        action: 'call',
        referenceNo,
        result: 'unreachable',
      });
      expect(response.status).toBe(303);
      expect((await f.stored(referenceNo)).feedbackCalls).toMatchObject({ unreachable: attempt });
    }
    expect((await rawRequest(url)).text).not.toContain(formatReferenceNumber(referenceNo));
    const page = await rawRequest(`${url}?ref=${referenceNo}`);
    expect(page.text).not.toContain('name="result"');
    // A form kept open from before the last call: refused, nothing counted.
    const refused = await f.postForm(url, {
      formToken: formToken(url.slice(url.indexOf('/o/') + 3), keyring()),
      action: 'call',
      referenceNo,
      result: 'unreachable',
    });
    expect(refused.status).toBe(409);
    const stored = await f.stored(referenceNo);
    expect(stored).toMatchObject({
      status: 'resolved',
      feedbackCalls: { unreachable: FEEDBACK_CALL_MAX_TRIES },
    });
    expect(stored.feedback).toBeUndefined();
  });

  it("refuses another district's reference, a call without a result, and a form without its token, storing nothing", async () => {
    const referenceNo = await disposed();
    const other = desk('varanasi');
    expect((await rawRequest(`${other}?ref=${referenceNo}`)).status).toBe(403);
    const otherPage = await rawRequest(other);
    expect(
      (
        await f.postForm(other, {
          formToken: f.formTokenIn(otherPage.text),
          action: 'call',
          referenceNo,
          result: 'satisfied',
        })
      ).status,
    ).toBe(403);
    const url = desk('chandauli');
    const page = await rawRequest(`${url}?ref=${referenceNo}`);
    expect(
      (await f.postForm(url, { formToken: f.formTokenIn(page.text), action: 'call', referenceNo })).status,
    ).toBe(422);
    expect((await f.postForm(url, { action: 'call', referenceNo, result: 'satisfied' })).status).toBe(403);
    const stored = await f.stored(referenceNo);
    expect(stored.feedback).toBeUndefined();
    expect(stored.feedbackCalls).toBeUndefined();
  });
});
