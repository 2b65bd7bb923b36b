import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sesServer from 'aws-ses-v2-local';
import { assertPortFree, close } from './listen.ts';
import { DEFAULT_BIND_ADDRESS, urlHost } from './loopback.ts';

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

/** The library's module-level mail store, which its inbox page and GET /store read. */
interface MailStore {
  emails: unknown[];
}
const mailStore = (): MailStore =>
  (
    createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as {
      getStoreReadonly(): MailStore;
    }
  ).getStoreReadonly();

const MAIL_FILE = 'mail.json';
const FLUSH_MS = 500;

/**
 * SES via aws-ses-v2-local, with its web inbox; it also answers GET /store, which the tests read.
 *
 * Deliberate difference from the library: it keeps mail in memory only. With a dataDir, the sent
 * mail is loaded from dataDir/mail.json at start and written back within half a second of each
 * send and at stop, so the inbox still shows every mail after a restart (a crash can lose the
 * last half second).
 */
export async function startSes(options: {
  port: number;
  dataDir?: string | null;
  host?: string;
}): Promise<LocalSes> {
  // The library never reports a failed listen; check the port first so a clash has a clear message.
  await assertPortFree(options.port, 'the SES mail inbox', 'MAIL_PORT', options.host);
  // GetAccount (the health probe) answers from this variable; a sandbox account with sending on.
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(LOCAL_ACCOUNT);
  const host = options.host ?? DEFAULT_BIND_ADDRESS;
  const file = options.dataDir ? join(options.dataDir, MAIL_FILE) : undefined;
  const store = mailStore();
  if (file && existsSync(file)) store.emails = JSON.parse(await readFile(file, 'utf8')) as unknown[];
  let written = store.emails;
  let writtenCount = store.emails.length;
  const flush = async () => {
    if (!file || (store.emails === written && store.emails.length === writtenCount)) return;
    const emails = store.emails;
    const count = emails.length;
    // Written whole and renamed into place, so a crash mid-write leaves the previous file.
    await writeFile(`${file}.tmp`, JSON.stringify(emails));
    await rename(`${file}.tmp`, file);
    written = emails;
    writtenCount = count;
  };
  let flushing = Promise.resolve();
  const timer = file
    ? setInterval(() => {
        flushing = flushing.then(flush).catch(() => {});
      }, FLUSH_MS)
    : undefined;
  timer?.unref();

  const server = await startSesServer({ host, port: options.port });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://${urlHost(host)}:${port}`;
  return {
    endpoint,
    inboxUrl: `${endpoint}/`,
    stop: async () => {
      clearInterval(timer);
      await close(server);
      await flushing;
      await flush();
    },
  };
}
