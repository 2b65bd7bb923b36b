import { describe, expect, it } from 'vitest';
import { UP_DISTRICTS } from '../../infra/local/seed/districts.ts';
import { DEMO_OFFICERS } from '../../infra/local/seed/officers.ts';
import { UP_STATIONS } from '../../infra/local/seed/stations.ts';
import {
  type ExistingMasterData,
  formatRowError,
  type MasterDataKind,
  planMasterData,
  readMasterDataCsv,
  referencedDistricts,
} from '../../infra/tools/load-masterdata/csv-import.ts';
import { isPinCode, parseEmail, parseIndianMobile } from '../../shared/domain/masterdata/fields.ts';

/** The table as seeded, for the districts the tests use. */
function seeded(districts = ['chandauli', 'varanasi']): ExistingMasterData {
  return {
    districts: new Map(UP_DISTRICTS.map((d) => [d.code, d])),
    stations: new Map(UP_STATIONS.filter((s) => districts.includes(s.districtCode)).map((s) => [s.code, s])),
    officers: new Map(DEMO_OFFICERS.filter((o) => districts.includes(o.districtCode)).map((o) => [o.id, o])),
  };
}

function check(kind: MasterDataKind, text: string, existing = seeded()) {
  return planMasterData(readMasterDataCsv(kind, text), existing);
}

/** Errors as `LINE: column: message` for compact expectations. */
function errorsOf(kind: MasterDataKind, text: string, existing = seeded()) {
  return check(kind, text, existing).errors.map((e) => `${e.line}: ${e.column}: ${e.message}`);
}

const STATION_HEADER = 'code,district_code,name_en,name_hi,kind,pin_codes,localities';
const OFFICER_HEADER = 'id,role,district_code,station_codes,title_en,title_hi,email,mobile,language';

describe('field checks', () => {
  it('normalises Indian mobiles written the usual ways to +91 and ten digits', () => {
    for (const written of [
      '9876543210',
      '+91 98765 43210',
      '+91-98765-43210',
      '091 9876543210',
      '09876543210',
      '919876543210',
      '0091 98765 43210',
      '(+91) 98765.43210',
    ]) {
      expect(parseIndianMobile(written), written).toBe('+919876543210');
    }
  });

  it('rejects numbers that are not Indian mobiles', () => {
    for (const written of [
      '5876543210',
      '987654321',
      '98765432101',
      '+44 7911 123456',
      '+1 9876543210',
      '98765x3210',
      '',
      '0542 2501234',
    ]) {
      expect(parseIndianMobile(written), written).toBeUndefined();
    }
  });

  it('accepts email addresses of the usual shape, lower-cased', () => {
    expect(parseEmail(' SHO.Sakaldiha@UPPolice.gov.in ')).toBe('sho.sakaldiha@uppolice.gov.in');
    for (const bad of [
      'sho',
      'sho@',
      '@up.gov.in',
      'sho@up',
      'sho@@up.in',
      'sho po@up.in',
      'a..b@up.in',
      'sho@-up.in',
    ]) {
      expect(parseEmail(bad), bad).toBeUndefined();
    }
  });

  it('accepts six-digit PIN codes not starting with 0', () => {
    expect(isPinCode('232108')).toBe(true);
    for (const bad of ['032108', '23210', '2321088', '23210a', ' 232108'])
      expect(isPinCode(bad), bad).toBe(false);
  });
});

