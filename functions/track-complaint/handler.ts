import { dynamodbClient } from '../../shared/adapters/aws/clients/dynamodb.ts';
import { DynamoAttemptLimiter } from '../../shared/adapters/dynamodb/intake-stores.ts';
import { linkKeyring } from '../../shared/adapters/secrets/link-keys.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { mainTableName, referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import { intEnv, optionalEnv } from '../../shared/config.ts';
import type { TrackingCredential } from '../../shared/domain/intake/tracking.ts';
import { addressDigest } from '../../shared/domain/links/address-digest.ts';
import { signStatusToken } from '../../shared/domain/links/status-token.ts';
import { clientAddressKey } from '../../shared/triggers/http/client-address.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import { referenceNumberOrProblem } from '../../shared/triggers/http/reference-number.ts';
import type { HttpRequest } from '../../shared/triggers/http/request.ts';
import { json } from '../../shared/triggers/http/response.ts';
import { reissueStatusLink, type TrackDeps, trackComplaint } from '../../shared/use-cases/track-complaint.ts';

/**
 * Failed attempts allowed in a sliding hour: per client address (TRACKING_MAX_FAILURES_PER_ADDRESS,
 * or the older TRACKING_MAX_FAILURES_PER_HOUR) and, higher, per reference number from all addresses
 * (TRACKING_MAX_FAILURES_PER_REFERENCE). See trackComplaint for what each ceiling blocks.
 */
const WINDOW_SECONDS = intEnv('TRACKING_WINDOW_SECONDS', 3600);
const PER_ADDRESS = intEnv('TRACKING_MAX_FAILURES_PER_ADDRESS', intEnv('TRACKING_MAX_FAILURES_PER_HOUR', 10));
const PER_REFERENCE = intEnv('TRACKING_MAX_FAILURES_PER_REFERENCE', 30);

let deps: TrackDeps | undefined;
const trackDeps = (): TrackDeps =>
  (deps ??= {
    references: referenceRepository(),
    limiter: new DynamoAttemptLimiter(dynamodbClient(), mainTableName()),
    perAddress: { seconds: WINDOW_SECONDS, ceiling: PER_ADDRESS },
    perReference: { seconds: WINDOW_SECONDS, ceiling: PER_REFERENCE },
  });

const NOT_FOUND = () =>
  new HttpProblem(404, 'not-found', {
    en: 'No complaint matches this reference number and credential',
    hi: 'इस सन्दर्भ संख्या और कोड से कोई शिकायत मेल नहीं खाती',
  });

const credentialsRequired = () =>
  new HttpProblem(
    401,
    'credentials-required',
    {
      en: 'Give the tracking secret (X-Tracking-Secret) or the last four digits of the registered mobile number (X-Mobile-Last4)',
      hi: 'ट्रैकिंग कोड (X-Tracking-Secret) या पंजीकृत मोबाइल नंबर के अंतिम चार अंक (X-Mobile-Last4) दें',
    },
    { headers: { 'www-authenticate': 'Tracking-Secret' } },
  );

/**
 * A new status link takes the secret alone (the last four digits are too easily known to someone
 * close), so its refusal names only the secret: the tracking one would tell a client that sent
 * X-Mobile-Last4 to send X-Mobile-Last4.
 */
const secretRequired = () =>
  new HttpProblem(
    401,
    'credentials-required',
    {
      en: 'Give the tracking secret (X-Tracking-Secret): a new status link needs it, the last four digits of the mobile are not enough',
      hi: 'ट्रैकिंग कोड (X-Tracking-Secret) दें: नए स्थिति लिंक के लिए यह आवश्यक है, मोबाइल के अंतिम चार अंक पर्याप्त नहीं हैं',
    },
    { headers: { 'www-authenticate': 'Tracking-Secret' } },
  );

function credentialOf(request: HttpRequest): TrackingCredential {
  const secret = request.headers['x-tracking-secret'] ?? request.query.secret;
  if (secret) return { secret };
  const last4 = request.headers['x-mobile-last4'] ?? request.query.mobileLast4;
  if (last4 === undefined || last4 === '') throw credentialsRequired();
  // A whole mobile number here would be sent (and could be logged along the way) for nothing.
  if (!/^\d{4}$/.test(last4)) {
    throw new HttpProblem(
      400,
      'invalid-mobile-last4',
      {
        en: 'X-Mobile-Last4 takes only the last four digits of the registered mobile number',
        hi: 'X-Mobile-Last4 में पंजीकृत मोबाइल नंबर के केवल अंतिम चार अंक दें',
      },
      {
        detail: {
          en: 'Send exactly four digits, e.g. 3210 for a mobile ending in 3210; never the whole number.',
          hi: 'ठीक चार अंक भेजें, जैसे 3210 पर समाप्त मोबाइल के लिए 3210; पूरा नंबर कभी नहीं।',
        },
      },
    );
  }
  return { mobileLast4: last4 };
}

/** scheme://host the client called, when PUBLIC_BASE_URL is not set. */
function publicBase(request: HttpRequest): string {
  const configured = optionalEnv('PUBLIC_BASE_URL', '').replace(/\/+$/, '');
  if (configured) return configured;
  const proto = request.headers['x-forwarded-proto']?.split(',')[0]?.trim() || 'https';
  return `${proto}://${request.headers.host ?? 'localhost'}`;
}

/**
 * GET /v1/complaints/{referenceNo}: status and timeline for the complainant. The tracking secret
 * goes in the X-Tracking-Secret header (or `secret`), or the mobile's last four digits in
 * X-Mobile-Last4 (or `mobileLast4`).
 * POST /v1/complaints/{referenceNo}/status-link: with the tracking secret, withdraws every status
 * link of the reference and answers a new one.
 */
export const handler = httpHandler(async (request) => {
  const referenceNo = referenceNumberOrProblem(request.pathParameters.referenceNo ?? '');
  const keyring = await linkKeyring();
  // Failures are counted under an HMAC of the address: the counters hold no client address.
  const client = addressDigest(keyring, clientAddressKey(request.sourceIp), 'tracking');
  if (request.method === 'POST') {
    const secret = request.headers['x-tracking-secret'];
    if (!secret) throw secretRequired();
    const base = publicBase(request);
    const issued = await reissueStatusLink(referenceNo, secret, client, {
      ...trackDeps(),
      revokeStatusLinks: (no, event) => referenceRepository().revokeStatusLinks(no, event),
      statusLink: (claims) => `${base}/t/${signStatusToken(claims, keyring)}`,
      clock: systemClock,
    });
    if (!issued) throw NOT_FOUND();
    return json(201, { referenceNo, ...issued }, { 'content-language': request.language });
  }
  const view = await trackComplaint(referenceNo, credentialOf(request), client, trackDeps());
  if (!view) throw NOT_FOUND();
  return json(200, view, { 'content-language': request.language });
});
