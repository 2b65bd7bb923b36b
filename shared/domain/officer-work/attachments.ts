import { DomainError } from '../errors.ts';
import type { Reference } from '../reference/types.ts';

/** The history action recorded (with appendEvent, no new version) for each file a station attaches. */
export const ATTACHMENT_ADDED = 'attachment-added';
/** Files a reference can carry in all; a report is evidence, not an archive. */
export const MAX_ATTACHMENTS = 20;

export interface AttachmentRecord {
  /** S3 key, attachments/<referenceNo>/<uuid>.<ext>. */
  key: string;
  /** The file name as the station's device gave it (cleaned); shown escaped. */
  name: string;
  at: string;
  size?: number;
}

/** Every file attached to the reference, oldest first, from its attachment-added events. */
export function attachmentsOf(reference: Reference): AttachmentRecord[] {
  const seen = new Set<string>();
  const found: AttachmentRecord[] = [];
  for (const event of reference.history) {
    const key = event.details?.key;
    if (event.action !== ATTACHMENT_ADDED || typeof key !== 'string' || seen.has(key)) continue;
    seen.add(key);
    const size = event.details?.size;
    found.push({ key, name: event.note ?? key, at: event.at, ...(typeof size === 'number' ? { size } : {}) });
  }
  return found;
}

/**
 * The kinds of file a report can carry. A file's kind is what its content proves (detected and
 * parsed by the attachment inspector), never its name or the type its sender claimed: the stored
 * name's extension and the download's Content-Type both come from it.
 */
export const ATTACHMENT_TYPES = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { mime: 'image/png', extensions: ['png'] },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const MIB = 1024 * 1024;
/**
 * The largest file the page form takes: its base64 in the API Gateway event must stay under
 * Lambda's 6 MB request payload (4 MiB becomes about 5.6 MB).
 */
export const MAX_FORM_UPLOAD_BYTES = 4 * MIB;
/** The largest file an API client may upload straight to S3 through a presigned PUT. */
export const MAX_PRESIGNED_UPLOAD_BYTES = 20 * MIB;
export const UPLOAD_URL_SECONDS = 5 * 60;
export const DOWNLOAD_URL_SECONDS = 10 * 60;

export function attachmentTypeForMime(mime: string): AttachmentType | undefined {
  const normalised = mime.split(';')[0]!.trim().toLowerCase();
  return (Object.keys(ATTACHMENT_TYPES) as AttachmentType[]).find(
    (type) => ATTACHMENT_TYPES[type].mime === normalised,
  );
}

/**
 * A new file's key: attachments/<referenceNo>/<id>-<size>.<type>. The size is the one the upload
 * was granted for: a presigned PUT is signed for this exact key, so the size in it cannot be
 * changed, and confirming an object of another size is refused.
 */
export function attachmentKey(referenceNo: string, id: string, type: AttachmentType, size: number): string {
  return `attachments/${referenceNo}/${id}-${size}.${type}`;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

/** The type and granted size of a key this reference could have been given, or undefined for any other. */
export function parseAttachmentKey(
  referenceNo: string,
  key: string,
): { type: AttachmentType; size: number } | undefined {
  if (!/^\d{11}$/.test(referenceNo)) return undefined;
  const match = new RegExp(`^attachments/${referenceNo}/${UUID}-(\\d{1,9})\\.(pdf|jpg|png)$`).exec(key);
  return match ? { type: match[2] as AttachmentType, size: Number(match[1]) } : undefined;
}

/** The type of any recorded key (older keys carry no size): its extension. */
export function typeOfKey(key: string): AttachmentType | undefined {
  const ext = /\.(pdf|jpg|png)$/.exec(key)?.[1];
  return ext as AttachmentType | undefined;
}

/**
 * A file name fit to keep and show, with the extension its content proves: the last path segment
 * (old browsers send C:\...\name), NFC, without control or format characters, at most 120
 * characters; a name whose extension is not one of its type's gets the type's (`x.html` holding a
 * PDF becomes `x.pdf`, `scan` becomes `scan.pdf`); `attachment.<ext>` if nothing is left. It is
 * still shown escaped.
 */
export function storedFileName(name: string | undefined, type: AttachmentType): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  // What follows the last dot is an extension only when it looks like one (`x.html`, not `v1.2 final`).
  const extension = dot > 0 && /^[a-z0-9]{1,5}$/i.test(cleaned.slice(dot + 1)) ? cleaned.slice(dot + 1) : '';
  const known = (ATTACHMENT_TYPES[type].extensions as readonly string[]).includes(extension.toLowerCase());
  const stem = [...(extension ? cleaned.slice(0, dot) : cleaned)].slice(0, 114).join('').trim();
  return `${stem.replace(/^\.+$/, '') || 'attachment'}.${known ? extension.toLowerCase() : type}`;
}

/** Why a file was not attached; nothing was recorded, and an uploaded object was deleted. */
export type AttachmentRefusal =
  | 'malformed-upload'
  | 'too-large'
  | 'missing'
  | 'empty'
  | 'type'
  | 'content-length'
  | 'not-an-upload-key'
  | 'upload-missing'
  | 'size-mismatch';

export class AttachmentRefusedError extends DomainError {
  override name = 'AttachmentRefusedError';
  constructor(
    readonly refusal: AttachmentRefusal,
    /** The size limit that was passed, for `too-large`. */
    readonly limit?: number,
  ) {
    super(`attachment refused: ${refusal}`);
  }
}
