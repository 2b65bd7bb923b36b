import { describe, expect, it } from 'vitest';
import { toComplaintRequest } from '../../functions/open311/complaint-request.ts';
import { Open311Error } from '../../shared/domain/open311/errors.ts';
import { formFromJson, formFromUrlEncoded, withFallback } from '../../shared/domain/open311/form.ts';
import { ADDRESS_NOT_GIVEN, fieldErrors, NAME_NOT_GIVEN } from '../../shared/domain/open311/intake.ts';

const FORM =
  'api_key=xyz&jurisdiction_id=up.gov.in&service_code=theft&lat=25.2677&long=83.2679' +
  '&address_string=Near+ration+shop%2C+Sakaldiha&email=ramesh%40example.in&device_id=tt222111' +
  '&first_name=Ramesh&last_name=Yadav&phone=%2B91+98765+43210' +
  '&description=My+motorcycle+was+stolen+from+outside+the+ration+shop+on+Monday.' +
  '&attribute[district]=Chandauli&attribute[station]=sakaldiha&attribute[pincode]=232109' +
  '&attribute[incident_date]=2026-11-02T23:30:00%2B05:30';

function refusal(run: () => unknown): Open311Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Open311Error) return error;
    throw error;
  }
  throw new Error('expected an Open311Error');
}

describe('reading POST arguments', () => {
  it('reads form-urlencoded fields and attribute[code] answers, empty values counting as not sent', () => {
    const form = formFromUrlEncoded(
      'service_code=theft&email=&attribute[district]=chandauli&attribute[multi][]=a&attribute[multi][]=b',
    );
    expect(form).toEqual({
      fields: { service_code: 'theft' },
      attributes: { district: 'chandauli', multi: 'a' },
    });
  });

  it('keeps the first of repeated fields', () => {
    expect(formFromUrlEncoded('api_key=a&api_key=b').fields.api_key).toBe('a');
  });

  it('reads JSON with attributes as keys or as an object, numbers as text', () => {
    expect(
      formFromJson({
        lat: 25.5,
        attribute: { district: 'agra' },
        'attribute[station]': 'agra-kotwali',
        x: { y: 1 },
      }),
    ).toEqual({
      fields: { lat: '25.5' },
      attributes: { district: 'agra', station: 'agra-kotwali' },
    });
    expect(() => formFromJson([1])).toThrow(Open311Error);
  });

  it('takes arguments missing from the body from the query string', () => {
    const form = withFallback(formFromUrlEncoded('service_code=theft'), {
      api_key: 'k',
      service_code: 'other',
    });
    expect(form.fields).toEqual({ service_code: 'theft', api_key: 'k' });
  });
});

describe('an Open311 request as a complaint', () => {
  it('maps every argument onto the complaint schema', () => {
    const { request } = toComplaintRequest(formFromUrlEncoded(FORM));
    expect(request).toEqual({
      complainant: {
        name: 'Ramesh Yadav',
        mobile: '+919876543210',
        email: 'ramesh@example.in',
        address: 'Near ration shop, Sakaldiha',
      },
      location: {
        districtCode: 'chandauli',
        stationCode: 'chandauli-sakaldiha',
        pinCode: '232109',
        locality: 'Near ration shop, Sakaldiha',
        latitude: 25.2677,
        longitude: 83.2679,
      },
      categoryCode: 'theft',
      description: 'My motorcycle was stolen from outside the ration shop on Monday.',
      incidentDate: '2026-11-02',
      channel: 'portal',
    });
  });

  it('keeps the IST day of an incident time given in another zone', () => {
    const form = formFromUrlEncoded(FORM);
    form.attributes.incident_date = '2026-11-02T20:00:00Z';
    expect(toComplaintRequest(form).request.incidentDate).toBe('2026-11-03');
  });

  it('prefers attribute[complainant_address] for the complainant and accepts lat/long alone as the location', () => {
    const form = formFromUrlEncoded(FORM);
    delete form.fields.address_string;
    form.attributes.complainant_address = 'House 12, Sakaldiha, Chandauli';
    const { request } = toComplaintRequest(form);
    expect(request.complainant.address).toBe('House 12, Sakaldiha, Chandauli');
    expect(request.location.locality).toBeUndefined();
  });

  it('lists every problem under the Open311 name the client used', () => {
    const form = formFromUrlEncoded(
      'service_code=theft&phone=12345&email=nope&description=too+short&lat=abc&attribute[pincode]=0123&attribute[incident_date]=last+week',
    );
    const error = refusal(() => toComplaintRequest(form));
    expect(error.status).toBe(400);
    const labels = error.errors.map((e) => e.description.en.split(':')[0]);
    expect(labels).toEqual(
      expect.arrayContaining([
        'lat / long, address_string or address_id',
        'phone',
        'email',
        'attribute[pincode]',
        'lat / long',
        'description',
        'attribute[incident_date]',
      ]),
    );
    expect(error.errors.every((e) => e.code === 400)).toBe(true);
    expect(error.errors.find((e) => e.description.en.startsWith('phone'))!.description.hi).toContain(
      'भारतीय मोबाइल',
    );
  });

  it("takes FixMyStreet's defaults: a pin alone, an email alone, and its split of a name with no word", () => {
    const form = formFromUrlEncoded(
      'service_code=theft&lat=25.4878&long=83.2308&first_name=&last_name=&email=ramesh%40example.in' +
        '&description=My+motorcycle+was+stolen+from+outside+the+school+gate.&attribute[district]=',
    );
    const { request } = toComplaintRequest(form);
    expect(request.complainant).toEqual({
      name: NAME_NOT_GIVEN,
      email: 'ramesh@example.in',
      address: ADDRESS_NOT_GIVEN,
    });
    expect(request.location).toEqual({ latitude: 25.4878, longitude: 83.2308 });
    delete form.fields.email;
    const error = refusal(() => toComplaintRequest(form));
    expect(error.errors.map((e) => e.description.en)).toEqual([
      'phone: Give a mobile number or an email address (or both), so the police can reach the complainant',
    ]);
  });

  it('says lat and long go together', () => {
    const form = formFromUrlEncoded(FORM);
    delete form.fields.long;
    const error = refusal(() => toComplaintRequest(form));
    expect(error.errors.map((e) => e.description.en)).toEqual([
      'lat / long: Give both latitude and longitude, or neither',
    ]);
  });

  it('names domain issues (unknown district, station elsewhere) the same way', () => {
    expect(
      fieldErrors(
        [
          {
            pointer: '/location/stationCode',
            code: 'station-not-in-district',
            message: { en: 'No police station', hi: 'कोई थाना नहीं' },
          },
          {
            pointer: '/complainant/address',
            code: 'too-short',
            message: { en: 'Too short', hi: 'बहुत छोटा' },
          },
        ],
        { '/complainant/address': 'attribute[complainant_address]' },
      ),
    ).toEqual([
      {
        code: 400,
        description: { en: 'attribute[station]: No police station', hi: 'attribute[station]: कोई थाना नहीं' },
      },
      {
        code: 400,
        description: {
          en: 'attribute[complainant_address]: Too short',
          hi: 'attribute[complainant_address]: बहुत छोटा',
        },
      },
    ]);
  });
});
