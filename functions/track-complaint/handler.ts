import { dynamodbClient } from '../../shared/adapters/aws/clients/dynamodb.ts';
import { DynamoTrackingGuard } from '../../shared/adapters/dynamodb/intake-stores.ts';
import { mainTableName, referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import { intEnv } from '../../shared/config.ts';
import type { TrackingCredential } from '../../shared/domain/intake/tracking.ts';
import { checkReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import { json } from '../../shared/triggers/http/response.ts';
import { trackComplaint } from '../../shared/use-cases/track-complaint.ts';

const MAX_FAILURES_PER_HOUR = intEnv('TRACKING_MAX_FAILURES_PER_HOUR', 10);
let guard: DynamoTrackingGuard | undefined;

/**
 * GET /v1/complaints/{referenceNo}: status and timeline for the complainant. The tracking secret
 * goes in the X-Tracking-Secret header (or `secret`), or the mobile's last four digits in
 * X-Mobile-Last4 (or `mobileLast4`).
 */
export const handler = httpHandler(async (request) => {
  const checked = checkReferenceNumber(request.pathParameters.referenceNo ?? '');
  if (!checked.ok) {
    throw new HttpProblem(
      400,
      'invalid-reference-number',
      checked.problem === 'check-digit'
        ? {
            en: 'This reference number is mistyped: its check digit does not match. Please check every digit.',
            hi: 'यह सन्दर्भ संख्या गलत लिखी गई है: इसका जांच अंक मेल नहीं खाता। कृपया हर अंक जांचें।',
          }
        : { en: 'A reference number has 11 digits', hi: 'सन्दर्भ संख्या 11 अंकों की होती है' },
    );
  }
  const secret = request.headers['x-tracking-secret'] ?? request.query.secret;
  const last4 = request.headers['x-mobile-last4'] ?? request.query.mobileLast4;
  let credential: TrackingCredential;
  if (secret) credential = { secret };
  else if (last4 && /^\d{4}$/.test(last4)) credential = { mobileLast4: last4 };
  else {
    throw new HttpProblem(
      401,
      'credentials-required',
      {
        en: 'Give the tracking secret (X-Tracking-Secret) or the last four digits of the registered mobile number (X-Mobile-Last4)',
        hi: 'ट्रैकिंग कोड (X-Tracking-Secret) या पंजीकृत मोबाइल नंबर के अंतिम चार अंक (X-Mobile-Last4) दें',
      },
      { headers: { 'www-authenticate': 'Tracking-Secret' } },
    );
  }
  guard ??= new DynamoTrackingGuard(dynamodbClient(), mainTableName());
  const view = await trackComplaint(checked.value, credential, {
    references: referenceRepository(),
    guard,
    maxFailuresPerWindow: MAX_FAILURES_PER_HOUR,
  });
  if (!view) {
    throw new HttpProblem(404, 'not-found', {
      en: 'No complaint matches this reference number and credential',
      hi: 'इस सन्दर्भ संख्या और कोड से कोई शिकायत मेल नहीं खाती',
    });
  }
  return json(200, view, { 'content-language': request.language });
});
