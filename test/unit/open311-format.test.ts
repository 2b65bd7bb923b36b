import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { fromHttpProblem } from '../../functions/open311/http.ts';
import { errorsDocument, Open311Error } from '../../shared/domain/open311/errors.ts';
import { formatOf, resolveResource, splitFormat } from '../../shared/domain/open311/resource.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';
import { renderDocument } from '../../shared/views/open311/render.ts';
import { escapeXml, xmlDocument } from '../../shared/views/open311/xml.ts';

const parser = new XMLParser({
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'error',
});

describe('XML writing', () => {
  it('escapes markup characters so stored text can never become markup', () => {
    expect(escapeXml(`<script>alert("x")</script> & 'y' ]]>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos; ]]&gt;',
    );
  });

  it('drops characters XML 1.0 cannot carry (controls, lone surrogates, U+FFFE) and keeps Hindi and emoji', () => {
    expect(escapeXml('a\u0000b\u0008c\u001fd\uD800e\uFFFEf\tg\nh')).toBe('abcdef\tg\nh');
    expect(escapeXml('चोरी 🚓')).toBe('चोरी 🚓');
  });

  it('writes a declaration, nested elements and empty elements for null', () => {
    expect(
      xmlDocument({
        name: 'errors',
        children: [
          {
            name: 'error',
            children: [
              { name: 'code', text: 404 },
              { name: 'description', text: null },
            ],
          },
        ],
      }),
    ).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>404</code><description></description></error></errors>\n',
    );
  });

  it('refuses element names that are not XML names (they come from code, never input)', () => {
    expect(() => xmlDocument({ name: 'bad name', text: 'x' })).toThrow(/Not an XML element name/);
  });

  it('round-trips any text through a real XML parser, less the characters XML cannot carry', () => {
    const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
    const tricky = fc.constantFrom(
      '<',
      '>',
      '&',
      '"',
      "'",
      ']]>',
      '&amp;',
      '\u0000',
      '\uD800',
      '\uFFFF',
      'चोरी',
    );
    const texts = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), tricky), { maxLength: 6 });
    fc.assert(
      fc.property(texts, (parts) => {
        const text = parts.join('');
        const parsed = parser.parse(
          xmlDocument({ name: 'root', children: [{ name: 'v', text: `x${text}x` }] }),
        );
        // XML parsers normalise line ends (CR LF and a lone CR become LF), as the XML specification says.
        const expected = `x${text.replace(notXml, '')}x`.replace(/\r\n?/g, '\n');
        expect(String(parsed.root.v)).toBe(expected);
      }),
    );
  });
});

describe('one document, two formats (the Spark convention)', () => {
  const services = [
    { service_code: 'theft', service_name: 'Theft', metadata: true, keywords: undefined },
    { service_code: 'cyber-fraud', service_name: 'Cyber fraud', metadata: true },
  ];

  it('writes a list as <services><service>… in XML and as an array in JSON, leaving out undefined fields', () => {
    const asXml = renderDocument('xml', 'services', services);
    expect(asXml.contentType).toBe('text/xml; charset=utf-8');
    expect(asXml.body).toContain(
      '<services><service><service_code>theft</service_code><service_name>Theft</service_name><metadata>true</metadata></service>',
    );
    const asJson = renderDocument('json', 'services', services);
    expect(asJson.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(asJson.body)).toEqual([
      { service_code: 'theft', service_name: 'Theft', metadata: true },
      { service_code: 'cyber-fraud', service_name: 'Cyber fraud', metadata: true },
    ]);
  });

  it('names list items as GeoReport v2 does (endpoints/endpoint, formats/format, values/value)', () => {
    const { body } = renderDocument('xml', 'discovery', {
      endpoints: [{ formats: ['text/xml', 'application/json'] }],
    });
    expect(body).toContain(
      '<discovery><endpoints><endpoint><formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints></discovery>',
    );
    expect(() => renderDocument('xml', 'x', { things: [1] })).toThrow(/No item element/);
  });
});

describe('errors', () => {
  const error = new Open311Error(400, [
    {
      code: 400,
      description: {
        en: 'phone: Must be an Indian mobile number',
        hi: 'phone: भारतीय मोबाइल नंबर होना चाहिए',
      },
    },
    { code: 400, description: { en: 'description: <b> is kept as text', hi: 'description: <b> पाठ रहेगा' } },
  ]);

  it('lists every error as {code, description} in the client’s language', () => {
    expect(errorsDocument(error, 'hi')).toEqual([
      { code: 400, description: 'phone: भारतीय मोबाइल नंबर होना चाहिए' },
      { code: 400, description: 'description: <b> पाठ रहेगा' },
    ]);
    const { body } = renderDocument('xml', 'errors', errorsDocument(error, 'en'));
    expect(parser.parse(body).errors.error).toEqual([
      { code: '400', description: 'phone: Must be an Indian mobile number' },
      { code: '400', description: 'description: <b> is kept as text' },
    ]);
  });

  it('turns shared HTTP problems into Open311 errors; 415 and 422 become 400, headers are kept', () => {
    const limited = fromHttpProblem(
      new HttpProblem(
        429,
        'too-many',
        { en: 'Limit reached', hi: 'सीमा पूरी' },
        {
          detail: { en: 'At most 10', hi: 'अधिकतम 10' },
          headers: { 'retry-after': '60' },
        },
      ),
    );
    expect(limited.status).toBe(429);
    expect(limited.errors[0]!.description.en).toBe('Limit reached. At most 10');
    expect(limited.options.headers).toEqual({ 'retry-after': '60' });
    expect(fromHttpProblem(new HttpProblem(422, 'validation', { en: 'x', hi: 'x' })).status).toBe(400);
  });
});

describe('resources and formats', () => {
  it('reads the format from the segment suffix and falls back to XML for errors', () => {
    expect(splitFormat('services.json')).toEqual({ name: 'services', format: 'json' });
    expect(splitFormat('40015723012.XML')).toEqual({ name: '40015723012', format: 'xml' });
    expect(splitFormat('cyber-fraud.json')).toEqual({ name: 'cyber-fraud', format: 'json' });
    expect(formatOf('services.html')).toBe('xml');
    expect(formatOf(undefined)).toBe('xml');
  });

  it('answers 404 for a format it does not offer or a name without one', () => {
    for (const segment of ['services.html', 'services', '.json', 'requests.csv']) {
      expect(() => splitFormat(segment)).toThrow(Open311Error);
      try {
        splitFormat(segment);
      } catch (error) {
        expect((error as Open311Error).status).toBe(404);
      }
    }
  });

  it('resolves the four routes into resources', () => {
    expect(resolveResource('GET /open311/v2/{document}', { document: 'discovery.json' })).toEqual({
      kind: 'discovery',
      format: 'json',
    });
    expect(resolveResource('POST /open311/v2/{document}', { document: 'requests.xml' })).toEqual({
      kind: 'post-request',
      format: 'xml',
    });
    expect(resolveResource('GET /open311/v2/services/{serviceFile}', { serviceFile: 'Theft.xml' })).toEqual({
      kind: 'service-definition',
      format: 'xml',
      serviceCode: 'theft',
    });
    expect(
      resolveResource('GET /open311/v2/requests/{requestFile}', { requestFile: '40015723012.json' }),
    ).toEqual({
      kind: 'request',
      format: 'json',
      serviceRequestId: '40015723012',
    });
    // A document that exists but is only read: 405 (RFC 9110), not "no resource".
    expect(() => resolveResource('POST /open311/v2/{document}', { document: 'services.xml' })).toThrow(
      /read with GET/,
    );
    expect(() => resolveResource('POST /open311/v2/{document}', { document: 'tokens.xml' })).toThrow(
      /No resource/,
    );
    expect(() => resolveResource('GET /open311/v2/{document}', { document: 'tokens.xml' })).toThrow(
      /No resource/,
    );
  });
});
