import { linkKeyring } from '../../shared/adapters/secrets/link-keys.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { masterDataReader, referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import { intEnv } from '../../shared/config.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { pageErrorResponse } from '../../shared/triggers/http/page-errors.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import { html } from '../../shared/triggers/http/response.ts';
import { openStatusPage } from '../../shared/use-cases/open-status-page.ts';
import { statusPage, statusRefusalPage } from '../../shared/views/pages/status-page.ts';

/**
 * GET /t/{token}: the complainant's status page, opened from the link in the acknowledgement SMS
 * and mail. Script-free HTML in the complainant's language first; a link that is not genuine gets a
 * 404 page, a withdrawn or expired one a 410 page. The response headers (./response.ts html) keep
 * the page out of caches (no-store), forbid scripts, and send no Referer, since the path is the
 * credential.
 */
export const handler = httpHandler(
  async (request) => {
    const result = await openStatusPage(request.pathParameters.token ?? '', {
      references: referenceRepository(),
      masterData: masterDataReader(),
      keyring: await linkKeyring(),
      clock: systemClock,
      feedbackWindowDays: intEnv('FEEDBACK_WINDOW_DAYS', 7),
      linkDaysAfterDisposal: intEnv('STATUS_LINK_DAYS_AFTER_DISPOSAL', 180),
    });
    if (!result.ok) {
      const refusal = statusRefusalPage(result.refusal);
      return html(refusal.status, refusal.document);
    }
    return html(200, statusPage(result.page), { 'content-language': result.page.language });
  },
  {
    // A token longer than any we issue is simply not one of ours: the same 404 page as any other
    // unrecognised link, not the API's 400. A backing service down: a page saying to try again (503).
    errors: (error, request) => {
      if (error instanceof HttpProblem && error.code === 'input-too-long') {
        const refusal = statusRefusalPage('invalid');
        return html(refusal.status, refusal.document);
      }
      return pageErrorResponse(error, request);
    },
  },
);
