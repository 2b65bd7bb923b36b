import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { waitFor } from '../fixtures/support.ts';

/**
 * What a deployed stack's CloudWatch Logs would hold, read from the function log lines the local
 * cloud collects (`[function] line`): one correlation id per reference journey, and the metrics as
 * Powertools' embedded metric format (EMF) blobs.
 */
let p: ProductCloud;

beforeAll(async () => {
  p = await startProductCloud();
});

afterAll(async () => {
  await p?.stop();
});

interface Line {
  source: string;
  entry: Record<string, unknown>;
}

/** The JSON lines functions wrote, with the function that wrote each. */
const lines = (): Line[] =>
  p.logs.flatMap((raw) => {
    const match = /^\[([^\]]+)\] (\{.*\})$/.exec(raw);
    if (!match) return [];
    try {
      return [{ source: match[1]!, entry: JSON.parse(match[2]!) as Record<string, unknown> }];
    } catch {
      return [];
    }
  });

interface EmfBlob {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}
const metricsOf = (source: string, name: string): EmfBlob[] =>
  lines()
    .filter((l) => l.source === source && '_aws' in l.entry)
    .map((l) => l.entry as EmfBlob)
    .filter((blob) => blob._aws.CloudWatchMetrics.some((m) => m.Metrics.some((x) => x.Name === name)));

/** Log lines (not metrics) of a function that name the reference. */
const linesAbout = (source: string, referenceNo: string) =>
  lines().filter(
    (l) => l.source === source && !('_aws' in l.entry) && JSON.stringify(l.entry).includes(referenceNo),
  );

async function fileAndDeliver(headers: Record<string, string> = {}) {
  const created = await p.post('/v1/complaints', complaintBody(), headers);
  expect(created.status, created.text).toBe(201);
  const { referenceNo } = created.json<{ referenceNo: string }>();
  // The notifier's line about this reference is the journey's last.
  await waitFor(`the notifier's line about ${referenceNo}`, async () =>
    linesAbout('notifier', referenceNo).some((l) => l.entry.message === 'notified') ? true : undefined,
  );
  return referenceNo;
}

describe('one correlation id per reference journey', () => {
  it('carries the caller’s X-Correlation-Id from the API through routing and notification', async () => {
    const correlationId = `journey-${Date.now()}`;
    const referenceNo = await fileAndDeliver({ 'x-correlation-id': correlationId });

    const journey = lines().filter((l) => l.entry.correlation_id === correlationId);
    expect(new Set(journey.map((l) => l.source))).toEqual(new Set(['fileComplaint', 'router', 'notifier']));
    for (const source of ['router', 'notifier']) {
      const about = linesAbout(source, referenceNo);
      expect(about.length, `${source} logged about ${referenceNo}`).toBeGreaterThan(0);
      expect(about.map((l) => l.entry.correlation_id)).toEqual(about.map(() => correlationId));
    }
    // The API's own lines for the request carry it too, the access-log line among them.
    expect(journey.some((l) => l.source === 'fileComplaint' && l.entry.message === 'request handled')).toBe(
      true,
    );
  });

  it('uses API Gateway’s request id when the caller sends none', async () => {
    const referenceNo = await fileAndDeliver();
    const [routed] = linesAbout('router', referenceNo);
    const correlationId = routed?.entry.correlation_id as string;
    expect(correlationId).toMatch(/\S/);
    const journey = lines().filter((l) => l.entry.correlation_id === correlationId);
    expect(new Set(journey.map((l) => l.source))).toEqual(new Set(['fileComplaint', 'router', 'notifier']));
    expect(linesAbout('notifier', referenceNo).every((l) => l.entry.correlation_id === correlationId)).toBe(
      true,
    );
  });
});

describe('metrics as CloudWatch EMF, namespace Nivaran', () => {
  it('counts complaints filed by channel, references routed and notifications sent', async () => {
    await fileAndDeliver();
    const [filed] = metricsOf('fileComplaint', 'ComplaintsFiled');
    expect(filed?._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'Nivaran',
      Dimensions: [['service', 'channel']],
    });
    expect(filed).toMatchObject({ service: 'fileComplaint', channel: 'portal', ComplaintsFiled: 1 });

    const routed = metricsOf('router', 'ReferencesRouted');
    expect(routed.length).toBeGreaterThan(0);
    expect(routed[0]).toMatchObject({ service: 'router' });

    const sent = metricsOf('notifier', 'NotificationsSent');
    expect(sent.length).toBeGreaterThan(0);
    const total = sent
      .flatMap((blob) => [blob.NotificationsSent].flat() as number[])
      .reduce((sum, n) => sum + n, 0);
    expect(total).toBeGreaterThan(0);
  });

  it('counts the overdue sweep’s defaulters, even when there are none', async () => {
    const response = await p.post('/_local/schedules/overdueSweep', {});
    expect(response.status, response.text).toBe(200);
    await waitFor('the sweep’s Defaulters metric', async () =>
      metricsOf('overdueSweep', 'Defaulters').length > 0 ? true : undefined,
    );
    expect(metricsOf('overdueSweep', 'Defaulters')[0]).toMatchObject({ service: 'overdueSweep' });
  });
});
