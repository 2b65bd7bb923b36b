import { linkKeyring } from '../../shared/adapters/link-keys.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { verifyLinkToken } from '../../shared/domain/links/token.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { RETRY_AFTER_SECONDS } from '../../shared/http/unavailable.ts';
import { errorPage } from '../../shared/views/html/index.ts';
import { pageLanguage } from './context.ts';
import { actOnCell, showCell, showInbox } from './desk.ts';
import { refusalPage } from './refusals.ts';
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
        case 'district-cell':
          return await (post ? actOnCell(claims, request, token) : showCell(claims, request, token));
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
      const page = refusalPage(error, pageLanguage(request));
      if (page) return page;
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
