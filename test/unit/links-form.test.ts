import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkFormError, LinkUsedError } from '../../shared/domain/links/errors.ts';
import { FORM_TOKEN_FIELD, formToken, verifyFormToken } from '../../shared/domain/links/form-token.ts';
import type { LinkKeyring } from '../../shared/domain/links/keyring.ts';
import type { LinkUseLedger } from '../../shared/domain/links/ports.ts';
import { assertLinkUnused, newLinkNonce, useLinkOnce } from '../../shared/domain/links/single-use.ts';
import { epochSeconds, signLinkToken, verifyLinkToken } from '../../shared/domain/links/token.ts';

const NOW = new Date('2026-11-28T12:30:00Z');
const ring: LinkKeyring = { current: 'k1', keys: { k1: 'local-key-one-0123456789abcdefghij' } };
const link = (stationCode: string, nonce?: string) =>
  signLinkToken(
    {
      purpose: 'report-form',
      referenceNo: '40015723012',
      stationCode,
      expiresAt: epochSeconds(NOW) + 86_400,
      ...(nonce ? { nonce } : {}),
    },
    ring,
    NOW,
  );

describe('form tokens', () => {
  it('accepts the token served with the same link', () => {
    const token = link('chandauli-sakaldiha');
    const form = formToken(token, ring);
    expect(form).toMatch(/^k1\.[A-Za-z0-9_-]{22}$/);
    expect(() => verifyFormToken(form, token, ring)).not.toThrow();
    expect(FORM_TOKEN_FIELD).toBe('formToken');
  });

  it('refuses a form token of another link, a missing one, or one changed in any character', () => {
    const token = link('chandauli-sakaldiha');
    const form = formToken(token, ring);
    expect(() => verifyFormToken(formToken(link('chandauli-chakia'), ring), token, ring)).toThrow(
      LinkFormError,
    );
    expect(() => verifyFormToken(undefined, token, ring)).toThrow(LinkFormError);
    expect(() => verifyFormToken('', token, ring)).toThrow(LinkFormError);
    expect(() => verifyFormToken(token, token, ring)).toThrow(LinkFormError);
    fc.assert(
      fc.property(
        fc.nat({ max: form.length - 1 }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'.split('')),
        (index, replacement) => {
          fc.pre(form[index] !== replacement);
          const altered = form.slice(0, index) + replacement + form.slice(index + 1);
          expect(() => verifyFormToken(altered, token, ring)).toThrow(LinkFormError);
        },
      ),
    );
  });

  it('is not a link token: the two keys are separate', () => {
    const token = link('chandauli-sakaldiha');
    const [kid, tag] = formToken(token, ring).split('.');
    expect(() =>
      verifyLinkToken(`${kid}.${token.split('.')[1]}.${tag}`, ring, NOW, { purpose: 'report-form' }),
    ).toThrow();
  });

  it('survives key rotation while the old key is in the ring', () => {
    const token = link('chandauli-sakaldiha');
    const form = formToken(token, ring);
    const rotated: LinkKeyring = {
      current: 'k2',
      keys: { ...ring.keys, k2: 'local-key-two-0123456789abcdefghij' },
    };
    expect(() => verifyFormToken(form, token, rotated)).not.toThrow();
    expect(() => verifyFormToken(form, token, { current: 'k2', keys: { k2: rotated.keys.k2! } })).toThrow(
      LinkFormError,
    );
  });
});

class MemoryLedger implements LinkUseLedger {
  readonly spent = new Map<string, number>();
  async consume(nonce: string, expiresAt: number) {
    if (this.spent.has(nonce)) return false;
    this.spent.set(nonce, expiresAt);
    return true;
  }
  async wasUsed(nonce: string) {
    return this.spent.has(nonce);
  }
}

describe('single-use links', () => {
  it('are spent once; reusable links are never spent', async () => {
    const ledger = new MemoryLedger();
    const nonce = newLinkNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const claims = verifyLinkToken(link('chandauli-sakaldiha', nonce), ring, NOW, { purpose: 'report-form' });
    await expect(assertLinkUnused(claims, ledger)).resolves.toBeUndefined();
    await expect(useLinkOnce(claims, ledger)).resolves.toBeUndefined();
    await expect(useLinkOnce(claims, ledger)).rejects.toBeInstanceOf(LinkUsedError);
    await expect(assertLinkUnused(claims, ledger)).rejects.toBeInstanceOf(LinkUsedError);
    expect(ledger.spent.get(nonce)).toBe(claims.expiresAt);

    const reusable = verifyLinkToken(link('chandauli-sakaldiha'), ring, NOW, { purpose: 'report-form' });
    await useLinkOnce(reusable, ledger);
    await useLinkOnce(reusable, ledger);
    expect(ledger.spent.size).toBe(1);
  });

  it('draws distinct nonces', () => {
    expect(new Set(Array.from({ length: 1000 }, newLinkNonce)).size).toBe(1000);
  });
});
