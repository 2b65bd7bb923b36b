/**
 * A small RFC 4180 CSV reader for master data files, which people edit in Excel or LibreOffice and
 * save as "CSV UTF-8":
 *   - fields separated by commas, records by CRLF or LF (a lone CR is accepted as well);
 *   - a field may be quoted with "…"; inside it commas, line breaks and "" (an escaped quote) are data;
 *   - an optional UTF-8 byte order mark at the start is dropped (Excel writes one);
 *   - text is taken as it is (Devanagari included); trimming is the validator's business.
 *
 * Each record carries the physical line it starts on (1-based), so an error in a record whose
 * quoted field spans lines still points at the line a person finds in their editor. Records with
 * nothing but empty fields (blank lines, Excel's trailing ",,,,") are skipped.
 *
 * Malformed quoting is reported, not guessed at: a quote inside an unquoted field, text after a
 * closing quote, and a quoted field that never closes.
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

const BOM = '\uFEFF';

export function parseCsv(input: string): CsvParseResult {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const errors: CsvSyntaxError[] = [];

  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  /** Characters were seen for the current record (so an empty last line is not a record). */
  let started = false;
  let i = 0;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
    fields = [];
    started = false;
  };
  /** Consumes a line break at i (CRLF, LF or CR); true when there was one. */
  const lineBreak = (): boolean => {
    const c = text[i];
    if (c === '\r') {
      i += text[i + 1] === '\n' ? 2 : 1;
      line++;
      return true;
    }
    if (c === '\n') {
      i++;
      line++;
      return true;
    }
    return false;
  };

  while (i < text.length) {
    if (!started) {
      recordLine = line;
      started = true;
    }
    const c = text[i];
    if (c === '"' && field === '') {
      // A quoted field: read to the closing quote, keeping commas and line breaks as data.
      const openedOn = line;
      i++;
      let closed = false;
      while (i < text.length) {
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (q === '\r' || q === '\n') {
          // Keep the break as the person typed it, but count the line.
          const from = i;
          lineBreak();
          field += text.slice(from, i);
          continue;
        }
        field += q;
        i++;
      }
      if (!closed) {
        errors.push({ line: openedOn, message: 'a quoted field is never closed (missing ")' });
        endRecord();
        return { records, errors };
      }
      // After the closing quote only a separator, a line break or the end may follow.
      if (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        errors.push({
          line,
          message: 'text after a closing quote; quote the whole field and write a quote inside as ""',
        });
        while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') field += text[i++];
      }
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      lineBreak();
      endRecord();
      continue;
    }
    if (c === '"') {
      errors.push({
        line,
        message: 'a quote inside an unquoted field; quote the whole field and write a quote inside as ""',
      });
    }
    field += c;
    i++;
  }
  if (started) endRecord();
  return { records, errors };
}
