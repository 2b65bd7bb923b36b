import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toItem } from '../../shared/adapters/dynamodb/dynamo-item.ts';
import { referenceKey } from '../../shared/adapters/dynamodb/reference-item.ts';
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

const STATION = 'chandauli-sakaldiha';

describe('report, review, disposal and feedback', () => {
  it('walks a reference through report, return, report, approval, unhappy feedback, reopen and final approval', async () => {
    const referenceNo = await f.file({ location: { districtCode: 'chandauli', stationCode: STATION } });
    const [stationLink] = await f.links(f.stationEmail(STATION), referenceNo);

    const incomplete = await f.submit(stationLink!, {
      action: 'report',
      contacted: 'yes',
      findings: 'short',
    });
    expect(incomplete.status).toBe(422);
    expect((await f.stored(referenceNo)).status).toBe('assigned');

    expect((await f.submit(stationLink!, f.goodReport)).status).toBe(303);
    expect((await f.stored(referenceNo)).status).toBe('report-submitted');

    const [review] = await f.links(f.supervisorEmail(STATION), referenceNo, /review|समीक्षा/);
    expect(
      (
        await f.submit(review!, {
          action: 'return',
          reasons: 'Record the statements of both neighbours in writing.',
        })
      ).status,
    ).toBe(303);
    const returned = await f.stored(referenceNo);
    expect(returned).toMatchObject({ status: 'returned', returnCount: 1 });
    await f.links(f.stationEmail(STATION), referenceNo, /Returned|वापस/);

    expect((await f.submit(stationLink!, f.goodReport)).status).toBe(303);
    expect((await f.submit(review!, { action: 'approve', grade: 'B', remark: 'Adequate.' })).status).toBe(
      303,
    );
    const disposed = await f.stored(referenceNo);
    expect(disposed).toMatchObject({
      status: 'resolved',
      disposal: { grade: 'B', kind: 'resolved' },
      disposalCount: 1,
    });
    expect(disposed.deadlineAt).toBe(returned.deadlineAt);

    const [feedback] = await f.links('sunita@example.in', referenceNo, /disposed|निस्तारण/);
    expect(
      (await f.submit(feedback!, { satisfied: 'no', comment: 'The neighbours were never asked.' })).status,
    ).toBe(200);
    expect(await f.stored(referenceNo)).toMatchObject({
      status: 'reopened',
      reopenCount: 1,
      feedback: { satisfied: false },
    });

    const [reopened] = await f.links(f.supervisorEmail(STATION), referenceNo, /reopened|पुनः खुला/);
    expect(
      (await f.submit(reopened!, { action: 'approve', grade: 'A', remark: 'Re-examined; action confirmed.' }))
        .status,
    ).toBe(303);
    const final = await f.stored(referenceNo);
    expect(final).toMatchObject({ status: 'resolved', disposalCount: 2, disposal: { grade: 'A' } });
    expect(final.history.map((e) => e.action)).toEqual(
      expect.arrayContaining(['report-submitted', 'returned', 'approved', 'feedback-received', 'reopened']),
    );
    // A second feedback request comes for the second disposal.
    await f.links('sunita@example.in', referenceNo, /disposed|निस्तारण/, 2);
  });

  it('keeps a closed outcome apart from a resolved one', async () => {
    const referenceNo = await f.file({
      location: { districtCode: 'chandauli', stationCode: 'chandauli-balua' },
    });
    const [stationLink] = await f.links(f.stationEmail('chandauli-balua'), referenceNo);
    await f.submit(stationLink!, { ...f.goodReport, outcome: 'not-police-matter' });
    const [review] = await f.links(f.supervisorEmail('chandauli-balua'), referenceNo, /review|समीक्षा/);
    await f.submit(review!, { action: 'approve', grade: 'A', remark: '' });
    expect(await f.stored(referenceNo)).toMatchObject({
      status: 'closed',
      disposal: { kind: 'closed', outcome: 'not-police-matter' },
    });
  });
});

