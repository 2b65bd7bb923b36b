import { dynamodbClient } from '../../shared/adapters/aws/clients/dynamodb.ts';
import { resourceEnv } from '../../shared/adapters/aws/resource-env.ts';
import { retentionDeps } from '../../shared/adapters/wiring/retention-wiring.ts';
import { mainTableName } from '../../shared/adapters/wiring/wiring.ts';
import { requireEnv } from '../../shared/config.ts';
import { normaliseReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import { authorizeAdmin, withAdminClaims } from '../../shared/triggers/http/admin-auth.ts';
import { erasureRequestSchema } from '../../shared/triggers/http/api/erasure-schema.ts';
import { parseWith } from '../../shared/triggers/http/api/validation.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import { jsonBody } from '../../shared/triggers/http/request.ts';
import { json } from '../../shared/triggers/http/response.ts';
import { logger } from '../../shared/triggers/powertools.ts';
import { eraseComplainant } from '../../shared/use-cases/erase-complainant.ts';

/**
 * POST /v1/admin/erasures (administrators): erases one reference's, or one mobile number's,
 * personal data now and answers with the audit entry recorded for it. The operator named in the
 * body is recorded; behind the JWT authorizer the token's subject is recorded instead.
 */
export const handler = withAdminClaims(
  httpHandler(async (request) => {
    const { subject } = await authorizeAdmin(request);
    const body = parseWith(erasureRequestSchema, jsonBody(request, 4096));
    const result = await eraseComplainant(
      {
        target: body.referenceNo
          ? { referenceNo: normaliseReferenceNumber(body.referenceNo) }
          : { mobile: body.mobile! },
        reason: body.reason,
        ...(body.requestRef ? { requestRef: body.requestRef } : {}),
        operator: subject ? `jwt:${subject}` : body.operator,
      },
      retentionDeps({
        dynamodb: dynamodbClient(),
        tableName: mainTableName(),
        // Loaded on the first deletion (a chunk of its own): erasures are rare, cold starts not.
        s3: () => import('../../shared/adapters/aws/clients/s3.ts').then((m) => m.s3Client()),
        attachmentsBucket: requireEnv(resourceEnv.bucket('attachments')),
      }),
    );
    if (result.kind === 'unknown-reference')
      throw new HttpProblem(404, 'reference-not-found', {
        en: 'No reference with this number',
        hi: 'इस संख्या का कोई सन्दर्भ नहीं है',
      });
    const { audit } = result;
    logger.info('personal data erased', {
      erasure: audit.id,
      scope: audit.scope,
      references: audit.referenceNos.length,
      reason: audit.reason,
    });
    return json(200, audit);
  }),
);
