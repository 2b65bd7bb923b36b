import { linkKeyring } from '../../shared/adapters/secrets/link-keys.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { verifyLinkToken } from '../../shared/domain/links/token.ts';
import { requireUrlEncoded } from '../../shared/triggers/http/form.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { pageErrorResponse } from '../../shared/triggers/http/page-errors.ts';
import { errorPage } from '../../shared/views/html/index.ts';
import { actOnCell, showCell, showInbox } from './desk.ts';
import { actOnFeedbackDesk, showFeedbackDesk } from './feedback-desk.ts';
import {
  actOnFeedback,
  actOnRandomCheck,
  actOnReference,
  showFeedback,
  showRandomChecks,
  showReference,
} from './work.ts';

const PURPOSES = [
  'reference',
  'supervisor-review',
  'feedback',
  'station-inbox',
  'district-cell',
  'random-check',
  'feedback-desk',
] as const;

/**
 * GET and POST /o/{token}: the pages behind officers' and complainants' signed links. The token
 * says what the link opens (a reference for its station or supervisor, a feedback form, a
 * station's inbox, a district cell's desk, a random-check list, a feedback operator's call desk) and for whom; anything altered,
 * expired, used or out of scope gets a clear bilingual page and changes nothing.
 */
export const handler = httpHandler(
  async (request) => {
    const token = request.pathParameters.token ?? '';
    const claims = verifyLinkToken(token, await linkKeyring(), systemClock.now(), { purpose: PURPOSES });
    const post = request.method === 'POST';
    // Every form on these pages is urlencoded; another body would only lose its fields.
    if (post) requireUrlEncoded(request);
    switch (claims.purpose) {
      case 'reference':
      case 'supervisor-review':
        return await (post ? actOnReference(claims, request, token) : showReference(claims, request, token));
      case 'feedback':
        return await (post ? actOnFeedback(claims, request, token) : showFeedback(claims, request, token));
      case 'random-check':
        return await (post
          ? actOnRandomCheck(claims, request, token)
          : showRandomChecks(claims, request, token));
      case 'district-cell':
        return await (post ? actOnCell(claims, request, token) : showCell(claims, request, token));
      case 'feedback-desk':
        return await (post
          ? actOnFeedbackDesk(claims, request, token)
          : showFeedbackDesk(claims, request, token));
      default:
        if (post) {
          const page = errorPage(
            405,
            { en: 'Not allowed', hi: 'अनुमति नहीं' },
            { en: 'This link does not accept forms.', hi: 'यह लिंक फ़ॉर्म स्वीकार नहीं करता।' },
          );
          // RFC 9110 §15.5.6: a 405 names the methods the resource does allow.
          return { ...page, headers: { ...page.headers, allow: 'GET' } };
        }
        return await showInbox(claims, request);
    }
  },
  // Refused links, actions no longer possible and a backing service down: bilingual pages.
  { errors: pageErrorResponse },
);
