import { dynamodbClient, smsClient } from '../../shared/adapters/aws/clients.ts';
import { DynamoOtpStore, DynamoWindowLimiter } from '../../shared/adapters/dynamodb/otp-store.ts';
import { linkKeyring } from '../../shared/adapters/secrets/link-keys.ts';
import { secretMobileHasher } from '../../shared/adapters/secrets/mobile-hash-keys.ts';
import { EndUserMessagingSmsSender, parseTemplateIds } from '../../shared/adapters/sms/sms.ts';
import { cryptoRandom, systemClock } from '../../shared/adapters/system.ts';
import { mainTableName, referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import { intEnv, requireEnv } from '../../shared/config.ts';
import type { Language } from '../../shared/domain/language.ts';
import { formToken, verifyFormToken } from '../../shared/domain/links/form-token.ts';
import {
  DEFAULT_OTP_SETTINGS,
  maskedMobile,
  OTP_TEXT,
  OtpRateLimitedError,
  OtpRefusedError,
  SessionRefusedError,
} from '../../shared/domain/otp/otp.ts';
import { indianMobile } from '../../shared/triggers/http/api/complaint-schema.ts';
import { otpRequestSchema, otpVerifySchema } from '../../shared/triggers/http/api/otp-schema.ts';
import { parseWith } from '../../shared/triggers/http/api/validation.ts';
import { formBodyFields, requireUrlEncoded } from '../../shared/triggers/http/form.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { pageErrorResponse, pageLanguage } from '../../shared/triggers/http/page-errors.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import { problemResponse } from '../../shared/triggers/http/problem-response.ts';
import { type HttpRequest, jsonBody } from '../../shared/triggers/http/request.ts';
import { type HttpResponse, html, json } from '../../shared/triggers/http/response.ts';
import {
  listMyComplaints,
  type MyComplaintsDeps,
  requestOtp,
  verifyOtp,
} from '../../shared/use-cases/my-complaints.ts';
import {
  mobileFormPage,
  myComplaintsPage,
  otpFormPage,
  wrongCodeMessage,
} from '../../shared/views/pages/my-complaints-views.ts';

const MAX_BODY_BYTES = 1024;

let deps: MyComplaintsDeps | undefined;
const build = (): MyComplaintsDeps => ({
  hasher: secretMobileHasher,
  keyring: linkKeyring,
  otps: new DynamoOtpStore(dynamodbClient(), mainTableName()),
  limiter: new DynamoWindowLimiter(dynamodbClient(), mainTableName()),
  sms: new EndUserMessagingSmsSender(smsClient(), {
    entityId: requireEnv('SMS_DLT_ENTITY_ID'),
    templateIds: parseTemplateIds(requireEnv('SMS_DLT_TEMPLATE_IDS')),
    ...(process.env.SMS_ORIGINATION_IDENTITY
      ? { originationIdentity: process.env.SMS_ORIGINATION_IDENTITY }
      : {}),
  }),
  references: referenceRepository(),
  clock: systemClock,
  random: cryptoRandom,
  settings: {
    ttlSeconds: intEnv('OTP_TTL_SECONDS', DEFAULT_OTP_SETTINGS.ttlSeconds),
    maxAttempts: intEnv('OTP_MAX_ATTEMPTS', DEFAULT_OTP_SETTINGS.maxAttempts),
    perNumber: {
      hour: intEnv('OTP_PER_NUMBER_HOUR', DEFAULT_OTP_SETTINGS.perNumber.hour),
      day: intEnv('OTP_PER_NUMBER_DAY', DEFAULT_OTP_SETTINGS.perNumber.day),
    },
    perAddress: {
      hour: intEnv('OTP_PER_ADDRESS_HOUR', DEFAULT_OTP_SETTINGS.perAddress.hour),
      day: intEnv('OTP_PER_ADDRESS_DAY', DEFAULT_OTP_SETTINGS.perAddress.day),
    },
    sessionSeconds: intEnv('OTP_SESSION_SECONDS', DEFAULT_OTP_SETTINGS.sessionSeconds),
  },
});
const otpDeps = () => (deps ??= build());

/** The OTP refusals in the JSON API's terms. */
function asProblem(error: unknown): unknown {
  if (error instanceof OtpRateLimitedError) {
    return new HttpProblem(
      429,
      error.scope === 'number' ? 'too-many-otps' : 'too-many-otp-requests',
      error.scope === 'number' ? OTP_TEXT.tooManyForNumber : OTP_TEXT.tooManyFromAddress,
      { headers: { 'retry-after': String(error.retryAfterSeconds) } },
    );
  }
  if (error instanceof OtpRefusedError) {
    return error.refusal === 'wrong'
      ? new HttpProblem(401, 'otp-wrong', OTP_TEXT.wrong, {
          detail: wrongCodeMessage(error.attemptsLeft),
        })
      : new HttpProblem(401, 'otp-expired', OTP_TEXT.expired);
  }
  if (error instanceof SessionRefusedError) return sessionRequired(error);
  return error;
}

const sessionRequired = (cause?: unknown) =>
  new HttpProblem(
    401,
    'session-required',
    {
      en: 'Sign in again with a one-time code (POST /v1/otp)',
      hi: 'एक बार के कोड से फिर से प्रवेश करें (POST /v1/otp)',
    },
    { headers: { 'www-authenticate': 'Bearer' }, cause },
  );

async function api(request: HttpRequest): Promise<HttpResponse> {
  const headers = { 'content-language': request.language };
  try {
    if (request.routeKey === 'POST /v1/otp') {
      const { mobile } = parseWith(otpRequestSchema, jsonBody(request, MAX_BODY_BYTES));
      const sent = await requestOtp(mobile, request.sourceIp, otpDeps());
      return json(
        202,
        // Nothing of the number in it: the body is the same, byte for byte, for every number.
        { expiresIn: sent.expiresInSeconds, message: OTP_TEXT.sent },
        headers,
      );
    }
    if (request.routeKey === 'POST /v1/otp/verify') {
      const { mobile, otp } = parseWith(otpVerifySchema, jsonBody(request, MAX_BODY_BYTES));
      const session = await verifyOtp(mobile, otp, otpDeps());
      const expiresIn = Math.round((session.expiresAt.getTime() - Date.now()) / 1000);
      return json(200, { accessToken: session.token, tokenType: 'Bearer', expiresIn }, headers);
    }
    const [scheme, token, ...rest] = (request.headers.authorization ?? '').trim().split(/\s+/);
    if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) throw sessionRequired();
    return json(200, await listMyComplaints(token, otpDeps()), headers);
  } catch (error) {
    throw asProblem(error);
  }
}

