import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downloadDisposition } from '../../shared/adapters/s3/attachments.ts';
import { storedFileName } from '../../shared/domain/officer-work/attachments.ts';
import {
  isMultipartFormData,
  MultipartError,
  type MultipartLimits,
  parseMultipartForm,
} from '../../shared/triggers/http/multipart.ts';

const B = '----NivaranBoundary7MA4YWxkTrZu0gW';
const TYPE = `multipart/form-data; boundary=${B}`;
const limits: MultipartLimits = { maxFileBytes: 1024 };

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

const parse = (raw: Buffer, contentType: string | undefined = TYPE, given: MultipartLimits = limits) =>
  parseMultipartForm(raw, contentType, given);

/** The refusal a body meets, or 'accepted'. */
const refusal = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    if (error instanceof MultipartError) return error.refusal;
    throw error;
  }
  return 'accepted';
};

describe('parseMultipartForm', () => {
  it('reads fields and a file, keeping the file bytes exactly (CR, LF and binary included)', async () => {
    const file = Buffer.concat([
      Buffer.from('%PDF-1.4\r\n'),
      Buffer.from([0, 255, 13, 10, 13, 10, 45, 45]),
      Buffer.from('\n--almost the boundary\r\n--'),
    ]);
    const form = await parse(
      body([
        { name: 'formToken', data: 'k1.abc' },
        { name: 'action', data: 'attach' },
        { name: 'file', filename: 'FIR copy.pdf', type: 'application/pdf', data: file },
      ]),
    );
    expect({ ...form.fields }).toEqual({ formToken: 'k1.abc', action: 'attach' });
    expect(form.files).toHaveLength(1);
    expect(form.files[0]).toMatchObject({
      name: 'file',
      filename: 'FIR copy.pdf',
      contentType: 'application/pdf',
    });
    expect(form.files[0]!.data.equals(file)).toBe(true);
  });

  it('accepts an empty field, an empty file part and an epilogue', async () => {
    const raw = Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="a"\r\n\r\n\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n` +
        `--${B}--\r\nanything after the close is epilogue`,
    );
    const form = await parse(raw);
    expect({ ...form.fields }).toEqual({ a: '' });
    expect(form.files).toHaveLength(1);
    expect(form.files[0]).toMatchObject({ name: 'file', filename: '' });
    expect(form.files[0]!.data.length).toBe(0);
  });

  it('works with a boundary that needed quoting, and any case of the type', async () => {
    const boundary = "it's (a) b:o/u=n?d";
    const raw = body([{ name: 'x', data: 'y' }], boundary);
    expect({ ...(await parse(raw, `Multipart/Form-Data; boundary="${boundary}"`)).fields }).toEqual({
      x: 'y',
    });
    expect(isMultipartFormData('multipart/form-data; boundary=x')).toBe(true);
    expect(isMultipartFormData('Multipart/Form-Data')).toBe(true);
    expect(isMultipartFormData('application/x-www-form-urlencoded')).toBe(false);
    expect(isMultipartFormData(undefined)).toBe(false);
  });

  it('reads UTF-8 file names as browsers send them, and filename*', async () => {
    const raw = Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="file"; filename="थाना रिपोर्ट.pdf"\r\n\r\n%PDF-\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="other"; filename="x"; filename*=UTF-8''%E0%A4%A5.png\r\n\r\nz\r\n--${B}--`,
    );
    const form = await parse(raw, TYPE, { ...limits, maxFiles: 2 });
    expect(form.files.map((f) => f.filename)).toEqual(['थाना रिपोर्ट.pdf', 'थ.png']);
  });

  it('refuses bodies that are not a whole form', async () => {
    const good = body([{ name: 'a', data: 'b' }]).toString('latin1');
    const cases: Record<string, [string, string?]> = {
      'bare LF line endings': [good.replaceAll('\r\n', '\n')],
      'no close delimiter': [good.replace(`--${B}--\r\n`, '')],
      'close delimiter cut short': [good.slice(0, good.length - 5)],
      'no parts at all': [`--${B}--\r\n`],
      'another boundary': [good.replaceAll(B, 'other')],
      'a part without a name': [`--${B}\r\nContent-Disposition: form-data\r\n\r\nb\r\n--${B}--`],
      'headers never end': [`--${B}\r\nContent-Disposition: form-data; name="a"\r\n--${B}--`],
      empty: [''],
      'no boundary in the type': [good, 'multipart/form-data'],
      'another type': [good, 'application/x-www-form-urlencoded'],
      'no type': [good, ''],
    };
    for (const [what, [text, type]] of Object.entries(cases)) {
      expect(await refusal(() => parse(Buffer.from(text, 'latin1'), type ?? TYPE)), what).toBe('malformed');
    }
    const twice = body([
      { name: 'a', data: '1' },
      { name: 'a', data: '2' },
    ]);
    expect(await refusal(() => parse(twice)), 'a repeated field').toBe('malformed');
    const twoFiles = body([
      { name: 'file', filename: 'a.pdf', data: '%PDF-' },
      { name: 'file', filename: 'b.pdf', data: '%PDF-' },
    ]);
    expect(await refusal(() => parse(twoFiles)), 'two files where one is allowed').toBe('malformed');
  });

  it('refuses a file or a field over its limit, and too many parts', async () => {
    const big = body([{ name: 'file', filename: 'a.pdf', data: Buffer.alloc(1025, 1) }]);
    expect(await refusal(() => parse(big))).toBe('too-large');
    const exact = await parse(body([{ name: 'file', filename: 'a.pdf', data: Buffer.alloc(1024, 1) }]));
    expect(exact.files[0]!.data.length).toBe(1024);
    const field = body([{ name: 'note', data: 'x'.repeat(65) }]);
    expect(await refusal(() => parse(field, TYPE, { ...limits, maxFieldBytes: 64 }))).toBe('too-large');
    expect(
      await refusal(() =>
        parse(body([{ name: 'note', data: 'x'.repeat(64) }]), TYPE, { ...limits, maxFieldBytes: 64 }),
      ),
    ).toBe('accepted');
    const parts = (n: number) => body(Array.from({ length: n }, (_, i) => ({ name: `f${i}`, data: 'x' })));
    expect(await refusal(() => parse(parts(4), TYPE, { ...limits, maxParts: 3 }))).toBe('too-many-parts');
    expect(await refusal(() => parse(parts(3), TYPE, { ...limits, maxParts: 3 }))).toBe('accepted');
  });

  it('treats __proto__ and constructor as plain names', async () => {
    const { fields } = await parse(
      body([
        { name: '__proto__', data: 'x' },
        { name: 'constructor', data: 'y' },
      ]),
    );
    expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toBe('x');
    expect(fields.constructor).toBe('y');
  });

  it('never fails with anything but MultipartError, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.boolean(), async (bytes, prefixed) => {
        const input = prefixed ? Buffer.concat([Buffer.from(`--${B}\r\n`), bytes]) : Buffer.from(bytes);
        const outcome = await refusal(() => parse(input));
        expect(['accepted', 'malformed', 'too-large', 'too-many-parts']).toContain(outcome);
      }),
    );
  });

  it('round-trips any file content', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        const data = Buffer.from(bytes);
        const form = await parse(body([{ name: 'file', filename: 'f.bin', data }]));
        expect(form.files[0]!.data.equals(data)).toBe(true);
      }),
    );
  });
});

