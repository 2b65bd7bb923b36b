import {
  ATTACHMENT_ADDED,
  ATTACHMENT_TYPES,
  type AttachmentRecord,
  AttachmentRefusedError,
  type AttachmentType,
  attachmentKey,
  attachmentsOf,
  attachmentTypeForMime,
  MAX_FORM_UPLOAD_BYTES,
  MAX_PRESIGNED_UPLOAD_BYTES,
  parseAttachmentKey,
  storedFileName,
  typeOfKey,
  UPLOAD_URL_SECONDS,
} from '../domain/officer-work/attachments.ts';
import type { Clock } from '../domain/ports.ts';
import { assertCanAttach } from '../domain/reference/transitions.ts';
import type { HistoryEvent, Reference } from '../domain/reference/types.ts';

/**
 * Files attached to the action-taken report from a station's link. Two ways in:
 *
 * - The page: one file of at most 4 MiB from the form, stored by attachFile.
 * - API clients: grantUpload gives a presigned PUT (5 minutes, type and length signed) for a key
 *   under attachments/<referenceNo>/ that names the granted size; confirmUpload checks the object
 *   (the granted size, then what its content proves) and records it.
 *
 * Either way the file's type is what its content proves (the inspector: detected and parsed by
 * libraries), its stored name carries that type's extension, and it is recorded by an
 * attachment-added history event (appendEvent: no new version, so it never races a transition)
 * that joins the report when the station submits it. Every refusal is an AttachmentRefusedError
 * (or the lifecycle's TransitionError) and records nothing; an uploaded object that fails its
 * checks is deleted.
 */

export interface StoredObject {
  size: number;
  contentType?: string;
}

