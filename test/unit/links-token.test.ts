import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LinkError,
  LinkExpiredError,
  LinkMalformedError,
  LinkScopeError,
  LinkSignatureError,
} from '../../shared/domain/links/errors.ts';
import { type LinkKeyring, parseKeyring } from '../../shared/domain/links/keyring.ts';
import {
  assertLinkScope,
  epochSeconds,
  LINK_PURPOSES,
  type LinkClaimsInput,
  signLinkToken,
  tryVerifyLinkToken,
  verifyLinkToken,
} from '../../shared/domain/links/token.ts';

const NOW = new Date('2026-11-28T12:30:00Z');
const NOW_S = epochSeconds(NOW);
const WEEK = 7 * 86_400;
const K1 = 'local-key-one-0123456789abcdefghij';
const K2 = Buffer.from('f3a1c2d4e5f60718293a4b5c6d7e8f90', 'hex');
const ring: LinkKeyring = { current: 'k1', keys: { k1: K1 } };

const referenceLink: LinkClaimsInput<'reference'> = {
  purpose: 'reference',
  referenceNo: '40015723012',
  stationCode: 'chandauli-sakaldiha',
  expiresAt: NOW_S + 30 * 86_400,
};

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('signed link tokens', () => {
  it('round-trips the claims and stays short and URL-safe', () => {
    const token = signLinkToken(referenceLink, ring, NOW);
    expect(token).toMatch(/^k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(encodeURIComponent(token)).toBe(token);
    // 137 characters for an 11-digit reference, a 19-character station code and 30 days.
    expect(token.length).toBeLessThanOrEqual(140);
    const claims = verifyLinkToken(token, ring, NOW, {
      purpose: 'reference',
      referenceNo: '40015723012',
      stationCode: 'chandauli-sakaldiha',
    });
    expect(claims).toEqual({ ...referenceLink, issuedAt: NOW_S });
  });

  it('carries every optional claim', () => {
    const full = {
      purpose: 'feedback' as const,
      referenceNo: '40015723012',
      officerId: 'co-sakaldiha',
      version: 7,
      nonce: 'AbCdEfGhIjKlMnOp',
      issuedAt: NOW_S - 60,
      expiresAt: NOW_S + WEEK,
    };
    expect(verifyLinkToken(signLinkToken(full, ring, NOW), ring, NOW, { purpose: 'feedback' })).toEqual(full);
  });

  it('has unique wire codes for its purposes', () => {
    const codes = Object.values(LINK_PURPOSES);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('refuses to sign nonsense', () => {
    expect(() => signLinkToken({ ...referenceLink, expiresAt: NOW_S }, ring, NOW)).toThrow(/expire/);
    expect(() => signLinkToken({ purpose: 'reference', expiresAt: NOW_S + 60 }, ring, NOW)).toThrow(
      /referenceNo/,
    );
    expect(() => signLinkToken({ ...referenceLink, stationCode: '' }, ring, NOW)).toThrow(/stationCode/);
    expect(() => signLinkToken(referenceLink, { current: 'k9', keys: { k1: K1 } }, NOW)).toThrow(/k9/);
    expect(() => signLinkToken(referenceLink, { current: 'k1', keys: { k1: 'short' } }, NOW)).toThrow(
      /shorter/,
    );
  });

  it('is valid up to the second before expiresAt, and refused from that second on', () => {
    const token = signLinkToken({ ...referenceLink, expiresAt: NOW_S + 60 }, ring, NOW);
    const at = (seconds: number) => new Date((NOW_S + seconds) * 1000);
    expect(
      verifyLinkToken(token, ring, new Date(at(60).getTime() - 1), { purpose: 'reference' }).expiresAt,
    ).toBe(NOW_S + 60);
    const error = refusal(() => verifyLinkToken(token, ring, at(60), { purpose: 'reference' }));
    expect(error).toBeInstanceOf(LinkExpiredError);
    expect((error as LinkExpiredError).expiredAt).toEqual(at(60));
  });

  it('refuses a link of another purpose', () => {
    const token = signLinkToken(referenceLink, ring, NOW);
    const error = refusal(() => verifyLinkToken(token, ring, NOW, { purpose: 'supervisor-review' }));
    expect(error).toBeInstanceOf(LinkScopeError);
    expect((error as LinkScopeError).field).toBe('purpose');
    expect(verifyLinkToken(token, ring, NOW, { purpose: ['supervisor-review', 'reference'] }).purpose).toBe(
      'reference',
    );
  });

  it("refuses another station's, district's or reference's link", () => {
    const token = signLinkToken(referenceLink, ring, NOW);
    for (const [field, value] of [
      ['stationCode', 'chandauli-chakia'],
      ['districtCode', 'varanasi'],
      ['referenceNo', '40015723013'],
      ['officerId', 'sho-chakia'],
    ] as const) {
      const error = refusal(() =>
        verifyLinkToken(token, ring, NOW, { purpose: 'reference', [field]: value }),
      );
      expect(error).toBeInstanceOf(LinkScopeError);
      expect((error as LinkScopeError).field).toBe(field);
    }
  });

  it('checks a named scope field even when the expected value is undefined (an unassigned reference)', () => {
    const token = signLinkToken(referenceLink, ring, NOW);
    const claims = verifyLinkToken(token, ring, NOW, { purpose: 'reference' });
    expect(() => assertLinkScope(claims, { stationCode: undefined })).toThrow(LinkScopeError);
    expect(() => assertLinkScope(claims, { stationCode: 'chandauli-sakaldiha' })).not.toThrow();
  });

  it('never accepts a token with any one character changed', () => {
    const token = signLinkToken({ ...referenceLink, nonce: 'n0nce-n0nce-n0nc', version: 3 }, ring, NOW);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/% é';
    fc.assert(
      fc.property(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...alphabet.split('')),
        (index, replacement) => {
          fc.pre(token[index] !== replacement);
          const altered = token.slice(0, index) + replacement + token.slice(index + 1);
          const error = refusal(() => verifyLinkToken(altered, ring, NOW, { purpose: 'reference' }));
          expect(error instanceof LinkSignatureError || error instanceof LinkMalformedError).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('checks every position and every base64url character exhaustively', () => {
    const token = signLinkToken(referenceLink, ring, NOW);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    for (let index = 0; index < token.length; index++) {
      for (const replacement of alphabet) {
        if (token[index] === replacement) continue;
        const altered = token.slice(0, index) + replacement + token.slice(index + 1);
        const result = tryVerifyLinkToken(altered, ring, NOW, { purpose: 'reference' });
        expect(result.ok).toBe(false);
      }
    }
  });

  it('never accepts a truncated or extended token', () => {
    const token = signLinkToken(referenceLink, ring, NOW);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), (length) => {
        const error = refusal(() =>
          verifyLinkToken(token.slice(0, length), ring, NOW, { purpose: 'reference' }),
        );
        expect(error instanceof LinkSignatureError || error instanceof LinkMalformedError).toBe(true);
      }),
    );
    for (const suffix of ['A', '=', '.', '.x', '%00']) {
      expect(tryVerifyLinkToken(token + suffix, ring, NOW, { purpose: 'reference' }).ok).toBe(false);
    }
  });

  it('refuses arbitrary strings without throwing anything but a LinkError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        expect(refusal(() => verifyLinkToken(text, ring, NOW, { purpose: 'reference' }))).toBeInstanceOf(
          LinkError,
        );
      }),
    );
    expect(
      refusal(() => verifyLinkToken(`k1.e30.${'A'.repeat(2000)}`, ring, NOW, { purpose: 'reference' })),
    ).toBeInstanceOf(LinkMalformedError);
  });

  it('refuses a payload swapped between two genuine tokens', () => {
    const mine = signLinkToken(referenceLink, ring, NOW).split('.');
    const theirs = signLinkToken({ ...referenceLink, stationCode: 'chandauli-chakia' }, ring, NOW).split('.');
    const forged = [mine[0], theirs[1], mine[2]].join('.');
    expect(refusal(() => verifyLinkToken(forged, ring, NOW, { purpose: 'reference' }))).toBeInstanceOf(
      LinkSignatureError,
    );
  });

  it('rotates keys: signs with the current key, verifies with any key still in the ring', () => {
    const old = signLinkToken(referenceLink, ring, NOW);
    const rotated: LinkKeyring = { current: 'k2', keys: { k1: K1, k2: K2 } };
    const fresh = signLinkToken(referenceLink, rotated, NOW);
    expect(fresh.startsWith('k2.')).toBe(true);
    expect(verifyLinkToken(old, rotated, NOW, { purpose: 'reference' }).referenceNo).toBe('40015723012');
    expect(verifyLinkToken(fresh, rotated, NOW, { purpose: 'reference' }).referenceNo).toBe('40015723012');

    const retired: LinkKeyring = { current: 'k2', keys: { k2: K2 } };
    expect(refusal(() => verifyLinkToken(old, retired, NOW, { purpose: 'reference' }))).toBeInstanceOf(
      LinkSignatureError,
    );
    // The same kid with another key (a replaced secret) is refused as well.
    const replaced: LinkKeyring = { current: 'k1', keys: { k1: 'another-key-entirely-0123456789' } };
    expect(refusal(() => verifyLinkToken(old, replaced, NOW, { purpose: 'reference' }))).toBeInstanceOf(
      LinkSignatureError,
    );
  });

  it('gives refusals a name and a page text in both languages', () => {
    const token = signLinkToken(referenceLink, ring, NOW);
    const result = tryVerifyLinkToken(`${token.slice(0, -2)}AA`, ring, NOW, { purpose: 'reference' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.name).toBe('LinkSignatureError');
    expect(result.error.refusal).toBe('altered');
    expect(result.error.title.hi).toMatch(/[\u0900-\u097F]/);
    expect(result.error.detail.en).toContain('Nothing was changed');
    expect(result.error.message).toBe(result.error.detail.en);
  });
});

