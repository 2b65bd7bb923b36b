import { randomBytes } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import jpeg from 'jpeg-js';
import { PNG as PNGImage } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reference } from '../../shared/domain/reference/types.ts';
import { onePagePdf } from '../fixtures/files.ts';
import { officerFlow } from '../fixtures/officer-flow.ts';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { LOCAL_CREDENTIALS, rawRequest } from '../fixtures/support.ts';

let p: ProductCloud;
let f: ReturnType<typeof officerFlow>;
let s3: S3Client;

beforeAll(async () => {
  p = await startProductCloud();
  f = officerFlow(p);
  s3 = new S3Client({
    endpoint: p.cloud.sqsEndpoint,
    region: 'ap-south-1',
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
}, 180_000);

afterAll(async () => {
  s3?.destroy();
  await p?.stop();
});

/** Real files, made by the libraries that read them: a one-page PDF, a PNG and a JPEG photo. */
const PDF = await onePagePdf();
const pixels = (width: number, height: number) => {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 256;
  return data;
};
const PNG = (() => {
  const image = new PNGImage({ width: 16, height: 12 });
  image.data = pixels(16, 12);
  return PNGImage.sync.write(image);
})();
const JPEG = Buffer.from(jpeg.encode({ width: 16, height: 12, data: pixels(16, 12) }, 80).data);
/** Files whose first bytes say one thing and whose content is another. */
const FAKE_PDF = Buffer.from('%PDF-1.4\n<html><body><script>alert(document.domain)</script></body></html>\n');
const FAKE_PNG = Buffer.concat([PNG.subarray(0, 16), randomBytes(200)]);
const FAKE_JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300)]);
/** A real PDF that an HTML sniffer would also take for a page: markup in a comment on its second line. */
const POLYGLOT = Buffer.concat([
  Buffer.from('%PDF-1.7\n%<html><body><script>alert(document.cookie)</script></body></html>\n'),
  PDF.subarray(PDF.indexOf(0x0a) + 1),
]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), randomBytes(500)]);
const MiB = 1024 * 1024;
const KEY = /^attachments\/\d{11}\/[0-9a-f-]{36}-\d+\.(pdf|jpg|png)$/;

interface FilePart {
  name: string;
  type: string;
  data: Buffer;
}

