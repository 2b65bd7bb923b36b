import {
  ATTACHMENT_TYPES,
  type AttachmentExtension,
  attachmentKeyExtension,
  attachmentStore,
  cleanFileName,
  extensionForMime,
  MAX_FORM_UPLOAD_BYTES,
  MAX_PRESIGNED_UPLOAD_BYTES,
  newAttachmentKey,
  SNIFF_BYTES,
  sniffAttachmentType,
  UPLOAD_URL_SECONDS,
} from '../../shared/adapters/s3/attachments.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import type { Bilingual } from '../../shared/domain/language.ts';
import {
  ATTACHMENT_ADDED,
  type AttachmentRecord,
  attachmentsOf,
} from '../../shared/domain/officer-work/attachments.ts';
import { TransitionError } from '../../shared/domain/reference/lifecycle.ts';
import { assertCanAttach } from '../../shared/domain/reference/transitions.ts';
import type { HistoryEvent, Reference } from '../../shared/domain/reference/types.ts';
import {
  MultipartError,
  type MultipartFile,
  parseMultipartForm,
} from '../../shared/triggers/http/multipart.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import type { HttpRequest } from '../../shared/triggers/http/request.ts';
import { type HttpResponse, json } from '../../shared/triggers/http/response.ts';

/**
 * Files attached to the action-taken report from a station's link. Two ways in:
 *
 * - The page: a multipart/form-data form (action=attach) with one file of at most 4 MiB, which
 *   arrives base64-encoded in the API Gateway event and is written to S3 by this function.
 * - API clients: action=upload-url gives a presigned PUT (5 minutes, type and length signed) for
 *   a key under attachments/<referenceNo>/; action=confirm-upload checks the object (size, type,
 *   first bytes) and records it. Both answer JSON.
 *
 * Either way the file is recorded by an attachment-added history event (appendEvent: no new
 * version, so it never races a transition) and joins the report when the station submits it.
 * Every refusal records nothing; an uploaded object that fails its checks is deleted.
 */

/** An attach request refused before anything was stored; shown as a page with this status. */
export class AttachmentRefusal extends Error {
  override name = 'AttachmentRefusal';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: Bilingual,
    readonly detail: Bilingual,
  ) {
    super(detail.en);
  }
}

const MIB = 1024 * 1024;

const REFUSE = {
  malformed: () =>
    new AttachmentRefusal(
      400,
      'malformed-upload',
      { en: 'The upload could not be read', hi: 'अपलोड पढ़ा नहीं जा सका' },
      {
        en: 'The form did not arrive whole. Go back, choose the file again and attach it.',
        hi: 'फ़ॉर्म पूरा नहीं पहुँचा। वापस जाएँ, फ़ाइल फिर से चुनें और संलग्न करें।',
      },
    ),
  tooLarge: (limit: number) =>
    new AttachmentRefusal(
      413,
      'attachment-too-large',
      { en: 'The file is too large', hi: 'फ़ाइल बहुत बड़ी है' },
      {
        en: `A file can have at most ${limit / MIB} MB. Scan at a lower resolution, or attach the pages as separate files.`,
        hi: `फ़ाइल अधिकतम ${limit / MIB} MB की हो सकती है। कम रिज़ॉल्यूशन पर स्कैन करें, या पृष्ठ अलग-अलग फ़ाइलों में संलग्न करें।`,
      },
    ),
  noFile: () =>
    new AttachmentRefusal(
      422,
      'attachment-missing',
      { en: 'No file was chosen', hi: 'कोई फ़ाइल नहीं चुनी गई' },
      { en: 'Choose a file, then attach it.', hi: 'फ़ाइल चुनें, फिर संलग्न करें।' },
    ),
  empty: () =>
    new AttachmentRefusal(
      422,
      'attachment-empty',
      { en: 'The file is empty', hi: 'फ़ाइल खाली है' },
      { en: 'The chosen file has no content.', hi: 'चुनी गई फ़ाइल में कोई सामग्री नहीं है।' },
    ),
  type: () =>
    new AttachmentRefusal(
      422,
      'attachment-type',
      { en: 'This kind of file cannot be attached', hi: 'इस प्रकार की फ़ाइल संलग्न नहीं की जा सकती' },
      {
        en: `Attach a PDF, JPEG or PNG file. The file's content was checked, not only its name.`,
        hi: 'PDF, JPEG या PNG फ़ाइल संलग्न करें। फ़ाइल की सामग्री जांची गई, केवल उसका नाम नहीं।',
      },
    ),
};

