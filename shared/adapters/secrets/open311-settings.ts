import { createHash, timingSafeEqual } from 'node:crypto';
import { optionalEnv } from '../../config.ts';

/**
 * Open311 GeoReport v2 configuration, read once from the environment with documented defaults:
 *   OPEN311_JURISDICTION_ID   the jurisdiction_id clients may send (default up.gov.in)
 *   OPEN311_CONTACT           discovery `contact`
 *   OPEN311_KEY_SERVICE       discovery `key_service`: how a client gets an api_key
 *   OPEN311_ENDPOINT_TYPE     discovery endpoint `type`, production or test (default: test when
 *                             served from a loopback address, production otherwise)
 *   PUBLIC_BASE_URL           the API's public root; without it the request's Host is used
 * The api_key itself is the declared secret `open311ApiKey`.
 */
export interface Open311Settings {
  jurisdictionId: string;
  contact: string;
  keyService: string;
  endpointType?: 'production' | 'test';
  publicBaseUrl?: string;
}

let settings: Open311Settings | undefined;

export function open311Settings(): Open311Settings {
  if (settings) return settings;
  const type = optionalEnv('OPEN311_ENDPOINT_TYPE', '');
  const base = optionalEnv('PUBLIC_BASE_URL', '');
  settings = {
    jurisdictionId: optionalEnv('OPEN311_JURISDICTION_ID', 'up.gov.in'),
    contact: optionalEnv(
      'OPEN311_CONTACT',
      'Uttar Pradesh Police IGRS (Jansunwai) cell. Citizens: track a complaint at /v1/complaints/{reference number}.',
    ),
    keyService: optionalEnv(
      'OPEN311_KEY_SERVICE',
      'api_keys are issued to approved client applications by the state IGRS cell. POST requests, lists of requests and servicerequestupdates need one; services and a request looked up by its service_request_id need none.',
    ),
    ...(type === 'production' || type === 'test' ? { endpointType: type } : {}),
    ...(base ? { publicBaseUrl: base.replace(/\/+$/, '') } : {}),
  };
  return settings;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Whether the client's api_key is the configured one, compared in constant time. */
export async function isOpen311ApiKey(candidate: string | undefined): Promise<boolean> {
  if (!candidate) return false;
  // Secrets Manager loads with the first request that carries a key: discovery and services need none.
  const { readSecret } = await import('./secrets.ts');
  const expected = await readSecret('open311ApiKey');
  return expected.length > 0 && timingSafeEqual(digest(candidate), digest(expected));
}
