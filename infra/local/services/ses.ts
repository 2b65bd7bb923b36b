import type { AddressInfo } from 'node:net';
import sesServer from 'aws-ses-v2-local';
import { assertPortFree, close } from './listen.ts';

export interface LocalSes {
  /** SESv2 API endpoint, and the web inbox a person opens. */
  endpoint: string;
  inboxUrl: string;
  stop(): Promise<void>;
}

// A CommonJS package with `exports.default`: Node's ESM loader hands over module.exports (the
// function is its .default), while vitest and bundlers unwrap the default; accept both.
const sesExport = sesServer as unknown as typeof sesServer | typeof sesServer.default;
const startSesServer = typeof sesExport === 'function' ? sesExport : sesExport.default;

const LOCAL_ACCOUNT = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'Nivaran local development',
    WebsiteURL: 'http://127.0.0.1',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: [] },
};

/**
 * SES via aws-ses-v2-local. It keeps mail in memory: the inbox shows what was sent since start,
 * which is what a developer checks. It also answers GET /store, which the tests read.
 */
export async function startSes(options: { port: number }): Promise<LocalSes> {
  // The library never reports a failed listen; check the port first so a clash has a clear message.
  await assertPortFree(options.port, 'the SES mail inbox', 'MAIL_PORT');
  // GetAccount (the health probe) answers from this variable; a sandbox account with sending on.
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(LOCAL_ACCOUNT);
  const server = await startSesServer({ host: '127.0.0.1', port: options.port });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  return { endpoint, inboxUrl: `${endpoint}/`, stop: () => close(server) };
}
