import { describe, expect, it } from 'vitest';
import type { Reference } from '../../shared/domain/reference/types.ts';
import {
  DEFAULT_DUPLICATE_SETTINGS,
  findPossibleDuplicate,
} from '../../shared/domain/routing/possible-duplicate.ts';
import { aReference } from './ranking-fixtures.ts';

const TEXT = 'My motorcycle was stolen from outside my house during the night; the lock was broken.';

/** A complaint about the same theft, naming `named` (or no station) and routed to `assigned`. */
function complaint(no: string, createdAt: string, named: string | undefined, assigned: string): Reference {
  const reference = aReference({ no, district: 'chandauli', station: assigned, createdAt });
  return {
    ...reference,
    description: TEXT,
    location: { districtCode: 'chandauli', ...(named ? { stationCode: named } : {}) },
  };
}

const lookupOf = (earlier: Reference[]) => ({ recentByMobile: async () => earlier });

describe('possible duplicates', () => {
  const at = '2026-11-20T05:00:00.000Z';
  const later = '2026-11-21T05:00:00.000Z';

  it('links the same complaint naming the same station', async () => {
    const earlier = complaint('E1', at, 'chandauli-sakaldiha', 'chandauli-sakaldiha');
    const again = complaint('N1', later, 'chandauli-sakaldiha', 'chandauli-sakaldiha');
    expect(await findPossibleDuplicate(again, ['h'], lookupOf([earlier]), DEFAULT_DUPLICATE_SETTINGS)).toBe(
      'E1',
    );
  });

  it('does not link complaints that name different stations', async () => {
    const earlier = complaint('E2', at, 'chandauli-balua', 'chandauli-balua');
    const again = complaint('N2', later, 'chandauli-sakaldiha', 'chandauli-sakaldiha');
    expect(
      await findPossibleDuplicate(again, ['h'], lookupOf([earlier]), DEFAULT_DUPLICATE_SETTINGS),
    ).toBeUndefined();
  });

  it('compares the stations the complainants named, not the one routing assigned', async () => {
    // The earlier one named Sakaldiha and was transferred to Balua; the new one names Sakaldiha again.
    const transferred = complaint('E3', at, 'chandauli-sakaldiha', 'chandauli-balua');
    const again = complaint('N3', later, 'chandauli-sakaldiha', 'chandauli-sakaldiha');
    expect(
      await findPossibleDuplicate(again, ['h'], lookupOf([transferred]), DEFAULT_DUPLICATE_SETTINGS),
    ).toBe('E3');
    // An earlier one that named no station (routed by PIN code) is compared on the rest.
    const unnamed = complaint('E4', at, undefined, 'chandauli-balua');
    const named = complaint('N4', later, 'chandauli-sakaldiha', 'chandauli-sakaldiha');
    expect(await findPossibleDuplicate(named, ['h'], lookupOf([unnamed]), DEFAULT_DUPLICATE_SETTINGS)).toBe(
      'E4',
    );
  });
});
