import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { signLinkToken } from '../../shared/domain/links/token.ts';
import { formatReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { dynamoClient, rawRequest, waitFor } from '../fixtures/support.ts';

let p: ProductCloud;
let f: ReturnType<typeof officerFlow>;

beforeAll(async () => {
  p = await startProductCloud();
  f = officerFlow(p);
});

afterAll(async () => {
  await p?.stop();
});

/** The first link to /o/ in the newest mail to `to` that mentions the reference. */
async function linkFromMail(to: string, referenceNo: string, nth = 0): Promise<string> {
  const mail = await waitFor(`mail to ${to} about ${referenceNo}`, async () =>
    (await p.mails())
      .filter((m) => m.destination.to.includes(to) && m.subject.includes(formatReferenceNumber(referenceNo)))
      .at(-1),
  );
  const links = mail.body.text?.match(/http:\/\/[^\s]+\/o\/[A-Za-z0-9._-]+/g) ?? [];
  expect(links.length).toBeGreaterThan(nth);
  return links[nth]!;
}

const keyring = () => parseKeyring(p.cloud.secretValue('linkSigningKey'));

describe("a station officer's link", () => {
  let referenceNo: string;
  let link: string;

  beforeAll(async () => {
    referenceNo = await f.file({
      location: { districtCode: 'chandauli', stationCode: 'chandauli-sakaldiha' },
      description: '<script>alert("x")</script> Buffalo stolen from the cattle shed at night near the canal.',
    });
    link = await linkFromMail('sho.chandauli-sakaldiha@demo.nivaran.local', referenceNo);
  });

  it('arrives by email and SMS, the SMS with its DLT ids', async () => {
    const sms = await waitFor('officer SMS', () =>
      p.cloud.sms
        .messages()
        .find((m) => m.templateId === '1007000000000000003' && m.body.includes(referenceNo)),
    );
    expect(sms.entityId).toBeTruthy();
    expect(sms.body).toContain('/o/');
  });

  it('opens the reference, shows script text as text, and records the view of contact details', async () => {
    const response = await rawRequest(link);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.text).toContain(formatReferenceNumber(referenceNo));
    expect(response.text).toContain('&lt;script&gt;alert(');
    expect(response.text).not.toContain('<script>alert(');
    const { DynamoReferenceRepository } = await import(
      '../../shared/adapters/dynamodb/reference-repository.ts'
    );
    const db = dynamoClient(p.cloud.dynamodbEndpoint);
    const views = await new DynamoReferenceRepository(db, p.cloud.tableNames.main!).viewsOf(referenceNo);
    db.destroy();
    expect(views.at(-1)).toMatchObject({
      action: 'contact-viewed',
      actor: { role: 'station-officer', stationCode: 'chandauli-sakaldiha' },
    });
  });

  it('refuses the link when any part is altered, with a clear page', async () => {
    const token = link.split('/o/')[1]!;
    const [kid, payload, tag] = token.split('.') as [string, string, string];
    const flipped = (text: string, i: number) =>
      `${text.slice(0, i)}${text[i] === 'A' ? 'B' : 'A'}${text.slice(i + 1)}`;
    for (const altered of [
      `${kid}.${flipped(payload, 5)}.${tag}`,
      `${kid}.${payload}.${flipped(tag, 3)}`,
      `${token}x`,
      'nonsense',
    ]) {
      const response = await rawRequest(`${p.cloud.apiUrl}/o/${altered}`);
      expect([400, 403]).toContain(response.status);
      expect(response.text).toMatch(/[\u0900-\u097F]/);
      expect(response.text).not.toContain(formatReferenceNumber(referenceNo));
    }
  });

  it('refuses an expired link', async () => {
    const issued = new Date(Date.now() - 40 * 86_400_000);
    const token = signLinkToken(
      {
        purpose: 'reference',
        referenceNo,
        stationCode: 'chandauli-sakaldiha',
        expiresAt: Math.floor(issued.getTime() / 1000) + 86_400,
      },
      keyring(),
      issued,
    );
    const response = await rawRequest(`${p.cloud.apiUrl}/o/${token}`);
    expect(response.status).toBe(410);
  });

  it("never opens another station's reference", async () => {
    const token = signLinkToken(
      {
        purpose: 'reference',
        referenceNo,
        stationCode: 'chandauli-balua',
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      },
      keyring(),
      new Date(),
    );
    const response = await rawRequest(`${p.cloud.apiUrl}/o/${token}`);
    expect(response.status).toBe(403);
    expect(response.text).not.toContain('Buffalo');
  });

  it('lists the station inbox by deadline from the inbox link in the same mail', async () => {
    const inbox = await linkFromMail('sho.chandauli-sakaldiha@demo.nivaran.local', referenceNo, 1);
    const response = await rawRequest(inbox);
    expect(response.status).toBe(200);
    expect(response.text).toContain(formatReferenceNumber(referenceNo));
  });

  it('is sent once when its notification is delivered twice', async () => {
    const reference = await f.stored(referenceNo);
    const message = {
      type: 'station-assigned',
      referenceNo,
      stationCode: 'chandauli-sakaldiha',
      version: reference.version,
    };
    const countMails = async () =>
      (await p.mails()).filter(
        (m) =>
          m.destination.to.includes('sho.chandauli-sakaldiha@demo.nivaran.local') &&
          m.subject.includes(formatReferenceNumber(referenceNo)),
      ).length;
    const before = await countMails();
    for (let i = 0; i < 2; i++) {
      await p.sqs.send(
        new SendMessageCommand({
          QueueUrl: p.cloud.queues.notifications!.url,
          MessageBody: JSON.stringify(message),
        }),
      );
    }
    await p.cloud.drain();
    expect(await countMails()).toBe(before);
  });
});

