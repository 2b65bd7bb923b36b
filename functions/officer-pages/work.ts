import { linkKeyring } from '../../shared/adapters/link-keys.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { masterDataReader, referenceRepository } from '../../shared/adapters/wiring.ts';
import { InvalidFieldsError } from '../../shared/domain/errors.ts';
import { FORM_TOKEN_FIELD, verifyFormToken } from '../../shared/domain/links/form-token.ts';
import { assertLinkUnused } from '../../shared/domain/links/single-use.ts';
import type { LinkClaims } from '../../shared/domain/links/token.ts';
import { TransitionError } from '../../shared/domain/reference/lifecycle.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import type { HttpRequest } from '../../shared/http/request.ts';
import { bodyText } from '../../shared/http/request.ts';
import { html as htmlResponse } from '../../shared/http/response.ts';
import {
  feedbackAction,
  NotYoursError,
  randomCheckAction,
  reviewAction,
  submitReportAction,
} from '../../shared/use-cases/officer-work.ts';
import { bi, errorPage, html, notice } from '../../shared/views/html/index.ts';
import { referencePage } from '../../shared/views/pages/officer-views.ts';
import {
  attachForm,
  attachmentPageLinks,
  feedbackPage,
  randomCheckPage,
  reportForm,
  reportSection,
  reviewForms,
} from '../../shared/views/pages/work-views.ts';
import {
  formContext,
  formFields,
  istLocalToIso,
  linkLedger,
  loadScoped,
  notFound,
  notYours,
  pageLanguage,
  redirectTo,
  stationNames,
  workDeps,
} from './context.ts';

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
  reference: Reference,
  options: { issues?: InvalidFieldsError['issues']; values?: Record<string, string>; status?: number } = {},
) {
  const supervising = claims.purpose === 'supervisor-review';
  const ctx = { ...(await formContext(token)), issues: options.issues, values: options.values };
  const canReport = !supervising && (reference.status === 'assigned' || reference.status === 'returned');
  const canReview =
    supervising && (reference.status === 'report-submitted' || reference.status === 'reopened');
  const done =
    request.query.done && DONE[request.query.done] ? notice(bi(DONE[request.query.done]!), 'success') : '';
  // Links through the attachments function, which answers each with a presigned S3 URL.
  const attachments = attachmentPageLinks(reference, token);
  const attachCtx = { ...ctx, action: `/o/${token}/attachments` };
  const actions = html`${done}${reportSection(reference, attachments)}${canReport ? html`${attachForm(attachCtx, attachments)}${reportForm(reference, ctx)}` : ''}${canReview ? reviewForms(reference, ctx) : ''}`;
  const category = await masterDataReader().category(reference.categoryCode);
  return htmlResponse(
    options.status ?? 200,
    referencePage({
      // Reads of contact details are kept beside the reference; the page shows them in its history.
      reference: {
        ...reference,
        history: [...reference.history, ...(await referenceRepository().viewsOf(reference.referenceNo))].sort(
          (a, b) => a.at.localeCompare(b.at),
        ),
      },
      category,
      stationNames: await stationNames(reference.districtCode),
      now: systemClock.now(),
      language: pageLanguage(request),
      actions,
    }),
  );
}

export async function showReference(claims: LinkClaims, request: HttpRequest, token: string) {
  const reference = await loadScoped(claims);
  if (reference === 'missing') return notFound();
  if (reference === 'not-yours') return notYours();
  await referenceRepository().recordView(reference.referenceNo, {
    at: systemClock.now().toISOString(),
    actor: {
      role: claims.purpose === 'reference' ? 'station-officer' : 'supervisor',
      ...(reference.stationCode ? { stationCode: reference.stationCode } : {}),
      districtCode: reference.districtCode,
    },
    action: 'contact-viewed',
    ...(claims.officerId ? { details: { post: claims.officerId } } : {}),
  });
  return renderReference(claims, request, token, reference);
}

