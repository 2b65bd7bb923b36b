import { intakeDeps } from '../../shared/adapters/wiring/intake-wiring.ts';
import { intEnv } from '../../shared/config.ts';
import { complaintRequestSchema } from '../../shared/triggers/http/api/complaint-schema.ts';
import { parseWith } from '../../shared/triggers/http/api/validation.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { idempotencyKeyOf } from '../../shared/triggers/http/idempotency.ts';
import { jsonBody } from '../../shared/triggers/http/request.ts';
import { json } from '../../shared/triggers/http/response.ts';
import { countComplaintFiled } from '../../shared/triggers/powertools.ts';
import { fileComplaint } from '../../shared/use-cases/file-complaint.ts';

const MAX_BODY_BYTES = intEnv('MAX_COMPLAINT_BODY_BYTES', 32 * 1024);

/** POST /v1/complaints: registers a complaint and answers 201 once it is stored and queued for routing. */
export const handler = httpHandler(async (request) => {
  const complaint = parseWith(complaintRequestSchema, jsonBody(request, MAX_BODY_BYTES));
  const idempotencyKey = idempotencyKeyOf(request);
  const result = await fileComplaint(
    complaint,
    { language: request.language, idempotencyKey, actor: { role: 'api-client' } },
    intakeDeps(),
  );
  if (!result.replayed) countComplaintFiled(complaint.channel);
  const track = `/v1/complaints/${result.complaint.referenceNo}`;
  return json(
    201,
    { ...result.complaint, links: { track } },
    { location: track, ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}) },
  );
});
