import { dynamodbClient } from '../../shared/adapters/aws/clients/dynamodb.ts';
import { PolicyStore, PolicyTakenError } from '../../shared/adapters/dynamodb/policy-store.ts';
import { RankingStore } from '../../shared/adapters/dynamodb/ranking-store.ts';
import { mainTableName } from '../../shared/adapters/wiring/wiring.ts';
import { authorizeAdmin, withAdminClaims } from '../../shared/triggers/http/admin-auth.ts';
import { parsePolicy } from '../../shared/triggers/http/api/policy-schema.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import { type HttpRequest, jsonBody } from '../../shared/triggers/http/request.ts';
import { type HttpResponse, json } from '../../shared/triggers/http/response.ts';
import { logger } from '../../shared/triggers/powertools.ts';
import { listRankings } from '../../shared/use-cases/list-rankings.ts';
import { PolicyConflictError, publishPolicy } from '../../shared/use-cases/publish-policy.ts';

/**
 * For state administrators (admin authorizer, as GET /v1/rankings/{month}): GET /v1/rankings lists
 * the ranked months, their revisions and the policies; POST /v1/rankings/policies publishes a new
 * scoring policy version (400 when it is not valid, 409 when its version or month is taken or the
 * month already ranked). Apart from the rankings API so that neither bundle outgrows its budget:
 * this one carries the policy schema and the shipped policies, that one the S3 client and renderers.
 */

let rankings: RankingStore | undefined;
const store = () => (rankings ??= new RankingStore(dynamodbClient(), mainTableName()));

/** A policy document is small: a few dozen parameters in two languages. */
const MAX_POLICY_BYTES = 64 * 1024;

let policies: PolicyStore | undefined;
const policyStore = () => (policies ??= new PolicyStore(dynamodbClient(), mainTableName()));

/** GET /v1/rankings: the ranked months with their revisions, and every policy. */
const listAll = async (): Promise<HttpResponse> =>
  json(200, await listRankings({ catalog: () => store().catalog(), policies: policyStore() }));

/** POST /v1/rankings/policies: a new scoring policy version, validated, stored immutable. */
const publish = async (request: HttpRequest, caller: string): Promise<HttpResponse> => {
  const policy = parsePolicy(jsonBody(request, MAX_POLICY_BYTES));
  try {
    const published = await publishPolicy(policy, caller, {
      policies: policyStore(),
      rankedMonths: async () => (await store().catalog()).map((entry) => entry.month),
      clock: { now: () => new Date() },
    });
    logger.info('scoring policy published', { caller, ...published });
    return json(201, published, { location: `/v1/rankings?policy=${encodeURIComponent(published.version)}` });
  } catch (error) {
    if (error instanceof PolicyConflictError) throw new HttpProblem(409, error.code, error.explanation);
    if (error instanceof PolicyTakenError)
      throw new HttpProblem(409, 'month-taken', {
        en: `A policy already takes effect from ${policy.effectiveFrom}`,
        hi: `${policy.effectiveFrom} से पहले ही एक नीति प्रभावी है`,
      });
    throw error;
  }
};

const serve = async (request: HttpRequest): Promise<HttpResponse> => {
  const { caller } = await authorizeAdmin(request);
  return request.method === 'POST' ? publish(request, caller) : listAll();
};

export const handler = withAdminClaims(httpHandler(serve));
