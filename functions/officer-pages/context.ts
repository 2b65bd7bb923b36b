import { dynamodbClient } from '../../shared/adapters/clients/dynamodb.ts';
import { linkKeyring } from '../../shared/adapters/link-keys.ts';
import { DynamoLinkUseLedger } from '../../shared/adapters/link-use-ledger.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import {
  mainTableName,
  masterDataReader,
  queueUrl,
  referenceRepository,
} from '../../shared/adapters/wiring.ts';
import { intEnv } from '../../shared/config.ts';
import type { Bilingual } from '../../shared/domain/language.ts';
import { formToken } from '../../shared/domain/links/form-token.ts';
import { assertLinkScope, type LinkClaims } from '../../shared/domain/links/token.ts';
import type { QueuePort } from '../../shared/domain/ports.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import type { HttpRequest } from '../../shared/http/request.ts';
import type { CellDeps } from '../../shared/use-cases/district-cell.ts';
import type { OfficerWorkDeps } from '../../shared/use-cases/officer-work.ts';
import { assertSupervises, NotYoursError } from '../../shared/use-cases/officer-work.ts';
import { errorPage } from '../../shared/views/html/index.ts';

/** What every officer page needs, built once per container. */
let cell: CellDeps | undefined;
let work: OfficerWorkDeps | undefined;
let ledger: DynamoLinkUseLedger | undefined;

let queue: Promise<QueuePort> | undefined;
/** SQS loads with the first send: page views, and the attachments function, never queue anything. */
const notifications = (): Promise<QueuePort> =>
  (queue ??= Promise.all([
    import('../../shared/adapters/queue.ts'),
    import('../../shared/adapters/clients/sqs.ts'),
  ])
    .then(([{ SqsQueue }, { sqsClient }]) => new SqsQueue(sqsClient(), queueUrl('notifications')))
    .catch((error: unknown) => {
      queue = undefined; // a missing setting fails this send, not every later one
      throw error;
    }));

export const cellDeps = (): CellDeps =>
  (cell ??= {
    references: referenceRepository(),
    masterData: masterDataReader(),
    notifications: { send: async (body) => (await notifications()).send(body) },
    clock: systemClock,
  });

export const workDeps = (): OfficerWorkDeps =>
  (work ??= {
    references: referenceRepository(),
    // Uncached: a supervisor's post must match the current master data, not five minutes ago's.
    officers: (district) => masterDataReader().store.officers(district),
    notifications: { send: async (body) => (await notifications()).send(body) },
    clock: systemClock,
    feedbackWindowDays: intEnv('FEEDBACK_WINDOW_DAYS', 7),
  });

export const linkLedger = () => (ledger ??= new DynamoLinkUseLedger(dynamodbClient(), mainTableName()));

export const pageLanguage = (request: HttpRequest) => (request.language === 'en' ? 'en' : 'hi');

export async function formContext(
  token: string,
  extra: { issues?: never[]; values?: Record<string, string> } = {},
) {
  return { action: `/o/${token}`, formToken: formToken(token, await linkKeyring()), ...extra };
}

export async function stationNames(districtCode: string): Promise<Map<string, Bilingual>> {
  return new Map((await masterDataReader().stations(districtCode)).map((s) => [s.code, s.name]));
}

export const notFound = () =>
  errorPage(
    404,
    { en: 'Not found', hi: 'नहीं मिला' },
    { en: 'This reference does not exist.', hi: 'यह सन्दर्भ मौजूद नहीं है।' },
  );

/** Post/redirect/get: a reload shows the page instead of repeating the action. */
export const redirectTo = (location: string) => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store' },
  body: '',
});

/** Form fields from a urlencoded body, as strings. */
export function formFields(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) fields[key] = value;
  return fields;
}

/** datetime-local gives IST wall-clock time without a zone; read it as IST. */
export function istLocalToIso(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return value || undefined;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}+05:30`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export const notYours = () =>
  errorPage(
    403,
    { en: 'Not for this link', hi: 'इस लिंक हेतु नहीं' },
    { en: 'This reference is not with your station or circle.', hi: 'यह सन्दर्भ आपके थाने या सर्किल का नहीं है।' },
  );

/** Reads the reference a station or supervisor link points at, checking it is theirs now. */
export async function loadScoped(claims: LinkClaims): Promise<Reference | 'missing' | 'not-yours'> {
  const reference = await referenceRepository().get(claims.referenceNo!);
  if (!reference) return 'missing';
  if (claims.purpose === 'reference') {
    // A station's link opens only what is at that station now: not another's, not after a transfer.
    assertLinkScope(claims, { stationCode: reference.stationCode });
  } else {
    try {
      await assertSupervises(reference, claims.officerId, workDeps());
    } catch (error) {
      if (error instanceof NotYoursError) return 'not-yours';
      throw error;
    }
  }
  return reference;
}
