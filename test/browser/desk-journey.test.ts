import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../infra/tools/mint-link.ts';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { signLinkToken } from '../../shared/domain/links/token.ts';
import { formatReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import { axeViolations, overflow } from '../fixtures/accessibility.ts';
import { launchChromium } from '../fixtures/browser.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { waitFor } from '../fixtures/support.ts';

/**
 * Issue 16 in Chromium on a 360 px phone: the district cell forwards a triaged reference by
 * station name from its full page, and every officer, cell and feedback page passes axe-core's
 * WCAG 2.2 AA rules with no table running off the screen.
 */

let p: ProductCloud;
let f: ReturnType<typeof officerFlow>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  p = await startProductCloud();
  f = officerFlow(p);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 360, height: 740 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

const keyring = () => parseKeyring(p.cloud.secretValue('linkSigningKey'));
const hour = () => Math.floor(Date.now() / 1000) + 3600;
const url = (token: string) => `${p.cloud.apiUrl}/o/${token}`;

/** The page now: no WCAG 2.2 AA violation, nothing wider than the phone. */
async function expectUsableOnAPhone(what: string) {
  expect(await axeViolations(page), what).toEqual([]);
  const measured = await overflow(page);
  expect(measured.tables, what).toEqual([]);
  expect(measured.document, what).toBeLessThanOrEqual(measured.viewport);
}

describe("the district cell's desk and every officer page, in Chromium at 360 px", () => {
  it('walks a triaged reference from the desk to its page, reads it, and assigns it by station name', async () => {
    // PIN 232101 is both Mughalsarai's and Alinagar's: routing cannot decide.
    const referenceNo = await f.file({
      location: { districtCode: 'chandauli', pinCode: '232101', locality: 'Naya Purwa' },
      categoryCode: 'land-dispute',
      description:
        'My neighbour has put up a wall on the common path to our fields and threatens to beat us if we object.',
    });
    await waitFor('triage', async () =>
      (await f.stored(referenceNo)).status === 'triage' ? true : undefined,
    );
    const number = formatReferenceNumber(referenceNo);
    const desk = url(
      mintToken(
        { purpose: 'district-cell', district: 'chandauli', operator: 'chandauli-igrs-cell', days: 1 },
        keyring(),
        new Date(),
      ),
    );

    await page.goto(desk);
    const row = page.locator('tr', { hasText: number });
    expect(await row.textContent()).toContain('Land dispute');
    await expectUsableOnAPhone('cell desk');

    await row.getByRole('link', { name: number }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.complaint-text').first().textContent()).toContain('put up a wall');
    await expectUsableOnAPhone('cell reference page');

    const station = page.getByLabel(/^Station/);
    const options = await station.locator('option').allTextContents();
    expect(options[1]).toMatch(/^Alinagar.*suggested/);
    await station.selectOption({ label: options[1]! });
    await page.getByRole('button', { name: /Assign/ }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('body').textContent()).toContain('Assigned. The station has been notified.');
    expect(await page.locator('body').textContent()).not.toContain(number);
    expect(await f.stored(referenceNo)).toMatchObject({
      status: 'assigned',
      stationCode: 'chandauli-alinagar',
    });

    await page.goto(`${desk}?view=district`);
    expect(await page.locator('body').textContent()).toContain('Provisional');
    await expectUsableOnAPhone('live district view');

    // The station that received it: its inbox and the reference, with a history to show.
    await page.goto(
      url(
        signLinkToken(
          { purpose: 'station-inbox', stationCode: 'chandauli-alinagar', expiresAt: hour() },
          keyring(),
          new Date(),
        ),
      ),
    );
    expect(await page.locator('tr', { hasText: number }).textContent()).toContain('Land dispute');
    await expectUsableOnAPhone('station inbox');
    await page.getByRole('link', { name: number }).click();
    await page.waitForLoadState('load');
    await expectUsableOnAPhone('station reference page');
  }, 120_000);

  it('keeps the supervisor, feedback and feedback-call pages usable too', async () => {
    const STATION = 'chandauli-sakaldiha';
    const referenceNo = await f.file({
      location: { districtCode: 'chandauli', stationCode: STATION },
      description:
        'Chain snatched near the bus stand at about 7 pm by two men on a motorcycle without a number plate.',
    });
    const [stationLink] = await f.links(f.stationEmail(STATION), referenceNo);
    expect((await f.submit(stationLink!, f.goodReport)).status).toBe(303);
    const [review] = await f.links(f.supervisorEmail(STATION), referenceNo, /review|समीक्षा/);
    await page.goto(review!);
    await expectUsableOnAPhone('supervisor review');
    expect((await f.submit(review!, { action: 'approve', grade: 'A', remark: 'Thorough.' })).status).toBe(
      303,
    );

    const [feedback] = await f.links('sunita@example.in', referenceNo, /disposed|निस्तारण/);
    await page.goto(feedback!);
    expect(await page.locator('body').textContent()).toContain(f.goodReport.findings);
    await expectUsableOnAPhone('feedback');

    const calls = url(
      mintToken(
        { purpose: 'feedback-desk', operator: 'cmo-call-17', district: 'chandauli', days: 1 },
        keyring(),
        new Date(),
      ),
    );
    await page.goto(calls);
    await expectUsableOnAPhone('feedback-call desk');
    await page.getByRole('link', { name: formatReferenceNumber(referenceNo) }).click();
    await page.waitForLoadState('load');
    await expectUsableOnAPhone('feedback call');
    await page.getByLabel('Complainant satisfied').check();
    await page.getByRole('button', { name: /Record/ }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('body').textContent()).toContain('Recorded: satisfied.');
    expect((await f.stored(referenceNo)).feedback).toMatchObject({ satisfied: true, channel: 'call' });
  }, 120_000);
});
