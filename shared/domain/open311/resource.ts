import { OPEN311_FORMATS, type Open311Format } from './document.ts';
import { open311Error } from './errors.ts';

/**
 * Which GeoReport v2 resource a request names. API Gateway hands over whole path segments
 * (`services.xml`, `theft.json`, `40015723012.xml`); the format is the suffix after the last dot.
 */
export type Open311Resource =
  | { kind: 'discovery'; format: Open311Format }
  | { kind: 'services'; format: Open311Format }
  | { kind: 'service-definition'; format: Open311Format; serviceCode: string }
  | { kind: 'requests'; format: Open311Format }
  | { kind: 'post-request'; format: Open311Format }
  | { kind: 'request'; format: Open311Format; serviceRequestId: string }
  /** FixMyStreet's extension: GET servicerequestupdates.{format}. */
  | { kind: 'service-request-updates'; format: Open311Format };

const isFormat = (value: string): value is Open311Format =>
  (OPEN311_FORMATS as readonly string[]).includes(value);

/** The format a segment asks for, or XML (the format every client understands) when it names none we offer. */
export function formatOf(segment: string | undefined): Open311Format {
  const suffix = (segment ?? '').split('.').pop()?.toLowerCase() ?? '';
  return isFormat(suffix) ? suffix : 'xml';
}

/** Input echoed in an error message, cut short so a long path cannot fill the answer. */
export const shown = (value: string): string => (value.length > 64 ? `${value.slice(0, 64)}…` : value);

/** `theft.json` -> { name: 'theft', format: 'json' }; anything else is a resource we do not have. */
export function splitFormat(segment: string): { name: string; format: Open311Format } {
  const dot = segment.lastIndexOf('.');
  const suffix = dot > 0 ? segment.slice(dot + 1).toLowerCase() : '';
  if (!isFormat(suffix)) {
    throw open311Error(404, {
      en: `No resource '${shown(segment)}': add .xml or .json to the name, e.g. services.xml`,
      hi: `'${shown(segment)}' नाम का कोई संसाधन नहीं: नाम के अंत में .xml या .json जोड़ें, जैसे services.xml`,
    });
  }
  return { name: segment.slice(0, dot), format: suffix };
}

const notFound = (segment: string) =>
  open311Error(404, {
    en: `No resource '${shown(segment)}' here; see discovery.xml`,
    hi: `यहाँ '${shown(segment)}' नाम का कोई संसाधन नहीं है; discovery.xml देखें`,
  });

const READ_ONLY = ['discovery', 'services', 'servicerequestupdates'];

const methodNotAllowed = (segment: string) =>
  open311Error(
    405,
    {
      en: `'${shown(segment)}' is read with GET; only requests.xml or requests.json take a POST`,
      hi: `'${shown(segment)}' GET से पढ़ा जाता है; POST केवल requests.xml या requests.json पर होता है`,
    },
    { headers: { allow: 'GET' } },
  );

/** Resolves the route key and path parameter of one of the four Open311 routes. */
export function resolveResource(routeKey: string, pathParameters: Record<string, string>): Open311Resource {
  const [method, path = ''] = routeKey.split(' ');
  if (path.endsWith('/{document}')) {
    const segment = pathParameters.document ?? '';
    const { name, format } = splitFormat(segment);
    if (method === 'POST') {
      if (name === 'requests') return { kind: 'post-request', format };
      // RFC 9110 §15.5.6: a resource that exists but takes no POST is a 405 naming what it allows.
      if (READ_ONLY.includes(name)) throw methodNotAllowed(segment);
      throw notFound(segment);
    }
    if (name === 'discovery' || name === 'services' || name === 'requests') return { kind: name, format };
    if (name === 'servicerequestupdates') return { kind: 'service-request-updates', format };
    throw notFound(segment);
  }
  if (path.endsWith('/services/{serviceFile}')) {
    const { name, format } = splitFormat(pathParameters.serviceFile ?? '');
    return { kind: 'service-definition', format, serviceCode: name.toLowerCase() };
  }
  if (path.endsWith('/requests/{requestFile}')) {
    const { name, format } = splitFormat(pathParameters.requestFile ?? '');
    return { kind: 'request', format, serviceRequestId: name };
  }
  throw notFound(path);
}

/** The path segment a route's format is read from, for answering errors in the format asked for. */
export function formatSegment(pathParameters: Record<string, string>): string | undefined {
  return pathParameters.document ?? pathParameters.serviceFile ?? pathParameters.requestFile;
}
