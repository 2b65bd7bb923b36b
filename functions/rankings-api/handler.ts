import { dynamodbClient } from '../../shared/adapters/aws/clients/dynamodb.ts';
import { resourceEnv } from '../../shared/adapters/aws/resource-env.ts';
import { RankingStore } from '../../shared/adapters/dynamodb/ranking-store.ts';
import { mainTableName } from '../../shared/adapters/wiring/wiring.ts';
import { requireEnv } from '../../shared/config.ts';
import type { UnitLevel } from '../../shared/domain/ranking/accumulator.ts';
import { isRankingMonth } from '../../shared/domain/ranking/policy.ts';
import { authorizeAdmin, withAdminClaims } from '../../shared/triggers/http/admin-auth.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import type { HttpRequest } from '../../shared/triggers/http/request.ts';
import { type HttpResponse, html, text } from '../../shared/triggers/http/response.ts';
import { logger } from '../../shared/triggers/powertools.ts';
import { type ReadRankingDeps, readRanking } from '../../shared/use-cases/read-ranking.ts';
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  type ExportFormat,
  exportFileName,
} from '../../shared/views/exports/files.ts';
import { rankingJson } from '../../shared/views/exports/json.ts';

/**
 * GET /v1/rankings/{yyyy-mm}?level=district|station&district=<code>&format=json|csv|html[&revision=n]
 * for state administrators: the month's latest stored revision (or the one asked for). (GET
 * /v1/rankings and POST /v1/rankings/policies are functions/ranking-policies: apart, so this
 * bundle carries neither the policy schema nor the shipped policies.)
 *
 * Who may call: behind a JWT authorizer (AWS, when the stack is given an issuer) API Gateway has
 * already checked the token and the event carries its claims; otherwise the caller must send
 * `Authorization: Bearer <adminToken>`, compared in constant time with the secret. Everything else
 * gets 401 before anything is read.
 *
 * The statewide station level is large (every station's scorecard): for JSON and HTML the answer is
 * a 303 to a short-lived presigned GET of the export the monthly run stored in S3.
 */

const LEVELS: readonly UnitLevel[] = ['district', 'station'];
const DISTRICT_CODE = /^[a-z0-9-]{1,60}$/;
const PRESIGNED_SECONDS = 15 * 60;

const badRequest = (code: string, en: string, hi: string) => new HttpProblem(400, code, { en, hi });

function parseQuery(request: HttpRequest) {
  const month = request.pathParameters.month ?? '';
  if (!isRankingMonth(month))
    throw badRequest(
      'invalid-month',
      'The month must be yyyy-mm, e.g. 2026-10',
      'माह yyyy-mm रूप में दें, जैसे 2026-10',
    );
  const level = (request.query.level ?? 'district') as UnitLevel;
  if (!LEVELS.includes(level))
    throw badRequest(
      'invalid-level',
      'level must be district or station',
      'level district या station होना चाहिए',
    );
  const format = (request.query.format ?? 'json') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format))
    throw badRequest(
      'invalid-format',
      'format must be json, csv or html',
      'format json, csv या html होना चाहिए',
    );
  const district = request.query.district || undefined;
  if (district !== undefined && !DISTRICT_CODE.test(district))
    throw badRequest(
      'invalid-district',
      'district must be a district code, e.g. chandauli',
      'district जनपद कोड होना चाहिए, जैसे chandauli',
    );
  const rawRevision = request.query.revision;
  const revision = rawRevision === undefined ? undefined : Number(rawRevision);
  // Digits only: Number() reads 1e3 and 0x1 as numbers, which would ask for a revision no one named.
  if (revision !== undefined && !(/^\d{1,4}$/.test(rawRevision!) && revision >= 1))
    throw badRequest(
      'invalid-revision',
      'revision must be a whole number from 1',
      'revision 1 या अधिक की पूर्ण संख्या होनी चाहिए',
    );
  return { month, level, format, district, revision };
}

const notFound = (code: string, en: string, hi: string) => new HttpProblem(404, code, { en, hi });

let rankings: RankingStore | undefined;
const deps: ReadRankingDeps = {
  rankings: { latest: (month) => store().latest(month), view: (...args) => store().view(...args) },
  // The S3 client loads on this path only: every station's scorecard statewide, as stored.
  storedExport: async (ref, level, format) => {
    const [{ ExportsStore, exportKey }, { s3Client }] = await Promise.all([
      import('../../shared/adapters/s3/exports-store.ts'),
      import('../../shared/adapters/aws/clients/s3.ts'),
    ]);
    const exports = new ExportsStore(s3Client(), requireEnv(resourceEnv.bucket('exports')));
    const key = exportKey(ref, level, format as ExportFormat);
    if (!(await exports.exists(key))) return undefined;
    return exports.presignedUrl(key, { expiresInSeconds: PRESIGNED_SECONDS });
  },
};
const store = () => (rankings ??= new RankingStore(dynamodbClient(), mainTableName()));

const serve = async (request: HttpRequest): Promise<HttpResponse> => {
  const { caller } = await authorizeAdmin(request);
  const query = parseQuery(request);
  const { month, level, format, district } = query;
  const read = await readRanking(query, deps);
  if (read.kind === 'not-ranked')
    throw notFound('ranking-not-found', `${month} has not been ranked`, `${month} की रैंकिंग नहीं बनी है`);
  const { ref } = read;
  logger.info('ranking requested', { caller, ...ref, level, format, district: district ?? null });
  switch (read.kind) {
    case 'stored-export':
      if (!read.url)
        throw notFound(
          'export-not-found',
          `No stored ${format} export for revision ${ref.revision} of ${month}; ask for one district's stations, or format=csv`,
          `${month} के संशोधन ${ref.revision} का ${format} निर्यात उपलब्ध नहीं; एक जनपद के थाने या format=csv माँगें`,
        );
      return text(303, '', 'text/plain; charset=utf-8', { location: read.url });
    case 'no-revision':
      throw notFound(
        'ranking-not-found',
        `${month} has no complete revision ${ref.revision}`,
        `${month} का पूर्ण संशोधन ${ref.revision} उपलब्ध नहीं`,
      );
    case 'unknown-district':
      throw notFound(
        'unknown-district',
        `No district ${district} in this ranking`,
        `इस रैंकिंग में जनपद ${district} नहीं है`,
      );
  }
  const { view } = read;
  const selection = { level, district };
  const headers = { 'x-ranking-revision': `${ref.policyVersion}/${ref.revision}` };
  // JSON is the default; the CSV and HTML renderers load with the first request for them.
  switch (format) {
    case 'csv': {
      const { rankingCsv } = await import('../../shared/views/exports/csv.ts');
      return text(200, rankingCsv(view, selection), EXPORT_CONTENT_TYPES.csv, {
        ...headers,
        'content-disposition': `attachment; filename="${exportFileName(ref, level, 'csv', district)}"`,
      });
    }
    case 'html': {
      const { rankingReportHtml } = await import('../../shared/views/exports/html-report.ts');
      return html(200, rankingReportHtml(view, selection, { lang: request.language }), headers);
    }
    default:
      return text(200, rankingJson(view, selection), EXPORT_CONTENT_TYPES.json, headers);
  }
};

export const handler = withAdminClaims(httpHandler(serve));
