import type { DocumentValue } from './document.ts';

export const GEOREPORT_V2_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

export interface DiscoverySettings {
  /** Sortable; changes when the services or their definitions change (the master data version). */
  changeset: string;
  contact: string;
  keyService: string;
  /** The GeoReport v2 base URL, ending in /open311/v2. */
  url: string;
  type: 'production' | 'test';
}

/** The service discovery document: one GeoReport v2 endpoint offering XML and JSON. */
export function discoveryDocument(settings: DiscoverySettings): DocumentValue {
  return {
    changeset: settings.changeset,
    contact: settings.contact,
    key_service: settings.keyService,
    endpoints: [
      {
        specification: GEOREPORT_V2_SPECIFICATION,
        url: settings.url,
        changeset: settings.changeset,
        type: settings.type,
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * "production" or "test": whether what is sent here will be acted upon. Configured explicitly in a
 * deployment; otherwise an endpoint served from a loopback address (the local cloud) says test.
 */
export function endpointType(url: string, configured?: 'production' | 'test'): 'production' | 'test' {
  if (configured) return configured;
  try {
    const host = new URL(url).hostname;
    return LOOPBACK.has(host) || host.endsWith('.localhost') ? 'test' : 'production';
  } catch {
    return 'production';
  }
}
