/**
 * The one place SDK clients are built: one module per service under clients/, each client built on
 * first use and kept for the container's life, as Lambda reuses it across invocations. Endpoints
 * come from the SDK's own service-specific variables (AWS_ENDPOINT_URL_DYNAMODB, ...), which the
 * local runner sets and AWS leaves unset, so no adapter branches on where it runs.
 *
 * Import a client from its own module (clients/sqs.ts, ...) in code that reaches it through
 * import(): functions are bundled with code splitting, and a re-export here is a static import, so
 * an SDK client used only on some requests would be loaded at every init through this file. This
 * file gathers them for code that uses them on every request anyway.
 */
export { dynamodbClient } from './clients/dynamodb.ts';
export { sesClient } from './clients/ses.ts';
export { smsClient } from './clients/sms.ts';
export { sqsClient } from './clients/sqs.ts';
