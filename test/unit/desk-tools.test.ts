import { describe, expect, it } from 'vitest';
import { HELP, mintToken, parseArguments } from '../../infra/tools/mint-link.ts';
import { verifyLinkToken } from '../../shared/domain/links/token.ts';
import type { Station } from '../../shared/domain/masterdata/types.ts';
import { suggestStations } from '../../shared/domain/routing/suggest-stations.ts';
import { excerpt } from '../../shared/views/pages/common.ts';

/** Issue 16's pure parts: the link-minting tool, the cell's station suggestions, excerpts. */

const KEYRING = { current: 'k1', keys: { k1: 'a-test-key-that-is-long-enough-for-hmac-0123456789' } };
const NOW = new Date('2026-12-07T06:00:00Z');

describe('npm run link', () => {
  it('mints a feedback desk for one district or the state, naming the operator, for the days asked', () => {
    const options = parseArguments([
      'feedback-desk',
      '--operator',
      'cmo-call-17',
      '--district',
      'chandauli',
      '--days',
      '7',
    ]);
    expect(options).toMatchObject({
      purpose: 'feedback-desk',
      operator: 'cmo-call-17',
      district: 'chandauli',
      days: 7,
    });
    const claims = verifyLinkToken(mintToken(options as never, KEYRING, NOW), KEYRING, NOW, {
      purpose: 'feedback-desk',
    });
    expect(claims).toMatchObject({ officerId: 'cmo-call-17', districtCode: 'chandauli' });
    expect(claims.expiresAt - claims.issuedAt).toBe(7 * 86_400);
    const state = parseArguments(['feedback-desk', '--operator', 'cmo-call-17']);
    const stateClaims = verifyLinkToken(mintToken(state as never, KEYRING, NOW), KEYRING, NOW, {
      purpose: 'feedback-desk',
    });
    expect(stateClaims.districtCode).toBeUndefined();
    expect(stateClaims.expiresAt - stateClaims.issuedAt).toBe(30 * 86_400);
  });

  it('refuses a desk without its operator or district, bad days, and unknown purposes', () => {
    expect(parseArguments(['feedback-desk'])).toMatch(/needs --operator/);
    expect(parseArguments(['district-cell'])).toMatch(/needs --district/);
    expect(parseArguments(['feedback-desk', '--operator', 'x y'])).toMatch(/--operator must be/);
    expect(parseArguments(['feedback-desk', '--operator', 'op1', '--days', '365'])).toMatch(/--days/);
    expect(parseArguments(['reference', '--operator', 'op1'])).toBe(HELP);
    expect(parseArguments(['feedback-desk', '--operator', 'op1', '--secret-id', 'arn'])).toMatch(
      /go together/,
    );
  });
});

const station = (code: string): Station => ({
  code,
  districtCode: 'chandauli',
  name: { en: code, hi: code },
  kind: 'police-station',
  pinCodes: [],
  localities: [],
  demo: false,
});

describe("the district cell's station suggestions", () => {
  const lookups = {
    stationsForPin: async (pin: string) =>
      pin === '232101'
        ? [
            { stationCode: 'chandauli-mughalsarai', districtCode: 'chandauli' },
            { stationCode: 'chandauli-alinagar', districtCode: 'chandauli' },
            { stationCode: 'varanasi-x', districtCode: 'varanasi' },
          ]
        : [],
    stationsForLocality: async (_district: string, locality: string) =>
      locality === 'jalilpur' ? ['chandauli-alinagar', 'chandauli-gone'] : [],
    boundaries: async () => [],
  };
  const stations = ['chandauli-mughalsarai', 'chandauli-alinagar', 'chandauli-chakia'].map(station);

  it('puts the stations more clues agree on first, and never another district’s or a deleted one', async () => {
    const found = await suggestStations(
      {
        districtCode: 'chandauli',
        location: { districtCode: 'chandauli', pinCode: '232101', locality: 'jalilpur' },
      },
      lookups,
      stations,
    );
    expect(found).toEqual([
      { stationCode: 'chandauli-alinagar', basis: ['pin-code', 'locality'] },
      { stationCode: 'chandauli-mughalsarai', basis: ['pin-code'] },
    ]);
  });

  it('suggests nothing when the place points nowhere', async () => {
    expect(
      await suggestStations(
        { districtCode: 'chandauli', location: { districtCode: 'chandauli', pinCode: '110001' } },
        lookups,
        stations,
      ),
    ).toEqual([]);
  });
});

describe('excerpts', () => {
  it('keeps short text, and cuts long text at a word with an ellipsis', () => {
    expect(excerpt('  A  short\ntext ')).toBe('A short text');
    const long = 'मेरी मोटरसाइकिल घर के सामने से चोरी हो गई है '.repeat(10);
    const cut = excerpt(long, 60);
    expect(cut.length).toBeLessThanOrEqual(61);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });
});
