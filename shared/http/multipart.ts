/**
 * A small, strict multipart/form-data parser (RFC 7578 over RFC 2046) for the one form that sends
 * a file: the whole body is already in memory (API Gateway hands it over base64-encoded), so this
 * works on a Buffer and never streams.
 *
 * Strict means: every delimiter and header line ends in CRLF (a bare LF is malformed), the body
 * starts with the first delimiter (no preamble), every part has a Content-Disposition of
 * form-data with a name, headers are UTF-8, and the close delimiter must be there. Anything else
 * is a MultipartError, which the caller turns into a 400 (or 413 for `too-large`) page. Part data
 * is returned byte for byte, CR and LF included.
 */

export type MultipartRefusal = 'not-multipart' | 'boundary' | 'malformed' | 'too-large' | 'too-many-parts';

export class MultipartError extends Error {
  override name = 'MultipartError';
  constructor(
    readonly refusal: MultipartRefusal,
    message: string,
  ) {
    super(message);
  }
}

export interface MultipartPart {
  /** The form field's name (Content-Disposition name). */
  name: string;
  /** Present for file inputs, possibly empty when no file was chosen. */
  filename?: string;
  /** The part's Content-Type, lower-cased without parameters; absent when the part has none. */
  contentType?: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  data: Buffer;
}

