import * as z from 'zod';

/**
 * What GET /v1/districts, /v1/districts/{code}/stations and /v1/categories answer. The handler
 * returns the domain objects (shared/domain/masterdata/types.ts); these schemas describe them for
 * the OpenAPI document, and test/unit/openapi.test.ts checks that both stay the same shape.
 */

export const bilingualTextSchema = z
  .object({
    en: z.string().meta({ description: 'English' }),
    hi: z.string().meta({ description: 'Hindi (Devanagari)' }),
  })
  .meta({ id: 'BilingualText', description: 'A text in English and Hindi' });

const slug = (description: string, example: string) => z.string().meta({ description, examples: [example] });

export const districtSchema = z
  .object({
    code: slug('Stable lowercase code used in URLs and complaints', 'chandauli'),
    name: bilingualTextSchema,
    division: z.string().meta({ description: 'Revenue division (मण्डल)', examples: ['Varanasi'] }),
    commissionerate: z.boolean().meta({ description: 'True where the police unit is a commissionerate' }),
  })
  .meta({ id: 'District', description: 'A police district or commissionerate of Uttar Pradesh' });

export const stationKindSchema = z.enum(['police-station', 'cyber-cell', 'women-help-desk']);

export const stationSchema = z
  .object({
    code: slug('`<districtCode>-<slug>`; give it as location.stationCode', 'chandauli-sakaldiha'),
    name: bilingualTextSchema,
    kind: stationKindSchema,
    pinCodes: z.array(z.string()).meta({ description: 'Six-digit PIN codes its jurisdiction covers' }),
    demo: z
      .boolean()
      .meta({ description: 'True for generated stations standing in for real ones (demo data)' }),
  })
  .meta({ id: 'Station', description: 'A thana, or a district cyber cell or women help desk' });

export const categorySchema = z
  .object({
    code: slug('Stable lowercase code; give it as categoryCode', 'cyber-fraud'),
    name: bilingualTextSchema,
    description: bilingualTextSchema,
    deadlineDays: z
      .number()
      .int()
      .positive()
      .meta({ description: 'Days allowed from assignment to disposal, in IST calendar days' }),
    routeToKind: stationKindSchema
      .exclude(['police-station'])
      .optional()
      .meta({ description: "When set, complaints go to the district's unit of this kind, not the thana" }),
  })
  .meta({ id: 'Category', description: 'A complaint category with its time limit for disposal' });

export const districtListSchema = z
  .object({ districts: z.array(districtSchema).meta({ description: 'Sorted by English name' }) })
  .meta({ id: 'DistrictList' });

export const districtStationsSchema = z
  .object({
    district: districtSchema,
    stations: z.array(stationSchema).meta({ description: 'Sorted by English name' }),
  })
  .meta({ id: 'DistrictStations' });

export const categoryListSchema = z
  .object({ categories: z.array(categorySchema).meta({ description: 'Sorted by English name' }) })
  .meta({ id: 'CategoryList' });
