import { linkKeyring } from '../../shared/adapters/secrets/link-keys.ts';
import { InvalidFieldsError } from '../../shared/domain/errors.ts';
import { FORM_TOKEN_FIELD, formToken, verifyFormToken } from '../../shared/domain/links/form-token.ts';
import type { LinkClaims } from '../../shared/domain/links/token.ts';
import { referenceNumberOrProblem } from '../../shared/triggers/http/reference-number.ts';
import type { HttpRequest } from '../../shared/triggers/http/request.ts';
import { bodyText } from '../../shared/triggers/http/request.ts';
import { html as htmlResponse } from '../../shared/triggers/http/response.ts';
import {
  openFeedbackCall,
  openFeedbackDesk,
  recordFeedbackCall,
} from '../../shared/use-cases/feedback-calls.ts';
import { bi, notice, page, type SafeHtml } from '../../shared/views/html/index.ts';
import {
  feedbackCallActions,
  feedbackCallPage,
  feedbackDeskPage,
} from '../../shared/views/pages/feedback-desk-views.ts';
import { formFields, pageLanguage, redirectTo } from './context.ts';
import { pageDeps } from './deps.ts';
import { notFound, refusalNotice } from './refusals.ts';

/** The feedback operator's call desk behind a `feedback-desk` link (one district, or the state). */

const scopeOf = (claims: LinkClaims) => ({ operator: claims.officerId!, districtCode: claims.districtCode });

const DONE: Record<string, { en: string; hi: string }> = {
  satisfied: { en: 'Recorded: satisfied.', hi: 'दर्ज: संतुष्ट।' },
  'not-satisfied': {
    en: 'Recorded: not satisfied. The reference is reopened for the supervising officer.',
    hi: 'दर्ज: असंतुष्ट। सन्दर्भ पर्यवेक्षण अधिकारी हेतु पुनः खोला गया।',
  },
  unreachable: { en: 'Recorded: not reachable.', hi: 'दर्ज: संपर्क नहीं हुआ।' },
};

export async function showFeedbackDesk(claims: LinkClaims, request: HttpRequest, token: string) {
  if (request.query.ref) return showFeedbackCall(claims, request, token, request.query.ref);
  const desk = await openFeedbackDesk(scopeOf(claims), pageDeps());
  if (!desk) return notFound();
  // Own keys only: ?done=constructor must not find Object's own properties and show an empty notice.
  const done =
    request.query.done && Object.hasOwn(DONE, request.query.done) ? DONE[request.query.done] : undefined;
  return htmlResponse(
    200,
    feedbackDeskPage({
      ...desk,
      windowDays: pageDeps().feedbackWindowDays,
      action: `/o/${token}`,
      language: pageLanguage(request),
      message: done ? notice(bi(done), 'success') : undefined,
    }),
  );
}

async function showFeedbackCall(
  claims: LinkClaims,
  request: HttpRequest,
  token: string,
  referenceNo: string,
  options: { message?: SafeHtml; status?: number; issues?: InvalidFieldsError['issues'] } = {},
) {
  const checkedNo = referenceNumberOrProblem(referenceNo);
  const content = await openFeedbackCall({ ...scopeOf(claims), referenceNo: checkedNo }, pageDeps());
  return htmlResponse(
    options.status ?? 200,
    feedbackCallPage({
      ...content,
      language: pageLanguage(request),
      actions: feedbackCallActions({
        reference: content.reference,
        action: `/o/${token}`,
        formToken: formToken(token, await linkKeyring()),
        ...(options.issues ? { issues: options.issues } : {}),
        message: options.message,
      }),
    }),
  );
}

export async function actOnFeedbackDesk(claims: LinkClaims, request: HttpRequest, token: string) {
  const fields = formFields(bodyText(request));
  verifyFormToken(fields[FORM_TOKEN_FIELD], token, await linkKeyring());
  const referenceNo = (fields.referenceNo ?? '').replace(/[\s-]/g, '');
  try {
    await recordFeedbackCall(
      { ...scopeOf(claims), referenceNo, result: fields.result ?? '', comment: fields.comment },
      pageDeps(),
    );
    return redirectTo(`/o/${token}?done=${encodeURIComponent(fields.result ?? '')}`);
  } catch (error) {
    if (error instanceof InvalidFieldsError)
      return showFeedbackCall(claims, request, token, referenceNo, { issues: error.issues, status: 422 });
    const refusal = refusalNotice(error);
    if (!refusal) throw error;
    if (refusal.status === 403)
      return htmlResponse(
        403,
        page({
          title: { en: 'Not for this desk', hi: 'इस डेस्क हेतु नहीं' },
          body: refusal.message,
          lang: pageLanguage(request),
        }),
      );
    return showFeedbackCall(claims, request, token, referenceNo, {
      message: refusal.message,
      status: refusal.status,
    });
  }
}
