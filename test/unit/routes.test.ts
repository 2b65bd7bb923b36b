import { describe, expect, it } from 'vitest';
import { RouteTable } from '../../infra/local/routes.ts';
import type { HttpRoute } from '../../infra/platform/types.ts';

const table = (routes: Record<string, string[]>) =>
  new RouteTable(
    Object.fromEntries(
      Object.entries(routes).map(([fn, keys]) => [
        fn,
        {
          http: keys.map((key): HttpRoute => {
            const [method, path] = key.split(' ') as [HttpRoute['method'], string];
            return { method, path };
          }),
        },
      ]),
    ),
  );

describe('RouteTable', () => {
  it('selects routes as the HTTP API documentation example does', () => {
    // docs: "Create routes for HTTP APIs in API Gateway", Routing API requests.
    const routes = table({
      exact: ['GET /pets/dog/1'],
      byId: ['GET /pets/dog/{id}'],
      pets: ['GET /pets/{proxy+}'],
      any: ['ANY /{proxy+}'],
    });
    expect(routes.match('GET', '/pets/dog/1')?.routeKey).toBe('GET /pets/dog/1');
    expect(routes.match('GET', '/pets/dog/2')?.routeKey).toBe('GET /pets/dog/{id}');
    expect(routes.match('GET', '/pets/cat/1')?.routeKey).toBe('GET /pets/{proxy+}');
    expect(routes.match('POST', '/pets/dog/1')?.routeKey).toBe('ANY /{proxy+}');
  });

  it('prefers a literal segment over a path parameter, whatever the declaration order', () => {
    for (const routes of [
      table({ a: ['GET /items/{id}'], b: ['GET /items/special'] }),
      table({ b: ['GET /items/special'], a: ['GET /items/{id}'] }),
    ]) {
      expect(routes.match('GET', '/items/special')).toEqual({
        functionName: 'b',
        routeKey: 'GET /items/special',
        pathParameters: {},
      });
      expect(routes.match('GET', '/items/7')).toEqual({
        functionName: 'a',
        routeKey: 'GET /items/{id}',
        pathParameters: { id: '7' },
      });
    }
  });

  it('prefers a full match over a greedy {proxy+} match', () => {
    const routes = table({ greedy: ['GET /files/{proxy+}'], params: ['GET /{kind}/{owner}/{name}'] });
    expect(routes.match('GET', '/files/a/b')?.routeKey).toBe('GET /{kind}/{owner}/{name}');
    expect(routes.match('GET', '/files/a/b/c')?.routeKey).toBe('GET /files/{proxy+}');
  });

  it('prefers the exact method over ANY on the same path; ANY takes the other methods', () => {
    const routes = table({ getter: ['GET /things'], fallback: ['ANY /things'] });
    expect(routes.match('GET', '/things')?.functionName).toBe('getter');
    expect(routes.match('POST', '/things')?.functionName).toBe('fallback');
    expect(routes.match('DELETE', '/things')?.routeKey).toBe('ANY /things');
  });

  it('does not match a route declared for another method', () => {
    const routes = table({ f: ['GET /things'] });
    expect(routes.match('POST', '/things')).toBeUndefined();
  });

  it('gives {proxy+} the rest of the path, slashes included, and needs at least one segment', () => {
    const routes = table({ f: ['ANY /echo/{proxy+}'] });
    expect(routes.match('PUT', '/echo/a/b/c')?.pathParameters).toEqual({ proxy: 'a/b/c' });
    expect(routes.match('GET', '/echo')).toBeUndefined();
    expect(routes.match('GET', '/echo/')).toBeUndefined();
  });

  it('matches a path parameter within one segment only', () => {
    const routes = table({ f: ['GET /items/{id}'] });
    expect(routes.match('GET', '/items/1/2')).toBeUndefined();
    expect(routes.match('GET', '/items')).toBeUndefined();
  });

  it('names several path parameters and decodes them, as API Gateway does', () => {
    const routes = table({ f: ['GET /districts/{district}/stations/{station}'] });
    expect(routes.match('GET', '/districts/agra/stations/sadar%20bazar')?.pathParameters).toEqual({
      district: 'agra',
      station: 'sadar bazar',
    });
    // A malformed escape is passed on as it came rather than failing the request.
    expect(routes.match('GET', '/districts/%E0%A4/stations/x')?.pathParameters?.district).toBe('%E0%A4');
  });

  it('treats literal segments literally, regular-expression characters included', () => {
    const routes = table({ f: ['GET /v1.0/health'] });
    expect(routes.match('GET', '/v1.0/health')?.functionName).toBe('f');
    expect(routes.match('GET', '/v1x0/health')).toBeUndefined();
  });

  it('matches the root route', () => {
    const routes = table({ root: ['GET /'] });
    expect(routes.match('GET', '/')?.routeKey).toBe('GET /');
    expect(routes.match('GET', '/x')).toBeUndefined();
  });

  it('lists every declared route with its function', () => {
    const routes = table({ a: ['GET /items/{id}', 'POST /items'], b: ['GET /items/special'] });
    expect(routes.list()).toHaveLength(3);
    expect(routes.list()).toEqual(
      expect.arrayContaining([
        { method: 'GET', path: '/items/{id}', functionName: 'a' },
        { method: 'POST', path: '/items', functionName: 'a' },
        { method: 'GET', path: '/items/special', functionName: 'b' },
      ]),
    );
  });
});
