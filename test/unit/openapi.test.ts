import { readFileSync } from 'node:fs';
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import { CATEGORIES } from '../../infra/local/seed/categories.ts';
import { UP_DISTRICTS } from '../../infra/local/seed/districts.ts';
import { UP_STATIONS } from '../../infra/local/seed/stations.ts';
import { platform } from '../../infra/platform.ts';
import type { ComponentStatus } from '../../shared/adapters/health-probes.ts';
import type { Category, District } from '../../shared/domain/masterdata/types.ts';
import type { publicStatus } from '../../shared/domain/reference/public-view.ts';
import {
  checkReferenceNumber,
  normaliseReferenceNumber,
} from '../../shared/domain/reference/reference-number.ts';
import { complaintRequestSchema } from '../../shared/triggers/http/api/complaint-schema.ts';
import {
  categoryListSchema,
  type categorySchema,
  districtListSchema,
  type districtSchema,
  districtStationsSchema,
} from '../../shared/triggers/http/api/master-data-schema.ts';
import {
  API_VERSION,
  buildOpenApiDocument,
  type healthReportSchema,
  REFERENCE_NUMBER_PATTERN,
} from '../../shared/triggers/http/api/openapi.ts';
import type {
  complaintCreatedSchema,
  complaintStatusSchema,
} from '../../shared/triggers/http/api/response-schemas.ts';
import type { FiledComplaint } from '../../shared/use-cases/file-complaint.ts';

type JsonObject = Record<string, unknown>;

const document = buildOpenApiDocument({ serverUrl: 'https://api.nivaran.test' });
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Follows one local $ref (#/components/...) in the document. */
function resolve(node: unknown): JsonObject {
  const $ref = (node as { $ref?: string }).$ref;
  if (!$ref) return node as JsonObject;
  return $ref
    .slice(2)
    .split('/')
    .reduce<unknown>((at, key) => (at as JsonObject)[key], document) as JsonObject;
}

const operations = () =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );

const format = (problems: NormalizedProblem[]) =>
  problems
    .map((p) => `${p.severity} ${p.ruleId} at ${p.location.map((l) => l.pointer).join(', ')}: ${p.message}`)
    .join('\n');

describe('OpenAPI document', () => {
  it("It should pass Redocly's recommended ruleset with no errors and no warnings", async () => {
    // Prepare
    const config = await createConfig({ extends: ['recommended'] });

    // Act
    const problems = await lintFromString({ source: JSON.stringify(document), config });

    // Assess: no warning is tolerated either; relax a rule here only with a comment saying why.
    expect(problems, format(problems)).toEqual([]);
  });

  it('It should describe the request body with the very schema the handler validates with', () => {
    const direct = z.toJSONSchema(complaintRequestSchema, { io: 'input' }) as {
      $ref: string;
      $defs: Record<string, JsonObject>;
    };
    const body = (document.paths['/v1/complaints']!.post!.requestBody as JsonObject).content as JsonObject;
    const schema = (body['application/json'] as { schema: { $ref: string } }).schema;

    expect(schema).toEqual({ $ref: '#/components/schemas/ComplaintRequest' });
    expect(resolve(schema)).toEqual(direct.$defs[direct.$ref.replace('#/$defs/', '')]);
  });

  it('It should document every route the platform declares under /v1 and /health, and no other', () => {
    const declared = Object.values(platform.functions)
      .flatMap((fn) => fn.http ?? [])
      .filter((route) => route.path.startsWith('/v1/') || route.path === '/health')
      .map((route) => `${route.method.toLowerCase()} ${route.path}`)
      .sort();
    const documented = operations()
      .map(({ method, path }) => `${method} ${path}`)
      .sort();

    expect(declared.length).toBeGreaterThan(0);
    expect(documented).toEqual(declared);
  });

  it('It should give every operation an id, a summary, a tag and a 4xx or 5xx answer', () => {
    for (const { method, path, operation } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(operation.summary, where).toBeTruthy();
      expect(operation.tags, where).toHaveLength(1);
      expect(
        Object.keys(operation.responses as JsonObject).some((s) => /^[45]/.test(s)),
        where,
      ).toBe(true);
    }
  });

  it('It should answer every error of ours as application/problem+json with the shared Problem schema', () => {
    // The one exception is API Gateway's own body (throttling, a function that never answered).
    const gatewayOnly = resolve({ $ref: '#/components/responses/Throttled' });
    for (const { method, path, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses as JsonObject)) {
        const resolved = resolve(response);
        if (!/^[45]/.test(status) || resolved === gatewayOnly || (path === '/health' && status === '503'))
          continue;
        const content = resolved.content as Record<string, { schema: unknown }>;
        expect(content['application/problem+json']?.schema, `${method} ${path} ${status}`).toEqual({
          $ref: '#/components/schemas/Problem',
        });
      }
    }
  });

  it('It should name the version of package.json, and the server it is given', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe(API_VERSION);
    expect(API_VERSION).toBe(pkg.version);
    expect(document.servers).toEqual([{ url: 'https://api.nivaran.test', description: 'This deployment' }]);
    expect(buildOpenApiDocument().servers[0]!.url).toBe('/');
  });
});

