import { probeComponents } from '../../shared/adapters/health-probes.ts';
import { httpHandler } from '../../shared/triggers/http/handler.ts';
import { json } from '../../shared/triggers/http/response.ts';

/**
 * GET /health: `ok` when every bound component answers; 503 names the ones that do not. It also
 * says which Node.js the functions run on, so a twin on another Node than Lambda's is seen at once.
 */
export const handler = httpHandler(async () => {
  const components = await probeComponents();
  const allUp = Object.values(components).every((c) => c.status === 'ok');
  return json(allUp ? 200 : 503, {
    status: allUp ? 'ok' : 'degraded',
    runtime: { node: process.versions.node },
    components,
  });
});