describe('refusals change nothing', () => {
  let referenceNo: string;
  let stationLink: string;
  let review: string;
  let feedback: string;

  beforeAll(async () => {
    referenceNo = await f.file({ location: { districtCode: 'chandauli', stationCode: 'chandauli-chakia' } });
    [stationLink] = (await f.links(f.stationEmail('chandauli-chakia'), referenceNo)) as [string];
    await f.submit(stationLink, f.goodReport);
    [review] = (await f.links(f.supervisorEmail('chandauli-chakia'), referenceNo, /review|समीक्षा/)) as [
      string,
    ];
  });

  it('refuses a form without its token, or with the token of another link', async () => {
    const other = await f.file({ location: { districtCode: 'chandauli', stationCode: 'chandauli-ilia' } });
    const [otherLink] = await f.links(f.stationEmail('chandauli-ilia'), other);
    const otherToken = f.formTokenIn((await rawRequest(otherLink!)).text);
    const before = await f.stored(referenceNo);
    expect((await f.postForm(review, { action: 'approve', grade: 'A' })).status).toBe(403);
    expect((await f.postForm(review, { formToken: otherToken, action: 'approve', grade: 'A' })).status).toBe(
      403,
    );
    expect((await f.stored(referenceNo)).version).toBe(before.version);
  });

  /** A genuine form token for the link, as its own page would carry when it shows a form. */
  const tokenFor = async (link: string) => {
    const { formToken } = await import('../../shared/domain/links/form-token.ts');
    const { parseKeyring } = await import('../../shared/domain/links/keyring.ts');
    return formToken(link.split('/o/')[1]!, parseKeyring(p.cloud.secretValue('linkSigningKey')));
  };

  it("refuses a station's link asking for a supervisor's decision", async () => {
    const response = await f.postForm(stationLink, {
      formToken: await tokenFor(stationLink),
      action: 'approve',
      grade: 'A',
    });
    expect(response.status).toBe(400);
    expect((await f.stored(referenceNo)).status).toBe('report-submitted');
  });

  it('refuses a second report while the first awaits review', async () => {
    const response = await f.postForm(stationLink, {
      formToken: await tokenFor(stationLink),
      ...f.goodReport,
    });
    expect(response.status).toBe(409);
  });

  it('refuses a supervisor of another circle', async () => {
    const { signLinkToken } = await import('../../shared/domain/links/token.ts');
    const { parseKeyring } = await import('../../shared/domain/links/keyring.ts');
    const token = signLinkToken(
      {
        purpose: 'supervisor-review',
        referenceNo,
        officerId: 'chandauli-co-naugarh',
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      },
      parseKeyring(p.cloud.secretValue('linkSigningKey')),
      new Date(),
    );
    const response = await rawRequest(`${p.cloud.apiUrl}/o/${token}`);
    expect(response.status).toBe(403);
  });

  it('takes one feedback answer per disposal, refusing the used link and answers after the window', async () => {
    await f.submit(review, { action: 'approve', grade: 'A', remark: '' });
    [feedback] = (await f.links('sunita@example.in', referenceNo, /disposed|निस्तारण/)) as [string];
    const page = await rawRequest(feedback);
    expect(page.status).toBe(200);
    expect(
      (await f.postForm(feedback, { formToken: f.formTokenIn(page.text), satisfied: 'yes' })).status,
    ).toBe(200);
    const answered = await f.stored(referenceNo);
    const again = await f.postForm(feedback, { formToken: f.formTokenIn(page.text), satisfied: 'no' });
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/[\u0900-\u097F]/);
    expect((await f.stored(referenceNo)).version).toBe(answered.version);

    // A second reference, disposed long ago: the window has passed, enforced on the server.
    const late = await f.file({ location: { districtCode: 'chandauli', stationCode: 'chandauli-chakia' } });
    const [lateStation] = await f.links(f.stationEmail('chandauli-chakia'), late);
    await f.submit(lateStation!, f.goodReport);
    const [lateReview] = await f.links(f.supervisorEmail('chandauli-chakia'), late, /review|समीक्षा/);
    await f.submit(lateReview!, { action: 'approve', grade: 'B', remark: '' });
    const [lateFeedback] = await f.links('sunita@example.in', late, /disposed|निस्तारण/);
    const lateForm = await rawRequest(lateFeedback!);
    const db = dynamoClient(p.cloud.dynamodbEndpoint);
    await db.send(
      new UpdateItemCommand({
        TableName: p.cloud.tableNames.main,
        Key: toItem(referenceKey(late)),
        UpdateExpression: 'SET disposal.disposedAt = :old',
        ExpressionAttributeValues: toItem({ ':old': new Date(Date.now() - 8 * 86_400_000).toISOString() }),
      }),
    );
    db.destroy();
    const tooLate = await f.postForm(lateFeedback!, {
      formToken: f.formTokenIn(lateForm.text),
      satisfied: 'no',
    });
    expect(tooLate.status).toBe(409);
    expect((await f.stored(late)).status).toBe('resolved');
  });
});

describe('random checks of disposals', () => {
  it("draws the previous day's disposals once per district-day and records the supervisor's finding", async () => {
    const referenceNo = await f.file({
      location: { districtCode: 'chandauli', stationCode: 'chandauli-naugarh' },
    });
    const [stationLink] = await f.links(f.stationEmail('chandauli-naugarh'), referenceNo);
    await f.submit(stationLink!, f.goodReport);
    const [review] = await f.links(f.supervisorEmail('chandauli-naugarh'), referenceNo, /review|समीक्षा/);
    await f.submit(review!, { action: 'approve', grade: 'A', remark: '' });

    // The draw runs the next morning and looks at the day before.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const first = (await p.cloud.trigger('randomChecks', tomorrow)) as { drawn: Record<string, string[]> };
    expect(first.drawn.chandauli).toContain(referenceNo);
    const again = (await p.cloud.trigger('randomChecks', tomorrow)) as { drawn: Record<string, string[]> };
    expect(again.drawn.chandauli).toBeUndefined();
    expect((await f.stored(referenceNo)).randomCheck?.drawnAt).toBeTruthy();

    // The draw's mail names the day, not each reference.
    const mail = await waitFor('random-check mail', async () =>
      (await p.mails()).find(
        (m) =>
          m.destination.to.includes(f.supervisorEmail('chandauli-naugarh')) && /random check/.test(m.subject),
      ),
    );
    const list = (mail.body.text?.match(/http:\/\/[^\s]+\/o\/[A-Za-z0-9._-]+/g) ?? [])[0]!;
    const page = await rawRequest(list);
    expect(page.status).toBe(200);
    const response = await f.postForm(list, {
      formToken: f.formTokenIn(page.text),
      action: 'check',
      referenceNo,
      result: 'confirmed',
      remark: 'Spoke to the complainant; the bicycle is back with him.',
    });
    expect(response.status).toBe(303);
    expect((await f.stored(referenceNo)).randomCheck).toMatchObject({ result: 'confirmed' });
  });
});
