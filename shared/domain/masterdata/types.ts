import type { Bilingual } from '../language.ts';

/** A police district or commissionerate of Uttar Pradesh (75 in all). */
export interface District {
  /** Stable lowercase slug used in URLs and keys, e.g. `chandauli`, `gautam-buddh-nagar`. */
  code: string;
  name: Bilingual;
  /** Revenue division (मण्डल) the district belongs to, e.g. `Varanasi`. */
  division: string;
  /** True where the police unit is a commissionerate (Lucknow, Kanpur Nagar, ...). */
  commissionerate: boolean;
}

export type StationKind = 'police-station' | 'cyber-cell' | 'women-help-desk';

/** A unit that can be assigned references: a thana, or a district's cyber cell / women help desk. */
export interface Station {
  /** `<districtCode>-<slug>`, e.g. `chandauli-sakaldiha`. */
  code: string;
  districtCode: string;
  name: Bilingual;
  kind: StationKind;
  /** Six-digit PIN codes the station's jurisdiction covers (may be shared between stations). */
  pinCodes: string[];
  /** Locality / village / mohalla names in its jurisdiction, lower-case English. */
  localities: string[];
  /** True for generated stations that stand in for real ones in the demo data. */
  demo: boolean;
}

/** A complaint category with its time limit for disposal. */
export interface Category {
  /** Stable lowercase slug, e.g. `cyber-fraud`. */
  code: string;
  name: Bilingual;
  description: Bilingual;
  /** Days allowed from assignment to disposal, counted in IST calendar days. */
  deadlineDays: number;
  /** When set, references of this category go to the district's unit of this kind, not the thana. */
  routeToKind?: Exclude<StationKind, 'police-station'>;
}

export type OfficerRole = 'station-officer' | 'supervisor' | 'district-cell' | 'senior-officer';

/**
 * Someone Nivaran sends links to. Officers act from signed links, not accounts, so a contact is a
 * post (SHO Sakaldiha, CO Sakaldiha, IGRS cell Chandauli), not a person's login.
 */
export interface Officer {
  /** Stable id, e.g. `chandauli-sakaldiha-sho`. */
  id: string;
  role: OfficerRole;
  districtCode: string;
  /** Stations the post acts for: one for an SHO, a circle's for a CO; empty for district-wide posts. */
  stationCodes: string[];
  /** The post's title, e.g. `SHO Sakaldiha` / `थाना प्रभारी सकलडीहा`. */
  title: { en: string; hi: string };
  email?: string;
  /** E.164. */
  mobile?: string;
  language: 'hi' | 'en';
  demo: boolean;
}

/** A station's area as a polygon (GeoJSON order: [longitude, latitude]), when the district has one. */
export interface StationBoundary {
  stationCode: string;
  districtCode: string;
  /** Outer ring, closed or not; holes are not used for police station areas. */
  polygon: [number, number][];
}
