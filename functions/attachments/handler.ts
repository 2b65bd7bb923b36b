import { linkKeyring } from '../../shared/adapters/secrets/link-keys.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { FORM_TOKEN_FIELD, verifyFormToken } from '../../shared/domain/links/form-token.ts';
import { verifyLinkToken } from '../../shared/domain/links/token.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { isMultipartFormData } from '../../shared/triggers/http/multipart.ts';
import { pageErrorResponse } from '../../shared/triggers/http/page-errors.ts';
import { bodyText } from '../../shared/triggers/http/request.ts';
import { bi, errorPage, html } from '../../shared/views/html/index.ts';
import { formFields, loadScoped, notFound, notYours, redirectTo } from '../officer-pages/context.ts';
import {
  AttachmentRefusal,
  attachFromPage,
  confirmUploadAction,
  downloadUrl,
  readAttachmentForm,
  uploadUrlAction,
} from './attach.ts';

/**
 * Attachments of the action-taken report, in a function of their own so that only it carries the
 * S3 client: POST /o/{token}/attachments takes a file from the page form (multipart, at most
 * 4 MiB), or gives API clients a presigned PUT and confirms it; GET /o/{token}/attachments/{file}
 * answers with a short-lived presigned download. The same link and form tokens as the page apply.
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
      const url = await downloadUrl(reference, request.pathParameters.file ?? '');
      return url
        ? { statusCode: 302, headers: { location: url, 'cache-control': 'no-store' }, body: '' }
        : notFound();
    }
    const refusalPage = (refusal: AttachmentRefusal) =>
      errorPage(refusal.status, refusal.title, refusal.detail, {
        next: html`<p><a href="/o/${token}#attach">${bi({ en: 'Back to the reference', hi: 'सन्दर्भ पर वापस' })}</a></p>`,
      });
    let upload: Awaited<ReturnType<typeof readAttachmentForm>> | undefined;
    if (isMultipartFormData(request.headers['content-type'])) {
      try {
        upload = await readAttachmentForm(request);
      } catch (error) {
        if (error instanceof AttachmentRefusal) return refusalPage(error);
        throw error;
      }
    }
    const fields = upload ? upload.fields : formFields(bodyText(request));
    verifyFormToken(fields[FORM_TOKEN_FIELD], token, await linkKeyring());
    if (claims.purpose !== 'reference') {
      return errorPage(
        400,
        { en: 'Unknown action', hi: 'अज्ञात कार्रवाई' },
        { en: "Only the station's link can attach files.", hi: 'केवल थाने का लिंक फ़ाइल संलग्न कर सकता है।' },
      );
    }
    const reference = await loadScoped(claims);
    if (reference === 'missing') return notFound();
    if (reference === 'not-yours') return notYours();
    try {
      if (fields.action === 'attach' && upload) {
        await attachFromPage(reference, upload.file);
        return redirectTo(`/o/${token}?done=attach`);
      }
      if (fields.action === 'upload-url') return await uploadUrlAction(reference, fields);
      if (fields.action === 'confirm-upload') return await confirmUploadAction(reference, fields);
    } catch (error) {
      if (error instanceof AttachmentRefusal) return refusalPage(error);
      throw error;
    }
    return errorPage(
      400,
      { en: 'Unknown action', hi: 'अज्ञात कार्रवाई' },
      {
        en: 'The form asked for something this link cannot do.',
        hi: 'फ़ॉर्म ने ऐसा कार्य माँगा जो यह लिंक नहीं कर सकता।',
      },
    );
  },
  // Refused links, actions no longer possible and a backing service down: bilingual pages.
  { errors: pageErrorResponse },
);
