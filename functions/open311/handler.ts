import { SEED_VERSION } from '../../shared/adapters/dynamodb/masterdata-store.ts';
import { open311Settings } from '../../shared/adapters/secrets/open311-settings.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { masterDataReader, referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import { discoveryDocument, endpointType } from '../../shared/domain/open311/discovery.ts';
import { Open311Error } from '../../shared/domain/open311/errors.ts';
import { parseRequestQuery, parseUpdatesQuery, requestIdError } from '../../shared/domain/open311/query.ts';
import { formatOf, formatSegment, resolveResource } from '../../shared/domain/open311/resource.ts';
import { checkReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { logger } from '../../shared/triggers/powertools.ts';
import { describeService, listServices } from '../../shared/use-cases/describe-services.ts';
import { findServiceRequestUpdates } from '../../shared/use-cases/find-service-request-updates.ts';
import {
  type ServiceRequestsDeps,
  searchServiceRequests,
  serviceRequestById,
} from '../../shared/use-cases/find-service-requests.ts';
import {
  audienceOf,
  checkJurisdiction,
  failure,
  requestOrigin,
  requireApiKey,
  respond,
  unknownRequest,
  unknownService,
} from './http.ts';

const requestsDeps = (): ServiceRequestsDeps => ({
  references: {
    filedOn: (day, from, to) => referenceRepository().referenceNosFiledOn(day, from, to),
    getMany: (numbers) => referenceRepository().getMany(numbers),
    get: (no) => referenceRepository().get(no),
  },
  masterData: masterDataReader(),
});

// Services and their definitions change with master data, a few times a year; names follow Accept-Language.
const CACHEABLE = { 'cache-control': 'public, max-age=300', vary: 'accept-language' };

/**
 * Open311 GeoReport v2 under /open311/v2/: discovery, services, service definitions, POST and GET
 * requests and GET requests/{id}, and FixMyStreet's GET servicerequestupdates, each as .xml or
 * .json. Every refusal is an Open311 error list in the format asked for (XML when the format itself
 * is what is wrong). Discovery, services and a lookup by service_request_id need no api_key; a bulk
 * listing of requests and the updates do (they would otherwise publish every reference of a window);
 * with the key a read also shows the description and position (view.ts).
 */
export const handler = httpHandler(
  async (request) => {
    const language = request.language;
    const resource = resolveResource(request.routeKey, request.pathParameters);
    if (resource.kind === 'post-request') {
      // Filing (zod, intake stores, SQS, the api_key secret) loads on the first POST: reads need none of it.
      const { postRequest } = await import('./post-request.ts');
      return await postRequest(request, resource.format);
    }
    checkJurisdiction(request.query.jurisdiction_id);
    switch (resource.kind) {
      case 'discovery': {
        const settings = open311Settings();
        const url = `${settings.publicBaseUrl ?? requestOrigin(request)}/open311/v2`;
        const document = discoveryDocument({
          changeset: SEED_VERSION,
          contact: settings.contact,
          keyService: settings.keyService,
          url,
          type: endpointType(url, settings.endpointType),
        });
        return respond(200, resource.format, 'discovery', document, language, CACHEABLE);
      }
      case 'services': {
        const document = await listServices(language, { masterData: masterDataReader() });
        return respond(200, resource.format, 'services', document, language, CACHEABLE);
      }
      case 'service-definition': {
        const document = await describeService(resource.serviceCode, language, {
          masterData: masterDataReader(),
        });
        if (!document) throw unknownService(resource.serviceCode);
        return respond(200, resource.format, 'service_definition', document, language, CACHEABLE);
      }
      case 'requests': {
        const query = parseRequestQuery(request.query, systemClock.now());
        if (!query.ids)
          await requireApiKey(request.query.api_key, 'lists of requests (without service_request_id)');
        const audience = await audienceOf(request.query.api_key);
        const result = await searchServiceRequests(query, language, requestsDeps(), audience);
        if (!result.complete)
          logger.warn('open311 search stopped at its read limit', { query: request.query });
        // Not GeoReport v2: tells a client whose filter met a very busy window to narrow it.
        const headers: Record<string, string> = result.complete ? {} : { 'x-results-incomplete': 'true' };
        return respond(200, resource.format, 'service_requests', result.requests, language, headers);
      }
      case 'request': {
        const checked = checkReferenceNumber(resource.serviceRequestId);
        // A mistyped number is told apart from an unknown one, so nobody reads a neighbour's by mistake.
        if (!checked.ok && checked.problem === 'check-digit') {
          throw new Open311Error(400, [requestIdError(resource.serviceRequestId, 'check-digit')]);
        }
        const audience = await audienceOf(request.query.api_key);
        const document = checked.ok
          ? await serviceRequestById(checked.value, language, requestsDeps(), audience)
          : undefined;
        if (!document) throw unknownRequest(resource.serviceRequestId);
        return respond(200, resource.format, 'service_requests', document, language);
      }
      case 'service-request-updates': {
        await requireApiKey(request.query.api_key, 'service request updates');
        const now = systemClock.now();
        const query = parseUpdatesQuery(request.query, now);
        const repository = referenceRepository();
        const result = await findServiceRequestUpdates(
          query,
          language,
          {
            updatedOn: (day, from) => repository.referenceNosUpdatedOn(day, from),
            getMany: (numbers) => repository.getMany(numbers),
          },
          now,
        );
        if (!result.complete)
          logger.warn('open311 updates stopped at their read limit', { query: request.query });
        const headers: Record<string, string> = result.complete ? {} : { 'x-results-incomplete': 'true' };
        return respond(200, resource.format, 'service_request_updates', result.updates, language, headers);
      }
    }
  },
  // Every refusal and failure as an Open311 error list, in the format asked for.
  {
    errors: (error, request) =>
      failure(error, formatOf(formatSegment(request.pathParameters)), request.language),
  },
);
