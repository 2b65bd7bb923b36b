import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldsOf, urlEncodedPairs } from '../../shared/triggers/http/form.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';

describe('urlencoded forms, read strictly', () => {
  it('reads every well-formed form as URLSearchParams does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }))),
        (pairs) => {
          const text = new URLSearchParams(pairs).toString();
          expect(urlEncodedPairs(text)).toEqual([...new URLSearchParams(text)]);
        },
      ),
    );
  });

  it('keeps a % that starts no escape as typed, and a leading BOM, as URLSearchParams does', () => {
    for (const text of ['a=%ZZ', 'a=100%', 'a=%2', 'b=%EF%BB%BFx', 'c=a+b%2Bc', '&&d&e=']) {
      expect(urlEncodedPairs(text), text).toEqual([...new URLSearchParams(text)]);
    }
  });

  it.each([
    ['an overlong encoding', 'address=%C0%AF'],
    ['a lone lead byte', 'address=abc%E0%A4def'],
    ['an encoded surrogate', 'name=%ED%A0%80'],
    ['a stray continuation byte', 'x=%80'],
    ['a broken name', '%FF=1'],
  ])('refuses %s with a 400 invalid-form-encoding', (_, text) => {
    const error = (() => {
      try {
        urlEncodedPairs(text);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(HttpProblem);
    expect(error).toMatchObject({ status: 400, code: 'invalid-form-encoding' });
  });

  it('gives fields without a prototype, the last of a repeated name winning', () => {
    const fields = fieldsOf('a=1&a=2&__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(Object.entries(fields)).toEqual([
      ['a', '2'],
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
  });
});
