import { type CsvError, parse } from 'csv-parse/sync';

/**
 * Master data files, which people edit in Excel or LibreOffice and save as "CSV UTF-8", read by
 * csv-parse (RFC 4180):
 *   - fields separated by commas, records by CRLF or LF (a lone CR is accepted as well);
 *   - a field may be quoted with "…"; inside it commas, line breaks and "" (an escaped quote) are data;
 *   - an optional UTF-8 byte order mark at the start is dropped (Excel writes one);
 *   - text is taken as it is (Devanagari included); trimming is the validator's business.
 *
 * Each record carries the physical line it starts on (1-based), so an error in a record whose
 * quoted field spans lines still points at the line a person finds in their editor. Records with
 * nothing but empty fields (blank lines, Excel's trailing ",,,,") are skipped.
 *
 * Malformed quoting is reported at its line, not guessed at: a quote inside an unquoted field (the
 * rest of the file is still read), a quoted field that never closes (at the line it opens on), and
 * text after a closing quote (where reading stops: the field's end cannot be told).
 */

export interface CsvRecord {
  /** Physical line (1-based) the record starts on. */
  line: number;
  fields: string[];
}

export interface CsvSyntaxError {
  line: number;
  message: string;
}

export interface CsvParseResult {
  records: CsvRecord[];
  errors: CsvSyntaxError[];
}

const REWRITE = 'quote the whole field and write a quote inside as ""';
/** Our words for csv-parse's refusals, by its error code. */
const MESSAGES: Record<string, string> = {
  INVALID_OPENING_QUOTE: `a quote inside an unquoted field; ${REWRITE}`,
  CSV_INVALID_CLOSING_QUOTE: `text after a closing quote; ${REWRITE}`,
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed (missing ")',
};

const CR = 0x0d;
const LF = 0x0a;

/** Line breaks in a text (CRLF, LF and a lone CR each count one), as an editor numbers lines. */
const lineBreaks = (text: string): number => text.match(/\r\n|\r|\n/g)?.length ?? 0;

export function parseCsv(input: string): CsvParseResult {
  const bytes = Buffer.from(input, 'utf8');
  // csv-parse reports where it is as a byte offset; lineAt turns one into a line number.
  const lineStarts = [0];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === LF || (bytes[i] === CR && bytes[i + 1] !== LF)) lineStarts.push(i + 1);
  }
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };

  const records: CsvRecord[] = [];
  const errors: CsvSyntaxError[] = [];
  const stop = new Error('stop reading');
  try {
    parse(bytes, {
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_record: (row, info) => {
        const record = row as string[];
        // info.bytes ends after the record's own line break; its line less the breaks inside its
        // quoted fields is the line it starts on.
        let end = info.bytes;
        if (bytes[end - 1] === LF || bytes[end - 1] === CR)
          end -= bytes[end - 2] === CR && bytes[end - 1] === LF ? 2 : 1;
        const line = lineAt(end) - record.reduce((n, field) => n + lineBreaks(field), 0);
        if (record.some((field) => field.trim() !== '')) records.push({ line, fields: record });
        return null;
      },
      on_skip: (error) => {
        const code = (error as CsvError | undefined)?.code ?? '';
        // A field's error is reported where the field starts (after blank lines before the record).
        let offset = (error as { bytes?: number } | undefined)?.bytes ?? 0;
        while (bytes[offset] === CR || bytes[offset] === LF) offset++;
        errors.push({ line: lineAt(offset), message: MESSAGES[code] ?? error?.message ?? 'unreadable' });
        // After text that follows a closing quote csv-parse cannot tell where the field ends, so
        // the rest of the file is not read (its errors show once this one is put right).
        if (code === 'CSV_INVALID_CLOSING_QUOTE') throw stop;
      },
    });
  } catch (error) {
    if (error !== stop) throw error;
  }
  errors.sort((a, b) => a.line - b.line);
  return { records, errors };
}