describe('attachment file names', () => {
  it('takes the extension from the type the content proves, not from the name', () => {
    expect(storedFileName('x.html', 'pdf')).toBe('x.pdf');
    expect(storedFileName('photo.JPEG', 'jpg')).toBe('photo.jpeg');
    expect(storedFileName('photo.jpg', 'png')).toBe('photo.png');
    expect(storedFileName('scan', 'pdf')).toBe('scan.pdf');
    expect(storedFileName('FIR v1.2 final', 'pdf')).toBe('FIR v1.2 final.pdf');
    expect(storedFileName('.html', 'pdf')).toBe('.html.pdf');
    expect(storedFileName('...', 'png')).toBe('attachment.png');
  });

  it('cleans file names and builds a download header for any name', () => {
    expect(storedFileName('C:\\fakepath\\report.pdf', 'pdf')).toBe('report.pdf');
    expect(storedFileName('invoice\u202Efdp.exe', 'pdf')).toBe('invoicefdp.pdf');
    expect(storedFileName('  \u0000 ', 'png')).toBe('attachment.png');
    expect(storedFileName(undefined, 'jpg')).toBe('attachment.jpg');
    expect([...storedFileName('क'.repeat(300), 'pdf')]).toHaveLength(118);
    expect(downloadDisposition('थाना "report".pdf')).toBe(
      `attachment; filename="____ _report_.pdf"; filename*=UTF-8''%E0%A4%A5%E0%A4%BE%E0%A4%A8%E0%A4%BE%20%22report%22.pdf`,
    );
  });
});
