import { dynamodbClient } from '../../shared/adapters/aws/clients/dynamodb.ts';
import { DynamoLinkUseLedger } from '../../shared/adapters/dynamodb/link-use-ledger.ts';
import { linkKeyring } from '../../shared/adapters/secrets/link-keys.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { mainTableName, masterDataReader, referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import { intEnv } from '../../shared/config.ts';
import { signLinkToken } from '../../shared/domain/links/token.ts';
import type { NotificationMessage } from '../../shared/domain/notifications/message-types.ts';
import type { QueuePort } from '../../shared/domain/ports.ts';
import type { DistrictCellDeps } from '../../shared/use-cases/assign-from-triage.ts';
import type { FeedbackDeskDeps } from '../../shared/use-cases/feedback-calls.ts';
import type { GiveFeedbackDeps } from '../../shared/use-cases/give-feedback.ts';
import type { CellDeskDeps } from '../../shared/use-cases/open-cell-desk.ts';
import type { CellReferenceDeps } from '../../shared/use-cases/open-cell-reference.ts';
import type { FeedbackFormDeps } from '../../shared/use-cases/open-feedback-form.ts';
import type { RandomChecksDeps } from '../../shared/use-cases/open-random-checks.ts';
import type { ReferencePageDeps } from '../../shared/use-cases/open-reference.ts';
import type { StationInboxDeps } from '../../shared/use-cases/open-station-inbox.ts';
import type { OfficersPort } from '../../shared/use-cases/scope.ts';
import type { StepDeps } from '../../shared/use-cases/steps.ts';

/**
 * The adapters every officer page's use cases take, built once per container. Apart from
 * context.ts so that the attachments function, which uses the page helpers but never queues,
 * carries no SQS chunk.
 */

let queue: Promise<QueuePort<NotificationMessage>> | undefined;
/** SQS loads with the first send: page views, and the attachments function, never queue anything. */
const sqsQueue = (): Promise<QueuePort<NotificationMessage>> =>
  (queue ??= import('../../shared/triggers/sqs/queues.ts')
    .then(({ notificationsQueue }) => notificationsQueue())
    .catch((error: unknown) => {
      queue = undefined; // a missing setting fails this send, not every later one
      throw error;
    }));
const notifications: QueuePort<NotificationMessage> = { send: async (body) => (await sqsQueue()).send(body) };

let ledger: DynamoLinkUseLedger | undefined;
const links = () => (ledger ??= new DynamoLinkUseLedger(dynamodbClient(), mainTableName()));

type OfficerPageDeps = StepDeps &
  OfficersPort &
  DistrictCellDeps &
  GiveFeedbackDeps &
  ReferencePageDeps &
  StationInboxDeps &
  CellDeskDeps &
  RandomChecksDeps &
  FeedbackFormDeps &
  CellReferenceDeps &
  FeedbackDeskDeps;

let deps: OfficerPageDeps | undefined;
export const pageDeps = (): OfficerPageDeps =>
  (deps ??= {
    references: referenceRepository(),
    masterData: masterDataReader(),
    // Uncached: a supervisor's post must match the current master data, not five minutes ago's.
    officers: (district) => masterDataReader().store.officers(district),
    notifications,
    clock: systemClock,
    links: links(),
    feedbackWindowDays: intEnv('FEEDBACK_WINDOW_DAYS', 7),
    referenceLink: async (claims) =>
      `/o/${signLinkToken({ purpose: 'reference', ...claims }, await linkKeyring(), systemClock.now())}`,
  });
