import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfill, parseArguments } from '../../infra/tools/backfill-derived-keys.ts';
import { DynamoDerivedKeysStore } from '../../shared/adapters/dynamodb/derived-keys-store.ts';
import { type Item, toItem } from '../../shared/adapters/dynamodb/dynamo-item.ts';
import { RankingStore } from '../../shared/adapters/dynamodb/ranking-store.ts';
import { referenceKey, toReference } from '../../shared/adapters/dynamodb/reference-item.ts';
import { referenceRetentionDays } from '../../shared/domain/retention/policy.ts';
import { istDate, istMonth } from '../../shared/domain/time/ist.ts';
import {
  backfillDerivedKeys,
  type DerivedKeysStore,
  monthsBefore,
  monthsBetween,
} from '../../shared/use-cases/backfill-derived-keys.ts';
import type { RetentionJobResult } from '../../shared/use-cases/redact-expired-references.ts';
import type { RankingJobResult } from '../../shared/use-cases/run-monthly-ranking.ts';
import { w3cdtf } from '../fixtures/fixmystreet.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import {
  complaintBody,
  type ProductCloud,
  startProductCloud,
  uniqueMobile,
} from '../fixtures/product-cloud.ts';
import { dynamoClient } from '../fixtures/support.ts';

/**
 * The one-off upgrade backfill (npm run backfill): references stored by a release before 2026-12-07
 * lack the keys of the indexes that release added. Each test walks a reference through the real
 * API, takes those keys off its item as the old release would have stored it, and shows what does
 * not work until the backfill has run, then that it does.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const STATION = 'chandauli-sakaldiha';
const DAY_MS = 86_400_000;
/** What a release before 2026-12-07 never wrote: the `retention` and `updated` keys, the call list's entry. */
const NEW_KEYS = ['retainPk', 'retainSk', 'updatedPk', 'updatedSk'];

let p: ProductCloud;
let f: ReturnType<typeof officerFlow>;
let db: DynamoDBClient;
let table: string;

const ADMIN_TOKEN = randomBytes(24).toString('base64url');

beforeAll(async () => {
  p = await startProductCloud({ secretOverrides: { adminToken: ADMIN_TOKEN } });
  f = officerFlow(p);
  db = dynamoClient(p.cloud.dynamodbEndpoint);
  table = p.cloud.tableNames.main!;
}, 120_000);

afterAll(async () => {
  db?.destroy();
  await p?.stop();
});

function person() {
  const tag = randomBytes(4).toString('hex');
  return { name: `Ramkali Yadav ${tag}`, mobile: uniqueMobile(), email: `ramkali.${tag}@example.in`, tag };
}

async function fileFor(who: ReturnType<typeof person>) {
  const response = await p.post(
    '/v1/complaints',
    complaintBody({
      complainant: {
        name: who.name,
        mobile: who.mobile,
        email: who.email,
        address: `Ward 3, Sakaldiha ${who.tag}`,
        language: 'en',
      },
    }),
  );
  expect(response.status).toBe(201);
  const { referenceNo } = response.json<{ referenceNo: string }>();
  await p.cloud.drain();
  return referenceNo;
}

/** Report and approval through the officers' links; the complainant's answer if given. */
async function dispose(referenceNo: string, who: ReturnType<typeof person>, satisfied?: 'yes' | 'no') {
  const [stationLink] = await f.links(f.stationEmail(STATION), referenceNo);
  await f.submit(stationLink!, f.goodReport);
  const [review] = await f.links(f.supervisorEmail(STATION), referenceNo, /review|समीक्षा/);
  await f.submit(review!, { action: 'approve', grade: 'A', remark: 'Checked.' });
  if (satisfied) await answer(referenceNo, who, satisfied);
  await p.cloud.drain();
}

async function answer(referenceNo: string, who: ReturnType<typeof person>, satisfied: 'yes' | 'no') {
  const [feedback] = await f.links(who.email, referenceNo, /disposed|निस्तारण/);
  expect((await f.submit(feedback!, { satisfied, comment: 'As I found it.' })).status).toBe(200);
}

async function raw(referenceNo: string): Promise<Item> {
  const { Item } = await db.send(
    new GetItemCommand({ TableName: table, Key: toItem(referenceKey(referenceNo)), ConsistentRead: true }),
  );
  return Item!;
}