/** Form fields from a urlencoded body, as strings; anything oversized is refused as a whole. */
function formFields(request: HttpRequest): Record<string, string> {
  requireUrlEncoded(request);
  if (request.bodyBytes.length > MAX_BODY_BYTES) return {};
  return formBodyFields(request);
}

/** The form token of the code form binds it to the number it was sent to. */
const formSubject = (mobile: string) => `my-complaints:${mobile}`;

const INVALID_MOBILE = {
  en: 'Enter an Indian mobile number: 10 digits starting with 6, 7, 8 or 9',
  hi: 'भारतीय मोबाइल नंबर डालें: 6, 7, 8 या 9 से शुरू होने वाले 10 अंक',
};

function tooMany(error: OtpRateLimitedError, lang: Language): HttpResponse {
  const text = error.scope === 'number' ? OTP_TEXT.tooManyForNumber : OTP_TEXT.tooManyFromAddress;
  return html(429, mobileFormPage({ lang, message: { text, tone: 'danger' } }), {
    'retry-after': String(error.retryAfterSeconds),
  });
}

async function pages(request: HttpRequest): Promise<HttpResponse> {
  const lang = pageLanguage(request);
  if (request.method === 'GET') return html(200, mobileFormPage({ lang }));
  const fields = formFields(request);
  const parsed = indianMobile.safeParse(fields.mobile ?? '');
  if (!parsed.success) {
    return html(
      422,
      mobileFormPage({ lang, mobile: (fields.mobile ?? '').slice(0, 16), error: INVALID_MOBILE }),
    );
  }
  const mobile = parsed.data;

  if (request.routeKey === 'POST /my/otp') {
    try {
      const sent = await requestOtp(mobile, request.sourceIp, otpDeps());
      const token = formToken(formSubject(mobile), await linkKeyring());
      return html(200, otpFormPage({ lang, mobile, sentTo: sent.sentTo, formToken: token }));
    } catch (error) {
      if (error instanceof OtpRateLimitedError) return tooMany(error, lang);
      throw error;
    }
  }

  // POST /my/verify: a cross-site form cannot bring the token, so it cannot sign anyone in.
  const keyring = await linkKeyring();
  verifyFormToken(fields.formToken, formSubject(mobile), keyring);
  const again = (status: number, error: typeof INVALID_MOBILE) =>
    html(
      status,
      otpFormPage({
        lang,
        mobile,
        sentTo: maskedMobile(mobile),
        formToken: formToken(formSubject(mobile), keyring),
        error,
      }),
    );
  if (!/^\d{6}$/.test(fields.otp ?? '')) {
    return again(422, { en: 'The code has 6 digits', hi: 'कोड 6 अंकों का होता है' });
  }
  try {
    const session = await verifyOtp(mobile, fields.otp!, otpDeps());
    const list = await listMyComplaints(session.token, otpDeps());
    return html(200, myComplaintsPage({ lang, list, sentTo: maskedMobile(mobile) }));
  } catch (error) {
    if (error instanceof OtpRefusedError && error.refusal === 'wrong') {
      return again(401, wrongCodeMessage(error.attemptsLeft));
    }
    if (error instanceof OtpRefusedError) {
      return html(
        401,
        mobileFormPage({ lang, mobile, message: { text: OTP_TEXT.expired, tone: 'warning' } }),
      );
    }
    throw error;
  }
}

/**
 * "My complaints by OTP": POST /v1/otp and /v1/otp/verify, GET /v1/my/complaints (JSON, bearer
 * token), and the same flow as script-free pages: GET /my, POST /my/otp, POST /my/verify.
 */
export const handler = httpHandler(
  (request) => (request.path.startsWith('/v1/') ? api(request) : pages(request)),
  {
    errors: (error, request) =>
      request.path.startsWith('/v1/') ? problemResponse(error, request) : pageErrorResponse(error, request),
  },
);
