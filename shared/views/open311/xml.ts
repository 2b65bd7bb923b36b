/**
 * A small XML writer for Open311's schemaless documents: elements and text only, no attributes,
 * no namespaces. Every text is escaped, and characters XML 1.0 cannot carry at all (most control
 * characters, lone surrogates, U+FFFE/U+FFFF) are dropped, so no stored text can break a document
 * or smuggle markup into it.
 */

export type XmlText = string | number | boolean | null | undefined;

export interface XmlElement {
  name: string;
  /** Text content; null or undefined gives an empty element. Ignored when `children` is set. */
  text?: XmlText;
  children?: XmlElement[];
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

// Allowed in XML 1.0: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text made safe for element content (and attribute values): markup characters become entities. */
export function escapeXml(value: string): string {
  return value.replace(NOT_XML_CHARACTER, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function write(element: XmlElement, out: string[]): void {
  // Names come from code, never from input; a bad one is a programming error.
  if (!NAME.test(element.name)) throw new Error(`Not an XML element name: ${element.name}`);
  if (element.children) {
    out.push(`<${element.name}>`);
    for (const child of element.children) write(child, out);
    out.push(`</${element.name}>`);
    return;
  }
  const text = element.text;
  if (text === null || text === undefined || text === '') {
    out.push(`<${element.name}></${element.name}>`);
    return;
  }
  out.push(`<${element.name}>${escapeXml(String(text))}</${element.name}>`);
}

/** A whole document: the declaration, then the root element. */
export function xmlDocument(root: XmlElement): string {
  const out: string[] = [XML_DECLARATION, '\n'];
  write(root, out);
  out.push('\n');
  return out.join('');
}