/** The item as a release before 2026-12-07 left it: without the keys it did not know. */
async function asBeforeUpgrade(referenceNo: string, attributes: readonly string[]) {
  await db.send(
    new UpdateItemCommand({
      TableName: table,
      Key: toItem(referenceKey(referenceNo)),
      UpdateExpression: `REMOVE ${attributes.map((_, i) => `#a${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name])),
    }),
  );
  const item = await raw(referenceNo);
  for (const name of attributes) expect(item[name], name).toBeUndefined();
  return item;
}

/** The item without the given attributes: what the backfill may not touch. */
const without = (item: Item, attributes: readonly string[]) =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !attributes.includes(name)));

/** `npm run backfill` as an operator runs it, against this cloud. */
function runTool(args: string[], apiUrl = p.cloud.apiUrl) {
  return new Promise<{ code: number | null; output: string }>((done) => {
    const child = spawn('npm', ['run', '--silent', 'backfill', '--', '--api-url', apiUrl, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => done({ code, output }));
  });
}

/** This month in Chandauli only: what the tests' references are under, and quick. */
const chandauli = { from: istMonth(new Date()), districts: ['chandauli'] };
const runNow = () => backfill({ ...chandauli, apiUrl: p.cloud.apiUrl });

describe('months and options', () => {
  it('It should walk the IST months from --from to now, across years, and default to 24 months back', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBefore('2026-12', 24)).toBe('2024-12');
    expect(monthsBefore('2026-01', 1)).toBe('2025-12');
    expect(parseArguments(['--from', '2026-13'])).toContain('--from must be a month');
    expect(parseArguments(['--from', '2999-01'])).toContain('has not begun');
    expect(parseArguments(['--concurrency', '50'])).toContain('--concurrency');
    expect(parseArguments(['--table', 't', '--api-url', 'http://x'])).toContain('not both');
    expect(parseArguments(['--district', 'chandauli', '--district', 'varanasi', '--dry-run'])).toEqual({
      districts: ['chandauli', 'varanasi'],
      dryRun: true,
    });
  });

  it('It should exit 2, saying where it looked, when no local cloud answers', async () => {
    const server = createServer();
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const { port } = server.address() as { port: number };
    await new Promise((closed) => server.close(closed));
    const run = await runTool([], `http://127.0.0.1:${port}`);
    expect(run.code, run.output).toBe(2);
    expect(run.output).toContain('cannot reach the local cloud');
  }, 60_000);
});

