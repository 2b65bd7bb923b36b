import { masterDataReader } from '../../shared/adapters/wiring.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import { json } from '../../shared/triggers/http/response.ts';

// Master data changes rarely: let clients and CDNs keep it for five minutes.
const CACHEABLE = { 'cache-control': 'public, max-age=300' };

/** GET /v1/districts, /v1/districts/{code}/stations and /v1/categories, names in Hindi and English. */
export const handler = httpHandler(async (request) => {
  const reader = masterDataReader();
  switch (request.routeKey) {
    case 'GET /v1/districts': {
      const districts = await reader.districts();
      return json(
        200,
        { districts: districts.sort((a, b) => a.name.en.localeCompare(b.name.en)) },
        CACHEABLE,
      );
    }
    case 'GET /v1/districts/{code}/stations': {
      const code = (request.pathParameters.code ?? '').toLowerCase();
      const district = await reader.district(code);
      if (!district) {
        throw new HttpProblem(404, 'unknown-district', {
          en: 'No district has this code; see GET /v1/districts',
          hi: 'इस कोड का कोई जनपद नहीं है; GET /v1/districts देखें',
        });
      }
      const stations = (await reader.stations(code))
        .sort((a, b) => a.name.en.localeCompare(b.name.en))
        .map(({ code: stationCode, name, kind, pinCodes, demo }) => ({
          code: stationCode,
          name,
          kind,
          pinCodes,
          demo,
        }));
      return json(200, { district, stations }, CACHEABLE);
    }
    case 'GET /v1/categories': {
      const categories = await reader.categories();
      return json(
        200,
        { categories: categories.sort((a, b) => a.name.en.localeCompare(b.name.en)) },
        CACHEABLE,
      );
    }
    default:
      throw new HttpProblem(404, 'not-found', { en: 'Not found', hi: 'नहीं मिला' });
  }
});
