import { linkKeyring } from '../../shared/adapters/secrets/link-keys.ts';
import { InvalidFieldsError, OutOfScopeError } from '../../shared/domain/errors.ts';
import { FORM_TOKEN_FIELD, verifyFormToken } from '../../shared/domain/links/form-token.ts';
import type { LinkClaims } from '../../shared/domain/links/token.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import type { HttpRequest } from '../../shared/triggers/http/request.ts';
import { bodyText } from '../../shared/triggers/http/request.ts';
import { html as htmlResponse } from '../../shared/triggers/http/response.ts';
import { giveFeedback } from '../../shared/use-cases/give-feedback.ts';
import { openFeedbackForm } from '../../shared/use-cases/open-feedback-form.ts';
import { openRandomChecks } from '../../shared/use-cases/open-random-checks.ts';
import { openReference, type ReferencePage, referencePage } from '../../shared/use-cases/open-reference.ts';
import { recordRandomCheck } from '../../shared/use-cases/record-random-check.ts';
import { reviewReport } from '../../shared/use-cases/review-report.ts';
import { scopedReference } from '../../shared/use-cases/scope.ts';
import { submitReport } from '../../shared/use-cases/submit-report.ts';
import { bi, errorPage, html, notice } from '../../shared/views/html/index.ts';
import { referencePage as referencePageHtml } from '../../shared/views/pages/officer-views.ts';
import {
  attachForm,
  attachmentPageLinks,
  feedbackPage,
  randomCheckPage,
  reportForm,
  reportSection,
  reviewForms,
} from '../../shared/views/pages/work-views.ts';
import { formContext, formFields, istLocalToIso, pageLanguage, redirectTo } from './context.ts';
import { pageDeps } from './deps.ts';
import { alreadyAnswered, notFound, refusalNotice } from './refusals.ts';

/**
 * The pages behind a reference's links (the station's and the supervisor's), the complainant's
 * feedback link and a district's random-check link: parse the form, call the use case, show the page.
 * Refusals the use cases throw are shown by refusals.ts (through the handler, or here as a notice).
 */

const DONE: Record<string, { en: string; hi: string }> = {
  report: {
    en: 'Report submitted to the supervising officer.',
    hi: 'आख्या पर्यवेक्षण अधिकारी को प्रस्तुत कर दी गई।',
  },
  approve: {
    en: 'Approved. The complainant has been asked for feedback.',
    hi: 'स्वीकृत। शिकायतकर्ता से फीडबैक माँगा गया है।',
  },
  return: { en: 'Returned to the station for re-investigation.', hi: 'पुनः जांच हेतु थाने को वापस किया गया।' },
  check: { en: 'Result recorded.', hi: 'परिणाम दर्ज किया गया।' },
  attach: {
    en: 'File attached. It goes with the report when you submit it.',
    hi: 'फ़ाइल संलग्न की गई। आख्या प्रस्तुत करने पर यह उसके साथ जाएगी।',
  },
};

async function renderReference(
  claims: LinkClaims,
  request: HttpRequest,
  token: string,
  content: ReferencePage,
  options: { issues?: InvalidFieldsError['issues']; values?: Record<string, string>; status?: number } = {},
) {
  const { reference } = content;
  const supervising = claims.purpose === 'supervisor-review';
  const ctx = { ...(await formContext(token)), issues: options.issues, values: options.values };
  const canReport = !supervising && (reference.status === 'assigned' || reference.status === 'returned');
  const canReview =
    supervising && (reference.status === 'report-submitted' || reference.status === 'reopened');
  const done =
    // Own keys only: ?done=constructor would find Object's and show an empty notice.
    request.query.done && Object.hasOwn(DONE, request.query.done)
      ? notice(bi(DONE[request.query.done]!), 'success')
      : '';
  // Links through the attachments function, which answers each with a presigned S3 URL.
  const attachments = attachmentPageLinks(reference, token);
  const attachCtx = { ...ctx, action: `/o/${token}/attachments` };
  const actions = html`${done}${reportSection(reference, attachments)}${canReport ? html`${attachForm(attachCtx, attachments)}${reportForm(reference, ctx)}` : ''}${canReview ? reviewForms(reference, ctx) : ''}`;
  return htmlResponse(
    options.status ?? 200,
    referencePageHtml({
      ...content,
      now: pageDeps().clock.now(),
      language: pageLanguage(request),
      actions,
    }),
  );
}

export async function showReference(claims: LinkClaims, request: HttpRequest, token: string) {
  return renderReference(claims, request, token, await openReference(claims, pageDeps()));
}

