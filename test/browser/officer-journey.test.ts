import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import { launchChromium } from '../fixtures/browser.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';

let p: ProductCloud;
let f: ReturnType<typeof officerFlow>;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  p = await startProductCloud();
  f = officerFlow(p);
  browser = await launchChromium();
  page = await browser.newPage();
  // Any alert() means a script from the complaint text ran.
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

const STATION = 'chandauli-sakaldiha';
const SCRIPT = '<script>window.__pwned = true; alert("pwned")</script>';

async function expectNoScriptRan() {
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
}

async function fillReport() {
  await page.locator('input[name="contacted"][value="yes"]').check();
  const now = new Date(Date.now() + 5.5 * 3600_000 - 120_000).toISOString().slice(0, 16);
  await page.locator('input[name="contactedAt"]').fill(now);
  await page.locator('select[name="contactMode"]').selectOption('visit');
  await page
    .locator('textarea[name="findings"]')
    .fill('Visited the village; the motorcycle was seen with a relative who admitted taking it.');
  await page.locator('select[name="outcome"]').selectOption('resolved');
  await page
    .locator('textarea[name="actionTaken"]')
    .fill('Motorcycle recovered and handed back; both parties counselled.');
  await page.locator('form:has(input[name="action"][value="report"]) button[type="submit"]').click();
  await page.waitForLoadState('load');
}

describe('an officer journey in Chromium', () => {
  it('goes from the mail in the local inbox through report, return, report, grade, unhappy feedback, reopen and final approval', async () => {
    const referenceNo = await f.file({
      location: { districtCode: 'chandauli', stationCode: STATION },
      description: `${SCRIPT} My motorcycle was taken from outside the house at night.`,
    });
    const number = formatReferenceNumber(referenceNo);

    // The mail is there in the SES inbox a developer opens.
    await page.goto(p.cloud.mailUrl);
    await page.getByText(number).first().waitFor({ timeout: 15_000 });
    const [stationLink] = await f.links(f.stationEmail(STATION), referenceNo);

    await page.goto(stationLink!);
    expect(await page.locator('h1').textContent()).toContain(number);
    expect(await page.locator('.complaint-text').first().textContent()).toContain('<script>window.__pwned');
    await expectNoScriptRan();

    await fillReport();
    expect(await page.locator('body').textContent()).toContain('Report submitted');
    await expectNoScriptRan();

    const [review] = await f.links(f.supervisorEmail(STATION), referenceNo, /review|समीक्षा/);
    await page.goto(review!);
    await page
      .locator('textarea[name="reasons"]')
      .fill('Get the written statement of the relative and the recovery memo.');
    await page.locator('form:has(input[name="action"][value="return"]) button[type="submit"]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('body').textContent()).toContain('Returned to the station');
    await expectNoScriptRan();

    await page.goto(stationLink!);
    expect(await page.locator('body').textContent()).toContain('written statement of the relative');
    await fillReport();
    expect(await page.locator('body').textContent()).toContain('Report submitted');

    await page.goto(review!);
    await page.locator('input[name="grade"][value="B"]').check();
    await page.locator('textarea[name="remark"]').fill('Adequate after re-investigation.');
    await page.locator('form:has(input[name="action"][value="approve"]) button[type="submit"]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('body').textContent()).toContain('Approved');

    const [feedback] = await f.links('sunita@example.in', referenceNo, /disposed|निस्तारण/);
    await page.goto(feedback!);
    await page.locator('input[name="satisfied"][value="no"]').check();
    await page.locator('textarea[name="comment"]').fill('Nobody spoke to me after the first visit.');
    await page.locator('button[type="submit"]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('body').textContent()).toContain('reopened');

    const [reopened] = await f.links(f.supervisorEmail(STATION), referenceNo, /reopened|पुनः खुला/);
    await page.goto(reopened!);
    expect(await page.locator('body').textContent()).toContain('Nobody spoke to me');
    await page.locator('input[name="grade"][value="A"]').check();
    await page.locator('form:has(input[name="action"][value="approve"]) button[type="submit"]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('body').textContent()).toContain('Approved');
    await expectNoScriptRan();

    expect(await f.stored(referenceNo)).toMatchObject({
      status: 'resolved',
      disposalCount: 2,
      returnCount: 1,
      reopenCount: 1,
    });
  }, 90_000);
});