export async function actOnReference(claims: LinkClaims, request: HttpRequest, token: string) {
  const fields = formFields(bodyText(request));
  verifyFormToken(fields[FORM_TOKEN_FIELD], token, await linkKeyring());
  const scoped = await loadScoped(claims);
  if (scoped === 'missing') return notFound();
  if (scoped === 'not-yours') return notYours();
  const action = fields.action ?? '';
  try {
    if (claims.purpose === 'reference' && action === 'report') {
      await submitReportAction(
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
        workDeps(),
      );
    } else if (claims.purpose === 'supervisor-review' && (action === 'approve' || action === 'return')) {
      await reviewAction(
        {
          referenceNo: scoped.referenceNo,
          officerId: claims.officerId,
          decision: action,
          grade: fields.grade,
          remark: fields.remark,
          reasons: fields.reasons,
        },
        workDeps(),
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
    if (error instanceof InvalidFieldsError) {
      return renderReference(claims, request, token, scoped, {
        issues: error.issues,
        values: fields,
        status: 422,
      });
    }
    if (error instanceof TransitionError) {
      return errorPage(409, { en: 'Not possible now', hi: 'अभी संभव नहीं' }, error.explanation);
    }
    throw error;
  }
}

export async function showFeedback(claims: LinkClaims, request: HttpRequest, token: string) {
  await assertLinkUnused(claims, linkLedger());
  const reference = await referenceRepository().get(claims.referenceNo!);
  if (!reference?.disposal) return notFound();
  if (
    (reference.disposalCount ?? 1) !== claims.version ||
    reference.feedback?.disposalNumber === claims.version
  ) {
    return errorPage(
      409,
      { en: 'Already answered', hi: 'पहले ही उत्तर दिया गया' },
      {
        en: 'Feedback on this disposal was already recorded. Thank you.',
        hi: 'इस निस्तारण पर फीडबैक पहले ही दर्ज हो चुका है। धन्यवाद।',
      },
    );
  }
  const language =
    request.query.lang === 'en' || request.query.lang === 'hi'
      ? request.query.lang
      : reference.complainant.language;
  const done =
    request.query.done === 'thanks' || request.query.done === 'reopened' ? request.query.done : undefined;
  return htmlResponse(200, feedbackPage({ reference, language, ctx: await formContext(token), done }));
}

export async function actOnFeedback(claims: LinkClaims, request: HttpRequest, token: string) {
  const fields = formFields(bodyText(request));
  verifyFormToken(fields[FORM_TOKEN_FIELD], token, await linkKeyring());
  await assertLinkUnused(claims, linkLedger());
  if (fields.satisfied !== 'yes' && fields.satisfied !== 'no') {
    const reference = await referenceRepository().get(claims.referenceNo!);
    if (!reference) return notFound();
    return htmlResponse(
      422,
      feedbackPage({
        reference,
        language: reference.complainant.language,
        ctx: {
          ...(await formContext(token)),
          issues: [
            {
              pointer: 'satisfied',
              code: 'required',
              message: { en: 'Choose satisfied or not satisfied', hi: 'संतुष्ट या असंतुष्ट चुनें' },
            },
          ] as never,
        },
      }),
    );
  }
  try {
    const after = await feedbackAction(
      { referenceNo: claims.referenceNo!, satisfied: fields.satisfied === 'yes', comment: fields.comment },
      workDeps(),
    );
    await linkLedger()
      .consume(claims.nonce!, claims.expiresAt)
      .catch(() => false);
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
    if (error instanceof TransitionError)
      return errorPage(409, { en: 'Not possible now', hi: 'अभी संभव नहीं' }, error.explanation);
    throw error;
  }
}

export async function showRandomChecks(
  claims: LinkClaims,
  request: HttpRequest,
  token: string,
  message?: ReturnType<typeof notice>,
  status = 200,
) {
  const officers = await workDeps().officers(claims.districtCode!);
  const post = officers.find((o) => o.id === claims.officerId);
  const drawn = await referenceRepository().inboxList(`RCHECK#${claims.districtCode}`);
  const mine =
    post?.role === 'supervisor'
      ? drawn.filter((r) => r.stationCode && post.stationCodes.includes(r.stationCode))
      : drawn;
  return htmlResponse(
    status,
    randomCheckPage({
      title: { en: 'Random check of disposals', hi: 'निस्तारणों की यादृच्छिक जांच' },
      references: mine,
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
    await randomCheckAction(
      {
        referenceNo: fields.referenceNo ?? '',
        districtCode: claims.districtCode!,
        officerId: claims.officerId,
        result: fields.result ?? '',
        remark: fields.remark ?? '',
      },
      workDeps(),
    );
    return redirectTo(`/o/${token}?done=check`);
  } catch (error) {
    if (error instanceof InvalidFieldsError) {
      return showRandomChecks(
        claims,
        request,
        token,
        notice(html`${error.issues.map((i) => bi(i.message))}`, 'danger'),
        422,
      );
    }
    if (error instanceof TransitionError || error instanceof NotYoursError) {
      return showRandomChecks(
        claims,
        request,
        token,
        notice(
          bi(
            error instanceof TransitionError
              ? error.explanation
              : { en: 'Not in this district', hi: 'इस जनपद का नहीं' },
          ),
          'danger',
        ),
        409,
      );
    }
    throw error;
  }
}
