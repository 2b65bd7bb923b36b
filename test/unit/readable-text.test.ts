import { describe, expect, it } from 'vitest';
import { readableTextProblem } from '../../shared/domain/text.ts';

const code = (text: string) => readableTextProblem(text)?.code;

describe('the readable-text rule', () => {
  it.each([
    ['Sunita Devi'],
    ['सुनीता देवी'],
    ['क्\u200Dष'], // ZWJ half form
    ['न्\u200Cह'], // ZWNJ
    ['👨\u200D👩\u200D👧 family'],
    ['❤\uFE0F thanks'],
    ['line one\nline two\ttabbed'],
    ['<script>alert(1)</script>'],
  ])('keeps %j', (text) => {
    expect(readableTextProblem(text)).toBeUndefined();
  });

  it.each([
    ['\u200B\u200B', 'hidden-characters'],
    ['a\u202Eb', 'hidden-characters'],
    ['a\u2066b\u2069', 'hidden-characters'],
    ['a\u200Eb', 'hidden-characters'],
    ['\uFEFFa', 'hidden-characters'],
    ['a\u2060b', 'hidden-characters'],
    ['a\u00ADb', 'hidden-characters'],
    ['a\u{E0041}b', 'hidden-characters'], // a tag character smuggling an 'A'
    ['\u3164', 'hidden-characters'],
    ['\u200Dक', 'hidden-characters'],
    ['क\u200D', 'hidden-characters'],
    ['क \u200Dष', 'hidden-characters'],
    ['क\u200D\u200Dष', 'hidden-characters'],
    [' \uFE0F', 'hidden-characters'],
    ['Ram\uD800sh', 'broken-characters'],
    ['a\uDC00', 'broken-characters'],
    ['a\u0000b', 'control-characters'],
    ['a\u0085b', 'control-characters'],
    ['\u0301\u0301', 'no-letters'],
    ['...', 'no-letters'],
  ])('refuses %j as %s', (text, expected) => {
    expect(code(text)).toBe(expected);
  });
});
