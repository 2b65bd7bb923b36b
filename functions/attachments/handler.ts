import { randomUUID } from 'node:crypto';
import { inspectAttachment } from '../../shared/adapters/files/inspect-attachment.ts';
import { attachmentStore } from '../../shared/adapters/s3/attachments.ts';
import { linkKeyring } from '../../shared/adapters/secrets/link-keys.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import { FORM_TOKEN_FIELD, verifyFormToken } from '../../shared/domain/links/form-token.ts';
import { verifyLinkToken } from '../../shared/domain/links/token.ts';
import {
  AttachmentRefusedError,
  MAX_FORM_UPLOAD_BYTES,
} from '../../shared/domain/officer-work/attachments.ts';
import { requireUrlEncoded } from '../../shared/triggers/http/form.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import {
  isMultipartFormData,
  MultipartError,
  type MultipartFile,
  parseMultipartForm,
} from '../../shared/triggers/http/multipart.ts';
import { pageErrorResponse } from '../../shared/triggers/http/page-errors.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import { problemResponse } from '../../shared/triggers/http/problem-response.ts';
import { bodyText, type HttpRequest } from '../../shared/triggers/http/request.ts';
import { json, redirect } from '../../shared/triggers/http/response.ts';
import {
  type AttachDeps,
  attachFile,
  attachmentDownload,
  confirmUpload,
  grantUpload,
} from '../../shared/use-cases/attach-file.ts';
import { formFields, loadScoped, notFound, notYours, redirectTo } from '../officer-pages/context.ts';

const deps = (): AttachDeps => ({
  store: attachmentStore(),
  inspect: inspectAttachment,
  references: referenceRepository(),
  clock: systemClock,
  newId: randomUUID,
});

/**
 * The fields and the one file of the page's attach form (multipart, read by busboy: one file of at
 * most 4 MiB, 8 parts). A body that is not well-formed is `malformed-upload`, a file over the
 * limit `too-large`.
 */
async function readAttachForm(
  request: HttpRequest,
): Promise<{ fields: Record<string, string>; file?: MultipartFile }> {
  try {
    const { fields, files } = await parseMultipartForm(request.bodyBytes, request.headers['content-type'], {
      maxFileBytes: MAX_FORM_UPLOAD_BYTES,
      maxFieldBytes: 4 * 1024,
      maxParts: 8,
      maxFiles: 1,
    });
    const [file] = files;
    if (file && file.name !== 'file') throw new AttachmentRefusedError('malformed-upload');
    return { fields, ...(file ? { file } : {}) };
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    throw error.refusal === 'too-large'
      ? new AttachmentRefusedError('too-large', MAX_FORM_UPLOAD_BYTES)
      : new AttachmentRefusedError('malformed-upload', undefined);
  }
}

/**
 * An action this link cannot do, thrown rather than answered so that the error responder below
 * gives an API client problem+json and the page's form a page.
 */
const unknownAction = (detail: { en: string; hi: string }) =>
  new HttpProblem(400, 'unknown-action', { en: 'Unknown action', hi: 'अज्ञात कार्रवाई' }, { detail });

/** API clients' actions (upload-url, confirm-upload) are urlencoded POSTs and answer JSON; the page's form is multipart. */
const answersJson = (request: HttpRequest) =>
  request.method === 'POST' && !isMultipartFormData(request.headers['content-type']);

/**
 * Attachments of the action-taken report, in a function of their own so that only it carries the
 * S3 client and the file inspectors: POST /o/{token}/attachments takes a file from the page form,
 * or gives API clients a presigned PUT and confirms it (shared/use-cases/attach-file.ts);
 * GET /o/{token}/attachments/{file} answers with a short-lived presigned download. The same link
 * and form tokens as the page apply.
 */
export const handler = httpHandler(
  async (request) => {
    const token = request.pathParameters.token ?? '';
    const claims = verifyLinkToken(token, await linkKeyring(), systemClock.now(), {
      purpose: ['reference', 'supervisor-review'],
    });
    if (request.method === 'GET') {
      const reference = await loadScoped(claims);
      if (reference === 'missing') return notFound();
      if (reference === 'not-yours') return notYours();
      const url = await attachmentDownload(reference, request.pathParameters.file ?? '', deps());
      return url ? redirect(302, url) : notFound();
    }
    const upload = isMultipartFormData(request.headers['content-type'])
      ? await readAttachForm(request)
      : undefined;
    if (!upload) requireUrlEncoded(request);
    const fields = upload ? upload.fields : formFields(bodyText(request));
    verifyFormToken(fields[FORM_TOKEN_FIELD], token, await linkKeyring());
    if (claims.purpose !== 'reference') {
      throw unknownAction({
        en: "Only the station's link can attach files.",
        hi: 'केवल थाने का लिंक फ़ाइल संलग्न कर सकता है।',
      });
    }
    const reference = await loadScoped(claims);
    if (reference === 'missing') return notFound();
    if (reference === 'not-yours') return notYours();
    if (fields.action === 'attach' && upload) {
      await attachFile(reference, upload.file, deps());
      return redirectTo(`/o/${token}?done=attach`);
    }
    if (fields.action === 'upload-url') return json(200, await grantUpload(reference, fields, deps()));
    if (fields.action === 'confirm-upload') {
      const { file, created } = await confirmUpload(reference, fields, deps());
      return json(created ? 201 : 200, file);
    }
    throw unknownAction({
      en: 'The form asked for something this link cannot do: action is attach (the page), upload-url or confirm-upload.',
      hi: 'फ़ॉर्म ने ऐसा कार्य माँगा जो यह लिंक नहीं कर सकता: action attach (पृष्ठ), upload-url या confirm-upload है।',
    });
  },
  // The API actions' refusals as problem+json; the page's (refused links, files, actions no longer
  // possible, a backing service down) as bilingual pages.
  {
    errors: (error, request) => (answersJson(request) ? problemResponse : pageErrorResponse)(error, request),
  },
);
