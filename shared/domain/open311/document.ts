/**
 * The GeoReport v2 document model: each resource (discovery, services, service_requests, errors, ...)
 * is built once as this JSON-like value by the mapping rules here, then written out as XML or JSON by
 * shared/views/open311/render.ts.
 */

export const OPEN311_FORMATS = ['xml', 'json'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

export type DocumentValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | DocumentValue[]
  | { [key: string]: DocumentValue };
