import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import { DEVANAGARI_FAMILY, launchChromium } from '../fixtures/browser.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import { complaintBody, type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { waitFor } from '../fixtures/support.ts';

/**
 * A Hindi-speaking complainant on a small phone: the link in the acknowledgement SMS opens the
 * status page in Chromium, in Hindi first and drawn in a Devanagari font, with no script and no
 * sideways scrolling; after the station's report is approved the page shows its findings, and the
 * feedback link on it takes the answer.
 */

let p: ProductCloud;
let f: ReturnType<typeof officerFlow>;
let browser: Browser;
let page: Page;
const scripts: string[] = [];

beforeAll(async () => {
  p = await startProductCloud();
  f = officerFlow(p);
  browser = await launchChromium();
  // A basic phone's screen, in Hindi.
  const context = await browser.newContext({
    viewport: { width: 320, height: 640 },
    locale: 'hi-IN',
    extraHTTPHeaders: { 'accept-language': 'hi' },
  });
  page = await context.newPage();
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

const STATION = 'chandauli-sakaldiha';
const FINDINGS = 'मौके पर जाकर गवाहों के बयान लिए; मोटरसाइकिल एक रिश्तेदार के पास मिली।';

async function fitsTheScreen() {
  const { scroll, client } = await page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return { scroll: root.scrollWidth, client: root.clientWidth };
  });
  expect(scroll).toBeLessThanOrEqual(client);
}

describe('the status page in Chromium, in Hindi', () => {
  it('opens from the SMS link, shows the station and deadline in Hindi, and after disposal the findings and the feedback form', async () => {
    const body = complaintBody({ location: { districtCode: 'chandauli', stationCode: STATION } });
    body.complainant.language = 'hi';
    body.description = 'रात में घर के सामने से मेरी मोटरसाइकिल चोरी हो गई।';
    const created = await p.post('/v1/complaints', body);
    const { referenceNo } = created.json<{ referenceNo: string }>();
    const number = formatReferenceNumber(referenceNo);

    // The SMS as the complainant reads it, in the local outbox's page.
    await page.goto(p.cloud.smsUrl);
    const sms = await waitFor('the acknowledgement SMS', async () => {
      await page.reload();
      const text = await page.locator('tbody').textContent();
      return text?.includes(referenceNo) ? text : undefined;
    });
    expect(sms).toContain('आपकी शिकायत सन्दर्भ संख्या');
    const link = /https?:\/\/\S+\/t\/[A-Za-z0-9._-]+/.exec(sms)![0];
    await f.links(f.stationEmail(STATION), referenceNo); // forwarded to the station

    const opened = await page.goto(link);
    expect(opened!.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('hi');
    const heading = page.locator('h1');
    expect(await heading.textContent()).toContain(number);
    // Hindi first in the heading, then English.
    expect(await heading.locator('span').first().getAttribute('lang')).toBe('hi');
    const main = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(main).toContain('थाने पर जांच प्रचलित');
    expect(main).toContain('अब किसके पास');
    expect(main).toContain('सकलडीहा');
    expect(main).toContain('निस्तारण की समय-सीमा');
    expect(main).toContain('शिकायत पंजीकृत');
    await fitsTheScreen();

    // Drawn with the Devanagari font, not boxes.
    const cdp = await page.context().newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument');
    await cdp.send('CSS.enable');
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: '.notice [lang=hi]',
    });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts.map((font) => font.familyName)).toContain(DEVANAGARI_FAMILY);
    await cdp.detach();

    // The station reports, the supervisor approves (over HTTP, as officers would from their links).
    const [stationLink] = await f.links(f.stationEmail(STATION), referenceNo);
    expect((await f.submit(stationLink!, { ...f.goodReport, findings: FINDINGS })).status).toBe(303);
    const [review] = await f.links(f.supervisorEmail(STATION), referenceNo, /review|समीक्षा/);
    expect((await f.submit(review!, { action: 'approve', grade: 'A', remark: 'ठीक है।' })).status).toBe(303);

    await page.goto(link);
    const disposed = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(disposed).toContain('निस्तारित: समाधान किया गया');
    expect(disposed).toContain('जांच के निष्कर्ष');
    expect(disposed).toContain(FINDINGS);
    expect(disposed).not.toContain('ठीक है।'); // the supervisor's remark stays internal
    await fitsTheScreen();

    // The feedback link, followed by keyboard-free tapping as on a phone.
    await page.getByRole('link', { name: /अपना फीडबैक दें/ }).click();
    await page.waitForLoadState('load');
    await page.locator('input[name="satisfied"][value="yes"]').check();
    await page.locator('button[type="submit"]').click();
    await page.waitForLoadState('load');
    expect((await page.locator('main').textContent()) ?? '').toContain('धन्यवाद');

    await page.goto(link);
    const answered = (await page.locator('main').textContent()) ?? '';
    expect(answered).toContain('आपका फीडबैक दर्ज किया गया');
    expect(await page.getByRole('link', { name: /अपना फीडबैक दें/ }).count()).toBe(0);
    expect(scripts).toEqual([]);
  }, 120_000);
});
