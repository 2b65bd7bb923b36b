import { describe, expect, it } from 'vitest';
import { deadlineFrom } from '../../shared/domain/reference/deadline.ts';
import {
  addIstDays,
  formatIst,
  istDate,
  istDayStart,
  istMonth,
  istMonthRange,
  nextIstMonthStart,
} from '../../shared/domain/time/ist.ts';

describe('Indian Standard Time', () => {
  it('puts 23:59 IST on the 31st in that month, and 00:00 IST on the 1st in the next', () => {
    expect(istMonth(new Date('2026-10-31T18:29:59Z'))).toBe('2026-10');
    expect(istMonth(new Date('2026-10-31T18:30:00Z'))).toBe('2026-11');
  });

  it('gives deadlines at the end of the IST day, whatever the hour of filing', () => {
    expect(deadlineFrom(new Date('2026-11-28T00:10:00Z'), 15).toISOString()).toBe('2026-12-13T18:29:59.999Z');
    // 23:00 IST on the 28th is still the 28th.
    expect(deadlineFrom(new Date('2026-11-28T17:30:00Z'), 15).toISOString()).toBe('2026-12-13T18:29:59.999Z');
    // 00:30 IST on the 29th is the 29th.
    expect(deadlineFrom(new Date('2026-11-28T19:00:00Z'), 15).toISOString()).toBe('2026-12-14T18:29:59.999Z');
  });

  it('reads years before 100 as themselves (Date.UTC would make 0050 into 1950)', () => {
    expect(istDayStart('0050-03-01').toISOString()).toBe('0050-02-28T18:30:00.000Z');
    expect(addIstDays('0001-01-02', -1)).toBe('0001-01-01');
    expect(istDate(new Date('0999-12-31T12:00:00Z'))).toBe('0999-12-31');
  });

  it('rolls over years', () => {
    expect(deadlineFrom(new Date('2026-12-25T06:00:00Z'), 30).toISOString()).toBe('2027-01-24T18:29:59.999Z');
    expect(nextIstMonthStart(new Date('2026-12-15T00:00:00Z')).toISOString()).toBe(
      '2026-12-31T18:30:00.000Z',
    );
  });

  it('gives month ranges in UTC', () => {
    expect(istMonthRange('2026-02')).toEqual({
      start: new Date('2026-01-31T18:30:00Z'),
      end: new Date('2026-02-28T18:30:00Z'),
    });
    expect(istDate(new Date('2026-02-28T18:29:59Z'))).toBe('2026-02-28');
  });

  it('formats for people in Hindi and English', () => {
    const instant = new Date('2026-11-28T12:35:00Z');
    expect(formatIst(instant, 'en')).toBe('28 Nov 2026, 18:05 IST');
    expect(formatIst(instant, 'hi')).toMatch(/^28 .+ 2026, 18:05 IST$/);
  });
});