/** The attachments bucket (shared/adapters/s3/attachments.ts). */
export interface AttachmentStore {
  put(key: string, data: Buffer, type: AttachmentType): Promise<void>;
  head(key: string): Promise<StoredObject | undefined>;
  read(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
  /** A presigned PUT that S3 accepts only with this type and exactly this length. */
  uploadUrl(key: string, type: AttachmentType, contentLength: number): Promise<string>;
  /** A presigned GET answered as a download (Content-Disposition: attachment) of this type and name. */
  downloadUrl(key: string, fileName: string, type: AttachmentType): Promise<string>;
}

export interface AttachDeps {
  store: AttachmentStore;
  /** The type a file's content proves, or undefined (shared/adapters/files/inspect-attachment.ts). */
  inspect(bytes: Uint8Array): Promise<AttachmentType | undefined>;
  references: { appendEvent(referenceNo: string, event: HistoryEvent): Promise<void> };
  clock: Clock;
  newId(): string;
}

export interface FileToAttach {
  /** The name the station's device gave it; may be empty. */
  filename: string;
  data: Buffer;
}

export interface AttachedFile {
  key: string;
  fileName: string;
  contentType: string;
  size?: number;
}

function attachedEvent(
  reference: Reference,
  record: { key: string; name: string; size: number; type: AttachmentType; via: string },
  at: Date,
): HistoryEvent {
  return {
    at: at.toISOString(),
    actor: {
      role: 'station-officer',
      ...(reference.stationCode ? { stationCode: reference.stationCode } : {}),
      districtCode: reference.districtCode,
    },
    action: ATTACHMENT_ADDED,
    note: record.name,
    details: { key: record.key, size: record.size, type: record.type, via: record.via },
  };
}

const described = (record: AttachmentRecord, type: AttachmentType): AttachedFile => ({
  key: record.key,
  fileName: record.name,
  contentType: ATTACHMENT_TYPES[type].mime,
  ...(record.size !== undefined ? { size: record.size } : {}),
});

/** The page's attach action: the reference must take a file, and the file must be what it proves. */
export async function attachFile(
  reference: Reference,
  file: FileToAttach | undefined,
  deps: AttachDeps,
): Promise<AttachedFile> {
  assertCanAttach(reference);
  if (!file || (file.data.length === 0 && !file.filename)) throw new AttachmentRefusedError('missing');
  if (file.data.length === 0) throw new AttachmentRefusedError('empty');
  if (file.data.length > MAX_FORM_UPLOAD_BYTES)
    throw new AttachmentRefusedError('too-large', MAX_FORM_UPLOAD_BYTES);
  const type = await deps.inspect(file.data);
  if (!type) throw new AttachmentRefusedError('type');
  const size = file.data.length;
  const key = attachmentKey(reference.referenceNo, deps.newId(), type, size);
  const name = storedFileName(file.filename, type);
  await deps.store.put(key, file.data, type);
  await deps.references.appendEvent(
    reference.referenceNo,
    attachedEvent(reference, { key, name, size, type, via: 'page' }, deps.clock.now()),
  );
  return { key, fileName: name, contentType: ATTACHMENT_TYPES[type].mime, size };
}

export interface UploadGrant {
  url: string;
  key: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresIn: number;
  maxBytes: number;
}

/**
 * A presigned PUT for a new key of this reference: `contentType` one of the accepted types,
 * `contentLength` the file's size in bytes (at most MAX_PRESIGNED_UPLOAD_BYTES). The key names
 * that size, and S3 refuses any other.
 */
export async function grantUpload(
  reference: Reference,
  input: { contentType?: string; contentLength?: string },
  deps: AttachDeps,
): Promise<UploadGrant> {
  assertCanAttach(reference);
  const type = attachmentTypeForMime(input.contentType ?? '');
  if (!type) throw new AttachmentRefusedError('type');
  const length = Number(input.contentLength);
  if (!/^\d{1,12}$/.test(input.contentLength ?? '') || !Number.isSafeInteger(length))
    throw new AttachmentRefusedError('content-length');
  if (length === 0) throw new AttachmentRefusedError('empty');
  if (length > MAX_PRESIGNED_UPLOAD_BYTES)
    throw new AttachmentRefusedError('too-large', MAX_PRESIGNED_UPLOAD_BYTES);
  const key = attachmentKey(reference.referenceNo, deps.newId(), type, length);
  return {
    url: await deps.store.uploadUrl(key, type, length),
    key,
    method: 'PUT',
    headers: { 'content-type': ATTACHMENT_TYPES[type].mime, 'content-length': String(length) },
    expiresIn: UPLOAD_URL_SECONDS,
    maxBytes: MAX_PRESIGNED_UPLOAD_BYTES,
  };
}

/**
 * Records an object uploaded through a presigned PUT: `key` as grantUpload gave it, `fileName`
 * the name to keep. The object must exist, have exactly the size its key was granted for, and
 * its content must prove the type its key names; otherwise it is deleted and refused. Confirming
 * a key already recorded answers as the first time did (created false) and records nothing new.
 */
export async function confirmUpload(
  reference: Reference,
  input: { key?: string; fileName?: string },
  deps: AttachDeps,
): Promise<{ file: AttachedFile; created: boolean }> {
  const key = input.key ?? '';
  const granted = parseAttachmentKey(reference.referenceNo, key);
  if (!granted) throw new AttachmentRefusedError('not-an-upload-key');
  const existing = attachmentsOf(reference).find((a) => a.key === key);
  if (existing) return { file: described(existing, granted.type), created: false };
  assertCanAttach(reference);
  const object = await deps.store.head(key);
  if (!object) throw new AttachmentRefusedError('upload-missing');
  const refusal = await checkUploaded(key, object, granted, deps);
  if (refusal) {
    await deps.store.delete(key);
    throw refusal;
  }
  const record: AttachmentRecord = {
    key,
    name: storedFileName(input.fileName, granted.type),
    at: deps.clock.now().toISOString(),
    size: object.size,
  };
  await deps.references.appendEvent(
    reference.referenceNo,
    attachedEvent(
      reference,
      { key, name: record.name, size: object.size, type: granted.type, via: 'presigned-put' },
      deps.clock.now(),
    ),
  );
  return { file: described(record, granted.type), created: true };
}

async function checkUploaded(
  key: string,
  object: StoredObject,
  granted: { type: AttachmentType; size: number },
  deps: AttachDeps,
): Promise<AttachmentRefusedError | undefined> {
  if (object.size === 0) return new AttachmentRefusedError('empty');
  // S3 refuses another length on the signed PUT; this holds where a store does not (and says why).
  if (object.size !== granted.size) return new AttachmentRefusedError('size-mismatch', granted.size);
  if (object.size > MAX_PRESIGNED_UPLOAD_BYTES)
    return new AttachmentRefusedError('too-large', MAX_PRESIGNED_UPLOAD_BYTES);
  if (object.contentType && attachmentTypeForMime(object.contentType) !== granted.type)
    return new AttachmentRefusedError('type');
  if ((await deps.inspect(await deps.store.read(key))) !== granted.type)
    return new AttachmentRefusedError('type');
  return undefined;
}

/**
 * The presigned download (10 minutes) of one of the reference's recorded files, by its file part:
 * served as its type (from the key) under its name with that type's extension, as an attachment.
 */
export async function attachmentDownload(
  reference: Reference,
  file: string,
  deps: Pick<AttachDeps, 'store'>,
): Promise<string | undefined> {
  const record = attachmentsOf(reference).find(
    (a) => a.key === `attachments/${reference.referenceNo}/${file}`,
  );
  const type = record && typeOfKey(record.key);
  if (!record || !type) return undefined;
  return deps.store.downloadUrl(record.key, storedFileName(record.name, type), type);
}