export interface MultipartLimits {
  /** Most bytes in one file part; more is `too-large`. */
  maxFileBytes: number;
  /** Most bytes in one plain field; more is `too-large`. Default 64 KiB. */
  maxFieldBytes?: number;
  /** Most parts in the body. Default 20. */
  maxParts?: number;
  /** Most bytes of one part's header block. Default 8 KiB. */
  maxHeaderBytes?: number;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
// RFC 2046 bchars: 1 to 70 of these, not ending in a space.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const malformed = (message: string) => new MultipartError('malformed', message);

/**
 * Splits `value; name=token; other="quoted \"string\""` into its first item and parameters (names
 * lower-cased). Returns undefined when the syntax is broken: an unterminated quote, a parameter
 * without `=`, a name that is not a token, or a name given twice.
 *
 * `backslashEscapes: false` reads a backslash in a quoted string as itself: browsers follow the
 * HTML standard, which percent-encodes `"` in file names and sends `\` as is (RFC 7578, 4.2).
 */
export function parseHeaderParameters(
  header: string,
  { backslashEscapes = true }: { backslashEscapes?: boolean } = {},
): { value: string; params: Record<string, string> } | undefined {
  const semicolon = header.indexOf(';');
  const value = (semicolon < 0 ? header : header.slice(0, semicolon)).trim();
  const params: Record<string, string> = Object.create(null);
  let i = semicolon < 0 ? header.length : semicolon + 1;
  while (i < header.length) {
    while (header[i] === ' ' || header[i] === '\t') i++;
    if (i >= header.length) break;
    const eq = header.indexOf('=', i);
    if (eq < 0) return undefined;
    const name = header.slice(i, eq).trim().toLowerCase();
    if (!TOKEN.test(name) || Object.hasOwn(params, name)) return undefined;
    i = eq + 1;
    while (header[i] === ' ' || header[i] === '\t') i++;
    let paramValue = '';
    if (header[i] === '"') {
      i++;
      let closed = false;
      while (i < header.length) {
        const ch = header[i]!;
        if (backslashEscapes && ch === '\\' && i + 1 < header.length) {
          paramValue += header[i + 1];
          i += 2;
        } else if (ch === '"') {
          closed = true;
          i++;
          break;
        } else {
          paramValue += ch;
          i++;
        }
      }
      if (!closed) return undefined;
      while (header[i] === ' ' || header[i] === '\t') i++;
      if (i < header.length && header[i] !== ';') return undefined;
    } else {
      const end = header.indexOf(';', i);
      paramValue = (end < 0 ? header.slice(i) : header.slice(i, end)).trim();
      if (!TOKEN.test(paramValue)) return undefined;
      i = end < 0 ? header.length : end;
    }
    params[name] = paramValue;
    if (header[i] === ';') i++;
  }
  return { value, params };
}

/** The boundary of a `multipart/form-data` Content-Type; throws MultipartError otherwise. */
export function multipartBoundary(contentType: string | undefined): string {
  const parsed = contentType === undefined ? undefined : parseHeaderParameters(contentType);
  if (parsed?.value.toLowerCase() !== 'multipart/form-data') {
    throw new MultipartError('not-multipart', 'The body is not multipart/form-data');
  }
  const boundary = parsed.params.boundary;
  if (boundary === undefined || !BOUNDARY.test(boundary)) {
    throw new MultipartError('boundary', 'The multipart boundary is missing or not allowed by RFC 2046');
  }
  return boundary;
}

/** Whether a Content-Type names multipart/form-data (whatever its parameters). */
export function isMultipartFormData(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'multipart/form-data';
}

function parseHeaders(block: Buffer): Record<string, string> {
  let text: string;
  try {
    text = strictUtf8.decode(block);
  } catch {
    throw malformed('A part header is not UTF-8');
  }
  // No prototype: a header or field named __proto__ or constructor is just a name.
  const headers: Record<string, string> = Object.create(null);
  if (text === '') return headers;
  for (const line of text.split('\r\n')) {
    // A lone CR or LF, or a folded line, has no place in a form-data header.
    if (/[\r\n]/.test(line) || line.startsWith(' ') || line.startsWith('\t')) {
      throw malformed('A part header line is malformed');
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).toLowerCase() : '';
    if (!TOKEN.test(name)) throw malformed('A part header has no valid name');
    if (Object.hasOwn(headers, name)) throw malformed(`The part header ${name} is repeated`);
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** RFC 5987 ext-value (`UTF-8''percent-encoded`), which some clients send as filename*. */
function decodeExtValue(value: string): string | undefined {
  const match = /^utf-8'[^']*'(.*)$/i.exec(value);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

function describePart(headers: Record<string, string>) {
  const disposition = headers['content-disposition'];
  const parsed =
    disposition === undefined ? undefined : parseHeaderParameters(disposition, { backslashEscapes: false });
  if (parsed?.value.toLowerCase() !== 'form-data' || parsed.params.name === undefined) {
    throw malformed('A part has no Content-Disposition: form-data with a name');
  }
  let filename = parsed.params.filename;
  if (parsed.params['filename*'] !== undefined) {
    filename = decodeExtValue(parsed.params['filename*']);
    if (filename === undefined) throw malformed('A part has an undecodable filename*');
  }
  let contentType: string | undefined;
  if (headers['content-type'] !== undefined) {
    const type = parseHeaderParameters(headers['content-type']);
    if (!type || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+\/[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(type.value)) {
      throw malformed('A part has a malformed Content-Type');
    }
    contentType = type.value.toLowerCase();
  }
  return { name: parsed.params.name, filename, contentType };
}

/**
 * Parses a whole multipart/form-data body. Throws MultipartError: `malformed` for anything that
 * breaks the grammar above, `too-large` when a part is over its limit, `too-many-parts`.
 */
export function parseMultipart(body: Buffer, boundary: string, limits: MultipartLimits): MultipartPart[] {
  if (!BOUNDARY.test(boundary)) throw new MultipartError('boundary', 'The multipart boundary is not allowed');
  const maxParts = limits.maxParts ?? 20;
  const maxFieldBytes = limits.maxFieldBytes ?? 64 * 1024;
  const maxHeaderBytes = limits.maxHeaderBytes ?? 8 * 1024;
  const first = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  if (body.length < first.length || !body.subarray(0, first.length).equals(first)) {
    throw malformed('The body does not start with the boundary');
  }
  const parts: MultipartPart[] = [];
  let pos = first.length;
  for (;;) {
    // After a delimiter: `--` closes the body (anything after is epilogue), else padding and CRLF.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) {
      if (parts.length === 0) throw malformed('The body has no parts');
      return parts;
    }
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw malformed('A boundary line does not end in CRLF');
    pos += 2;
    if (parts.length >= maxParts) throw new MultipartError('too-many-parts', `More than ${maxParts} parts`);

    let headerBlock: Buffer;
    let dataStart: number;
    if (body.subarray(pos, pos + 2).equals(CRLF)) {
      headerBlock = Buffer.alloc(0);
      dataStart = pos + 2;
    } else {
      const headerEnd = body.indexOf(HEADER_END, pos);
      if (headerEnd < 0 || headerEnd - pos > maxHeaderBytes) {
        throw malformed('A part has no end to its headers, or too many');
      }
      headerBlock = body.subarray(pos, headerEnd);
      dataStart = headerEnd + HEADER_END.length;
    }
    // The next delimiter must come after this part's headers, never inside them.
    const next = body.indexOf(delimiter, pos);
    if (next < 0) throw malformed('The body ends without its closing boundary');
    if (next < dataStart) throw malformed('A part ends inside its headers');
    const headers = parseHeaders(headerBlock);
    const described = describePart(headers);
    const size = next - dataStart;
    const limit = described.filename === undefined ? maxFieldBytes : limits.maxFileBytes;
    if (size > limit) {
      throw new MultipartError(
        'too-large',
        `The part '${described.name}' has ${size} bytes; at most ${limit}`,
      );
    }
    parts.push({
      name: described.name,
      ...(described.filename !== undefined ? { filename: described.filename } : {}),
      ...(described.contentType !== undefined ? { contentType: described.contentType } : {}),
      headers,
      data: body.subarray(dataStart, next),
    });
    pos = next + delimiter.length;
  }
}

/** A plain field's value as UTF-8 text; throws MultipartError (malformed) for other bytes. */
export function fieldText(part: MultipartPart): string {
  try {
    return strictUtf8.decode(part.data);
  } catch {
    throw malformed(`The field '${part.name}' is not UTF-8 text`);
  }
}

/** The plain (non-file) fields as name → value, refusing a name given twice. */
export function multipartFields(parts: readonly MultipartPart[]): Record<string, string> {
  const fields: Record<string, string> = Object.create(null);
  for (const part of parts) {
    if (part.filename !== undefined) continue;
    if (Object.hasOwn(fields, part.name)) throw malformed(`The field '${part.name}' is repeated`);
    fields[part.name] = fieldText(part);
  }
  return fields;
}