/** A multipart/form-data body built by hand, as a browser sends the attach form. */
function multipart(fields: Record<string, string>, file?: FilePart) {
  const boundary = `----NivaranFormBoundary${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name.replaceAll('"', '%22')}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Files go to the attachments function behind the same link: <link>/attachments. */
const attachUrl = (link: string) => `${link}/attachments`;

const postMultipart = (url: string, fields: Record<string, string>, file?: FilePart) => {
  const { body, contentType } = multipart(fields, file);
  return rawRequest(attachUrl(url), { method: 'POST', headers: { 'content-type': contentType }, body });
};

/** A genuine form token for the link, as its own page would carry. */
const tokenFor = async (link: string) => {
  const { formToken } = await import('../../shared/domain/links/form-token.ts');
  const { parseKeyring } = await import('../../shared/domain/links/keyring.ts');
  return formToken(link.split('/o/')[1]!, parseKeyring(p.cloud.secretValue('linkSigningKey')));
};

const added = (reference: Reference) => reference.history.filter((e) => e.action === 'attachment-added');

const objectsOf = async (referenceNo: string) => {
  const { Contents = [] } = await s3.send(
    new ListObjectsV2Command({ Bucket: p.cloud.buckets.attachments!, Prefix: `attachments/${referenceNo}/` }),
  );
  return Contents.map((c) => c.Key!);
};

const download = async (key: string) => {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: p.cloud.buckets.attachments!, Key: key }));
  return Buffer.from(await Body!.transformToByteArray());
};

/** The hrefs of the attachment links on a page, unescaped. */
const attachmentHrefs = (page: string) =>
  [...page.matchAll(/<ul class="attachments">([\s\S]*?)<\/ul>/g)].flatMap((list) =>
    [...list[1]!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')),
  );

describe('attachments from the page form', () => {
  it('attaches a PDF, carries it in the report, and the supervisor downloads the same bytes', async () => {
    const station = 'chandauli-sakaldiha';
    const referenceNo = await f.file({ location: { districtCode: 'chandauli', stationCode: station } });
    const [stationLink] = await f.links(f.stationEmail(station), referenceNo);
    const page = await rawRequest(stationLink!);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain('name="file"');
    const before = await f.stored(referenceNo);

    const response = await postMultipart(
      stationLink!,
      { formToken: f.formTokenIn(page.text), action: 'attach' },
      { name: 'FIR <img src=x onerror=alert(1)>.pdf', type: 'application/pdf', data: PDF },
    );
    expect(response.status).toBe(303);
    expect(response.headers.location).toMatch(/\?done=attach$/);

    const attached = await f.stored(referenceNo);
    // An attachment changes no state: the version stays, one event joins the history.
    expect(attached.version).toBe(before.version);
    const [event] = added(attached);
    expect(event).toMatchObject({
      actor: { role: 'station-officer', stationCode: station },
      note: 'FIR <img src=x onerror=alert(1)>.pdf',
      details: { size: PDF.length, type: 'pdf', via: 'page' },
    });
    const key = String(event!.details!.key);
    expect(key).toMatch(KEY);
    expect(key.startsWith(`attachments/${referenceNo}/`)).toBe(true);
    expect((await download(key)).equals(PDF)).toBe(true);

    // The station's page lists it, its name escaped.
    const after = await rawRequest(`${stationLink}?done=attach`);
    expect(after.text).toContain('FIR &lt;img src=x onerror=alert(1)&gt;.pdf');
    expect(after.text).not.toContain('<img src=x');
    expect(attachmentHrefs(after.text)).toHaveLength(1);

    expect((await f.submit(stationLink!, f.goodReport)).status).toBe(303);
    const reported = await f.stored(referenceNo);
    expect(reported.report?.attachments).toEqual([key]);

    const [review] = await f.links(f.supervisorEmail(station), referenceNo, /review|समीक्षा/);
    const reviewPage = await rawRequest(review!);
    expect(reviewPage.status).toBe(200);
    expect(reviewPage.text).toContain('FIR &lt;img src=x onerror=alert(1)&gt;.pdf');
    expect(reviewPage.text).not.toContain('enctype="multipart/form-data"');
    // The page links through the attachments function, which redirects to a presigned GET.
    const [href] = attachmentHrefs(reviewPage.text);
    expect(href).toMatch(/^\/o\/[^/]+\/attachments\/[0-9a-f-]+\.pdf$/);
    const redirect = await rawRequest(`${p.cloud.apiUrl}${href}`);
    expect(redirect.status).toBe(302);
    const location = String(redirect.headers.location);
    expect(location).toContain(`/${p.cloud.buckets.attachments}/${key}?`);
    expect(location).toContain('X-Amz-Expires=600');
    const fetched = await rawRequest(location);
    expect(fetched.status).toBe(200);
    expect(fetched.body.equals(PDF)).toBe(true);
  });

  it('carries earlier files into a report resubmitted after a return', async () => {
    const station = 'chandauli-ilia';
    const referenceNo = await f.file({ location: { districtCode: 'chandauli', stationCode: station } });
    const [stationLink] = await f.links(f.stationEmail(station), referenceNo);
    const formToken = await tokenFor(stationLink!);
    const attach = (name: string, data: Buffer, type: string) =>
      postMultipart(stationLink!, { formToken, action: 'attach' }, { name, type, data });
    expect((await attach('statement.pdf', PDF, 'application/pdf')).status).toBe(303);
    await f.submit(stationLink!, f.goodReport);
    const [review] = await f.links(f.supervisorEmail(station), referenceNo, /review|समीक्षा/);
    await f.submit(review!, { action: 'return', reasons: 'Photograph the spot and attach it.' });
    // A photo whose name says PDF: its bytes decide, and it is stored as the PNG it is.
    expect((await attach('spot.pdf', PNG, 'application/pdf')).status).toBe(303);
    await f.submit(stationLink!, f.goodReport);
    const stored = await f.stored(referenceNo);
    const keys = added(stored).map((e) => String(e.details!.key));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toMatch(/\.png$/);
    expect(stored.report?.attachments).toEqual(keys);
    expect(stored.history.filter((e) => e.action === 'report-submitted').at(-1)?.details?.attachments).toBe(
      2,
    );
  });
});

describe('attachments through a presigned PUT', () => {
  let referenceNo: string;
  let stationLink: string;
  let formToken: string;
  const action = (fields: Record<string, string>) =>
    f.postForm(attachUrl(stationLink), { formToken, ...fields });

  beforeAll(async () => {
    referenceNo = await f.file({ location: { districtCode: 'chandauli', stationCode: 'chandauli-balua' } });
    [stationLink] = (await f.links(f.stationEmail('chandauli-balua'), referenceNo)) as [string];
    formToken = await tokenFor(stationLink);
  });

  it('gives a signed URL for one key, then records the uploaded file once', async () => {
    const response = await action({
      action: 'upload-url',
      contentType: 'image/png',
      contentLength: String(PNG.length),
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const grant = response.json<{
      url: string;
      key: string;
      method: string;
      headers: Record<string, string>;
      expiresIn: number;
    }>();
    expect(grant).toMatchObject({ method: 'PUT', expiresIn: 300 });
    expect(grant.key).toMatch(KEY);
    expect(grant.key.startsWith(`attachments/${referenceNo}/`) && grant.key.endsWith('.png')).toBe(true);
    const url = new URL(grant.url);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'host']),
    );
    // No checksum of an empty body in the URL: S3 would refuse every real upload against it.
    expect(grant.url).not.toMatch(/x-amz-checksum|x-amz-sdk-checksum/i);
    expect(added(await f.stored(referenceNo))).toHaveLength(0);

    const put = await rawRequest(grant.url, { method: 'PUT', headers: grant.headers, body: PNG });
    expect(put.status).toBe(200);

    const confirmed = await action({
      action: 'confirm-upload',
      key: grant.key,
      fileName: 'spot <photo>.png',
    });
    expect(confirmed.status).toBe(201);
    expect(confirmed.json()).toEqual({
      key: grant.key,
      fileName: 'spot <photo>.png',
      contentType: 'image/png',
      size: PNG.length,
    });
    const again = await action({ action: 'confirm-upload', key: grant.key, fileName: 'other.png' });
    expect(again.status).toBe(200);
    expect(added(await f.stored(referenceNo))).toHaveLength(1);
    expect(added(await f.stored(referenceNo))[0]).toMatchObject({
      note: 'spot <photo>.png',
      details: { key: grant.key, via: 'presigned-put' },
    });

    const page = await rawRequest(stationLink);
    expect(page.text).toContain('spot &lt;photo&gt;.png');
    const [href] = attachmentHrefs(page.text);
    const redirect = await rawRequest(`${p.cloud.apiUrl}${href}`);
    expect((await rawRequest(String(redirect.headers.location))).body.equals(PNG)).toBe(true);
  });

  it('refuses other types, sizes and keys, and deletes an upload that is not what its key says', async () => {
    const before = await f.stored(referenceNo);
    const refused = async (fields: Record<string, string>, status: number) => {
      const response = await action(fields);
      expect(response.status, JSON.stringify(fields)).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    };
    await refused(
      { action: 'upload-url', contentType: 'application/x-msdownload', contentLength: '10' },
      422,
    );
    await refused({ action: 'upload-url', contentType: 'application/pdf', contentLength: 'ten' }, 422);
    await refused({ action: 'upload-url', contentType: 'application/pdf', contentLength: '0' }, 422);
    await refused(
      { action: 'upload-url', contentType: 'application/pdf', contentLength: String(21 * MiB) },
      413,
    );
    await refused({ action: 'confirm-upload', key: `attachments/${referenceNo}/../x.pdf` }, 422);
    await refused(
      { action: 'confirm-upload', key: 'attachments/40015723012/0f8fad5b-d9cb-469f-a165-70867728950e.pdf' },
      422,
    );
    await refused(
      {
        action: 'confirm-upload',
        key: `attachments/${referenceNo}/0f8fad5b-d9cb-469f-a165-70867728950e-10.pdf`,
      },
      404,
    );

    // An executable sent to a URL granted for a PDF: confirmation reads its first bytes.
    const grant = (
      await action({
        action: 'upload-url',
        contentType: 'application/pdf',
        contentLength: String(EXE.length),
      })
    ).json<{ url: string; key: string; headers: Record<string, string> }>();
    expect((await rawRequest(grant.url, { method: 'PUT', headers: grant.headers, body: EXE })).status).toBe(
      200,
    );
    await refused({ action: 'confirm-upload', key: grant.key, fileName: 'report.pdf' }, 422);
    expect(await objectsOf(referenceNo)).not.toContain(grant.key);

    const after = await f.stored(referenceNo);
    expect(after.version).toBe(before.version);
    expect(after.history).toHaveLength(before.history.length);
  });

  it('puts the confirmed file in the report and refuses both actions once it is submitted', async () => {
    expect((await f.submit(stationLink, f.goodReport)).status).toBe(303);
    const stored = await f.stored(referenceNo);
    expect(stored.report?.attachments).toHaveLength(1);
    expect(
      (await action({ action: 'upload-url', contentType: 'image/png', contentLength: '10' })).status,
    ).toBe(409);
    expect((await action({ action: 'confirm-upload', key: stored.report!.attachments[0]! })).status).toBe(
      200,
    );
    expect((await f.stored(referenceNo)).history).toHaveLength(stored.history.length);
  });
});

describe('refused uploads record nothing', () => {
  let referenceNo: string;
  let stationLink: string;
  let formToken: string;

  beforeAll(async () => {
    referenceNo = await f.file({ location: { districtCode: 'chandauli', stationCode: 'chandauli-chakia' } });
    [stationLink] = (await f.links(f.stationEmail('chandauli-chakia'), referenceNo)) as [string];
    formToken = await tokenFor(stationLink);
  });

  /** Posts, expects an HTML refusal page with the status, and checks nothing changed. */
  const refusedPage = async (status: number, send: () => ReturnType<typeof rawRequest>) => {
    const before = await f.stored(referenceNo);
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toMatch(/[\u0900-\u097F]/);
    const after = await f.stored(referenceNo);
    expect(after.version).toBe(before.version);
    expect(after.history).toHaveLength(before.history.length);
    expect(await objectsOf(referenceNo)).toEqual([]);
    return response;
  };

  it('refuses an executable renamed .pdf (its bytes are checked) with 422', async () => {
    const response = await refusedPage(422, () =>
      postMultipart(
        stationLink,
        { formToken, action: 'attach' },
        { name: 'fir.pdf', type: 'application/pdf', data: EXE },
      ),
    );
    expect(response.text).toContain('PDF, JPEG');
  });

  it('refuses a file over 4 MB with 413, and an empty or missing file with 422', async () => {
    await refusedPage(413, () =>
      postMultipart(
        stationLink,
        { formToken, action: 'attach' },
        { name: 'big.pdf', type: 'application/pdf', data: Buffer.concat([PDF, Buffer.alloc(4 * MiB)]) },
      ),
    );
    await refusedPage(422, () =>
      postMultipart(
        stationLink,
        { formToken, action: 'attach' },
        { name: 'empty.pdf', type: 'application/pdf', data: Buffer.alloc(0) },
      ),
    );
    await refusedPage(422, () =>
      postMultipart(
        stationLink,
        { formToken, action: 'attach' },
        { name: '', type: 'application/octet-stream', data: Buffer.alloc(0) },
      ),
    );
  });

  it('refuses malformed multipart bodies with 400', async () => {
    const { body, contentType } = multipart(
      { formToken, action: 'attach' },
      {
        name: 'a.pdf',
        type: 'application/pdf',
        data: PDF,
      },
    );
    const post = (payload: Buffer, type = contentType) =>
      rawRequest(attachUrl(stationLink), {
        method: 'POST',
        headers: { 'content-type': type },
        body: payload,
      });
    await refusedPage(400, () => post(body.subarray(0, body.length - 20)));
    await refusedPage(400, () =>
      post(Buffer.from(body.toString('latin1').replaceAll('\r\n', '\n'), 'latin1')),
    );
    await refusedPage(400, () => post(body, 'multipart/form-data'));
    await refusedPage(400, () => post(body, 'multipart/form-data; boundary=somethingElse'));
    // Two files where the form has one.
    const two = multipart(
      { formToken, action: 'attach' },
      { name: 'a.pdf', type: 'application/pdf', data: PDF },
    );
    const doubled = Buffer.from(
      two.body.toString('latin1').replace(/(--[^\r]+)--\r\n$/, (_, b: string) => {
        return `${b}\r\nContent-Disposition: form-data; name="file"; filename="b.pdf"\r\n\r\n%PDF-1.4\r\n${b}--\r\n`;
      }),
      'latin1',
    );
    await refusedPage(400, () => post(doubled, two.contentType));
  });

  it('refuses a form without its token, or with the token of another link, with 403', async () => {
    const file = { name: 'a.pdf', type: 'application/pdf', data: PDF };
    await refusedPage(403, () => postMultipart(stationLink, { action: 'attach' }, file));
    const other = await f.file({ location: { districtCode: 'chandauli', stationCode: 'chandauli-naugarh' } });
    const [otherLink] = await f.links(f.stationEmail('chandauli-naugarh'), other);
    const otherToken = f.formTokenIn((await rawRequest(otherLink!)).text);
    await refusedPage(403, () =>
      postMultipart(stationLink, { formToken: otherToken, action: 'attach' }, file),
    );
    // The JSON actions need the token as well.
    const grant = await f.postForm(stationLink, {
      action: 'upload-url',
      contentType: 'application/pdf',
      contentLength: '100',
    });
    expect(grant.status).toBe(403);
  });

  it("refuses an attachment from the supervisor's link", async () => {
    // Chakia's report is not in yet, so the supervisor's link is signed here rather than mailed.
    const { signLinkToken } = await import('../../shared/domain/links/token.ts');
    const { parseKeyring } = await import('../../shared/domain/links/keyring.ts');
    const { DEMO_OFFICERS } = await import('../../infra/local/seed/officers.ts');
    const supervisor = DEMO_OFFICERS.find(
      (o) => o.role === 'supervisor' && o.stationCodes.includes('chandauli-chakia'),
    )!;
    const token = signLinkToken(
      {
        purpose: 'supervisor-review',
        referenceNo,
        officerId: supervisor.id,
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      },
      parseKeyring(p.cloud.secretValue('linkSigningKey')),
      new Date(),
    );
    const review = `${p.cloud.apiUrl}/o/${token}`;
    await refusedPage(400, async () =>
      postMultipart(
        review,
        { formToken: await tokenFor(review), action: 'attach' },
        { name: 'a.pdf', type: 'application/pdf', data: PDF },
      ),
    );
  });

  it('refuses an attachment once the report is submitted, with 409', async () => {
    expect((await f.postForm(stationLink, { formToken, ...f.goodReport })).status).toBe(303);
    await refusedPage(409, () =>
      postMultipart(
        stationLink,
        { formToken, action: 'attach' },
        { name: 'late.pdf', type: 'application/pdf', data: PDF },
      ),
    );
  });
});

describe('attachments that cannot pose as something else', () => {
  let referenceNo: string;
  let stationLink: string;
  let formToken: string;
  const attach = (name: string, data: Buffer, type = 'application/octet-stream') =>
    postMultipart(stationLink, { formToken, action: 'attach' }, { name, type, data });
  const action = (fields: Record<string, string>) =>
    f.postForm(attachUrl(stationLink), { formToken, ...fields });

  beforeAll(async () => {
    referenceNo = await f.file({ location: { districtCode: 'chandauli', stationCode: 'chandauli-naugarh' } });
    [stationLink] = (await f.links(f.stationEmail('chandauli-naugarh'), referenceNo)) as [string];
    formToken = await tokenFor(stationLink);
  });

  it('stores a PDF/HTML polyglot named x.html as the PDF it is, and serves it only as a download', async () => {
    expect((await attach('x.html', POLYGLOT, 'text/html')).status).toBe(303);
    const [event] = added(await f.stored(referenceNo));
    expect(event).toMatchObject({ note: 'x.pdf', details: { type: 'pdf' } });
    expect(String(event!.details!.key)).toMatch(/\.pdf$/);

    const page = await rawRequest(stationLink);
    expect(page.text).toContain('x.pdf');
    expect(page.text).not.toContain('x.html');
    const [href] = attachmentHrefs(page.text);
    const redirect = await rawRequest(`${p.cloud.apiUrl}${href}`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers['x-content-type-options']).toBe('nosniff');
    const url = new URL(String(redirect.headers.location));
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(url.searchParams.get('response-content-disposition')).toMatch(/^attachment; filename="x\.pdf"/);
  });

  it.each([
    ['a file that starts like a PDF and is HTML', 'report.pdf', () => FAKE_PDF],
    ['a PNG signature before random bytes', 'spot.png', () => FAKE_PNG],
    ['a JPEG marker before random bytes', 'spot.jpg', () => FAKE_JPEG],
  ])('refuses %s: it must parse, not only start right', async (_, name, data) => {
    const before = await f.stored(referenceNo);
    const response = await attach(name, data());
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('PDF, JPEG');
    expect((await f.stored(referenceNo)).history).toHaveLength(before.history.length);
  });

  it('accepts a real JPEG and keeps its own extension', async () => {
    expect((await attach('photo.jpeg', JPEG, 'image/jpeg')).status).toBe(303);
    expect(added(await f.stored(referenceNo)).at(-1)).toMatchObject({
      note: 'photo.jpeg',
      details: { type: 'jpg', size: JPEG.length },
    });
  });

  it('confirms a presigned upload only at the size asked for, and deletes one of another size', async () => {
    const grant = (
      await action({ action: 'upload-url', contentType: 'application/pdf', contentLength: '10' })
    ).json<{
      url: string;
      key: string;
      headers: Record<string, string>;
    }>();
    // The signed Content-Length makes S3 refuse another size; where the store takes it anyway, the
    // confirmation refuses and deletes it.
    const big = Buffer.concat([PDF, Buffer.alloc(200_005 - PDF.length, 0x20)]);
    const put = await rawRequest(grant.url, {
      method: 'PUT',
      headers: { ...grant.headers, 'content-length': String(big.length) },
      body: big,
    });
    const before = await f.stored(referenceNo);
    const confirmed = await action({ action: 'confirm-upload', key: grant.key, fileName: 'big.pdf' });
    if (put.status === 200) {
      expect(confirmed.status, confirmed.text).toBe(422);
      expect(confirmed.json<{ type: string }>().type).toMatch(/attachment-size$/);
    } else expect(confirmed.status).toBe(404);
    expect(await objectsOf(referenceNo)).not.toContain(grant.key);
    expect((await f.stored(referenceNo)).history).toHaveLength(before.history.length);
  });

  it('refuses a presigned upload of a fake PDF at the size asked for, and deletes it', async () => {
    const grant = (
      await action({
        action: 'upload-url',
        contentType: 'application/pdf',
        contentLength: String(FAKE_PDF.length),
      })
    ).json<{ url: string; key: string; headers: Record<string, string> }>();
    expect(
      (await rawRequest(grant.url, { method: 'PUT', headers: grant.headers, body: FAKE_PDF })).status,
    ).toBe(200);
    const confirmed = await action({ action: 'confirm-upload', key: grant.key, fileName: 'x.pdf' });
    expect(confirmed.status).toBe(422);
    expect(confirmed.json<{ type: string }>().type).toMatch(/attachment-type$/);
    expect(await objectsOf(referenceNo)).not.toContain(grant.key);
  });
});
