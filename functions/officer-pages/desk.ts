import { linkKeyring } from '../../shared/adapters/secrets/link-keys.ts';
import { FORM_TOKEN_FIELD, formToken, verifyFormToken } from '../../shared/domain/links/form-token.ts';
import type { LinkClaims } from '../../shared/domain/links/token.ts';
import { referenceNumberOrProblem } from '../../shared/triggers/http/reference-number.ts';
import type { HttpRequest } from '../../shared/triggers/http/request.ts';
import { bodyText } from '../../shared/triggers/http/request.ts';
import { html as htmlResponse } from '../../shared/triggers/http/response.ts';
import { assignFromTriage } from '../../shared/use-cases/assign-from-triage.ts';
import { openCellDesk } from '../../shared/use-cases/open-cell-desk.ts';
import { openCellReference } from '../../shared/use-cases/open-cell-reference.ts';
import { openStationInbox } from '../../shared/use-cases/open-station-inbox.ts';
import { transferReference } from '../../shared/use-cases/transfer-reference.ts';
import { bi, notice, type SafeHtml } from '../../shared/views/html/index.ts';
import {
  cellReferenceActions,
  districtCellPage,
  districtViewPage,
  referencePage,
  stationInboxPage,
} from '../../shared/views/pages/officer-views.ts';
import { formFields, pageLanguage, redirectTo } from './context.ts';
import { pageDeps } from './deps.ts';
import { notFound, refusalNotice } from './refusals.ts';

/** The desks behind a station's inbox link and a district IGRS cell's link. */

export async function showInbox(claims: LinkClaims, request: HttpRequest) {
  const inbox = await openStationInbox(
    {
      stationCode: claims.stationCode!,
      ...(claims.officerId ? { officerId: claims.officerId } : {}),
      linkExpiresAt: claims.expiresAt,
    },
    pageDeps(),
  );
  if (!inbox) return notFound();
  return htmlResponse(
    200,
    stationInboxPage({ ...inbox, now: pageDeps().clock.now(), language: pageLanguage(request) }),
  );
}

const DONE = {
  assigned: { en: 'Assigned. The station has been notified.', hi: 'आवंटित। थाने को सूचित कर दिया गया है।' },
  transferred: {
    en: 'Transferred. The new station has been notified; the deadline is unchanged.',
    hi: 'स्थानांतरित। नए थाने को सूचित कर दिया गया है; अंतिम तिथि वही है।',
  },
};

export async function showCell(
  claims: LinkClaims,
  request: HttpRequest,
  token: string,
  message?: SafeHtml,
  status = 200,
) {
  if (request.query.view === 'district') return showDistrictView(claims, request, token);
  if (request.query.ref) return showCellReference(claims, request, token, request.query.ref);
  const desk = await openCellDesk(claims.districtCode!, pageDeps());
  if (!desk) return notFound();
  const done = request.query.done as keyof typeof DONE | undefined;
  return htmlResponse(
    status,
    districtCellPage({
      ...desk,
      language: pageLanguage(request),
      action: `/o/${token}`,
      formToken: formToken(token, await linkKeyring()),
      message: message ?? (done && Object.hasOwn(DONE, done) ? notice(bi(DONE[done]), 'success') : undefined),
    }),
  );
}

/** One reference of the district, in full, with the cell's assign or transfer form. */
async function showCellReference(
  claims: LinkClaims,
  request: HttpRequest,
  token: string,
  referenceNo: string,
  message?: SafeHtml,
  status = 200,
) {
  // A mistyped number is said to be mistyped, not "of another district" (what an unknown one is told).
  const checkedNo = referenceNumberOrProblem(referenceNo);
  const content = await openCellReference(
    {
      districtCode: claims.districtCode!,
      referenceNo: checkedNo,
      post: claims.officerId,
    },
    pageDeps(),
  );
  return htmlResponse(
    status,
    referencePage({
      ...content,
      now: pageDeps().clock.now(),
      language: pageLanguage(request),
      actions: cellReferenceActions({
        reference: content.reference,
        stations: content.stations,
        suggestions: content.suggestions,
        action: `/o/${token}`,
        formToken: formToken(token, await linkKeyring()),
        message,
      }),
    }),
  );
}

/** The SP office's live view of the district, with the month's provisional scores. */
async function showDistrictView(claims: LinkClaims, request: HttpRequest, token: string) {
  // Loaded with the first live view: the ranking engine and the month reader stay out of the desk's path.
  const [{ openDistrictView }, { districtViewDeps }] = await Promise.all([
    import('../../shared/use-cases/open-district-view.ts'),
    import('./district-view-deps.ts'),
  ]);
  const view = await openDistrictView(claims.districtCode!, districtViewDeps());
  if (!view) return notFound();
  return htmlResponse(
    200,
    districtViewPage({ ...view, action: `/o/${token}`, language: pageLanguage(request) }),
  );
}

export async function actOnCell(claims: LinkClaims, request: HttpRequest, token: string) {
  const form = formFields(bodyText(request));
  verifyFormToken(form[FORM_TOKEN_FIELD], token, await linkKeyring());
  const input = {
    referenceNo: (form.referenceNo ?? '').replace(/[\s-]/g, ''),
    districtCode: claims.districtCode!,
    stationCode: form.stationCode ?? '',
    actor: { role: 'district-cell' as const, districtCode: claims.districtCode! },
  };
  try {
    if (form.action === 'assign') await assignFromTriage(input, pageDeps());
    else if (form.action === 'transfer')
      await transferReference({ ...input, reason: form.reason ?? '' }, pageDeps());
    else
      return showCell(
        claims,
        request,
        token,
        notice(bi({ en: 'Unknown action', hi: 'अज्ञात कार्रवाई' }), 'danger'),
        400,
      );
    return redirectTo(`/o/${token}?done=${form.action === 'assign' ? 'assigned' : 'transferred'}`);
  } catch (error) {
    const refusal = refusalNotice(error);
    if (!refusal) throw error;
    // A form sent from a reference's own page shows that page again, with the refusal on it.
    if (form.from === 'reference' && input.referenceNo && refusal.status !== 403)
      return showCellReference(claims, request, token, input.referenceNo, refusal.message, refusal.status);
    return showCell(claims, request, token, refusal.message, refusal.status);
  }
}
