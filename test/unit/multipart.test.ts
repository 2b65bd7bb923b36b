import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanFileName,
  downloadDisposition,
  sniffAttachmentType,
} from '../../shared/adapters/attachments.ts';
import {
  isMultipartFormData,
  MultipartError,
  multipartBoundary,
  multipartFields,
  parseMultipart,
} from '../../shared/http/multipart.ts';

const B = '----NivaranBoundary7MA4YWxkTrZu0gW';
const limits = { maxFileBytes: 1024 };

/** A body as a browser builds it: CRLF everywhere, the close delimiter, a trailing CRLF. */
function body(
  parts: { name: string; filename?: string; type?: string; data: string | Buffer }[],
  boundary = B,
): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`,
      ),
      Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof MultipartError) return error.refusal;
    throw error;
  }
  return 'accepted';
};

describe('multipartBoundary', () => {
  it('reads a plain or a quoted boundary, case-insensitively for the type and parameter', () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(multipartBoundary('Multipart/Form-Data; BOUNDARY="a b:c?d"')).toBe('a b:c?d');
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="x\\(y"')).toBe('x(y');
  });

  it('refuses other types, a missing, empty, over-long or badly quoted boundary', () => {
    for (const contentType of [
      undefined,
      'application/x-www-form-urlencoded',
      'multipart/mixed; boundary=abc',
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'multipart/form-data; boundary=""',
      `multipart/form-data; boundary=${'a'.repeat(71)}`,
      'multipart/form-data; boundary="abc',
      'multipart/form-data; boundary="ends with space "',
      'multipart/form-data; boundary=a:b',
      'multipart/form-data; boundary=abc; boundary=def',
    ]) {
      expect(
        refusal(() => multipartBoundary(contentType)),
        String(contentType),
      ).not.toBe('accepted');
    }
    expect(isMultipartFormData('multipart/form-data; boundary=x')).toBe(true);
    expect(isMultipartFormData('application/x-www-form-urlencoded')).toBe(false);
  });
});

describe('parseMultipart', () => {
  it('reads fields and a file, keeping the file bytes exactly (CR, LF and binary included)', () => {
    const file = Buffer.concat([
      Buffer.from('%PDF-1.4\r\n'),
      Buffer.from([0, 255, 13, 10, 13, 10, 45, 45]),
      Buffer.from('\n--almost the boundary\r\n--'),
    ]);
    const parts = parseMultipart(
      body([
        { name: 'formToken', data: 'k1.abc' },
        { name: 'action', data: 'attach' },
        { name: 'file', filename: 'FIR copy.pdf', type: 'application/pdf', data: file },
      ]),
      B,
      limits,
    );
    expect(parts.map((p) => p.name)).toEqual(['formToken', 'action', 'file']);
    expect(multipartFields(parts)).toEqual({ formToken: 'k1.abc', action: 'attach' });
    expect(parts[2]).toMatchObject({ filename: 'FIR copy.pdf', contentType: 'application/pdf' });
    expect(parts[2]!.data.equals(file)).toBe(true);
  });

  it('accepts an empty field, an empty file part, transport padding and an epilogue', () => {
    const raw = Buffer.from(
      `--${B}  \t\r\nContent-Disposition: form-data; name="a"\r\n\r\n\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n` +
        `--${B}--\r\nanything after the close is epilogue`,
    );
    const parts = parseMultipart(raw, B, limits);
    expect(parts).toHaveLength(2);
    expect(parts[0]!.data.length).toBe(0);
    expect(parts[1]).toMatchObject({ name: 'file', filename: '' });
    expect(parts[1]!.data.length).toBe(0);
  });

  it('works with a boundary that needed quoting', () => {
    const boundary = "it's (a) b:o/u=n?d";
    const raw = body([{ name: 'x', data: 'y' }], boundary);
    expect(
      multipartFields(
        parseMultipart(raw, multipartBoundary(`multipart/form-data; boundary="${boundary}"`), limits),
      ),
    ).toEqual({ x: 'y' });
  });

  it('reads UTF-8 names, filename* and backslashes in a file name as browsers send them', () => {
    const raw = Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="file"; filename="C:\\fakepath\\थाना रिपोर्ट.pdf"\r\n\r\n%PDF-\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="other"; filename="x"; filename*=UTF-8''%E0%A4%A5.png\r\n\r\nz\r\n--${B}--`,
    );
    const parts = parseMultipart(raw, B, limits);
    expect(parts[0]!.filename).toBe('C:\\fakepath\\थाना रिपोर्ट.pdf');
    expect(parts[1]!.filename).toBe('थ.png');
  });

  it('refuses bodies that break the grammar', () => {
    const good = body([{ name: 'a', data: 'b' }]).toString('latin1');
    const cases: Record<string, string> = {
      'bare LF line endings': good.replaceAll('\r\n', '\n'),
      'a preamble': `preamble\r\n${good}`,
      'no close delimiter': good.replace(`--${B}--\r\n`, ''),
      'close delimiter cut short': good.slice(0, good.length - 4),
      'no parts at all': `--${B}--\r\n`,
      'another boundary': good.replaceAll(B, 'other'),
      'no Content-Disposition': `--${B}\r\nContent-Type: text/plain\r\n\r\nb\r\n--${B}--`,
      'not form-data': `--${B}\r\nContent-Disposition: attachment; name="a"\r\n\r\nb\r\n--${B}--`,
      'no name': `--${B}\r\nContent-Disposition: form-data\r\n\r\nb\r\n--${B}--`,
      'unterminated quote': `--${B}\r\nContent-Disposition: form-data; name="a\r\n\r\nb\r\n--${B}--`,
      'header without colon': `--${B}\r\nContent-Disposition: form-data; name="a"\r\nbroken\r\n\r\nb\r\n--${B}--`,
      'folded header': `--${B}\r\nContent-Disposition: form-data;\r\n name="a"\r\n\r\nb\r\n--${B}--`,
      'repeated header': `--${B}\r\nContent-Disposition: form-data; name="a"\r\nContent-Disposition: form-data; name="b"\r\n\r\nb\r\n--${B}--`,
      'malformed part type': `--${B}\r\nContent-Disposition: form-data; name="a"\r\nContent-Type: pdf\r\n\r\nb\r\n--${B}--`,
      'headers never end': `--${B}\r\nContent-Disposition: form-data; name="a"\r\n--${B}--`,
      'junk after a delimiter': `--${B}junk\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--${B}--`,
      empty: '',
    };
    for (const [what, text] of Object.entries(cases)) {
      expect(
        refusal(() => parseMultipart(Buffer.from(text, 'latin1'), B, limits)),
        what,
      ).toBe('malformed');
    }
    // Header bytes that are not UTF-8.
    const latin = Buffer.concat([
      Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="`),
      Buffer.from([0xe9]),
      Buffer.from(`"\r\n\r\nb\r\n--${B}--`),
    ]);
    expect(refusal(() => parseMultipart(latin, B, limits))).toBe('malformed');
    // A repeated field, or a field that is not UTF-8 text.
    const twice = parseMultipart(
      body([
        { name: 'a', data: '1' },
        { name: 'a', data: '2' },
      ]),
      B,
      limits,
    );
    expect(refusal(() => multipartFields(twice))).toBe('malformed');
    const binary = parseMultipart(body([{ name: 'a', data: Buffer.from([0xff, 0xfe]) }]), B, limits);
    expect(refusal(() => multipartFields(binary))).toBe('malformed');
  });

  it('refuses a file or a field over its limit, and too many parts', () => {
    const big = body([{ name: 'file', filename: 'a.pdf', data: Buffer.alloc(1025, 1) }]);
    expect(refusal(() => parseMultipart(big, B, limits))).toBe('too-large');
    expect(
      parseMultipart(body([{ name: 'file', filename: 'a.pdf', data: Buffer.alloc(1024, 1) }]), B, limits)[0]!
        .data.length,
    ).toBe(1024);
    const field = body([{ name: 'note', data: 'x'.repeat(65) }]);
    expect(refusal(() => parseMultipart(field, B, { ...limits, maxFieldBytes: 64 }))).toBe('too-large');
    const many = body(Array.from({ length: 4 }, (_, i) => ({ name: `f${i}`, data: 'x' })));
    expect(refusal(() => parseMultipart(many, B, { ...limits, maxParts: 3 }))).toBe('too-many-parts');
    const longHeaders = Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="a"\r\nX-Pad: ${'p'.repeat(200)}\r\n\r\nb\r\n--${B}--`,
    );
    expect(refusal(() => parseMultipart(longHeaders, B, { ...limits, maxHeaderBytes: 100 }))).toBe(
      'malformed',
    );
  });

  it('treats __proto__ and constructor as plain names', () => {
    const fields = multipartFields(
      parseMultipart(
        body([
          { name: '__proto__', data: 'x' },
          { name: 'constructor', data: 'y' },
        ]),
        B,
        limits,
      ),
    );
    expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toBe('x');
    expect(fields.constructor).toBe('y');
  });

  it('never throws anything but MultipartError, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, prefixed) => {
        const input = prefixed ? Buffer.concat([Buffer.from(`--${B}\r\n`), bytes]) : Buffer.from(bytes);
        const outcome = refusal(() => parseMultipart(input, B, limits));
        expect(['accepted', 'malformed', 'too-large', 'too-many-parts']).toContain(outcome);
      }),
    );
  });

  it('round-trips any file content', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const data = Buffer.from(bytes);
        const parts = parseMultipart(body([{ name: 'file', filename: 'f.bin', data }]), B, limits);
        expect(parts[0]!.data.equals(data)).toBe(true);
      }),
    );
  });
});

describe('attachment file checks', () => {
  it('knows a file by its first bytes, not its name', () => {
    expect(sniffAttachmentType(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpg');
    expect(sniffAttachmentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffAttachmentType(Buffer.from('MZ\x90\x00\x03'))).toBeUndefined();
    expect(sniffAttachmentType(Buffer.from('%PD'))).toBeUndefined();
    expect(sniffAttachmentType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
    expect(sniffAttachmentType(Buffer.alloc(0))).toBeUndefined();
  });

  it('cleans file names and builds a download header for any name', () => {
    expect(cleanFileName('C:\\fakepath\\report.pdf', 'pdf')).toBe('report.pdf');
    expect(cleanFileName('invoice\u202Efdp.exe', 'pdf')).toBe('invoicefdp.exe');
    expect(cleanFileName('  \u0000 ', 'png')).toBe('attachment.png');
    expect(cleanFileName(undefined, 'jpg')).toBe('attachment.jpg');
    expect([...cleanFileName('क'.repeat(300), 'pdf')]).toHaveLength(120);
    expect(downloadDisposition('थाना "report".pdf')).toBe(
      `attachment; filename="____ _report_.pdf"; filename*=UTF-8''%E0%A4%A5%E0%A4%BE%E0%A4%A8%E0%A4%BE%20%22report%22.pdf`,
    );
  });
});
