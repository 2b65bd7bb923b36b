import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newS3Client } from '../../shared/adapters/aws/clients/s3.ts';
import { masterDataItems, writeItems } from '../../shared/adapters/dynamodb/masterdata-store.ts';
import { DynamoReferenceRepository } from '../../shared/adapters/dynamodb/reference-repository.ts';
import { ExportsStore, exportKey } from '../../shared/adapters/s3/exports-store.ts';
import { DEFAULT_POLICY } from '../../shared/domain/ranking/index.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { istDate, istMonth } from '../../shared/domain/time/ist.ts';
import type { RankingJobResult } from '../../shared/use-cases/run-monthly-ranking.ts';
import { launchChromium } from '../fixtures/browser.ts';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { dynamoClient, LOCAL_CREDENTIALS } from '../fixtures/support.ts';
import { AS_OF, alphaMonth, MONTH, perfectMonth } from '../unit/ranking-fixtures.ts';

const TOKEN = 'browser-admin-token-0123456789';
const SCRIPT = '<script>window.__pwned = true; alert("pwned")</script>';
const IMG = '<img src=x onerror="window.__pwned = true; alert(1)">';

// A district and a station whose names carry markup: master data is typed in by people.
const EVIL_DISTRICT = {
  code: 'xss-nagar',
  name: { en: `${SCRIPT} Nagar`, hi: `${IMG} नगर` },
  division: 'Varanasi',
  commissionerate: false,
};
const EVIL_STATION = {
  code: 'xss-nagar-kotwali',
  districtCode: 'xss-nagar',
  name: { en: `Kotwali ${SCRIPT}`, hi: `कोतवाली ${IMG}` },
  kind: 'police-station' as const,
  pinCodes: ['299001'],
  localities: [],
  demo: true,
};

let p: ProductCloud;
let browser: Browser;
let page: Page;
let result: RankingJobResult;
let exportsStore: ExportsStore;
const dialogs: string[] = [];

beforeAll(async () => {
  p = await startProductCloud({ secretOverrides: { adminToken: TOKEN } });
  const db = dynamoClient(p.cloud.dynamodbEndpoint);
  const table = p.cloud.tableNames.main!;
  await writeItems(db, table, masterDataItems([EVIL_DISTRICT], [EVIL_STATION], []));
  const references: Reference[] = [
    ...perfectMonth('chandauli-naugarh', 'chandauli'),
    ...alphaMonth('chandauli-sakaldiha', 'chandauli'),
    ...alphaMonth('varanasi-kotwali', 'varanasi'),
    ...perfectMonth(EVIL_STATION.code, EVIL_DISTRICT.code, 5),
  ];
  const repository = new DynamoReferenceRepository(db, table);
  for (const reference of references) {
    const filed = new Date(reference.createdAt);
    await repository.create(reference, {
      mobileHash: 'h',
      istMonth: istMonth(filed),
      istDate: istDate(filed),
    });
  }
  db.destroy();
  result = (await p.cloud.trigger('monthlyRanking', AS_OF)) as RankingJobResult;
  exportsStore = new ExportsStore(
    newS3Client({
      endpoint: p.cloud.sqsEndpoint,
      region: 'ap-south-1',
      credentials: LOCAL_CREDENTIALS,
      forcePathStyle: true,
    }),
    p.cloud.buckets.exports!,
  );

  browser = await launchChromium();
  page = await browser.newPage();
  // Any alert() means a script from a unit's name ran.
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

async function expectNoScriptRan() {
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(await page.locator('body script, body img').count()).toBe(0);
}

describe('the ranking report in Chromium', () => {
  it('opens the stored HTML export: a bar per district, scorecards, and names that stay text', async () => {
    const ref = { month: MONTH, policyVersion: result.policyVersion, revision: result.revision };
    // The S3 object is served without the API's CSP: escaping alone must keep the names inert.
    await page.goto(await exportsStore.presignedUrl(exportKey(ref, 'district', 'html')));
    await page.waitForLoadState('load');
    expect(await page.title()).toContain('2026');

    const chart = page.locator('#chart-districts svg');
    await chart.waitFor();
    const districts = result.districts;
    expect(districts).toBe(76);
    expect(await chart.locator('rect').count()).toBe(districts);
    // Ranked districts have a visible bar; the best is drawn longest.
    const widths = await chart
      .locator('rect')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    expect(widths.filter((w) => w > 0)).toHaveLength(3);
    expect(widths[0]).toBe(Math.max(...widths));
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(await chart.locator('text').first().textContent()).toMatch(/^1\. /);

    // The evil district's bar label and its scorecard show the markup as text.
    expect(await chart.textContent()).toContain('<script>window.__pwned');
    const evil = page.locator(`#u-district-${EVIL_DISTRICT.code}`);
    expect(await evil.locator('h3').textContent()).toContain('<script>window.__pwned');
    expect(await evil.locator('h3').textContent()).toContain('<img src=x');

    // A scorecard: one row per parameter with its marks, and the reason for a deduction.
    const chandauli = page.locator('#u-district-chandauli');
    expect(await chandauli.locator('h3').textContent()).toContain('Chandauli');
    expect(await chandauli.locator('tbody tr').count()).toBe(DEFAULT_POLICY.parameters.length);
    const onTimeRow = chandauli.locator('tbody tr').first();
    expect(await onTimeRow.textContent()).toMatch(/\d+\.\d\d \/ \d+/);
    expect(await chandauli.locator('.summary').textContent()).toMatch(/Rank|रैंक/);
    await expectNoScriptRan();

    // Printable: the chart and scorecards are still laid out for paper.
    await page.emulateMedia({ media: 'print' });
    expect(await chart.isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    await expectNoScriptRan();
  });

  it("renders one district's station report through the admin API", async () => {
    await page.setExtraHTTPHeaders({ authorization: `Bearer ${TOKEN}` });
    const response = await page.goto(
      `${p.cloud.apiUrl}/v1/rankings/${MONTH}?level=station&district=${EVIL_DISTRICT.code}&format=html`,
    );
    expect(response!.status()).toBe(200);
    expect(await page.locator('#chart-districts svg rect').count()).toBe(result.districts);
    const stations = page.locator('#chart-stations svg rect');
    expect(await stations.count()).toBe(1);
    const scorecard = page.locator(`#u-station-${EVIL_STATION.code}`);
    expect(await scorecard.locator('h3').textContent()).toContain('Kotwali <script>');
    expect(await scorecard.locator('.summary').textContent()).toContain('130.00 / 130');
    await expectNoScriptRan();
  });
});