describe('npm run backfill', { timeout: 180_000 }, () => {
  const runAt = (days: number) => new Date(Date.now() + days * DAY_MS);
  const redactAfterWindows = async () =>
    (await p.cloud.trigger('retention', runAt(referenceRetentionDays() + 1))) as RetentionJobResult;
  const old = person();
  let oldNo: string;

  it('It should put an old disposal on the retention list, so the job redacts it after the windows', async () => {
    oldNo = await fileFor(old);
    await dispose(oldNo, old, 'yes');
    const before = await asBeforeUpgrade(oldNo, NEW_KEYS);

    // Before the backfill the job does not see it: the complainant's name stays for ever.
    await redactAfterWindows();
    expect((await f.stored(oldNo)).complainant.name).toBe(old.name);

    const run = await runTool([]);
    expect(run.code, run.output).toBe(0);
    // Every district in master data, 24 months back to this one.
    const from = monthsBefore(istMonth(new Date()), 24);
    expect(run.output).toContain(`months ${from} to ${istMonth(new Date())}, 75 district(s)`);
    expect(run.output).toMatch(/^chandauli: \d+ examined, [1-9]\d* updated, \d+ current, 0 skipped$/m);
    expect(run.output).toMatch(/^updated +[1-9]\d* \(index keys: .*retention \d+.*updated \d+/m);

    const after = await raw(oldNo);
    const disposedAt = toReference(after).disposal!.disposedAt;
    expect(after.retainPk?.S).toBe('RETAIN#chandauli');
    expect(after.retainSk?.S).toBe(`${disposedAt}#${oldNo}`);
    expect(after.updatedSk?.S).toBe(`${toReference(after).updatedAt}#${oldNo}`);
    // Keys only: version, times, history and every other field exactly as they were.
    expect(without(after, NEW_KEYS)).toEqual(without(before, NEW_KEYS));

    const job = await redactAfterWindows();
    expect(job.redacted).toBeGreaterThanOrEqual(1);
    expect(await f.stored(oldNo)).toMatchObject({
      complainant: { name: '' },
      redaction: { reason: 'retention' },
    });
  });

  it('It should not put a redacted reference back on the retention list', async () => {
    // The redacted item of the test before, its `updated` keys taken off as if redacted by an old release.
    await asBeforeUpgrade(oldNo, ['updatedPk', 'updatedSk']);
    const result = await runNow();
    expect(result.updated).toBeGreaterThanOrEqual(1);
    const after = await raw(oldNo);
    expect(after.updatedPk?.S).toMatch(/^UPDATED#/);
    expect(after.retainPk).toBeUndefined();
    expect(toReference(after).redaction?.reason).toBe('retention');
  });

  it('It should let Open311 servicerequestupdates list a change made before the upgrade', async () => {
    const who = person();
    const no = await fileFor(who);
    await asBeforeUpgrade(no, NEW_KEYS);
    const start = new Date(Date.now() - 3_600_000);
    const updates = async () => {
      const end = new Date(Date.now() + 60_000);
      const response = await p.get(
        `/open311/v2/servicerequestupdates.json?api_key=${p.cloud.secretValue('open311ApiKey')}` +
          `&start_date=${w3cdtf(start)}&end_date=${w3cdtf(end)}`,
      );
      expect(response.status, response.text).toBe(200);
      return response
        .json<{ service_request_id: string; status: string }[]>()
        .filter((u) => u.service_request_id === no);
    };
    expect(await updates()).toEqual([]);

    await runNow();
    const listed = await updates();
    expect(listed.map((u) => u.status)).toEqual(['open', 'investigating']);
    expect((await raw(no)).updatedPk?.S).toBe(
      `UPDATED#${istDate(new Date(toReference(await raw(no)).updatedAt))}`,
    );
  });

  it('It should write nothing on a dry run, and nothing on a second run', async () => {
    const who = person();
    const no = await fileFor(who);
    // Disposed, the complainant not yet asked: it belongs on the feedback operators' call list too.
    await dispose(no, who);
    const stripped = await asBeforeUpgrade(no, [...NEW_KEYS, 'duePk', 'dueSk']);

    const dry = await runTool(['--dry-run', '--district', 'chandauli', '--from', chandauli.from]);
    expect(dry.code, dry.output).toBe(0);
    expect(dry.output).toContain('dry run, nothing written');
    expect(dry.output).toMatch(/^would update +[1-9]/m);
    expect(await raw(no)).toEqual(stripped);

    const first = await runNow();
    expect(first.byIndex).toMatchObject({ due: expect.any(Number), retention: expect.any(Number) });
    const after = await raw(no);
    expect(after.duePk?.S).toBe('FEEDBACK#chandauli');
    expect(after.dueSk?.S).toBe(`${toReference(after).disposal!.disposedAt}#${no}`);
    expect(after.retainPk?.S).toBe('RETAIN#chandauli');
    expect(without(after, [...NEW_KEYS, 'duePk', 'dueSk'])).toEqual(
      without(stripped, [...NEW_KEYS, 'duePk', 'dueSk']),
    );
    // The call desk's list (a Query of the `due` index) now has it.
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'due',
        KeyConditionExpression: 'duePk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'FEEDBACK#chandauli' } },
      }),
    );
    expect(Items.map((i) => i.referenceNo?.S)).toContain(no);

    const second = await runNow();
    expect(second).toMatchObject({
      updated: 0,
      skipped: 0,
      examined: first.examined,
      current: first.examined,
    });
    expect(await raw(no)).toEqual(after);
  });

  it('It should keep a change made while it runs, and give the reference the keys of its new state', async () => {
    const who = person();
    const no = await fileFor(who);
    await dispose(no, who);
    await asBeforeUpgrade(no, [...NEW_KEYS, 'duePk', 'dueSk']);
    const version = toReference(await raw(no)).version;

    // Between the backfill's read and its write, the complainant answers "not satisfied": reopened.
    const store = new DynamoDerivedKeysStore(db, table);
    let races = 1;
    const racing: DerivedKeysStore = {
      filedIn: (district, month) => store.filedIn(district, month),
      async read(numbers) {
        const read = await store.read(numbers);
        if (numbers.includes(no) && races-- > 0) await answer(no, who, 'no');
        return read;
      },
      write: (keys) => store.write(keys),
    };
    const result = await backfillDerivedKeys(chandauli, {
      masterData: { districts: async () => [] },
      keys: racing,
      clock: { now: () => new Date() },
    });
    expect(result.skipped).toBe(0);
    const after = await raw(no);
    const reference = toReference(after);
    expect(reference).toMatchObject({
      status: 'reopened',
      version: version + 1,
      feedback: { satisfied: false },
    });
    // The keys of the state read before the change (disposed) would put an open reference on the
    // retention and call lists; it is on neither, and under the day of its last change.
    expect(after.retainPk).toBeUndefined();
    expect(after.duePk?.S).toBe('DUE#chandauli');
    expect(after.updatedSk?.S).toBe(`${reference.updatedAt}#${no}`);
  });

  it('It should count a reference that changes twice as skipped, leave it, and finish it on the next run', async () => {
    const who = person();
    const no = await fileFor(who);
    await dispose(no, who, 'yes');
    await asBeforeUpgrade(no, NEW_KEYS);
    const version = toReference(await raw(no)).version;

    // Two steps that move no index key land between each read and write (a history append with a
    // version bump, as an officer's step would).
    const store = new DynamoDerivedKeysStore(db, table);
    let races = 2;
    const step = () =>
      db.send(
        new UpdateItemCommand({
          TableName: table,
          Key: toItem(referenceKey(no)),
          UpdateExpression: 'SET #v = #v + :one',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':one': { N: '1' } },
        }),
      );
    const racing: DerivedKeysStore = {
      filedIn: (district, month) => store.filedIn(district, month),
      async read(numbers) {
        const read = await store.read(numbers);
        if (numbers.includes(no) && races-- > 0) await step();
        return read;
      },
      write: (keys) => store.write(keys),
    };
    const deps = { masterData: { districts: async () => [] }, clock: { now: () => new Date() } };
    const raced = await backfillDerivedKeys(chandauli, { ...deps, keys: racing });
    expect(raced.skipped).toBe(1);
    const left = await raw(no);
    expect(left.retainPk).toBeUndefined();
    expect(toReference(left).version).toBe(version + 2);

    const next = await backfillDerivedKeys(chandauli, { ...deps, keys: store });
    expect(next.skipped).toBe(0);
    const done = await raw(no);
    expect(done.retainPk?.S).toBe('RETAIN#chandauli');
    expect(toReference(done).version).toBe(version + 2);
  });
});

