import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusLinkCommand } from '../../infra/tools/status-link.ts';
import { formatReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import { verhoeffCheckDigit } from '../../shared/domain/reference/verhoeff.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import { complaintBody, type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { rawRequest, waitFor } from '../fixtures/support.ts';

/**
 * Issue 15, item 1: the link in the acknowledgement SMS opens the complainant's status page: script-
 * free HTML in their language first, with the unit responsible, the deadline and the timeline, and
 * after disposal the station's findings and action taken (never the supervisor's remark), with the
 * feedback link while feedback is open. A link that is not genuine is a 404 page, a withdrawn one 410.
 */

let p: ProductCloud;
let f: ReturnType<typeof officerFlow>;

beforeAll(async () => {
  p = await startProductCloud();
  f = officerFlow(p);
}, 120_000);

afterAll(async () => {
  await p?.stop();
});

const STATION = 'chandauli-sakaldiha';
const FINDINGS = 'ग्राम प्रधान और दो पड़ोसियों से पूछताछ की; साइकिल नहर के पास लावारिस मिली।';
const ACTION_TAKEN = 'साइकिल बरामद कर रसीद पर शिकायतकर्ता को सौंपी गई।';
const REMARK = 'Supervisor only: the SHO should have visited sooner.';

/** The status link in the newest SMS to `mobile` whose text matches. */
async function statusLinkInSms(mobile: string): Promise<string> {
  return waitFor(`the acknowledgement SMS to ${mobile}`, async () => {
    const response = await fetch(`${p.cloud.smsUrl}messages?to=${encodeURIComponent(`+91${mobile}`)}`);
    const { messages } = (await response.json()) as { messages: { body: string }[] };
    return messages.map((m) => /https?:\/\/\S+\/t\/[A-Za-z0-9._-]+/.exec(m.body)?.[0]).find(Boolean);
  });
}

let referenceNo: string;
let trackingSecret: string;
/** The JSON tracking API's answer for the reference, with its tracking secret. */
const trackJson = async () => {
  const response = await p.get(`/v1/complaints/${referenceNo}`, { 'x-tracking-secret': trackingSecret });
  expect(response.status).toBe(200);
  return response.json<{ status: string; outcome?: unknown }>();
};
let mobile: string;
let link: string;

beforeAll(async () => {
  const body = complaintBody({ location: { districtCode: 'chandauli', stationCode: STATION } });
  body.complainant.language = 'hi';
  mobile = body.complainant.mobile;
  const created = await p.post('/v1/complaints', body);
  expect(created.status).toBe(201);
  ({ referenceNo, trackingSecret } = created.json<{ referenceNo: string; trackingSecret: string }>());
  link = await statusLinkInSms(mobile);
});

describe('the status link in the acknowledgement SMS', () => {
  it('is short, and carries neither the tracking secret nor the mobile', () => {
    const token = link.split('/t/')[1]!;
    expect(token.length).toBeLessThanOrEqual(40);
    expect(token).toContain(referenceNo);
    expect(link).not.toContain(trackingSecret);
    expect(link).not.toContain(mobile);
  });

  it('opens a status page, Hindi first for a Hindi complaint, with the unit, the deadline and the timeline', async () => {
    await f.links(f.stationEmail(STATION), referenceNo); // routed to the station by now
    const page = await rawRequest(link);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).toMatch(/<html lang="hi"/);

    const h1 = /<h1>(.*?)<\/h1>/s.exec(page.text)![1]!;
    expect(h1).toContain(formatReferenceNumber(referenceNo));
    expect(h1.indexOf('lang="hi"')).toBeLessThan(h1.indexOf('lang="en"'));
    expect(page.text).toContain('थाने पर जांच प्रचलित'); // status: under investigation at the station
    expect(page.text).toContain('सकलडीहा'); // the station, by name
    expect(page.text).toContain('निस्तारण की समय-सीमा');
    expect(page.text).toMatch(/IST/);
    expect(page.text).toContain('शिकायत पंजीकृत'); // the timeline's first step
    // No personal data: not the complainant's, not an officer's.
    for (const secret of [mobile, 'Sunita', 'sunita@example.in', 'Mohalla', trackingSecret, 'sho.'])
      expect(page.text).not.toContain(secret);
  });

  it('answers an altered, cut short or unknown token with a bilingual 404 page, never a 500', async () => {
    const token = link.split('/t/')[1]!;
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const otherNumber = token.replace(
      referenceNo,
      `${referenceNo.slice(0, 10)}${(Number(referenceNo[10]) + 1) % 10}`,
    );
    for (const bad of [
      flipped,
      token.slice(0, -3),
      otherNumber,
      'x'.repeat(2000),
      '%00',
      'k9.1.0.AAAAAAAAAAAAAAAA',
    ]) {
      const response = await rawRequest(`${p.cloud.apiUrl}/t/${encodeURIComponent(bad)}`);
      expect(response.status, bad.slice(0, 40)).toBe(404);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('स्थिति लिंक मान्य नहीं');
      expect(response.text).toContain('Status link not recognised');
    }
  });

  it('is withdrawn when the complainant asks for a new one with the tracking secret (410), and the new one opens', async () => {
    const wrong = await p.post(`/v1/complaints/${referenceNo}/status-link`, '', {
      'x-tracking-secret': 'ZZZZZZZZ',
    });
    expect(wrong.status).toBe(404);
    expect((await rawRequest(link)).status).toBe(200);

    const issued = await p.post(`/v1/complaints/${referenceNo}/status-link`, '', {
      'x-tracking-secret': trackingSecret,
    });
    expect(issued.status).toBe(201);
    const { statusUrl, version } = issued.json<{ statusUrl: string; version: number }>();
    expect(version).toBe(1);
    expect(statusUrl).not.toBe(link);

    const old = await rawRequest(link);
    expect(old.status).toBe(410);
    expect(old.text).toContain('वापस ले लिया गया');
    expect((await rawRequest(statusUrl)).status).toBe(200);
    link = statusUrl;

    // The withdrawal is on record for officers, but not in the complainant's timeline.
    const stored = await f.stored(referenceNo);
    expect(stored.statusLinkVersion).toBe(1);
    expect(stored.history.map((e) => e.action)).toContain('status-links-revoked');
    expect((await rawRequest(statusUrl)).text).not.toContain('status-links-revoked');
  });

  it('after disposal shows the outcome with the findings and action taken, not the remark, and the feedback link', async () => {
    const [stationLink] = await f.links(f.stationEmail(STATION), referenceNo);
    const report = { ...f.goodReport, findings: FINDINGS, actionTaken: ACTION_TAKEN };
    expect((await f.submit(stationLink!, report)).status).toBe(303);
    const before = await rawRequest(link);
    expect(before.text).not.toContain(FINDINGS); // a report under review is not an outcome yet
    const beforeJson = await trackJson();
    expect(beforeJson.status).toBe('report-submitted');
    expect(beforeJson.outcome).toBeUndefined();
    expect(JSON.stringify(beforeJson)).not.toContain(FINDINGS);

    const [review] = await f.links(f.supervisorEmail(STATION), referenceNo, /review|समीक्षा/);
    expect((await f.submit(review!, { action: 'approve', grade: 'C', remark: REMARK })).status).toBe(303);

    const page = await rawRequest(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('निस्तारित: समाधान किया गया');
    expect(page.text).toContain(FINDINGS);
    expect(page.text).toContain(ACTION_TAKEN);
    expect(page.text).not.toContain(REMARK);
    expect(page.text).not.toMatch(/grade|श्रेणी: C/i);

    const feedback = /href="(\/o\/[^"]+)"/.exec(page.text)?.[1];
    expect(feedback).toBeDefined();
    const form = await rawRequest(`${p.cloud.apiUrl}${feedback}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="satisfied"');
    expect(
      (
        await f.postForm(`${p.cloud.apiUrl}${feedback}`, {
          formToken: f.formTokenIn(form.text),
          satisfied: 'yes',
        })
      ).status,
    ).toBeLessThan(400);

    // Answered: the link goes, the page stays.
    const after = await rawRequest(link);
    expect(after.status).toBe(200);
    expect(after.text).not.toMatch(/href="\/o\//);
    expect(after.text).toContain('आपका फीडबैक दर्ज किया गया');
  });

  it('keeps the JSON tracking API for API clients, with the outcome the page shows and no internal remark', async () => {
    const response = await p.get(`/v1/complaints/${referenceNo}`, { 'x-tracking-secret': trackingSecret });
    expect(response.status).toBe(200);
    const view = response.json<Record<string, unknown>>();
    expect(view.status).toBe('resolved');
    expect(view.outcome).toEqual({
      kind: 'resolved',
      outcome: 'resolved',
      label: { en: 'Grievance resolved', hi: 'शिकायत का समाधान किया गया' },
      disposedAt: (await f.stored(referenceNo)).disposal!.disposedAt,
      findings: FINDINGS,
      actionTaken: ACTION_TAKEN,
    });
    // The same by the mobile's last four digits.
    const byLast4 = await p.get(`/v1/complaints/${referenceNo}`, { 'x-mobile-last4': mobile.slice(-4) });
    expect(byLast4.json<{ outcome: unknown }>().outcome).toEqual(view.outcome);
    // Never the supervisor's grade or remark, an officer, their posts or the complainant's contact.
    const text = response.text;
    for (const internal of [
      REMARK,
      '"grade"',
      '"remark"',
      'sho.',
      'officer',
      'contactMode',
      mobile,
      'Mohalla',
    ])
      expect(text).not.toContain(internal);
  });

  it('is withdrawn by an administrator with npm run status-link -- revoke', async () => {
    expect((await rawRequest(link)).status).toBe(200);
    const lines: string[] = [];
    const run = (...argv: string[]) =>
      statusLinkCommand([...argv, '--api-url', p.cloud.apiUrl], (l) => lines.push(l));
    expect(await run('revoke', referenceNo)).toBe(0);
    expect(lines.at(-1)).toMatch(/withdrawn/);
    expect((await rawRequest(link)).status).toBe(410);
    expect((await f.stored(referenceNo)).history.at(-1)).toMatchObject({
      action: 'status-links-revoked',
      actor: { role: 'administrator' },
    });
    expect(await run('revoke', '10000000000')).toBe(2); // check digit wrong: usage
    expect(await run('revoke', `1000000000${verhoeffCheckDigit('1000000000')}`)).toBe(1);
  });
});
