import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { signLinkToken } from '../../shared/domain/links/token.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { rawRequest } from '../fixtures/support.ts';

/**
 * A random-check link records checks only for references its post may check: a CO their circle,
 * the SP's post and the district cell the district; a station's own post nothing; another
 * district's link nothing. Each refusal is a 403 page and stores nothing, so the right officer can
 * still record the check. (Before the fix the POST checked only the district: Chakia's CO could
 * mark a Sadar-circle disposal "not confirmed".)
 */

let p: ProductCloud;
let f: ReturnType<typeof officerFlow>;
/** Drawn disposals: one in the Sadar circle, one in the Chakia circle, one more in Sadar. */
let sadar: string;
let chakia: string;
let sadarToo: string;

const SADAR_STATION = 'chandauli-sadar-kotwali';
const CHAKIA_STATION = 'chandauli-chakia';

function randomCheckLink(districtCode: string, officerId?: string): string {
  const token = signLinkToken(
    {
      purpose: 'random-check',
      districtCode,
      ...(officerId ? { officerId } : {}),
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    },
    parseKeyring(p.cloud.secretValue('linkSigningKey')),
    new Date(),
  );
  return `${p.cloud.apiUrl}/o/${token}`;
}

async function disposeAt(stationCode: string): Promise<string> {
  const referenceNo = await f.file({ location: { districtCode: 'chandauli', stationCode } });
  const [stationLink] = await f.links(f.stationEmail(stationCode), referenceNo);
  expect((await f.submit(stationLink!, f.goodReport)).status).toBe(303);
  const [review] = await f.links(f.supervisorEmail(stationCode), referenceNo, /review|समीक्षा/);
  expect((await f.submit(review!, { action: 'approve', grade: 'A', remark: '' })).status).toBe(303);
  return referenceNo;
}

/** Opens the list, then posts a check of `referenceNo` with the list's form token. */
async function check(link: string, referenceNo: string, result = 'not-confirmed') {
  const page = await rawRequest(link);
  return f.postForm(link, {
    formToken: f.formTokenIn(page.text),
    action: 'check',
    referenceNo,
    result,
    remark: 'Visited the complainant.',
  });
}

beforeAll(async () => {
  p = await startProductCloud();
  f = officerFlow(p);
  sadar = await disposeAt(SADAR_STATION);
  chakia = await disposeAt(CHAKIA_STATION);
  sadarToo = await disposeAt(SADAR_STATION);
  const drawn = (await p.cloud.trigger('randomChecks', new Date(Date.now() + 86_400_000))) as {
    drawn: Record<string, string[]>;
  };
  expect(drawn.drawn.chandauli?.sort()).toEqual([sadar, chakia, sadarToo].sort());
}, 180_000);

afterAll(async () => {
  await p?.stop();
});

describe('random-check links reach only their scope', () => {
  it("circle (CO): Chakia's CO sees and checks Chakia's disposals only; a Sadar one is a 403 and stays unchecked", async () => {
    const coChakia = randomCheckLink('chandauli', 'chandauli-co-chakia');
    const list = await rawRequest(coChakia);
    expect(list.status).toBe(200);
    expect(list.text).toContain(chakia);
    expect(list.text).not.toContain(sadar);

    const refused = await check(coChakia, sadar);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('nothing was recorded');
    expect(refused.text).toContain('कुछ दर्ज नहीं हुआ');
    expect((await f.stored(sadar)).randomCheck).not.toHaveProperty('result');

    expect((await check(coChakia, chakia, 'confirmed')).status).toBe(303);
    expect((await f.stored(chakia)).randomCheck).toMatchObject({ result: 'confirmed' });
  });

  it("station (SHO): a station's own post checks nothing, not even its own disposals", async () => {
    const sho = randomCheckLink('chandauli', `${SADAR_STATION}-sho`);
    const list = await rawRequest(sho);
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(sadar);
    expect((await check(sho, sadar)).status).toBe(403);
    expect((await f.stored(sadar)).randomCheck).not.toHaveProperty('result');
  });

  it('state (another district): a link of another district, even its SP, reaches no Chandauli reference', async () => {
    const elsewhere = randomCheckLink('varanasi', 'varanasi-sp');
    expect((await check(elsewhere, sadar)).status).toBe(403);
    expect((await f.stored(sadar)).randomCheck).not.toHaveProperty('result');
    // A link naming no post is nobody's.
    expect((await check(randomCheckLink('chandauli'), sadar)).status).toBe(403);
    expect((await f.stored(sadar)).randomCheck).not.toHaveProperty('result');
  });

  it('circle (CO): the right CO can still record what the wrong one was refused', async () => {
    const coSadar = randomCheckLink('chandauli', 'chandauli-co-sadar');
    const list = await rawRequest(coSadar);
    expect(list.text).toContain(sadar);
    expect(list.text).not.toContain(chakia);
    expect((await check(coSadar, sadar, 'confirmed')).status).toBe(303);
    expect((await f.stored(sadar)).randomCheck).toMatchObject({ result: 'confirmed' });
  });

  it("district (SP): the SP's post checks any circle's disposal in the district", async () => {
    const sp = randomCheckLink('chandauli', 'chandauli-sp');
    const list = await rawRequest(sp);
    expect(list.text).toContain(sadarToo);
    expect((await check(sp, sadarToo)).status).toBe(303);
    expect((await f.stored(sadarToo)).randomCheck).toMatchObject({ result: 'not-confirmed' });
  });
});
