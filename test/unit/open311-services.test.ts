import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../infra/local/seed/categories.ts';
import { UP_DISTRICTS } from '../../infra/local/seed/districts.ts';
import { discoveryDocument, endpointType } from '../../shared/domain/open311/discovery.ts';
import { serviceNotice } from '../../shared/domain/open311/notice.ts';
import { serviceDefinition, serviceList } from '../../shared/domain/open311/services.ts';

type Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: string;
  keywords: string;
  group: string;
};
type Attribute = {
  code: string;
  datatype: string;
  required: boolean;
  order: number;
  variable: boolean;
  values?: { key: string; name: string }[];
};

describe('services', () => {
  it('offers every category as a realtime service that needs its definition', () => {
    const services = serviceList(CATEGORIES, 'en') as Service[];
    expect(services.map((s) => s.service_code).sort()).toEqual(CATEGORIES.map((c) => c.code).sort());
    for (const service of services) {
      expect(service).toMatchObject({ metadata: true, type: 'realtime' });
    }
    expect(services.map((s) => s.service_name)).toEqual(
      [...services.map((s) => s.service_name)].sort((a, b) => a.localeCompare(b, 'en')),
    );
  });

  it('names a service in the client’s language and gives the other in the description and keywords', () => {
    const [en] = (serviceList(CATEGORIES, 'en') as Service[]).filter((s) => s.service_code === 'theft');
    const [hi] = (serviceList(CATEGORIES, 'hi') as Service[]).filter((s) => s.service_code === 'theft');
    expect(en).toMatchObject({
      service_name: 'Theft',
      group: 'police-station',
      keywords: 'theft, Theft, चोरी',
    });
    expect(en!.description).toContain('(हिन्दी: चोरी.');
    expect(hi!.service_name).toBe('चोरी');
    expect(hi!.description).toContain('(English: Theft.');
  });

  it('groups categories by the unit that handles them', () => {
    const groups = Object.fromEntries(
      (serviceList(CATEGORIES, 'en') as Service[]).map((s) => [s.service_code, s.group]),
    );
    expect(groups['cyber-fraud']).toBe('cyber-cell');
    expect(groups['dowry-domestic-violence']).toBe('women-help-desk');
  });

  it('defines the attributes, none required (a position decides the district): the list of all 75 districts, then station, PIN, date and address', () => {
    const definition = serviceDefinition(CATEGORIES[0]!, UP_DISTRICTS, 'en') as {
      service_code: string;
      attributes: Attribute[];
    };
    expect(definition.service_code).toBe(CATEGORIES[0]!.code);
    expect(definition.attributes.map((a) => [a.order, a.code, a.datatype, a.required, a.variable])).toEqual([
      [1, 'district', 'singlevaluelist', false, true],
      [2, 'station', 'string', false, true],
      [3, 'pincode', 'string', false, true],
      [4, 'incident_date', 'datetime', false, true],
      [5, 'complainant_address', 'text', false, true],
    ]);
    const values = definition.attributes[0]!.values!;
    expect(values).toHaveLength(75);
    expect(values).toContainEqual({ key: 'chandauli', name: 'Chandauli / चन्दौली' });
  });
});

describe('discovery', () => {
  it('describes one GeoReport v2 endpoint in XML and JSON', () => {
    expect(
      discoveryDocument({
        changeset: '2026-11-28.1',
        contact: 'c',
        keyService: 'k',
        url: 'https://api.example.in/open311/v2',
        type: 'production',
      }),
    ).toEqual({
      changeset: '2026-11-28.1',
      contact: 'c',
      key_service: 'k',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: 'https://api.example.in/open311/v2',
          changeset: '2026-11-28.1',
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
  });

  it('calls a loopback endpoint test unless configured otherwise', () => {
    expect(endpointType('http://127.0.0.1:3000/open311/v2')).toBe('test');
    expect(endpointType('http://localhost:3000/open311/v2')).toBe('test');
    expect(endpointType('https://nivaran.up.gov.in/open311/v2')).toBe('production');
    expect(endpointType('http://127.0.0.1:3000/open311/v2', 'production')).toBe('production');
  });
});

describe('service notice', () => {
  it('gives the number grouped for reading aloud, the IST deadline and how to track, and no secret', () => {
    const notice = serviceNotice('40015723012', '2026-12-13T18:29:59.999Z', 'en');
    expect(notice).toContain('4001 5723 012');
    expect(notice).toContain('13 Dec 2026, 23:59 IST');
    expect(notice).toContain('last four digits');
    expect(serviceNotice('40015723012', '2026-12-13T18:29:59.999Z', 'hi')).toContain(
      'सन्दर्भ संख्या 4001 5723 012',
    );
  });
});