describe('link keyring secret', () => {
  it('reads a plain string as one key k1', () => {
    expect(parseKeyring(' plain-secret-of-enough-length \n')).toEqual({
      current: 'k1',
      keys: { k1: 'plain-secret-of-enough-length' },
    });
  });

  it('reads a JSON keyring', () => {
    const keyring = parseKeyring(JSON.stringify({ current: 'k2', keys: { k1: K1, k2: `${K1}-2` } }));
    expect(keyring.current).toBe('k2');
    expect(Object.keys(keyring.keys)).toEqual(['k1', 'k2']);
  });

  it('refuses broken keyrings without quoting the secret', () => {
    expect(() => parseKeyring(JSON.stringify({ current: 'k3', keys: { k1: K1 } }))).toThrow(/k3/);
    expect(() => parseKeyring(JSON.stringify({ current: 'k.1', keys: { 'k.1': K1 } }))).toThrow(/key id/);
    expect(() => parseKeyring(JSON.stringify({ current: 'k1', keys: { k1: 42 } }))).toThrow(/not a string/);
    expect(() => parseKeyring('short')).toThrow(/shorter/);
    const broken = refusal(() => parseKeyring(`{"current":"k1","keys":{"k1":"${K1}"`));
    expect(String(broken)).not.toContain(K1);
  });
});