export async function actOnReference(claims: LinkClaims, request: HttpRequest, token: string) {
  const fields = formFields(bodyText(request));
  verifyFormToken(fields[FORM_TOKEN_FIELD], token, await linkKeyring());
  const scoped = await scopedReference(claims, pageDeps());
  const action = fields.action ?? '';
  try {
    if (claims.purpose === 'reference' && action === 'report') {
      await submitReport(
        {
          referenceNo: scoped.referenceNo,
          stationCode: claims.stationCode!,
          report: {
            contacted: fields.contacted === 'yes',
            contactedAt: istLocalToIso(fields.contactedAt),
            contactMode: fields.contactMode,
            findings: fields.findings ?? '',
            outcome: fields.outcome ?? '',
            firNumber: fields.firNumber,
            actionTaken: fields.actionTaken ?? '',
          },
        },
        pageDeps(),
      );
    } else if (claims.purpose === 'supervisor-review' && (action === 'approve' || action === 'return')) {
      await reviewReport(
        {
          referenceNo: scoped.referenceNo,
          officerId: claims.officerId,
          decision: action,
          grade: fields.grade,
          remark: fields.remark,
          reasons: fields.reasons,
        },
        pageDeps(),
      );
    } else {
      return errorPage(
        400,
        { en: 'Unknown action', hi: 'अज्ञात कार्रवाई' },
        {
          en: 'The form asked for something this link cannot do.',
          hi: 'फ़ॉर्म ने ऐसा कार्य माँगा जो यह लिंक नहीं कर सकता।',
        },
      );
    }
    return redirectTo(`/o/${token}?done=${action}`);
  } catch (error) {
    // Fields to fix: the same page again, with what was typed and what is wrong.
    if (!(error instanceof InvalidFieldsError)) throw error;
    return renderReference(claims, request, token, await referencePage(scoped, pageDeps()), {
      issues: error.issues,
      values: fields,
      status: 422,
    });
  }
}

const feedbackLanguage = (request: HttpRequest, reference: Reference) =>
  request.query.lang === 'en' || request.query.lang === 'hi'
    ? request.query.lang
    : reference.complainant.language;

export async function showFeedback(claims: LinkClaims, request: HttpRequest, token: string) {
  const form = await openFeedbackForm(claims, pageDeps());
  if (form.answered) return alreadyAnswered();
  const done =
    request.query.done === 'thanks' || request.query.done === 'reopened' ? request.query.done : undefined;
  return htmlResponse(
    200,
    feedbackPage({
      reference: form.reference,
      language: feedbackLanguage(request, form.reference),
      ctx: await formContext(token),
      done,
    }),
  );
}

export async function actOnFeedback(claims: LinkClaims, request: HttpRequest, token: string) {
  const fields = formFields(bodyText(request));
  verifyFormToken(fields[FORM_TOKEN_FIELD], token, await linkKeyring());
  try {
    const after = await giveFeedback(
      {
        link: claims,
        satisfied: fields.satisfied === 'yes' ? true : fields.satisfied === 'no' ? false : undefined,
        comment: fields.comment,
      },
      pageDeps(),
    );
    // The thank-you page is a page of its own: the spent link would refuse a reload.
    return htmlResponse(
      200,
      feedbackPage({
        reference: after,
        language: after.complainant.language,
        done: after.status === 'reopened' ? 'reopened' : 'thanks',
      }),
    );
  } catch (error) {
    if (!(error instanceof InvalidFieldsError)) throw error;
    const reference = await pageDeps().references.get(claims.referenceNo!);
    if (!reference) return notFound();
    return htmlResponse(
      422,
      feedbackPage({
        reference,
        language: reference.complainant.language,
        ctx: { ...(await formContext(token)), issues: error.issues as never },
      }),
    );
  }
}

export async function showRandomChecks(
  claims: LinkClaims,
  request: HttpRequest,
  token: string,
  message?: ReturnType<typeof notice>,
  status = 200,
) {
  const references = await openRandomChecks(
    { districtCode: claims.districtCode!, officerId: claims.officerId },
    pageDeps(),
  );
  return htmlResponse(
    status,
    randomCheckPage({
      title: { en: 'Random check of disposals', hi: 'निस्तारणों की यादृच्छिक जांच' },
      references,
      language: pageLanguage(request),
      ctx: await formContext(token),
      message: message ?? (request.query.done === 'check' ? notice(bi(DONE.check!), 'success') : undefined),
    }),
  );
}

export async function actOnRandomCheck(claims: LinkClaims, request: HttpRequest, token: string) {
  const fields = formFields(bodyText(request));
  verifyFormToken(fields[FORM_TOKEN_FIELD], token, await linkKeyring());
  try {
    await recordRandomCheck(
      {
        referenceNo: fields.referenceNo ?? '',
        districtCode: claims.districtCode!,
        officerId: claims.officerId,
        result: fields.result ?? '',
        remark: fields.remark ?? '',
      },
      pageDeps(),
    );
    return redirectTo(`/o/${token}?done=check`);
  } catch (error) {
    if (error instanceof OutOfScopeError)
      return showRandomChecks(claims, request, token, notice(bi(NOT_IN_CHECK_SCOPE), 'danger'), 403);
    const refusal = refusalNotice(error);
    if (!refusal) throw error;
    return showRandomChecks(claims, request, token, refusal.message, refusal.status);
  }
}

/** A random-check link reaches only its post's circle (a CO) or district (the SP, the cell). */
const NOT_IN_CHECK_SCOPE = {
  en: 'That reference is not in the circle or district this link was issued for: nothing was recorded.',
  hi: 'वह सन्दर्भ उस सर्किल या जनपद का नहीं है जिसके लिए यह लिंक जारी हुआ: कुछ दर्ज नहीं हुआ।',
};
