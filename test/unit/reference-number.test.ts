import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkReferenceNumber,
  formatReferenceNumber,
  newReferenceNumber,
} from '../../shared/domain/reference/reference-number.ts';
import { isVerhoeffValid, verhoeffCheckDigit } from '../../shared/domain/reference/verhoeff.ts';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

describe('Verhoeff check digit', () => {
  it('matches published examples', () => {
    expect(verhoeffCheckDigit('236')).toBe(3);
    expect(isVerhoeffValid('2363')).toBe(true);
    expect(verhoeffCheckDigit('12345')).toBe(1);
    expect(isVerhoeffValid('123451')).toBe(true);
  });

  it('catches every single-digit error', () => {
    fc.assert(
      fc.property(digits(10), fc.nat(10), fc.integer({ min: 1, max: 9 }), (body, position, delta) => {
        const number = `${body}${verhoeffCheckDigit(body)}`.split('');
        number[position] = String((Number(number[position]) + delta) % 10);
        expect(isVerhoeffValid(number.join(''))).toBe(false);
      }),
    );
  });

  it('catches every swap of two different adjacent digits', () => {
    fc.assert(
      fc.property(digits(10), fc.nat(9), (body, position) => {
        const number = `${body}${verhoeffCheckDigit(body)}`.split('');
        fc.pre(number[position] !== number[position + 1]);
        [number[position], number[position + 1]] = [number[position + 1]!, number[position]!];
        expect(isVerhoeffValid(number.join(''))).toBe(false);
      }),
    );
  });
});

describe('reference numbers', () => {
  it('are 11 digits, never start with 0 and carry a valid check digit', () => {
    fc.assert(
      fc.property(digits(10), (random) => {
        const number = newReferenceNumber(() => random);
        expect(number).toMatch(/^[1-9]\d{10}$/);
        expect(checkReferenceNumber(number)).toEqual({ ok: true, value: number });
      }),
    );
  });

  it('accept the spaces and dashes people type', () => {
    const number = newReferenceNumber(() => '4001572301');
    expect(checkReferenceNumber(formatReferenceNumber(number))).toEqual({ ok: true, value: number });
    expect(checkReferenceNumber(`${number.slice(0, 4)}-${number.slice(4)}`).ok).toBe(true);
  });

  it('tell a wrong length from a wrong check digit', () => {
    expect(checkReferenceNumber('12345')).toEqual({ ok: false, problem: 'format' });
    const number = newReferenceNumber(() => '4001572301');
    const wrong = `${number.slice(0, 10)}${(Number(number[10]) + 1) % 10}`;
    expect(checkReferenceNumber(wrong)).toEqual({ ok: false, problem: 'check-digit' });
  });
});
