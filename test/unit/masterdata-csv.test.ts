import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../infra/tools/load-masterdata/csv.ts';

const rows = (text: string) => parseCsv(text).records.map((r) => r.fields);
const lines = (text: string) => parseCsv(text).records.map((r) => r.line);

describe('parseCsv (csv-parse, RFC 4180)', () => {
  it('reads plain records with LF or CRLF, with or without a final line break', () => {
    for (const text of ['a,b\n1,2\n', 'a,b\r\n1,2\r\n', 'a,b\n1,2', 'a,b\r\n1,2']) {
      expect(rows(text)).toEqual([
        ['a', 'b'],
        ['1', '2'],
      ]);
      expect(parseCsv(text).errors).toEqual([]);
    }
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(rows('a,,c,\n')).toEqual([['a', '', 'c', '']]);
  });

  it('reads quoted fields with commas, escaped quotes and line breaks as data', () => {
    const text = 'name,note\n"Dulahipur, outpost","He said ""come tomorrow""\nand left"\n';
    expect(rows(text)).toEqual([
      ['name', 'note'],
      ['Dulahipur, outpost', 'He said "come tomorrow"\nand left'],
    ]);
  });

  it('keeps a CRLF inside quotes as written', () => {
    expect(rows('"a\r\nb",c\r\n')).toEqual([['a\r\nb', 'c']]);
  });

  it('reads an empty quoted field and a field that is only an escaped quote', () => {
    expect(rows('"","""",x\n')).toEqual([['', '"', 'x']]);
  });

  it('drops a UTF-8 byte order mark so the first column name is clean', () => {
    expect(rows('\uFEFFcode,name_hi\nchandauli,चन्दौली\n')).toEqual([
      ['code', 'name_hi'],
      ['chandauli', 'चन्दौली'],
    ]);
  });

  it('keeps Hindi text, quoted with commas and line breaks, intact', () => {
    const text = 'name_hi\n"दुलहीपुर (मुगलसराय, चौकी)\nक्षेत्र"\n';
    expect(rows(text)).toEqual([['name_hi'], ['दुलहीपुर (मुगलसराय, चौकी)\nक्षेत्र']]);
  });

  it('numbers each record by the physical line it starts on', () => {
    const text = 'h1,h2\n"two\nlines",x\nthird,y\r\n"a\r\n\r\nb",z\nlast,w';
    expect(lines(text)).toEqual([1, 2, 4, 5, 8]);
  });

  it('skips blank lines and rows of empty fields (Excel trailing ",,,") but counts their lines', () => {
    const parsed = parseCsv('a,b\n\n1,2\n,\n  ,  \n3,4\n\n');
    expect(parsed.records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 6, fields: ['3', '4'] },
    ]);
  });

  it('treats a lone CR as a line break', () => {
    expect(lines('a\rb\rc')).toEqual([1, 2, 3]);
  });

  it('reports a quote inside an unquoted field on its line', () => {
    const parsed = parseCsv('a,b\nsa"y,x\n');
    expect(parsed.errors).toEqual([
      { line: 2, message: expect.stringContaining('quote inside an unquoted field') },
    ]);
  });

  it('reads on after a quote inside an unquoted field, numbering later records rightly', () => {
    const parsed = parseCsv('a,b\nsa"y,x\n3,4\n\n"q\r\nr",5\n6,7\n');
    expect(parsed.errors).toEqual([{ line: 2, message: expect.stringContaining('unquoted field') }]);
    expect(parsed.records.map((r) => r.line)).toEqual([1, 3, 5, 7]);
  });

  it('reports text after a closing quote on its line, and reads no further', () => {
    const parsed = parseCsv('a,b\n\n"x"y,z\n3,4\n');
    expect(parsed.errors).toEqual([{ line: 3, message: expect.stringContaining('after a closing quote') }]);
    expect(parsed.records).toEqual([{ line: 1, fields: ['a', 'b'] }]);
  });

  it('reports a quoted field that never closes at the line it opens on', () => {
    const parsed = parseCsv('a,b\n1,2\n3,"open\nstill open\n');
    expect(parsed.errors).toEqual([{ line: 3, message: expect.stringContaining('never closed') }]);
  });

  it('reads back what a conforming writer wrote', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'क', ',', '"', '\n', '\r\n', ' ', '1', 'ी') });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(table, fc.boolean(), (records, crlf) => {
        const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
        const text = records.map((r) => r.map(quote).join(',')).join(crlf ? '\r\n' : '\n');
        const expected = records.filter((r) => r.some((f) => f.trim() !== ''));
        expect(rows(text)).toEqual(expected);
      }),
    );
  });
});