describe('headers', () => {
  it('rejects an empty file', () => {
    expect(errorsOf('districts', '')).toEqual([
      '1: header: the file is empty; the first line must name the columns',
    ]);
    expect(errorsOf('districts', '\uFEFF\r\n')).toHaveLength(1);
  });

  it('names unknown, missing and repeated columns, and reads no rows', () => {
    const errors = errorsOf(
      'stations',
      'code,district_code,name_en,name_hindi,kind,pin_codes,pin_codes\nx,y,z,w,v,u,t\n',
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^1: header: unknown column 'name_hindi'; stations files have code, district_code/,
      ),
      "1: header: column 'pin_codes' appears twice",
      "1: header: missing column 'name_hi'",
      "1: header: missing column 'localities'",
    ]);
  });

  it('accepts columns in any order, in any case, around a BOM', () => {
    const text =
      '\uFEFFName_Hi, CODE ,division,commissionerate,name_en\nचन्दौली,chandauli,Varanasi,false,Chandauli\n';
    const { errors, plan } = check('districts', text);
    expect(errors).toEqual([]);
    expect(plan.districts.put).toEqual([
      {
        code: 'chandauli',
        name: { en: 'Chandauli', hi: 'चन्दौली' },
        division: 'Varanasi',
        commissionerate: false,
      },
    ]);
  });

  it('needs pin_code or locality (or both) in a jurisdictions header', () => {
    expect(errorsOf('jurisdictions', 'station_code,district_code\nchandauli-chakia,chandauli\n')).toEqual([
      "1: header: needs at least one of the columns 'pin_code', 'locality'",
    ]);
  });

  it('reports a row with the wrong number of fields at its line', () => {
    const text = 'code,name_en,name_hi,division,commissionerate\nchandauli,Chandauli,चन्दौली,Varanasi\n';
    expect(errorsOf('districts', text)).toEqual(['2: row: has 4 fields, the header has 5']);
  });

  it('reports malformed quoting as a row error at its line', () => {
    const text =
      'code,name_en,name_hi,division,commissionerate\nchandauli,Chan"dauli,चन्दौली,Varanasi,false\n';
    expect(errorsOf('districts', text)).toEqual([
      expect.stringMatching(/^2: row: a quote inside an unquoted field/),
    ]);
  });
});

describe('districts files', () => {
  const header = 'code,name_en,name_hi,division,commissionerate';

  it('checks each value and names the line and column', () => {
    const text = [
      header,
      'Chandauli,Chandauli,चन्दौली,Varanasi,false',
      'varanasi,Varanasi,Varanasi,Varanasi,true',
      'mirzapur,,मिर्जापुर,,maybe',
      'chandauli-x,Chandauli,चन्दौली,Varanasi,FALSE',
      'chandauli-x,Chandauli,चन्दौली,Varanasi,False',
    ].join('\n');
    expect(errorsOf('districts', text)).toEqual([
      "2: code: 'Chandauli' is not a code: use lower-case letters, digits and single hyphens",
      "3: name_hi: 'Varanasi' has no Devanagari; write the Hindi name in Hindi",
      '4: name_en: is required',
      '4: division: is required',
      "4: commissionerate: 'maybe' is not one of true, false",
      "6: code: district 'chandauli-x' repeats line 5",
    ]);
  });

  it('formats an error as file:line: column: message', () => {
    const [error] = check('districts', `${header}\n-bad-,A,अ,B,true\n`).errors;
    expect(formatRowError('districts.csv', error!)).toBe(
      "districts.csv:2: code: '-bad-' is not a code: use lower-case letters, digits and single hyphens",
    );
  });
});

