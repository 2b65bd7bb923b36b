import type { DocumentValue, Open311Format } from '../../domain/open311/document.ts';
import { type XmlElement, xmlDocument } from './xml.ts';

/**
 * One document model, two formats. GeoReport v2 defines XML and derives JSON from it by the Spark
 * convention: a list element (<services>) becomes a JSON array of its items (<service>), an element
 * with children becomes an object, and a text element becomes a value. So each resource is built
 * once as a JSON value and written out either way here.
 */

export const CONTENT_TYPES: Record<Open311Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** The element name of one item in each GeoReport v2 list. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

function toElement(name: string, value: DocumentValue): XmlElement {
  if (Array.isArray(value)) {
    const itemName = ITEM_NAMES[name];
    if (!itemName) throw new Error(`No item element is defined for the list <${name}>`);
    return { name, children: value.map((item) => toElement(itemName, item)) };
  }
  if (value !== null && typeof value === 'object') {
    return {
      name,
      children: Object.entries(value)
        .filter(([, child]) => child !== undefined)
        .map(([key, child]) => toElement(key, child)),
    };
  }
  return { name, text: value };
}

export interface RenderedDocument {
  contentType: string;
  body: string;
}

/**
 * Writes a document whose root element is `root` (discovery, services, service_definition,
 * service_requests, errors). Fields set to undefined are left out of both formats; null gives an
 * empty element in XML and null in JSON, as the specification's examples show.
 */
export function renderDocument(format: Open311Format, root: string, value: DocumentValue): RenderedDocument {
  if (format === 'json') return { contentType: CONTENT_TYPES.json, body: JSON.stringify(value) };
  return { contentType: CONTENT_TYPES.xml, body: xmlDocument(toElement(root, value)) };
}