describe('the rankings catalog', () => {
  it('It should list in GET /v1/rankings a month ranked before the catalog was kept, once', async () => {
    const ranked = (await p.cloud.trigger('monthlyRanking', new Date())) as RankingJobResult;
    const store = new RankingStore(db, table);
    const sameRevision = (e: { month: string; policyVersion: string; revision: number }) =>
      e.month === ranked.month && e.policyVersion === ranked.policyVersion && e.revision === ranked.revision;
    const original = (await store.catalog()).find(sameRevision);
    expect(original).toBeDefined();
    // As a release before 2026-12-07 left it: the snapshot stored, no catalog entry.
    await db.send(
      new DeleteItemCommand({
        TableName: table,
        Key: toItem({
          pk: 'RANKINGS',
          sk: `${ranked.month}#${String(ranked.revision).padStart(4, '0')}#${ranked.policyVersion}`,
        }),
      }),
    );
    const months = async () => {
      const response = await p.get('/v1/rankings', { authorization: `Bearer ${ADMIN_TOKEN}` });
      expect(response.status).toBe(200);
      return response.json<{ months: { month: string; latest: { revision: number } }[] }>().months;
    };
    expect((await months()).map((m) => m.month)).not.toContain(ranked.month);

    const options = { from: ranked.month, districts: ['chandauli'], apiUrl: p.cloud.apiUrl };
    const dry = await backfill({ ...options, dryRun: true });
    expect(dry.catalog.added).toBe(1);
    expect((await store.catalog()).find(sameRevision)).toBeUndefined();

    const run = await backfill(options);
    expect(run.catalog).toMatchObject({ added: 1, monthsRanked: 1 });
    expect((await store.catalog()).find(sameRevision)).toEqual(original);
    expect((await months()).find((m) => m.month === ranked.month)?.latest.revision).toBe(ranked.revision);

    const again = await backfill(options);
    expect(again.catalog).toMatchObject({ added: 0, listed: run.catalog.revisions });
  });
});