const problemOf = (refusal: AttachmentRefusal) =>
  new HttpProblem(refusal.status, refusal.code, refusal.title, { detail: refusal.detail });

/**
 * The fields and the one file of the page's attach form. Throws AttachmentRefusal: 400 for a body
 * that is not well-formed multipart/form-data, 413 for a file over MAX_FORM_UPLOAD_BYTES.
 */
export async function readAttachmentForm(request: HttpRequest): Promise<{
  fields: Record<string, string>;
  file?: MultipartFile;
}> {
  try {
    const { fields, files } = await parseMultipartForm(request.bodyBytes, request.headers['content-type'], {
      maxFileBytes: MAX_FORM_UPLOAD_BYTES,
      maxFieldBytes: 4 * 1024,
      maxParts: 8,
      maxFiles: 1,
    });
    const [file] = files;
    if (file && file.name !== 'file') throw REFUSE.malformed();
    return { fields, ...(file ? { file } : {}) };
  } catch (error) {
    if (error instanceof MultipartError) {
      throw error.refusal === 'too-large' ? REFUSE.tooLarge(MAX_FORM_UPLOAD_BYTES) : REFUSE.malformed();
    }
    throw error;
  }
}

function attachedEvent(
  reference: Reference,
  record: { key: string; name: string; size: number; ext: AttachmentExtension; via: string },
): HistoryEvent {
  return {
    at: systemClock.now().toISOString(),
    actor: {
      role: 'station-officer',
      ...(reference.stationCode ? { stationCode: reference.stationCode } : {}),
      districtCode: reference.districtCode,
    },
    action: ATTACHMENT_ADDED,
    note: record.name,
    details: { key: record.key, size: record.size, type: record.ext, via: record.via },
  };
}

/**
 * The page's attach action: checks the reference can take a file (TransitionError otherwise),
 * then the file (AttachmentRefusal), stores it and records it.
 */
export async function attachFromPage(reference: Reference, file: MultipartFile | undefined) {
  assertCanAttach(reference);
  if (!file || (file.data.length === 0 && !file.filename)) throw REFUSE.noFile();
  if (file.data.length === 0) throw REFUSE.empty();
  const ext = sniffAttachmentType(file.data);
  if (!ext) throw REFUSE.type();
  const key = newAttachmentKey(reference.referenceNo, ext);
  const name = cleanFileName(file.filename, ext);
  await attachmentStore().put(key, file.data, ext);
  await referenceRepository().appendEvent(
    reference.referenceNo,
    attachedEvent(reference, { key, name, size: file.data.length, ext, via: 'page' }),
  );
}

const notNow = (error: TransitionError) =>
  new HttpProblem(
    409,
    'not-possible-now',
    { en: 'Not possible now', hi: 'अभी संभव नहीं' },
    {
      detail: error.explanation,
    },
  );

function checkAttachable(reference: Reference) {
  try {
    assertCanAttach(reference);
  } catch (error) {
    if (error instanceof TransitionError) throw notNow(error);
    throw error;
  }
}

/**
 * action=upload-url: a presigned PUT for a new key of this reference. Fields: contentType (one of
 * the accepted types) and contentLength (bytes, at most MAX_PRESIGNED_UPLOAD_BYTES).
 */
