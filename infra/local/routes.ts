import type { HttpRoute } from '../platform/types.ts';

export interface RouteMatch {
  functionName: string;
  routeKey: string;
  pathParameters: Record<string, string>;
}

interface CompiledRoute {
  functionName: string;
  method: string;
  path: string;
  pattern: RegExp;
  names: string[];
  literalSegments: number;
  greedy: boolean;
}

/**
 * Matches requests as HTTP API does: a full match beats a match through a greedy {proxy+}, then the
 * route with the most literal segments wins, an exact method beats ANY, and {proxy+} takes the rest
 * of the path.
 */
export class RouteTable {
  private readonly routes: CompiledRoute[];

  constructor(functions: Record<string, { http?: HttpRoute[] }>) {
    this.routes = Object.entries(functions).flatMap(([functionName, def]) =>
      (def.http ?? []).map((route) => compile(functionName, route)),
    );
    this.routes.sort(
      (a, b) =>
        Number(a.greedy) - Number(b.greedy) ||
        b.literalSegments - a.literalSegments ||
        Number(a.method === 'ANY') - Number(b.method === 'ANY'),
    );
  }

  match(method: string, path: string): RouteMatch | undefined {
    for (const route of this.routes) {
      if (route.method !== 'ANY' && route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const pathParameters: Record<string, string> = {};
      route.names.forEach((name, i) => {
        pathParameters[name] = safeDecode(found[i + 1] ?? '');
      });
      return { functionName: route.functionName, routeKey: `${route.method} ${route.path}`, pathParameters };
    }
    return undefined;
  }

  list(): { method: string; path: string; functionName: string }[] {
    return this.routes.map(({ method, path, functionName }) => ({ method, path, functionName }));
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function compile(functionName: string, route: HttpRoute): CompiledRoute {
  const names: string[] = [];
  let literalSegments = 0;
  const source = route.path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      if (segment === '{proxy+}') {
        names.push('proxy');
        return '/(.+)';
      }
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param) {
        names.push(param[1]!);
        return '/([^/]+)';
      }
      literalSegments++;
      return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
    })
    .join('');
  return {
    functionName,
    method: route.method,
    path: route.path,
    pattern: new RegExp(`^${source || '/'}/?$`),
    names,
    literalSegments,
    greedy: route.path.endsWith('{proxy+}'),
  };
}
