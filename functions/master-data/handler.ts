import { masterDataReader } from '../../shared/adapters/wiring/wiring.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import { json } from '../../shared/triggers/http/response.ts';
import { listCategories, listDistricts, listStations } from '../../shared/use-cases/read-master-data.ts';

// Master data changes rarely: let clients and CDNs keep it for five minutes.
const CACHEABLE = { 'cache-control': 'public, max-age=300' };

/** GET /v1/districts, /v1/districts/{code}/stations and /v1/categories, names in Hindi and English. */
export const handler = httpHandler(async (request) => {
  const deps = { masterData: masterDataReader() };
  switch (request.routeKey) {
    case 'GET /v1/districts':
      return json(200, { districts: await listDistricts(deps) }, CACHEABLE);
    case 'GET /v1/districts/{code}/stations': {
      const found = await listStations((request.pathParameters.code ?? '').toLowerCase(), deps);
      if (!found) {
        throw new HttpProblem(404, 'unknown-district', {
          en: 'No district has this code; see GET /v1/districts',
          hi: 'इस कोड का कोई जनपद नहीं है; GET /v1/districts देखें',
        });
      }
      return json(200, found, CACHEABLE);
    }
    case 'GET /v1/categories':
      return json(200, { categories: await listCategories(deps) }, CACHEABLE);
    default:
      throw new HttpProblem(404, 'not-found', { en: 'Not found', hi: 'नहीं मिला' });
  }
});