describe('stations files', () => {
  it('plans a good file: a new station, and an existing one whose area changes', () => {
    const text = [
      `${STATION_HEADER},action`,
      '"chandauli-dulahipur",chandauli,"Dulahipur (Mughalsarai, outpost)","दुलहीपुर (मुगलसराय, चौकी)",police-station,"232101; 232110 232101","Dulahipur;  Jiwnath  Pur",upsert',
      'chandauli-sakaldiha,chandauli,Sakaldiha,सकलडीहा,police-station,232108 232120,sakaldiha; naraina; paura,',
      'chandauli-ilia,chandauli,,,,,,DELETE',
    ].join('\r\n');
    const { errors, plan } = check('stations', text);
    expect(errors).toEqual([]);
    expect(plan.stations.put).toEqual([
      {
        code: 'chandauli-dulahipur',
        districtCode: 'chandauli',
        name: { en: 'Dulahipur (Mughalsarai, outpost)', hi: 'दुलहीपुर (मुगलसराय, चौकी)' },
        kind: 'police-station',
        pinCodes: ['232101', '232110'],
        localities: ['dulahipur', 'jiwnath pur'],
        demo: false,
      },
      expect.objectContaining({ code: 'chandauli-sakaldiha', pinCodes: ['232108', '232120'] }),
    ]);
    // Sakaldiha's dropped localities are entries to remove; its kept PIN is not.
    expect(plan.stations.stale).toEqual([
      expect.objectContaining({
        code: 'chandauli-sakaldiha',
        pinCodes: [],
        localities: ['maniyarpur', 'nai bazar'],
      }),
    ]);
    expect(plan.stations.remove.map((s) => s.code)).toEqual(['chandauli-ilia']);
    expect(plan.notes).toContain(
      'officer chandauli-ilia-sho still lists chandauli-ilia, which this file deletes',
    );
  });

  it('reports every kind of bad row at its own line, counting lines inside quoted fields', () => {
    const text = [
      STATION_HEADER,
      'chandauli-ok,chandauli,Ok,ठीक,police-station,232101,"one;',
      'two"',
      'chandauli-ok,chandauli,Ok again,ठीक,police-station,,',
      'sakaldiha,chandauli,Sakaldiha,सकलडीहा,police-station,,',
      'chandauli-x,atlantis,X,एक्स,police-station,,',
      'chandauli-y,chandauli,,Y,thana,032101;23210;232101,a#b',
      'chandauli-,chandauli,Z,ज़,police-station,,',
      'Chandauli-Q,chandauli,Q,क्यू,police-station,,',
    ].join('\n');
    expect(errorsOf('stations', text)).toEqual([
      "4: code: station 'chandauli-ok' repeats line 2",
      "5: code: 'sakaldiha' must start with its district's code: 'chandauli-…'",
      "6: district_code: no district 'atlantis'; load it with a districts file first",
      '7: name_en: is required',
      "7: name_hi: 'Y' has no Devanagari; write the Hindi name in Hindi",
      "7: kind: 'thana' is not one of police-station, cyber-cell, women-help-desk",
      "7: pin_codes: '032101' is not a PIN code: six digits, the first not 0",
      "7: pin_codes: '23210' is not a PIN code: six digits, the first not 0",
      "7: localities: locality 'a#b' contains '#', which locality names cannot have",
      "8: code: 'chandauli-' is not a code: use lower-case letters, digits and single hyphens",
      "9: code: 'Chandauli-Q' is not a code: use lower-case letters, digits and single hyphens",
    ]);
  });

  it('rejects a bad action', () => {
    expect(errorsOf('stations', `${STATION_HEADER},action\nchandauli-ilia,chandauli,,,,,,remove\n`)).toEqual([
      "2: action: 'remove' is not one of upsert, delete",
    ]);
  });

  it('keeps one cyber cell and one women help desk per district', () => {
    const text = [
      STATION_HEADER,
      'chandauli-cyber-2,chandauli,Cyber 2,साइबर 2,cyber-cell,,',
      'varanasi-mahila-2,varanasi,Mahila 2,महिला 2,women-help-desk,,',
    ].join('\n');
    expect(errorsOf('stations', text)).toEqual([
      '2: kind: district chandauli already has a cyber-cell (chandauli-cyber-cell); a district has one',
      '3: kind: district varanasi already has a women-help-desk (varanasi-mahila-thana); a district has one',
    ]);
    // Replacing the unit in the same file is fine.
    const replacing = `${STATION_HEADER},action\nchandauli-cyber-2,chandauli,Cyber 2,साइबर 2,cyber-cell,,,\nchandauli-cyber-cell,chandauli,,,,,,delete\n`;
    expect(errorsOf('stations', replacing)).toEqual([]);
  });

  it('notes, but allows, deleting a station that is already gone (so a re-run converges)', () => {
    const { errors, plan } = check(
      'stations',
      `${STATION_HEADER},action\nchandauli-gone,chandauli,,,,,,delete\n`,
    );
    expect(errors).toEqual([]);
    expect(plan.stations.remove).toEqual([]);
    expect(plan.notes).toEqual(['line 2: station chandauli-gone is not in the table; nothing to delete']);
  });

  it('lists the districts a file names, for reading their stations', () => {
    const table = readMasterDataCsv(
      'stations',
      `${STATION_HEADER}\na,chandauli,,,,,\nb,varanasi,,,,,\nc,BAD CODE,,,,,\nd,chandauli,,,,,\n`,
    );
    expect(referencedDistricts(table)).toEqual(['chandauli', 'varanasi']);
  });
});