export async function uploadUrlAction(
  reference: Reference,
  fields: Record<string, string>,
): Promise<HttpResponse> {
  checkAttachable(reference);
  const ext = extensionForMime(fields.contentType ?? '');
  if (!ext) throw problemOf(REFUSE.type());
  const length = Number(fields.contentLength);
  if (!/^\d{1,12}$/.test(fields.contentLength ?? '') || !Number.isSafeInteger(length)) {
    throw new HttpProblem(422, 'content-length', {
      en: 'Give contentLength: the size of the file in bytes',
      hi: 'contentLength दें: फ़ाइल का आकार बाइट में',
    });
  }
  if (length === 0) throw problemOf(REFUSE.empty());
  if (length > MAX_PRESIGNED_UPLOAD_BYTES) throw problemOf(REFUSE.tooLarge(MAX_PRESIGNED_UPLOAD_BYTES));
  const key = newAttachmentKey(reference.referenceNo, ext);
  const url = await attachmentStore().uploadUrl(key, ext, length);
  return json(200, {
    url,
    key,
    method: 'PUT',
    headers: { 'content-type': ATTACHMENT_TYPES[ext].mime, 'content-length': String(length) },
    expiresIn: UPLOAD_URL_SECONDS,
    maxBytes: MAX_PRESIGNED_UPLOAD_BYTES,
  });
}

/**
 * action=confirm-upload: records an object uploaded through a presigned PUT. Fields: key (as
 * upload-url gave it) and fileName. The object must exist, be non-empty and within the limit,
 * and its first bytes must prove the type its key names; otherwise it is deleted and refused.
 * Confirming a key already recorded answers as the first time did and records nothing new.
 */
export async function confirmUploadAction(
  reference: Reference,
  fields: Record<string, string>,
): Promise<HttpResponse> {
  const key = fields.key ?? '';
  const ext = attachmentKeyExtension(reference.referenceNo, key);
  if (!ext) {
    throw new HttpProblem(422, 'attachment-key', {
      en: 'That is not an upload key issued for this reference',
      hi: 'यह इस सन्दर्भ हेतु जारी अपलोड कुंजी नहीं है',
    });
  }
  const existing = attachmentsOf(reference).find((a) => a.key === key);
  if (existing) return json(200, confirmed(existing, ext));
  checkAttachable(reference);
  const store = attachmentStore();
  const object = await store.head(key);
  if (!object) {
    throw new HttpProblem(404, 'upload-missing', {
      en: 'Nothing has been uploaded to that key (or its URL expired before the upload)',
      hi: 'उस कुंजी पर कुछ अपलोड नहीं हुआ (या अपलोड से पहले URL की अवधि समाप्त हो गई)',
    });
  }
  let refusal: AttachmentRefusal | undefined;
  if (object.size === 0) refusal = REFUSE.empty();
  else if (object.size > MAX_PRESIGNED_UPLOAD_BYTES) refusal = REFUSE.tooLarge(MAX_PRESIGNED_UPLOAD_BYTES);
  else if (object.contentType && extensionForMime(object.contentType) !== ext) refusal = REFUSE.type();
  else if (sniffAttachmentType(await store.firstBytes(key, SNIFF_BYTES)) !== ext) refusal = REFUSE.type();
  if (refusal) {
    await store.delete(key);
    throw problemOf(refusal);
  }
  const record: AttachmentRecord = {
    key,
    name: cleanFileName(fields.fileName, ext),
    at: systemClock.now().toISOString(),
    size: object.size,
  };
  await referenceRepository().appendEvent(
    reference.referenceNo,
    attachedEvent(reference, { key, name: record.name, size: object.size, ext, via: 'presigned-put' }),
  );
  return json(201, confirmed(record, ext));
}

const confirmed = (record: AttachmentRecord, ext: AttachmentExtension) => ({
  key: record.key,
  fileName: record.name,
  contentType: ATTACHMENT_TYPES[ext].mime,
  ...(record.size !== undefined ? { size: record.size } : {}),
});

/** The presigned GET (10 minutes) for one of the reference's recorded files, by its file part. */
export async function downloadUrl(reference: Reference, file: string): Promise<string | undefined> {
  const record = attachmentsOf(reference).find(
    (a) => a.key === `attachments/${reference.referenceNo}/${file}`,
  );
  return record ? attachmentStore().downloadUrl(record.key, record.name) : undefined;
}
