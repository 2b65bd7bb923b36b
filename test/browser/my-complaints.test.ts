import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import {
  complaintBody,
  type ProductCloud,
  startProductCloud,
  uniqueMobile,
} from '../fixtures/product-cloud.ts';

/** A citizen on a phone finds their complaints by OTP, in Hindi, through the script-free pages. */

let p: ProductCloud;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  p = await startProductCloud();
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'hi-IN',
    extraHTTPHeaders: { 'accept-language': 'hi' },
  });
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

/**
 * The code in the newest OTP SMS to the number: by the OTP's DLT template (infra/platform.ts), for
 * the acknowledgement of the complaint filed first may reach the outbox after the code does.
 */
function lastCode(mobile: string): string {
  const sms = p.cloud.sms
    .messages()
    .filter((m) => m.destination === `+91${mobile}` && m.templateId === '1007000000000000201');
  const code = sms.at(-1)?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code sent to ${mobile}`);
  return code;
}

describe('my complaints in Chromium', () => {
  it('asks for the number, then the code, and lists the complaints in Hindi first', async () => {
    const mobile = uniqueMobile();
    const filed = await p.post(
      '/v1/complaints',
      complaintBody({ complainant: { ...complaintBody().complainant, mobile, language: 'hi' } }),
      { 'accept-language': 'hi' },
    );
    expect(filed.status).toBe(201);
    const { referenceNo } = filed.json<{ referenceNo: string }>();
    const someoneElse = await p.post('/v1/complaints', complaintBody());
    const othersNo = someoneElse.json<{ referenceNo: string }>().referenceNo;

    const response = await page.goto(`${p.cloud.apiUrl}/my`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(await page.locator('html').getAttribute('lang')).toBe('hi');
    expect(await page.title()).toMatch(/^मेरी शिकायतें/);
    expect(await page.locator('script').count()).toBe(0);

    // Labelled controls: found by their visible Hindi label, as a screen reader announces them.
    // Typed as people write it, with a space; the page reads it as the same number.
    await page.getByLabel(/मोबाइल नंबर/).fill(`${mobile.slice(0, 5)} ${mobile.slice(5)}`);
    await page.getByRole('button', { name: /कोड भेजें/ }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toContain('कोड डालें');
    expect(await page.locator('body').textContent()).toContain(`******${mobile.slice(-4)}`);
    const code = lastCode(mobile);

    // A wrong code: the error is tied to the field and says how many tries are left.
    const codeField = page.getByLabel(/एसएमएस में आया कोड/);
    await codeField.fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: /मेरी शिकायतें देखें/ }).click();
    await page.waitForLoadState('load');
    const field = page.getByLabel(/एसएमएस में आया कोड/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`#${describedBy.split(' ').pop()}`).textContent()).toContain('2 प्रयास शेष');

    await field.fill(code);
    await page.getByRole('button', { name: /मेरी शिकायतें देखें/ }).click();
    await page.waitForLoadState('load');
    // Hindi leads every text of a Hindi reader's page: heading, caption, column names, dates.
    expect(await page.locator('h1').textContent()).toMatch(/^मेरी शिकायतें \/ My complaints/);
    const table = page.locator('table');
    expect(await table.locator('caption').textContent()).toMatch(/^आपकी शिकायतें/);
    expect(await table.locator('thead th').first().textContent()).toMatch(/^सन्दर्भ संख्या/);
    expect(await table.locator('tbody time').first().locator('span').first().getAttribute('lang')).toBe('hi');
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(referenceNo);
    expect(rows[0]).toMatch(/पंजीकृत|थाने|प्रकोष्ठ/);
    expect(await page.locator('body').textContent()).not.toContain(othersNo);
    // Both languages on the page, each marked for screen readers.
    expect(await page.locator('[lang=en]').count()).toBeGreaterThan(3);
  });

  it('refuses a code form posted without its form token, and says so in a page', async () => {
    const mobile = uniqueMobile();
    const forged = await p.post('/my/verify', `mobile=${mobile}&otp=123456`, {
      'content-type': 'application/x-www-form-urlencoded',
      'accept-language': 'hi',
    });
    expect(forged.status).toBe(403);
    expect(forged.headers['content-type']).toContain('text/html');
    expect(forged.text).toContain('lang="hi"');
  });

  it('shows a bad number again with its error, in both languages', async () => {
    await page.goto(`${p.cloud.apiUrl}/my`);
    await page.getByLabel(/मोबाइल नंबर/).fill('12345');
    await page.getByRole('button', { name: /कोड भेजें/ }).click();
    await page.waitForLoadState('load');
    const field = page.getByLabel(/मोबाइल नंबर/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.inputValue()).toBe('12345');
    const text = await page.locator('.error').textContent();
    expect(text).toContain('भारतीय मोबाइल नंबर');
    expect(text).toContain('Indian mobile number');
  });
});