describe('jurisdictions files', () => {
  const header = 'station_code,district_code,pin_code,locality';

  it('adds PINs and localities to the stations, once each', () => {
    const text = `${header}\nchandauli-chakia,chandauli,232119,\nchandauli-chakia,chandauli,,Latif  Shah\nchandauli-chakia,chandauli,232103,chakia\nchandauli-ilia,chandauli,232118,Sarai\n`;
    const { errors, plan } = check('jurisdictions', text);
    expect(errors).toEqual([]);
    const chakia = plan.stations.put.find((s) => s.code === 'chandauli-chakia')!;
    expect(chakia.pinCodes).toEqual(['232103', '232119']);
    expect(chakia.localities).toEqual([
      'chakia',
      'shikarganj',
      'gaighat',
      'utraut',
      'sikanderpur',
      'latif shah',
    ]);
    expect(chakia.name.hi).toBe('चकिया');
    expect(plan.stations.put.map((s) => s.code)).toEqual(['chandauli-chakia', 'chandauli-ilia']);
    expect(plan.stations.stale).toEqual([]);
  });

  it('works with only one of the optional columns', () => {
    expect(
      errorsOf(
        'jurisdictions',
        'station_code,district_code,locality\nchandauli-chakia,chandauli,Latifshah\n',
      ),
    ).toEqual([]);
  });

  it('reports bad rows at their lines', () => {
    const text = [
      header,
      'chandauli-chakia,chandauli,,',
      'chandauli-chakia,chandauli,2321,',
      'chandauli-nowhere,chandauli,232119,',
      'varanasi-kotwali,chandauli,232119,',
      'chandauli-chakia,chandauli,232119,x',
      'chandauli-chakia,chandauli,232119,X',
    ].join('\n');
    expect(errorsOf('jurisdictions', text)).toEqual([
      '2: pin_code: give a pin_code, a locality or both',
      "3: pin_code: '2321' is not a PIN code: six digits, the first not 0",
      "4: station_code: no station 'chandauli-nowhere' in district chandauli; load it with a stations file first",
      "5: station_code: no station 'varanasi-kotwali' in district chandauli; load it with a stations file first",
      '7: row: this station, PIN and locality repeats line 6',
    ]);
  });
});

