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
