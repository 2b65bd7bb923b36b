import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { HttpProblem } from './problem.ts';
import type { HttpRequest } from './request.ts';

/**
 * The state administrators' routes (`authorizer: 'admin'`): behind a JWT authorizer (AWS, when the
 * stack is given an issuer) API Gateway has already checked the token and the event carries its
 * claims; otherwise the caller must send `Authorization: Bearer <adminToken>`, compared in constant
 * time with the secret. Everything else gets 401 before anything is read.
 */

/** The claims API Gateway's JWT authorizer verified, for the invocation being served. */
const verifiedClaims = new AsyncLocalStorage<Record<string, unknown> | undefined>();

const unauthorized = (error?: 'invalid_token') =>
  new HttpProblem(
    401,
    'unauthorized',
    {
      en: 'Rankings are for state administrators: send Authorization: Bearer <admin token>',
      hi: 'रैंकिंग केवल राज्य प्रशासकों हेतु है: Authorization: Bearer <admin token> भेजें',
    },
    {
      headers: {
        'www-authenticate': `Bearer realm="nivaran-admin"${error ? `, error="${error}"` : ''}`,
      },
    },
  );

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Equal strings, in time that does not depend on where they differ (both hashed to 32 bytes). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected)) && expected.length > 0;
}

/** Who is calling (for the log), or a 401 problem. */
export async function authorize(request: HttpRequest): Promise<string> {
  const claims = verifiedClaims.getStore();
  if (claims) return `jwt:${String(claims.sub ?? 'unknown')}`;
  const header = request.headers.authorization;
  if (!header) throw unauthorized();
  const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header);
  if (!match) throw unauthorized('invalid_token');
  // Secrets Manager loads only for the token fallback; behind the JWT authorizer it never does.
  const { readSecret } = await import('../../adapters/secrets/secrets.ts');
  if (!sameSecret(match[1]!, await readSecret('adminToken'))) throw unauthorized('invalid_token');
  return 'admin-token';
}

/** Runs an admin route's handler with the claims API Gateway's JWT authorizer verified, if any. */
export function adminHandler<R>(
  routed: (event: APIGatewayProxyEventV2, context: Context) => Promise<R>,
): (event: APIGatewayProxyEventV2, context: Context) => Promise<R> {
  return (event, context) => {
    // Set only by API Gateway's JWT authorizer; nothing a caller sends can put claims here.
    const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } })
      .authorizer?.jwt?.claims;
    return verifiedClaims.run(claims && Object.keys(claims).length > 0 ? claims : undefined, () =>
      routed(event, context),
    );
  };
}
