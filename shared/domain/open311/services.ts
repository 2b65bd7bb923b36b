import type { Language } from '../language.ts';
import type { Category, District } from '../masterdata/types.ts';
import type { DocumentValue } from './document.ts';

/**
 * Services are Nivaran's complaint categories. Names follow the client's Accept-Language (English by
 * default); the description also carries the other language, since GeoReport v2 has one name field.
 */

/** The attribute codes clients send as attribute[code]=value with a POST request. */
export const ATTRIBUTE = {
  district: 'district',
  station: 'station',
  pincode: 'pincode',
  incidentDate: 'incident_date',
  complainantAddress: 'complainant_address',
} as const;

const other = (language: Language): Language => (language === 'hi' ? 'en' : 'hi');
const LANGUAGE_LABEL: Record<Language, string> = { en: 'English', hi: 'हिन्दी' };

/** The unit that handles a category: the thana, or the district's cyber cell or women help desk. */
const group = (category: Category): string => category.routeToKind ?? 'police-station';

export function serviceList(categories: readonly Category[], language: Language): DocumentValue {
  const alt = other(language);
  return [...categories]
    .sort((a, b) => a.name[language].localeCompare(b.name[language], language))
    .map((category) => ({
      service_code: category.code,
      service_name: category.name[language],
      description: `${category.description[language]} (${LANGUAGE_LABEL[alt]}: ${category.name[alt]}. ${category.description[alt]})`,
      metadata: true,
      type: 'realtime',
      keywords: [category.code, category.name.en, category.name.hi].join(', '),
      group: group(category),
    }));
}

const bilingualName = (district: District) => `${district.name.en} / ${district.name.hi}`;

/**
 * The attributes every category takes; none is required. The district decides which police force
 * gets the complaint, but the request's lat/long (or the PIN code) decides it too, from the post
 * offices of Uttar Pradesh: FixMyStreet's client sends a map pin and shows its user only what a
 * definition requires. The district is needed only where the position cannot be placed in one
 * district with confidence, and the refusal says so. The station, if known, saves a routing step.
 */
export function serviceDefinition(
  category: Category,
  districts: readonly District[],
  language: Language,
): DocumentValue {
  const hi = language === 'hi';
  const attribute = (
    order: number,
    code: string,
    datatype: string,
    required: boolean,
    description: string,
    datatypeDescription: string,
    values?: { key: string; name: string }[],
  ) => ({
    variable: true,
    code,
    datatype,
    required,
    datatype_description: datatypeDescription,
    order,
    description,
    ...(values ? { values } : {}),
  });
  return {
    service_code: category.code,
    attributes: [
      attribute(
        1,
        ATTRIBUTE.district,
        'singlevaluelist',
        false,
        hi
          ? 'घटना किस जनपद (ज़िले) में हुई; न देने पर lat/long या पिन कोड से तय किया जाता है'
          : 'District (जनपद) where it happened; when not given, lat/long or the PIN code decides it',
        hi ? 'नीचे दिए जनपद कोड में से एक' : 'One of the district codes below',
        [...districts]
          .sort((a, b) => a.name.en.localeCompare(b.name.en))
          .map((district) => ({ key: district.code, name: bilingualName(district) })),
      ),
      attribute(
        2,
        ATTRIBUTE.station,
        'string',
        false,
        hi
          ? 'थाने का कोड, यदि ज्ञात हो (GET /v1/districts/{जनपद}/stations)'
          : 'Police station (थाना) code, if known (GET /v1/districts/{district}/stations)',
        hi ? 'जैसे chandauli-sakaldiha' : 'e.g. chandauli-sakaldiha',
      ),
      attribute(
        3,
        ATTRIBUTE.pincode,
        'string',
        false,
        hi ? 'घटना स्थल का पिन कोड' : 'PIN code of the place',
        hi ? 'छह अंक' : 'Six digits',
      ),
      attribute(
        4,
        ATTRIBUTE.incidentDate,
        'datetime',
        false,
        hi ? 'घटना कब हुई' : 'When it happened',
        hi
          ? 'तारीख YYYY-MM-DD या ISO 8601 समय (भारतीय मानक समय में दिन लिया जाएगा)'
          : 'A date YYYY-MM-DD or an ISO 8601 time; the IST day is kept',
      ),
      attribute(
        5,
        ATTRIBUTE.complainantAddress,
        'text',
        false,
        hi
          ? 'शिकायतकर्ता का पता, पुलिस संपर्क के लिए; न देने पर address_string लिया जाएगा'
          : "The complainant's postal address, for the police to make contact; address_string is used when it is not given",
        hi ? '5 से 500 अक्षर' : '5 to 500 characters',
      ),
    ],
  };
}
