import { intakeDeps } from '../../shared/adapters/wiring/intake-wiring.ts';
import { masterDataReader } from '../../shared/adapters/wiring/wiring.ts';
import { intEnv } from '../../shared/config.ts';
import { InvalidFieldsError } from '../../shared/domain/errors.ts';
import type { Open311Format } from '../../shared/domain/open311/document.ts';
import { Open311Error, open311Error } from '../../shared/domain/open311/errors.ts';
import {
  formFromJson,
  formFromPairs,
  type Open311Form,
  withFallback,
} from '../../shared/domain/open311/form.ts';
import { fieldErrors } from '../../shared/domain/open311/intake.ts';
import { serviceNotice } from '../../shared/domain/open311/notice.ts';
import { urlEncodedPairs } from '../../shared/triggers/http/form.ts';
import { idempotencyKeyOf } from '../../shared/triggers/http/idempotency.ts';
import { bodyText, type HttpRequest } from '../../shared/triggers/http/request.ts';
import type { HttpResponse } from '../../shared/triggers/http/response.ts';
import { countComplaintFiled } from '../../shared/triggers/powertools.ts';
import { type FileComplaintResult, fileComplaint } from '../../shared/use-cases/file-complaint.ts';
import { toComplaintRequest } from './complaint-request.ts';
import { checkJurisdiction, requireApiKey, respond, unknownService } from './http.ts';

const MAX_BODY_BYTES = intEnv('MAX_COMPLAINT_BODY_BYTES', 32 * 1024);

/**
 * POST requests.{format}: files a complaint through the same intake as POST /v1/complaints, with
 * channel 'open311'. Answers 200 with the reference number as service_request_id: GeoReport v2
 * shows 200, and clients written against it (Bloomington's GeoReporter among them) check for it.
 * The tracking secret is not returned: the complainant tracks with the number and the registered
 * mobile's last four digits. Nothing is stored unless every check passes.
 */
export async function postRequest(request: HttpRequest, format: Open311Format): Promise<HttpResponse> {
  const form = withFallback(readForm(request), request.query);
  const language = request.language;
  await requireApiKey(form.fields.api_key, 'POST requests');
  checkJurisdiction(form.fields.jurisdiction_id);
  const serviceCode = form.fields.service_code?.trim().toLowerCase();
  if (serviceCode && !(await masterDataReader().category(serviceCode))) throw unknownService(serviceCode);
  const { request: complaint, labels } = toComplaintRequest(form);

  // The api_key is the client: one partner's retries replay, another's same key files anew.
  const idempotencyKey = idempotencyKeyOf(request, `open311:${form.fields.api_key}`);
  let result: FileComplaintResult;
  try {
    result = await fileComplaint(
      complaint,
      { language, idempotencyKey, actor: { role: 'api-client' }, channel: 'open311' },
      intakeDeps(),
    );
  } catch (error) {
    if (error instanceof InvalidFieldsError) throw new Open311Error(400, fieldErrors(error.issues, labels));
    throw error;
  }
  if (!result.replayed) countComplaintFiled('open311');
  const { referenceNo, deadlineAt } = result.complaint;
  const document = [
    { service_request_id: referenceNo, service_notice: serviceNotice(referenceNo, deadlineAt, language) },
  ];
  return respond(200, format, 'service_requests', document, language, {
    location: `/open311/v2/requests/${referenceNo}.${format}`,
  });
}

/** The POST body as Open311 arguments: form-urlencoded as the specification says, or JSON. */
function readForm(request: HttpRequest): Open311Form {
  if (request.bodyBytes.length > MAX_BODY_BYTES) {
    throw open311Error(413, {
      en: `The request body is too large: at most ${MAX_BODY_BYTES} bytes are accepted`,
      hi: `अनुरोध का मुख्य भाग बहुत बड़ा है: अधिकतम ${MAX_BODY_BYTES} बाइट स्वीकार्य हैं`,
    });
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const body = bodyText(request);
  if (type === '' || type === 'application/x-www-form-urlencoded')
    return formFromPairs(urlEncodedPairs(body));
  if (type === 'application/json' || type.endsWith('+json')) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (cause) {
      throw open311Error(
        400,
        { en: 'The request body is not valid JSON', hi: 'अनुरोध का मुख्य भाग मान्य JSON नहीं है' },
        { cause },
      );
    }
    return formFromJson(value);
  }
  throw open311Error(400, {
    en: 'Send the request as application/x-www-form-urlencoded (or application/json)',
    hi: 'अनुरोध application/x-www-form-urlencoded (या application/json) के रूप में भेजें',
  });
}
