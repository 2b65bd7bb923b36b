import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICERS } from '../../infra/local/seed/officers.ts';
import { fromItem, toItem } from '../../shared/adapters/dynamodb/dynamo-item.ts';
import { indexKeys, referenceKey, toReference } from '../../shared/adapters/dynamodb/reference-item.ts';
import { formatReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { addIstDays, istDate, istDayStart } from '../../shared/domain/time/ist.ts';
import type { ReminderResult } from '../../shared/use-cases/send-reminders.ts';
import type { SweepResult } from '../../shared/use-cases/sweep-overdue.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { dynamoClient, rawRequest, waitFor } from '../fixtures/support.ts';

/**
 * The scheduled jobs on the real platform, locally: complaints filed over HTTP and routed over
 * SQS, deadlines moved into the past in the table, the schedules run by hand at chosen times
 * (cloud.trigger passes the time as <aws.scheduler.scheduled-time>), digests sent by the notifier.
 */

let p: ProductCloud;
let f: ReturnType<typeof officerFlow>;
const HOUR = 3_600_000;

beforeAll(async () => {
  p = await startProductCloud();
  f = officerFlow(p);
});

afterAll(async () => {
  await p?.stop();
});

const officer = (id: string) => DEMO_OFFICERS.find((o) => o.id === id)!;
const CO_SAKALDIHA = DEMO_OFFICERS.find(
  (o) => o.role === 'supervisor' && o.stationCodes.includes('chandauli-sakaldiha'),
)!;
const CO_CHAKIA = DEMO_OFFICERS.find(
  (o) => o.role === 'supervisor' && o.stationCodes.includes('chandauli-chakia'),
)!;
const CELL = officer('chandauli-igrs-cell');
const SP = officer('chandauli-sp');
const SHO_SAKALDIHA = officer('chandauli-sakaldiha-sho');
const SHO_BALUA = officer('chandauli-balua-sho');

/** Moves a reference's deadline, with the index keys that follow from it, as if time had passed. */
async function setDeadline(referenceNo: string, deadline: Date): Promise<void> {
  const db = dynamoClient(p.cloud.dynamodbEndpoint);
  const table = p.cloud.tableNames.main;
  const { Item } = await db.send(
    new GetItemCommand({ TableName: table, Key: toItem(referenceKey(referenceNo)), ConsistentRead: true }),
  );
  const moved = { ...toReference(Item!), deadlineAt: deadline.toISOString() };
  await db.send(
    new PutItemCommand({
      TableName: table,
      Item: toItem({ ...fromItem<Record<string, unknown>>(Item!), ...moved, ...indexKeys(moved) }),
    }),
  );
  db.destroy();
}

async function file(location: Record<string, string>): Promise<string> {
  const referenceNo = await f.file({ location });
  await waitFor(`routing of ${referenceNo}`, async () =>
    ['assigned', 'triage'].includes((await f.stored(referenceNo)).status) ? true : undefined,
  );
  return referenceNo;
}

const mailsTo = async (email: string, subject: string) =>
  (await p.mails()).filter((m) => m.destination.to.includes(email) && m.subject.includes(subject));
const smsTo = (mobile: string, templateId: string) =>
  p.cloud.sms.messages().filter((m) => m.destination === mobile && m.templateId === templateId);
const listed = (text: string | undefined, numbers: string[]) =>
  numbers.filter((no) => (text ?? '').includes(formatReferenceNumber(no)));
const markEvents = (reference: Reference) =>
  reference.history.filter((e) => e.action === 'marked-defaulter').length;
/** A whole second, as EventBridge Scheduler's times are. */
const wholeSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

const DEFAULTERS = 'Defaulters:';
const DEFAULTER_SMS = '1007000000000000101';

describe('the hourly overdue sweep', () => {
  let sakaldiha: string[];
  let chakia: string;
  let triaged: string;
  let notDue: string;
  let all: string[];
  let runAt: Date;
  let first: SweepResult;

  beforeAll(async () => {
    sakaldiha = [
      await file({ districtCode: 'chandauli', stationCode: 'chandauli-sakaldiha' }),
      await file({ districtCode: 'chandauli', stationCode: 'chandauli-sakaldiha' }),
      await file({ districtCode: 'chandauli', stationCode: 'chandauli-balua' }),
    ];
    chakia = await file({ districtCode: 'chandauli', stationCode: 'chandauli-chakia' });
    triaged = await file({ districtCode: 'chandauli', pinCode: '110001' });
    notDue = await file({ districtCode: 'chandauli', stationCode: 'chandauli-sakaldiha' });
    all = [...sakaldiha, chakia, triaged, notDue];
    await p.cloud.drain();
    runAt = wholeSecond(Date.now());
    for (const [i, no] of [...sakaldiha, chakia, triaged].entries())
      await setDeadline(no, new Date(runAt.getTime() - (i + 1) * HOUR));
    first = (await p.cloud.trigger('overdueSweep', runAt)) as SweepResult;
    await p.cloud.drain();
  });

  it('marks every overdue reference a defaulter once, in its history, reading only those', async () => {
    expect(first).toMatchObject({ districts: 75, marked: 5, resumed: 0, skipped: 0, itemsRead: 5 });
    for (const no of [...sakaldiha, chakia, triaged]) {
      const reference = await f.stored(no);
      expect(reference.defaulterAt).toBe(runAt.toISOString());
      expect(markEvents(reference)).toBe(1);
      expect(reference.history.at(-1)).toMatchObject({
        action: 'marked-defaulter',
        actor: { role: 'system' },
      });
    }
    expect((await f.stored(notDue)).defaulterAt).toBeUndefined();
  });

  it('sends each supervisor one digest of all of theirs, and the district cell one of all', async () => {
    const co = await mailsTo(CO_SAKALDIHA.email!, DEFAULTERS);
    expect(co).toHaveLength(1);
    expect(listed(co[0]!.body.text, all).sort()).toEqual([...sakaldiha].sort());
    const coChakia = await mailsTo(CO_CHAKIA.email!, DEFAULTERS);
    expect(coChakia).toHaveLength(1);
    expect(listed(coChakia[0]!.body.text, all)).toEqual([chakia]);
    const cell = await mailsTo(CELL.email!, DEFAULTERS);
    expect(cell).toHaveLength(1);
    expect(listed(cell[0]!.body.text, all).sort()).toEqual([...sakaldiha, chakia, triaged].sort());
    // Bilingual, and an SMS each with its DLT template.
    expect(cell[0]!.subject).toMatch(/डिफॉल्टर/);
    for (const post of [CO_SAKALDIHA, CO_CHAKIA, CELL])
      expect(smsTo(post.mobile!, DEFAULTER_SMS)).toHaveLength(1);
    expect(await mailsTo(SP.email!, DEFAULTERS)).toHaveLength(0);
  });

  it("opens a reference from the supervisor's digest, its history showing the mark", async () => {
    const [mail] = await mailsTo(CO_SAKALDIHA.email!, DEFAULTERS);
    const link = mail!.body.text?.match(/http:\/\/[^\s]+\/o\/[A-Za-z0-9._-]+/)?.[0];
    expect(link).toBeTruthy();
    const page = await rawRequest(link!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('डिफॉल्टर चिह्नित');
  });

  it('flags and tells nothing twice on a retry of the run and an overlapping run', async () => {
    const [retry, overlapping] = (await Promise.all([
      p.cloud.trigger('overdueSweep', runAt),
      p.cloud.trigger('overdueSweep', new Date(runAt.getTime() + HOUR / 2)),
    ])) as [SweepResult, SweepResult];
    expect(retry.marked + overlapping.marked).toBe(0);
    expect(overlapping.itemsRead).toBe(0);
    await p.cloud.drain();
    for (const post of [CO_SAKALDIHA, CO_CHAKIA, CELL]) {
      expect(await mailsTo(post.email!, DEFAULTERS)).toHaveLength(1);
      expect(smsTo(post.mobile!, DEFAULTER_SMS)).toHaveLength(1);
    }
    for (const no of [...sakaldiha, chakia, triaged]) expect(markEvents(await f.stored(no))).toBe(1);
  });

  it('marks and tells only what fell due since, in a new digest', async () => {
    const later = new Date(runAt.getTime() + 2 * HOUR);
    await setDeadline(notDue, new Date(later.getTime() - 60_000));
    const result = (await p.cloud.trigger('overdueSweep', later)) as SweepResult;
    expect(result).toMatchObject({ marked: 1, itemsRead: 1 });
    await p.cloud.drain();
    const co = await mailsTo(CO_SAKALDIHA.email!, DEFAULTERS);
    expect(co).toHaveLength(2);
    expect(listed(co[1]!.body.text, all)).toEqual([notDue]);
    expect(await mailsTo(CO_CHAKIA.email!, DEFAULTERS)).toHaveLength(1);
  });
});

describe('the daily reminders', () => {
  let now: Date;
  let inThirty: string;
  let inSixty: string;
  let baluaSoon: string;
  let beyond: string;
  let all: string[];
  let first: ReminderResult;

  beforeAll(async () => {
    now = wholeSecond(Date.now());
    inThirty = await file({ districtCode: 'chandauli', stationCode: 'chandauli-sakaldiha' });
    inSixty = await file({ districtCode: 'chandauli', stationCode: 'chandauli-sakaldiha' });
    baluaSoon = await file({ districtCode: 'chandauli', stationCode: 'chandauli-balua' });
    beyond = await file({ districtCode: 'chandauli', stationCode: 'chandauli-sakaldiha' });
    all = [inThirty, inSixty, baluaSoon, beyond];
    await p.cloud.drain();
    await setDeadline(inThirty, new Date(now.getTime() + 30 * HOUR));
    await setDeadline(inSixty, new Date(now.getTime() + 60 * HOUR));
    await setDeadline(baluaSoon, new Date(now.getTime() + 10 * HOUR));
    await setDeadline(beyond, new Date(now.getTime() + 100 * HOUR));
    first = (await p.cloud.trigger('dailyReminders', now)) as ReminderResult;
    await p.cloud.drain();
  });

  it('sends each station one digest of its next three days, with its inbox link', async () => {
    expect(first.itemsRead).toBe(3);
    const sho = await mailsTo(SHO_SAKALDIHA.email!, 'Due in the next 3 days');
    expect(sho).toHaveLength(1);
    expect(listed(sho[0]!.body.text, all).sort()).toEqual([inThirty, inSixty].sort());
    // One link per reference, then the station's inbox, which lists both.
    const links = sho[0]!.body.text?.match(/http:\/\/[^\s]+\/o\/[A-Za-z0-9._-]+/g) ?? [];
    expect(new Set(links).size).toBe(3);
    const page = await rawRequest(links.at(-1)!);
    expect(page.status).toBe(200);
    expect(page.text).toContain(formatReferenceNumber(inThirty));
    expect(page.text).toContain(formatReferenceNumber(inSixty));
    const balua = await mailsTo(SHO_BALUA.email!, 'Due in the next 3 days');
    expect(balua).toHaveLength(1);
    expect(listed(balua[0]!.body.text, all)).toEqual([baluaSoon]);
    expect(smsTo(SHO_SAKALDIHA.mobile!, '1007000000000000102')).toHaveLength(1);
  });

  it("sends the district's senior officers the near-defaulter list", async () => {
    for (const post of [SP, CELL]) {
      const mails = await mailsTo(post.email!, 'Near defaulters');
      expect(mails, post.id).toHaveLength(1);
      expect(listed(mails[0]!.body.text, all).sort()).toEqual([baluaSoon, inThirty].sort());
      expect(smsTo(post.mobile!, '1007000000000000103')).toHaveLength(1);
    }
  });

  it("keeps the district cell's due-in-48-hours list, defaulters aside", async () => {
    const [mail] = await mailsTo(CELL.email!, 'Near defaulters');
    const desk = mail!.body.text?.match(/http:\/\/[^\s]+\/o\/[A-Za-z0-9._-]+/g)?.at(-1);
    const page = await rawRequest(desk!);
    expect(page.status).toBe(200);
    expect(page.text).toContain(formatReferenceNumber(inThirty));
    expect(page.text).toContain(formatReferenceNumber(baluaSoon));
    expect(page.text).not.toContain(formatReferenceNumber(inSixty));
  });

  it('sends nothing more when run again the same day', async () => {
    // Later the same IST day however late the suite runs (after 22:00 IST, two hours on is tomorrow,
    // which rightly gets its own digests): the notifier keys reminders by recipient and IST date.
    const lastSecond = istDayStart(addIstDays(istDate(now), 1)).getTime() - 1000;
    const later = new Date(Math.max(now.getTime(), Math.min(now.getTime() + 2 * HOUR, lastSecond)));
    await p.cloud.trigger('dailyReminders', later);
    await p.cloud.drain();
    expect(await mailsTo(SHO_SAKALDIHA.email!, 'Due in the next 3 days')).toHaveLength(1);
    expect(await mailsTo(SP.email!, 'Near defaulters')).toHaveLength(1);
    expect(smsTo(SP.mobile!, '1007000000000000103')).toHaveLength(1);
  });
});