describe('officers files', () => {
  it('plans a good file with contacts normalised', () => {
    const text = [
      `${OFFICER_HEADER},action`,
      'chandauli-sakaldiha-sho,station-officer,chandauli,chandauli-sakaldiha,SHO Sakaldiha,थाना प्रभारी सकलडीहा,SHO.Sakaldiha@Example.com,+91 90000 00001,hi,',
      'chandauli-asp,senior-officer,chandauli,,ASP Chandauli,"अपर पुलिस अधीक्षक, चन्दौली",,090000-00002,,',
      'chandauli-sp,senior-officer,chandauli,,,,,,,delete',
    ].join('\n');
    const { errors, plan } = check('officers', text);
    expect(errors).toEqual([]);
    expect(plan.officers.put).toEqual([
      {
        id: 'chandauli-sakaldiha-sho',
        role: 'station-officer',
        districtCode: 'chandauli',
        stationCodes: ['chandauli-sakaldiha'],
        title: { en: 'SHO Sakaldiha', hi: 'थाना प्रभारी सकलडीहा' },
        email: 'sho.sakaldiha@example.com',
        mobile: '+919000000001',
        language: 'hi',
        demo: false,
      },
      {
        id: 'chandauli-asp',
        role: 'senior-officer',
        districtCode: 'chandauli',
        stationCodes: [],
        title: { en: 'ASP Chandauli', hi: 'अपर पुलिस अधीक्षक, चन्दौली' },
        mobile: '+919000000002',
        language: 'hi',
        demo: false,
      },
    ]);
    expect(plan.officers.remove.map((o) => o.id)).toEqual(['chandauli-sp']);
  });

  it('reports each bad row at its line', () => {
    const text = [
      OFFICER_HEADER,
      'chandauli-a,inspector,chandauli,,A,ए,a@example.com,,hi',
      'varanasi-b,supervisor,chandauli,chandauli-balua,B,बी,b@example.com,,hi',
      'chandauli-c,station-officer,chandauli,chandauli-balua;chandauli-dhina,C,सी,c@example.com,,hi',
      'chandauli-d,supervisor,chandauli,chandauli-balua;varanasi-kotwali,D,डी,d@example.com,,hi',
      'chandauli-e,district-cell,chandauli,chandauli-balua,E,E,,,hi',
      'chandauli-f,senior-officer,chandauli,,F,एफ,f@,12345,fr',
      'chandauli-f,senior-officer,chandauli,,F,एफ,f@example.com,,en',
      'chandauli-g,supervisor,chandauli,,G,जी,g@example.com,,hi',
    ].join('\n');
    expect(errorsOf('officers', text)).toEqual([
      "2: role: 'inspector' is not one of station-officer, supervisor, district-cell, senior-officer",
      "3: id: 'varanasi-b' must start with its district's code: 'chandauli-…'",
      '4: station_codes: a station-officer acts for exactly one station, not 2',
      "5: station_codes: 'varanasi-kotwali' is not a station of district chandauli",
      '6: station_codes: a district-cell post is district-wide; leave station_codes empty',
      "6: title_hi: 'E' has no Devanagari; write the Hindi name in Hindi",
      '6: email: give an email, a mobile or both: a post nobody can be told about is no use',
      "7: email: 'f@' is not an email address",
      "7: mobile: '12345' is not an Indian mobile number (ten digits starting 6-9, optionally +91)",
      "7: language: 'fr' is not one of hi, en",
      "8: id: officer 'chandauli-f' repeats line 7",
      '9: station_codes: a supervisor covers at least one station',
    ]);
  });

  it('keeps one station officer and one supervisor per station, counting the posts in the table', () => {
    const text = [
      OFFICER_HEADER,
      'chandauli-balua-sho-2,station-officer,chandauli,chandauli-balua,SHO Balua,थाना प्रभारी बलुआ,x@example.com,,hi',
      'chandauli-co-balua,supervisor,chandauli,chandauli-balua,CO Balua,क्षेत्राधिकारी बलुआ,y@example.com,,hi',
    ].join('\n');
    expect(errorsOf('officers', text)).toEqual([
      '2: station_codes: chandauli-balua already has a station-officer (chandauli-balua-sho); reuse that id, or delete that post in this file',
      '3: station_codes: chandauli-balua already has a supervisor (chandauli-co-sakaldiha); reuse that id, or delete that post in this file',
    ]);
    const replacing = `${OFFICER_HEADER},action\n${text.split('\n')[1]},\nchandauli-balua-sho,,chandauli,,,,,,,delete\n`;
    expect(errorsOf('officers', replacing)).toEqual([]);
  });

  it('accepts the shipped demo officers as a CSV file', () => {
    const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
    const chandauli = DEMO_OFFICERS.filter((o) => o.districtCode === 'chandauli');
    const text = [
      OFFICER_HEADER,
      ...chandauli.map((o) =>
        [
          o.id,
          o.role,
          o.districtCode,
          o.stationCodes.join(';'),
          o.title.en,
          o.title.hi,
          o.email ?? '',
          o.mobile ?? '',
          o.language,
        ]
          .map(quote)
          .join(','),
      ),
    ].join('\r\n');
    const { errors, plan } = check('officers', text, { ...seeded(), officers: new Map() });
    expect(errors).toEqual([]);
    expect(plan.officers.put).toEqual(chandauli.map((o) => ({ ...o, demo: false })));
  });
});
