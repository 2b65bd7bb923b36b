import { describe, expect, it } from 'vitest';
import {
  bucketStart,
  currentAllowance,
  secondsUntilAllowed,
} from '../../shared/domain/intake/attempt-window.ts';
import type { LinkKeyring } from '../../shared/domain/links/keyring.ts';
import { signStatusToken, verifyStatusToken } from '../../shared/domain/links/status-token.ts';
import { signLinkToken } from '../../shared/domain/links/token.ts';
import { feedbackOpen, statusLinkRefusal } from '../../shared/domain/reference/status-link.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { clientAddressKey } from '../../shared/triggers/http/client-address.ts';

const KEYRING: LinkKeyring = { current: 'k1', keys: { k1: 'a-test-key-of-enough-length' } };
const ROTATED: LinkKeyring = {
  current: 'k2',
  keys: { k1: KEYRING.keys.k1!, k2: 'another-test-key-of-length' },
};
const REF = '52718930468';

describe('status link tokens', () => {
  it('fit an SMS: at most 40 characters, URL-safe', () => {
    const token = signStatusToken({ referenceNo: REF, version: 12 }, KEYRING);
    expect(token.length).toBeLessThanOrEqual(40);
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(verifyStatusToken(token, KEYRING)).toEqual({ referenceNo: REF, version: 12 });
  });

  it('are the same every time for one reference and version, so a resent SMS says the same', () => {
    expect(signStatusToken({ referenceNo: REF, version: 0 }, KEYRING)).toBe(
      signStatusToken({ referenceNo: REF, version: 0 }, KEYRING),
    );
  });

  it('refuse any change: another number, another version, another tag, another spelling', () => {
    const token = signStatusToken({ referenceNo: REF, version: 1 }, KEYRING);
    const [kid, no, version, tag] = token.split('.') as [string, string, string, string];
    for (const altered of [
      `${kid}.${no.replace(/.$/, (d) => String((Number(d) + 1) % 10))}.${version}.${tag}`,
      `${kid}.${no}.2.${tag}`,
      `${kid}.${no}.01.${tag}`,
      `${kid}.${no}.${version}.${tag.slice(0, -1)}${tag.endsWith('A') ? 'B' : 'A'}`,
      `k9.${no}.${version}.${tag}`,
      token.slice(0, -1),
      `${token}.`,
      '',
      'x'.repeat(5000),
    ]) {
      expect(verifyStatusToken(altered, KEYRING), altered.slice(0, 50)).toBeUndefined();
    }
  });

  it('are signed under a key of their own: an officer link or form token never verifies as one', () => {
    const officer = signLinkToken(
      { purpose: 'reference', referenceNo: REF, expiresAt: 4_000_000_000 },
      KEYRING,
      new Date(),
    );
    expect(verifyStatusToken(officer, KEYRING)).toBeUndefined();
  });

  it('keep opening after a key rotation while the old key stays in the ring', () => {
    const old = signStatusToken({ referenceNo: REF, version: 0 }, KEYRING);
    expect(verifyStatusToken(old, ROTATED)).toEqual({ referenceNo: REF, version: 0 });
    expect(signStatusToken({ referenceNo: REF, version: 0 }, ROTATED)).toMatch(/^k2\./);
  });
});

const disposedAt = '2026-11-01T10:00:00.000Z';
const reference = (over: Partial<Reference>): Reference =>
  ({
    status: 'resolved',
    disposal: { disposedAt, kind: 'resolved', outcome: 'resolved', grade: 'A', remark: '', late: false },
    disposalCount: 1,
    ...over,
  }) as Reference;

describe('whether a status link still opens', () => {
  const day = (n: number) => new Date(Date.parse(disposedAt) + n * 86_400_000);

  it('opens only its latest version: a newer one revokes it', () => {
    const open = reference({ status: 'assigned', disposal: undefined });
    expect(statusLinkRefusal(open, { referenceNo: REF, version: 0 }, day(0), 180)).toBeUndefined();
    const bumped = { ...open, statusLinkVersion: 1 };
    expect(statusLinkRefusal(bumped, { referenceNo: REF, version: 0 }, day(0), 180)).toBe('revoked');
    expect(statusLinkRefusal(bumped, { referenceNo: REF, version: 1 }, day(0), 180)).toBeUndefined();
  });

  it('expires a set time after disposal, never while the reference is open', () => {
    const disposed = reference({});
    expect(statusLinkRefusal(disposed, { referenceNo: REF, version: 0 }, day(179), 180)).toBeUndefined();
    expect(statusLinkRefusal(disposed, { referenceNo: REF, version: 0 }, day(180), 180)).toBe('expired');
    const reopened = reference({ status: 'reopened' });
    expect(statusLinkRefusal(reopened, { referenceNo: REF, version: 0 }, day(400), 180)).toBeUndefined();
  });

  it('offers feedback only on an unanswered disposal within the window', () => {
    expect(feedbackOpen(reference({}), day(6), 7)).toBe(true);
    expect(feedbackOpen(reference({}), day(8), 7)).toBe(false);
    const answered = reference({ feedback: { at: disposedAt, satisfied: true, disposalNumber: 1 } });
    expect(feedbackOpen(answered, day(1), 7)).toBe(false);
    expect(feedbackOpen(reference({ status: 'assigned' }), day(1), 7)).toBe(false);
  });
});

describe('the sliding window of failed attempts', () => {
  const window = { seconds: 3600, ceiling: 10 };
  const at = (secondsIntoBucket: number) =>
    new Date((1_800_000_000 - (1_800_000_000 % 3600) + secondsIntoBucket) * 1000);

  it('weighs the previous bucket by how much of it is still inside the window', () => {
    expect(bucketStart(at(1800), window)).toBe(bucketStart(at(0), window));
    expect(currentAllowance(0, at(1800), window)).toBe(10);
    expect(currentAllowance(10, at(0), window)).toBe(0);
    expect(currentAllowance(10, at(1800), window)).toBe(5);
    expect(currentAllowance(10, at(3599), window)).toBeCloseTo(10, 1);
  });

  it('says how long to wait until the next attempt fits', () => {
    // Full previous bucket at the start of this one: about half an hour until one slot is free.
    expect(secondsUntilAllowed({ previous: 10, current: 0 }, at(0), window)).toBe(360);
    // Current bucket full: past its end, until enough of it has slid out.
    expect(secondsUntilAllowed({ previous: 0, current: 10 }, at(1800), window)).toBe(1800 + 360);
    expect(secondsUntilAllowed({ previous: 0, current: 0 }, at(10), window)).toBe(1);
  });
});

describe('client addresses', () => {
  it('count IPv4 as it is, IPv6 by its /64, and mapped IPv4 as IPv4', () => {
    expect(clientAddressKey('198.51.100.23')).toBe('198.51.100.23');
    expect(clientAddressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8:1:2:bbbb::9')).toBe(clientAddressKey('2001:db8:1:2:aaaa::1'));
    expect(clientAddressKey('::ffff:198.51.100.23')).toBe('198.51.100.23');
    expect(clientAddressKey('not an address')).toBe('unknown');
  });
});
