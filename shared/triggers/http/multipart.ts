import busboy from 'busboy';

/**
 * The one form that sends a file, read by busboy. API Gateway hands the whole body over
 * (base64-encoded), so it is written to busboy in one piece; busboy enforces the limits and this
 * module turns every way a body can be wrong into a MultipartError, which the caller answers with
 * a 400 page (413 for `too-large`), never a 500.
 */

export type MultipartRefusal = 'malformed' | 'too-large' | 'too-many-parts';

export class MultipartError extends Error {
  override name = 'MultipartError';
  constructor(
    readonly refusal: MultipartRefusal,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface MultipartFile {
  /** The form field's name. */
  name: string;
  /** The name the client gave the file, without its folders; may be empty (no file chosen). */
  filename: string;
  /** The part's Content-Type, lower-cased without parameters (busboy's default text/plain if none). */
  contentType: string;
  data: Buffer;
}

export interface MultipartForm {
  /** The plain fields, name -> UTF-8 text; a name given twice is refused. No prototype. */
  fields: Record<string, string>;
  files: MultipartFile[];
}

export interface MultipartLimits {
  /** Most bytes in one file; more is `too-large`. */
  maxFileBytes: number;
  /** Most bytes in one plain field; more is `too-large`. Default 64 KiB. */
  maxFieldBytes?: number;
  /** Most parts in the body; more is `too-many-parts`. Default 20. */
  maxParts?: number;
  /** Most file parts; more is `malformed`. Default 1. */
  maxFiles?: number;
}

/** Whether a Content-Type names multipart/form-data (whatever its parameters). */
export function isMultipartFormData(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'multipart/form-data';
}

const malformed = (message: string, cause?: unknown) =>
  new MultipartError('malformed', message, cause === undefined ? {} : { cause });

/**
 * Parses a whole multipart/form-data body. Rejects with MultipartError: `too-large` when a file or
 * field is over its limit, `too-many-parts`, and `malformed` for anything else (no or another
 * boundary, a body cut short, a bad part header, a part without a name, a field given twice, too
 * many files).
 */
export function parseMultipartForm(
  body: Buffer,
  contentType: string | undefined,
  limits: MultipartLimits,
): Promise<MultipartForm> {
  const maxFieldBytes = limits.maxFieldBytes ?? 64 * 1024;
  const maxParts = limits.maxParts ?? 20;
  return new Promise<MultipartForm>((resolve, reject) => {
    // busboy reads urlencoded bodies too; this reads only the multipart form.
    if (!isMultipartFormData(contentType)) {
      reject(malformed('The body is not multipart/form-data'));
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType ?? '' },
        // Browsers send file names as raw UTF-8 (the HTML standard), not latin1.
        defParamCharset: 'utf8',
        // busboy flags a value that reaches its limit, so each limit is one byte over ours.
        limits: {
          fileSize: limits.maxFileBytes + 1,
          fieldSize: maxFieldBytes + 1,
          parts: maxParts + 1,
          files: limits.maxFiles ?? 1,
        },
      });
    } catch (error) {
      reject(malformed('The body is not multipart/form-data with a boundary', error));
      return;
    }
    const fields: Record<string, string> = Object.create(null);
    const files: MultipartFile[] = [];
    let refused: MultipartError | undefined;
    const refuse = (error: MultipartError) => {
      refused ??= error;
    };
    parser.on('field', (name, value, info) => {
      if (name === undefined) refuse(malformed('A part has no name'));
      else if (info.valueTruncated)
        refuse(new MultipartError('too-large', `The field '${name}' is too long`));
      else if (Object.hasOwn(fields, name)) refuse(malformed(`The field '${name}' is repeated`));
      else fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () =>
        refuse(
          new MultipartError('too-large', `The file '${name}' has more than ${limits.maxFileBytes} bytes`),
        ),
      );
      stream.on('error', () => {
        // busboy reports the same failure on the form itself ('error' below).
      });
      stream.on('end', () => {
        if (name === undefined) refuse(malformed('A part has no name'));
        else
          files.push({
            name,
            filename: info.filename ?? '',
            contentType: info.mimeType.toLowerCase(),
            data: Buffer.concat(chunks),
          });
      });
    });
    parser.on('partsLimit', () =>
      refuse(new MultipartError('too-many-parts', `More than ${maxParts} parts`)),
    );
    parser.on('filesLimit', () => refuse(malformed('More files than the form has')));
    parser.on('error', (error) =>
      reject(refused ?? malformed('The body is not well-formed multipart', error)),
    );
    parser.on('close', () => {
      if (refused) reject(refused);
      else if (files.length === 0 && Object.keys(fields).length === 0)
        reject(malformed('The body has no parts'));
      else resolve({ fields, files });
    });
    parser.end(body);
  });
}