describe('the district IGRS cell', () => {
  let triaged: string;
  let cellLink: string;

  beforeAll(async () => {
    triaged = await f.file({ location: { districtCode: 'chandauli', pinCode: '110001' } });
    cellLink = await linkFromMail('igrs.chandauli@demo.nivaran.local', triaged).catch(async () => {
      const all = await p.mails();
      throw new Error(
        `no cell mail; recipients: ${[...new Set(all.flatMap((m) => m.destination.to))].join(', ')}`,
      );
    });
  });

  it('sees the triaged reference and assigns it to a station, which is then notified', async () => {
    const page = await rawRequest(cellLink);
    expect(page.status).toBe(200);
    expect(page.text).toContain(formatReferenceNumber(triaged));
    const response = await f.postForm(cellLink, {
      formToken: f.formTokenIn(page.text),
      action: 'assign',
      referenceNo: triaged,
      stationCode: 'chandauli-chakia',
    });
    expect(response.status).toBe(303);
    const reference = await f.stored(triaged);
    expect(reference).toMatchObject({ status: 'assigned', stationCode: 'chandauli-chakia' });
    expect(reference.history.at(-1)).toMatchObject({
      action: 'assigned',
      actor: { role: 'district-cell' },
      details: { rule: 'district-cell' },
    });
    await linkFromMail('sho.chandauli-chakia@demo.nivaran.local', triaged);
  });

  it('transfers an assigned reference with a reason, keeping its deadline', async () => {
    const referenceNo = await f.file({
      location: { districtCode: 'chandauli', stationCode: 'chandauli-balua' },
    });
    const oldLink = await linkFromMail('sho.chandauli-balua@demo.nivaran.local', referenceNo);
    const before = await f.stored(referenceNo);
    const page = await rawRequest(cellLink);
    const response = await f.postForm(cellLink, {
      formToken: f.formTokenIn(page.text),
      action: 'transfer',
      referenceNo,
      stationCode: 'chandauli-dhanapur',
      reason: 'The incident took place in Dhanapur police station area.',
    });
    expect(response.status).toBe(303);
    const after = await f.stored(referenceNo);
    expect(after.stationCode).toBe('chandauli-dhanapur');
    expect(after.deadlineAt).toBe(before.deadlineAt);
    expect(after.history.at(-1)).toMatchObject({
      action: 'transferred',
      note: 'The incident took place in Dhanapur police station area.',
    });
    await linkFromMail('sho.chandauli-dhanapur@demo.nivaran.local', referenceNo);
    // The old station's link no longer opens it.
    expect((await rawRequest(oldLink)).status).toBe(403);
  });

  it('refuses a transfer without a reason, and a form without its token, changing nothing', async () => {
    const referenceNo = await f.file({
      location: { districtCode: 'chandauli', stationCode: 'chandauli-ilia' },
    });
    await waitFor('routing', async () =>
      (await f.stored(referenceNo)).status === 'assigned' ? true : undefined,
    );
    const page = await rawRequest(cellLink);
    const noReason = await f.postForm(cellLink, {
      formToken: f.formTokenIn(page.text),
      action: 'transfer',
      referenceNo,
      stationCode: 'chandauli-naugarh',
      reason: '',
    });
    expect(noReason.status).toBe(422);
    const noToken = await f.postForm(cellLink, {
      action: 'transfer',
      referenceNo,
      stationCode: 'chandauli-naugarh',
      reason: 'A long enough reason for the transfer.',
    });
    expect(noToken.status).toBe(403);
    expect((await f.stored(referenceNo)).stationCode).toBe('chandauli-ilia');
  });

  it("never acts on another district's reference", async () => {
    const lucknow = await f.file({ location: { districtCode: 'lucknow', pinCode: '110001' } });
    await waitFor('triage', async () => ((await f.stored(lucknow)).status === 'triage' ? true : undefined));
    const page = await rawRequest(cellLink);
    const response = await f.postForm(cellLink, {
      formToken: f.formTokenIn(page.text),
      action: 'assign',
      referenceNo: lucknow,
      stationCode: 'chandauli-chakia',
    });
    expect(response.status).toBe(403);
    expect((await f.stored(lucknow)).status).toBe('triage');
  });
});
