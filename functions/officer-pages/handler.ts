import { linkKeyring } from '../../shared/adapters/link-keys.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { masterDataReader, referenceRepository } from '../../shared/adapters/wiring.ts';
import { InvalidFieldsError } from '../../shared/domain/errors.ts';
import { LinkError } from '../../shared/domain/links/errors.ts';
import { FORM_TOKEN_FIELD, formToken, verifyFormToken } from '../../shared/domain/links/form-token.ts';
import {
  epochSeconds,
  type LinkClaims,
  signLinkToken,
  verifyLinkToken,
} from '../../shared/domain/links/token.ts';
import { TransitionError } from '../../shared/domain/reference/lifecycle.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import type { HttpRequest } from '../../shared/http/request.ts';
import { bodyText } from '../../shared/http/request.ts';
import { html as htmlResponse } from '../../shared/http/response.ts';
import { RETRY_AFTER_SECONDS } from '../../shared/http/unavailable.ts';
import {
  assignFromTriage,
  OutOfScopeError,
  transferToStation,
} from '../../shared/use-cases/district-cell.ts';
import { bi, errorPage, html, linkErrorPage, notice } from '../../shared/views/html/index.ts';
import { districtCellPage, stationInboxPage } from '../../shared/views/pages/officer-views.ts';
import { cellDeps, notFound, pageLanguage } from './context.ts';
import {
  actOnFeedback,
  actOnRandomCheck,
  actOnReference,
  showFeedback,
  showRandomChecks,
  showReference,
} from './work.ts';

const DAY_S = 86_400;
const deps = cellDeps;

async function showInbox(claims: LinkClaims, request: HttpRequest) {
  const station = await findStation(claims.stationCode!);
  if (!station) return notFound();
  const keyring = await linkKeyring();
  const now = systemClock.now();
  const references = await referenceRepository().stationInbox(station.code);
  const rows = references.map((reference) => ({
    reference,
    link: `/o/${signLinkToken(
      {
        purpose: 'reference',
        referenceNo: reference.referenceNo,
        stationCode: station.code,
        ...(claims.officerId ? { officerId: claims.officerId } : {}),
        expiresAt: Math.max(claims.expiresAt, epochSeconds(now) + DAY_S),
      },
      keyring,
      now,
    )}`,
  }));
  return htmlResponse(200, stationInboxPage({ station, rows, now, language: pageLanguage(request) }));
}

/** Station codes start with their district's code, which may itself contain dashes. */
async function findStation(code: string) {
  const reader = masterDataReader();
  const districts = await reader.districts();
  const district = districts
    .filter((d) => code.startsWith(`${d.code}-`))
    .sort((a, b) => b.code.length - a.code.length)[0];
  return district ? reader.station(district.code, code) : undefined;
}

async function showCell(
  claims: LinkClaims,
  request: HttpRequest,
  token: string,
  message?: ReturnType<typeof html>,
  status = 200,
) {
  const reader = masterDataReader();
  const district = await reader.district(claims.districtCode!);
  if (!district) return notFound();
  const now = systemClock.now();
  const repository = referenceRepository();
  const [stations, triage, dueSoon] = await Promise.all([
    reader.stations(district.code),
    repository.triageList(district.code),
    repository.dueBetween(
      district.code,
      now.toISOString(),
      new Date(now.getTime() + 48 * 3600_000).toISOString(),
    ),
  ]);
  return htmlResponse(
    status,
    districtCellPage({
      district,
      stations,
      triage,
      dueSoon: dueSoon.filter((r) => r.status !== 'triage'),
      now,
      language: pageLanguage(request),
      action: `/o/${token}`,
      formToken: formToken(token, await linkKeyring()),
      message,
    }),
  );
}

const DONE = {
  assigned: { en: 'Assigned. The station has been notified.', hi: 'आवंटित। थाने को सूचित कर दिया गया है।' },
  transferred: {
    en: 'Transferred. The new station has been notified; the deadline is unchanged.',
    hi: 'स्थानांतरित। नए थाने को सूचित कर दिया गया है; अंतिम तिथि वही है।',
  },
};

