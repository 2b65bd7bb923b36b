import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { HttpProblem } from './problem.ts';
import type { HttpRequest } from './request.ts';

/**
 * Who may call an `authorizer: 'admin'` route (as functions/rankings-api does it): behind API
 * Gateway's JWT authorizer the event carries the verified claims; otherwise the caller must send
 * `Authorization: Bearer <adminToken>`, compared in constant time with the secret.
 */

const verifiedClaims = new AsyncLocalStorage<Record<string, unknown> | undefined>();

/** Runs the handler with the claims API Gateway's JWT authorizer verified (nothing a caller sends can set them). */
export function withAdminClaims<R>(handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<R>) {
  return (event: APIGatewayProxyEventV2, context: Context): Promise<R> => {
    const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } })
      .authorizer?.jwt?.claims;
    return verifiedClaims.run(claims && Object.keys(claims).length > 0 ? claims : undefined, () =>
      handler(event, context),
    );
  };
}

const unauthorized = (error?: 'invalid_token') =>
  new HttpProblem(
    401,
    'unauthorized',
    {
      en: 'This is for state administrators: send Authorization: Bearer <admin token>',
      hi: 'यह केवल राज्य प्रशासकों हेतु है: Authorization: Bearer <admin token> भेजें',
    },
    {
      headers: {
        'www-authenticate': `Bearer realm="nivaran-admin"${error ? `, error="${error}"` : ''}`,
      },
    },
  );

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
/** Equal strings, in time that does not depend on where they differ (both hashed to 32 bytes). */
export const sameSecret = (given: string, expected: string) =>
  timingSafeEqual(digest(given), digest(expected)) && expected.length > 0;

/** The caller: `jwt:<sub>` behind the JWT authorizer, `admin-token` with the shared token; else 401. */
export async function authorizeAdmin(request: HttpRequest): Promise<{ caller: string; subject?: string }> {
  const claims = verifiedClaims.getStore();
  if (claims) {
    const subject = String(claims.sub ?? 'unknown');
    return { caller: `jwt:${subject}`, subject };
  }
  const header = request.headers.authorization;
  if (!header) throw unauthorized();
  const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header);
  if (!match) throw unauthorized('invalid_token');
  const { readSecret } = await import('../../adapters/secrets/secrets.ts');
  if (!sameSecret(match[1]!, await readSecret('adminToken'))) throw unauthorized('invalid_token');
  return { caller: 'admin-token' };
}