describe('OpenAPI examples', () => {
  const bodyExamples = () => {
    const content = (document.paths['/v1/complaints']!.post!.requestBody as JsonObject).content as JsonObject;
    return Object.entries(
      (content['application/json'] as { examples: Record<string, { value: unknown }> }).examples,
    );
  };

  it('It should give complaint examples that the request schema accepts', () => {
    expect(bodyExamples().length).toBeGreaterThan(0);
    for (const [name, { value }] of bodyExamples()) {
      const result = complaintRequestSchema.safeParse(value);
      expect(result.error?.issues, name).toBeUndefined();
    }
  });

  it('It should use district, station and category codes that exist in the master data', () => {
    for (const [name, { value }] of bodyExamples()) {
      const complaint = complaintRequestSchema.parse(value);
      const station = UP_STATIONS.find((s) => s.code === complaint.location.stationCode);
      // A district may be left to the position or PIN code (the position-only example).
      if (complaint.location.districtCode !== undefined || complaint.location.latitude === undefined)
        expect(
          UP_DISTRICTS.some((d) => d.code === complaint.location.districtCode),
          name,
        ).toBe(true);
      expect(
        CATEGORIES.some((c) => c.code === complaint.categoryCode),
        name,
      ).toBe(true);
      if (complaint.location.stationCode)
        expect(station?.districtCode, name).toBe(complaint.location.districtCode);
    }
  });

  it('It should only show reference numbers whose check digit is right', () => {
    const shown = JSON.stringify(document).match(/(?<![0-9])[1-9][0-9]{10}(?![0-9])/g) ?? [];
    expect(shown.length).toBeGreaterThan(0);
    for (const number of shown)
      expect(checkReferenceNumber(number), number).toEqual({ ok: true, value: number });
  });

  it('It should document the reference number pattern that the tracking handler checks', () => {
    const pattern = new RegExp(REFERENCE_NUMBER_PATTERN);
    const typed = fc.oneof(fc.stringMatching(/^[0-9]{9,12}$/), fc.string({ maxLength: 14 }));
    fc.assert(
      fc.property(typed, (input) => {
        const checked = checkReferenceNumber(input);
        const wellFormed = checked.ok || checked.problem === 'check-digit';
        expect(wellFormed).toBe(pattern.test(normaliseReferenceNumber(input)));
      }),
    );
  });
});

describe('Response schemas', () => {
  it('It should describe the master data the handler serves', () => {
    const station = ({ code, name, kind, pinCodes, demo }: (typeof UP_STATIONS)[number]) => ({
      code,
      name,
      kind,
      pinCodes,
      demo,
    });
    const chandauli = UP_DISTRICTS.find((d) => d.code === 'chandauli')!;
    const stations = UP_STATIONS.filter((s) => s.districtCode === 'chandauli').map(station);

    expect(districtListSchema.safeParse({ districts: UP_DISTRICTS }).error).toBeUndefined();
    expect(districtStationsSchema.safeParse({ district: chandauli, stations }).error).toBeUndefined();
    expect(categoryListSchema.safeParse({ categories: CATEGORIES }).error).toBeUndefined();
  });

  it('It should keep the response schemas the same shape as the types the handlers return', () => {
    expectTypeOf<z.output<typeof districtSchema>>().toEqualTypeOf<District>();
    expectTypeOf<z.output<typeof categorySchema>>().toEqualTypeOf<Category>();
    type Created = z.output<typeof complaintCreatedSchema>;
    expectTypeOf<Omit<Created, 'links'>>().toEqualTypeOf<FiledComplaint>();
    expectTypeOf<Created['links']>().toEqualTypeOf<{ track: string }>();
    expectTypeOf<z.output<typeof complaintStatusSchema>>().toEqualTypeOf<ReturnType<typeof publicStatus>>();
    expectTypeOf<
      z.output<typeof healthReportSchema>['components'][string]
    >().toEqualTypeOf<ComponentStatus>();
  });
});
