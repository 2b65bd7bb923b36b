import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorDocument, html } from '../../shared/views/html/index.ts';
import { DEVANAGARI_FAMILY, launchChromium, screenshot } from '../fixtures/browser.ts';

/** The whole page as the test saw it, left for a person to look at. */
const SCREENSHOT = join(tmpdir(), 'nivaran-hindi-rendering.png');

/** Distinct consonants: with a Devanagari font each is its own glyph. */
const LETTERS = ['क', 'ख', 'ग', 'घ', 'च', 'ज', 'ट', 'ड', 'त', 'द', 'न', 'प', 'म', 'र', 'ल', 'श', 'स', 'ह'];
/** A private-use code point no font has: how a missing glyph (a box, or a blank) looks here. */
const NO_GLYPH = '\u{10FFFD}';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  page = await context.newPage();
  // A refusal page exactly as the app renders it (its CSS and font stack), with a box for one letter.
  await page.setContent(
    errorDocument(
      { en: 'This link has expired', hi: 'इस लिंक की अवधि समाप्त हो गई है' },
      { en: 'Ask the police station for a new link.', hi: 'नए लिंक के लिए थाने से संपर्क करें।' },
      'hi',
      html`<p id="glyph" style="font-size:64px;line-height:1;width:160px;height:96px;padding:16px;margin:0;background:#fff;white-space:nowrap"></p>`,
    ),
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** The glyph box's pixels with `text` in it, as PNG bytes: equal bytes, equal pixels. */
async function shot(text: string): Promise<string> {
  const box = page.locator('#glyph');
  await box.evaluate((element, value) => {
    element.textContent = value;
  }, text);
  return (await screenshot(box)).toString('base64');
}

describe('Hindi in Chromium', () => {
  it('draws the Hindi of a page with Noto Sans Devanagari, the font shipped for it', async () => {
    await screenshot(page, { path: SCREENSHOT, fullPage: true });
    const cdp = await page.context().newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument');
    await cdp.send('CSS.enable');
    // The heading in bold, the notice and the footer in regular weight.
    for (const selector of ['h1 [lang=hi]', '.notice [lang=hi]', 'footer [lang=hi]']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const devanagari = fonts.find((font) => font.familyName === DEVANAGARI_FAMILY);
      expect(devanagari, `${selector} drawn with ${JSON.stringify(fonts)}`).toBeDefined();
      expect(devanagari!.glyphCount).toBeGreaterThan(10);
    }
    await cdp.detach();
  });

  it('draws each Devanagari letter as a glyph of its own, not a box or a blank', async () => {
    const blank = await shot('');
    const missing = await shot(NO_GLYPH);
    const letters = new Map<string, string>();
    for (const letter of LETTERS) letters.set(letter, await shot(letter));

    for (const [letter, pixels] of letters) {
      expect(pixels, `${letter} drew nothing`).not.toBe(blank);
      expect(pixels, `${letter} drew the missing-glyph box`).not.toBe(missing);
    }
    // Tofu is one box for every letter: distinct letters must give distinct pixels.
    expect(new Set(letters.values()).size).toBe(LETTERS.length);
  });
});