async function actOnCell(claims: LinkClaims, request: HttpRequest, token: string) {
  const form = new URLSearchParams(bodyText(request));
  verifyFormToken(form.get(FORM_TOKEN_FIELD), token, await linkKeyring());
  const actor = { role: 'district-cell' as const, districtCode: claims.districtCode! };
  const input = {
    referenceNo: (form.get('referenceNo') ?? '').replace(/[\s-]/g, ''),
    districtCode: claims.districtCode!,
    stationCode: form.get('stationCode') ?? '',
    actor,
  };
  try {
    const action = form.get('action');
    if (action === 'assign') await assignFromTriage(input, deps());
    else if (action === 'transfer')
      await transferToStation({ ...input, reason: form.get('reason') ?? '' }, deps());
    else
      return showCell(
        claims,
        request,
        token,
        notice(bi({ en: 'Unknown action', hi: 'अज्ञात कार्रवाई' }), 'danger'),
        400,
      );
    // Post/redirect/get: a reload shows the page instead of repeating the action.
    return {
      statusCode: 303,
      headers: {
        location: `/o/${token}?done=${action === 'assign' ? 'assigned' : 'transferred'}`,
        'cache-control': 'no-store',
      },
      body: '',
    };
  } catch (error) {
    if (error instanceof InvalidFieldsError) {
      return showCell(
        claims,
        request,
        token,
        notice(html`${error.issues.map((i) => bi(i.message))}`, 'danger'),
        422,
      );
    }
    if (error instanceof TransitionError)
      return showCell(claims, request, token, notice(bi(error.explanation), 'danger'), 409);
    if (error instanceof OutOfScopeError) {
      return showCell(
        claims,
        request,
        token,
        notice(
          bi({ en: 'That reference is not in this district.', hi: 'वह सन्दर्भ इस जनपद का नहीं है।' }),
          'danger',
        ),
        403,
      );
    }
    throw error;
  }
}

const PURPOSES = [
  'reference',
  'supervisor-review',
  'feedback',
  'station-inbox',
  'district-cell',
  'random-check',
] as const;

/**
 * GET and POST /o/{token}: the pages behind officers' and complainants' signed links. The token
 * says what the link opens (a reference for its station or supervisor, a feedback form, a
 * station's inbox, a district cell's desk, a random-check list) and for whom; anything altered,
 * expired, used or out of scope gets a clear bilingual page and changes nothing.
 */
export const handler = httpHandler(
  async (request) => {
    const token = request.pathParameters.token ?? '';
    const language = pageLanguage(request);
    try {
      const claims = verifyLinkToken(token, await linkKeyring(), systemClock.now(), { purpose: PURPOSES });
      const post = request.method === 'POST';
      switch (claims.purpose) {
        case 'reference':
        case 'supervisor-review':
          return await (post
            ? actOnReference(claims, request, token)
            : showReference(claims, request, token));
        case 'feedback':
          return await (post ? actOnFeedback(claims, request, token) : showFeedback(claims, request, token));
        case 'random-check':
          return await (post
            ? actOnRandomCheck(claims, request, token)
            : showRandomChecks(claims, request, token));
        case 'district-cell': {
          if (post) return await actOnCell(claims, request, token);
          const done = request.query.done as keyof typeof DONE | undefined;
          return await showCell(
            claims,
            request,
            token,
            done && DONE[done] ? notice(bi(DONE[done]), 'success') : undefined,
          );
        }
        default:
          if (post) {
            return errorPage(
              405,
              { en: 'Not allowed', hi: 'अनुमति नहीं' },
              { en: 'This link does not accept forms.', hi: 'यह लिंक फ़ॉर्म स्वीकार नहीं करता।' },
            );
          }
          return await showInbox(claims, request);
      }
    } catch (error) {
      if (error instanceof LinkError) return linkErrorPage(error, language);
      throw error;
    }
  },
  {
    // A backing service down: a page saying so and to try again, never a 500.
    unavailable: (request) => {
      const page = errorPage(
        503,
        { en: 'Briefly unavailable', hi: 'कुछ क्षण के लिए अनुपलब्ध' },
        {
          en: 'The service could not be reached just now. Please reload the page in a few seconds before acting again.',
          hi: 'सेवा से अभी सम्पर्क नहीं हो सका। कृपया कुछ सेकंड बाद पृष्ठ पुनः खोलें, फिर कार्रवाई करें।',
        },
        { lang: pageLanguage(request) },
      );
      return { ...page, headers: { ...page.headers, 'retry-after': String(RETRY_AFTER_SECONDS) } };
    },
  },
);
