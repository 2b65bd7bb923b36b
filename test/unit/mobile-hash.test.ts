import { describe, expect, it } from 'vitest';
import {
  allMobileHashes,
  keyedMobileHash,
  legacyMobileHash,
  mobileHashes,
  parseMobileHashKeyring,
} from '../../shared/domain/reference/mobile-hash.ts';

const MOBILE = '+919876543210';
const KEY_A = 'a-secret-key-of-at-least-16-bytes';
const KEY_B = 'another-secret-key-of-16-bytes+';

describe('keyed mobile hash', () => {
  it('depends on the key: another key gives another hash, the same key the same one', () => {
    expect(keyedMobileHash(MOBILE, '1', KEY_A)).toBe(keyedMobileHash(MOBILE, '1', KEY_A));
    expect(keyedMobileHash(MOBILE, '1', KEY_A)).not.toBe(keyedMobileHash(MOBILE, '1', KEY_B));
    expect(keyedMobileHash(MOBILE, '1', KEY_A)).not.toBe(keyedMobileHash('+919876543211', '1', KEY_A));
  });

  it('is not the unkeyed SHA-256 anyone can compute, and names its key', () => {
    const hash = keyedMobileHash(MOBILE, '1', KEY_A);
    expect(hash).toMatch(/^1\.[0-9a-f]{32}$/);
    expect(hash.slice(2)).not.toBe(legacyMobileHash(MOBILE));
  });

  it('reads a plain secret as key 1, still reading the legacy hash', () => {
    const ring = parseMobileHashKeyring(KEY_A);
    expect(mobileHashes(MOBILE, ring)).toEqual({
      current: keyedMobileHash(MOBILE, '1', KEY_A),
      older: [legacyMobileHash(MOBILE)],
    });
  });

  it('after a rotation writes under the new key and still reads the old key and the legacy hash', () => {
    const before = mobileHashes(MOBILE, parseMobileHashKeyring(KEY_A));
    const after = mobileHashes(
      MOBILE,
      parseMobileHashKeyring(JSON.stringify({ current: '2', keys: { 1: KEY_A, 2: KEY_B } })),
    );
    expect(after.current).toBe(keyedMobileHash(MOBILE, '2', KEY_B));
    expect(after.current).not.toBe(before.current);
    // Everything written before the rotation is still under one of the hashes read after it.
    for (const hash of allMobileHashes(before)) expect(allMobileHashes(after)).toContain(hash);
  });

  it('stops reading the legacy hash once the ring says so', () => {
    const ring = parseMobileHashKeyring(JSON.stringify({ current: '2', keys: { 2: KEY_B }, legacy: false }));
    expect(allMobileHashes(mobileHashes(MOBILE, ring))).toEqual([keyedMobileHash(MOBILE, '2', KEY_B)]);
  });

  it('refuses rings that could not hash safely', () => {
    expect(() => parseMobileHashKeyring('short')).toThrow();
    expect(() => parseMobileHashKeyring(JSON.stringify({ current: '3', keys: { 1: KEY_A } }))).toThrow();
    expect(() => parseMobileHashKeyring(JSON.stringify({ current: '0', keys: { 0: KEY_A } }))).toThrow(
      /legacy/,
    );
    expect(() => parseMobileHashKeyring('{not json')).toThrow(/not valid JSON/);
  });
});
