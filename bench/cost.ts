import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { resolve } from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DEMO_OFFICERS } from '../infra/local/seed/officers.ts';
import type { Platform } from '../infra/platform/types.ts';
import { platform } from '../infra/platform.ts';
import { toItem } from '../shared/adapters/dynamodb/dynamo-item.ts';
import { referenceKey } from '../shared/adapters/dynamodb/reference-item.ts';
import { MAIN_TABLE } from '../shared/adapters/dynamodb/tables.ts';
import { formatReferenceNumber } from '../shared/domain/reference/reference-number.ts';
import { type Item, itemBytes, projection } from './lib/capacity.ts';
import { benchDynamoClient, startBenchCloud } from './lib/cloud.ts';
import { INVOCATION_MARKER, instrumentedPlatform } from './lib/instrument.ts';
import { DynamoDBCounter, type DynamoTally, RequestCounter } from './lib/proxies.ts';
import type { BenchResult, Check, Row } from './lib/report.ts';
import { entryOf, round, sleep } from './lib/stats.ts';
import type { ChildOutput } from './ranking-child.ts';

/**
 * Benchmark 5, cost: walks references through their whole life on the local cloud (file over the
 * API, route, notify, the station's report, the supervisor's approval, the complainant's feedback),
 * counting what AWS would bill: DynamoDB request units from the ConsumedCapacity dynalite returns
 * (asked for on every call by a counting proxy in front of it, one path per function) plus the
 * index writes real DynamoDB charges and dynalite does not report; SQS requests; Lambda
 * invocations and their measured durations (a wrapper around each handler); API Gateway requests.
 * Then adds each reference's share of the monthly ranking (from the ranking benchmark) and of the
 * scheduled jobs (one run of each, measured here, times their runs a month, over a month's
 * 100,000 references), and prices it all with bench/prices-ap-south-1.json.
 *
 * The floor: the five state changes of the same lifecycle each as one PutItem of the reference's
 * final item without index keys, through the same counter: what storing the lifecycle would cost
 * with no indexes, reads, queues, functions or API.
 */

const PRICES_FILE = resolve(import.meta.dirname, 'prices-ap-south-1.json');
const MONTHLY_REFERENCES = 100_000;
const STATE_CHANGES = 5;
const STATIONS = ['chandauli-sakaldiha', 'chandauli-balua', 'chandauli-chakia', 'chandauli-ilia'];

/** What people type in a lifecycle: the short English texts the API tests use, or Hindi of a real length. */
interface LifecycleTexts {
  language: 'en' | 'hi';
  description: (n: number) => string;
  findings: string;
  actionTaken: string;
  remark: string;
}

const SHORT_ENGLISH: LifecycleTexts = {
  language: 'en',
  description: (n) =>
    `My bicycle was stolen from outside the ration shop on Monday evening; a neighbour saw two men (${n}).`,
  findings: 'Spoke to the complainant and two neighbours; the bicycle was found abandoned near the canal.',
  actionTaken: 'Bicycle recovered and returned to the complainant against receipt.',
  remark: 'Recovered and returned.',
};

// A complaint as IGRS receives them: several sentences of Hindi (about 600 characters, 1.6 KB in
// UTF-8), and a station's report and a supervisor's remark of a few lines each.
const HINDI: LifecycleTexts = {
  language: 'hi',
  description: (n) =>
    'महोदय, निवेदन है कि सोमवार की शाम लगभग सात बजे मैं राशन की दुकान से सामान लेने गई थी और अपनी साइकिल दुकान के बाहर ताला लगाकर खड़ी की थी। ' +
    'लगभग पंद्रह मिनट बाद लौटी तो साइकिल वहाँ नहीं थी। पड़ोस में रहने वाले रमेश जी ने बताया कि दो लड़के मोटरसाइकिल पर आए थे और उनमें से एक साइकिल लेकर बाज़ार की ओर चला गया। ' +
    'मैंने उसी रात थाने पर जाकर मौखिक सूचना दी थी, परंतु अभी तक कोई कार्यवाही नहीं हुई है। साइकिल मेरी बेटी के विद्यालय जाने का एकमात्र साधन है और उसकी पढ़ाई रुक गई है। ' +
    `अतः आपसे प्रार्थना है कि मामले की जाँच कराकर साइकिल बरामद कराने की कृपा करें। साइकिल हरे रंग की है और उस पर पीछे टोकरी लगी है। (${n})`,
  findings:
    'शिकायतकर्ता से फ़ोन पर और उनके घर जाकर बात की गई। पड़ोसी रमेश तथा दुकानदार के बयान लिए गए। दुकान के सामने लगे कैमरे की रिकॉर्डिंग देखी गई, जिसमें दोनों युवक पहचाने गए। ' +
    'पूछताछ में साइकिल नहर के पास एक खाली मकान में मिली।',
  actionTaken:
    'साइकिल बरामद कर रसीद पर शिकायतकर्ता को सुपुर्द की गई। दोनों युवकों के विरुद्ध चोरी का मुक़दमा दर्ज कर आगे की विवेचना की जा रही है।',
  remark: 'बरामदगी और सुपुर्दगी की पुष्टि शिकायतकर्ता से कर ली गई है; आख्या स्वीकार।',
};
const SCHEDULE_RUNS_A_MONTH: Record<string, number> = {
  overdueSweep: 24 * 30,
  dailyReminders: 30,
  randomChecks: 30,
};
const INDEX_ATTRIBUTES: readonly string[] = MAIN_TABLE.globalIndexes.flatMap((i) => [
  i.partitionKey.name,
  i.sortKey.name,
]);

interface Prices {
  asOf: string;
  dynamodb: { writeRequestUnitPerMillion: number; readRequestUnitPerMillion: number };
  lambda: { requestsPerMillion: number; arm64GbSecond: number };
  sqs: { standardRequestsPerMillion: number };
  apiGateway: { httpApiRequestsPerMillion: number };
}

interface Usage {
  /** Billable quantities, each with a label saying where it came from. */
  wru: Map<string, number>;
  rru: Map<string, number>;
  lambdaRequests: Map<string, number>;
  gbSeconds: Map<string, number>;
  sqsRequests: Map<string, number>;
  apiRequests: Map<string, number>;
}

const emptyUsage = (): Usage => ({
  wru: new Map(),
  rru: new Map(),
  lambdaRequests: new Map(),
  gbSeconds: new Map(),
  sqsRequests: new Map(),
  apiRequests: new Map(),
});

const add = (map: Map<string, number>, label: string, amount: number) => {
  if (amount) map.set(label, (map.get(label) ?? 0) + amount);
};

const total = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);

function scaled(usage: Usage, factor: number, prefix = ''): Usage {
  const out = emptyUsage();
  for (const key of Object.keys(usage) as (keyof Usage)[])
    for (const [label, amount] of usage[key]) add(out[key], `${prefix}${label}`, amount * factor);
  return out;
}

function merge(into: Usage, from: Usage): Usage {
  for (const key of Object.keys(from) as (keyof Usage)[])
    for (const [label, amount] of from[key]) add(into[key], label, amount);
  return into;
}

/** What the counters and invocation markers saw, as billable quantities. */
class Meters {
  readonly invocations: Record<string, { count: number; billedMs: number; ms: number }> = {};
  constructor(
    readonly dynamodb: DynamoDBCounter,
    readonly sqs: RequestCounter,
    private readonly functions: Platform['functions'],
  ) {}

  onLine = (source: string, line: string) => {
    if (!line.startsWith(INVOCATION_MARKER)) return;
    const ms = Number(line.slice(INVOCATION_MARKER.length));
    const entry = entryOf(this.invocations, source, () => ({ count: 0, billedMs: 0, ms: 0 }));
    entry.count++;
    entry.ms += ms;
    entry.billedMs += Math.max(1, Math.ceil(ms));
  };

  reset(): void {
    this.dynamodb.reset();
    this.sqs.reset();
    for (const key of Object.keys(this.invocations)) delete this.invocations[key];
  }

  usage(apiRequests: number): Usage {
    const usage = emptyUsage();
    for (const [caller, byOperation] of Object.entries(this.dynamodb.tallies)) {
      for (const [operation, tally] of Object.entries(byOperation) as [string, DynamoTally][]) {
        add(usage.wru, `${caller} ${operation} (table)`, tally.tableWriteUnits);
        for (const [index, units] of Object.entries(tally.indexWriteUnits))
          add(usage.wru, `${caller} ${operation} (${index} index)`, units);
        add(usage.rru, `${caller} ${operation}`, tally.readUnits);
      }
    }
    let messages = 0;
    for (const [caller, byOperation] of Object.entries(this.sqs.tallies)) {
      for (const [operation, tally] of Object.entries(byOperation)) {
        add(usage.sqsRequests, `${caller} ${operation}`, tally.billed);
        if (operation === 'SendMessage') messages += tally.requests;
      }
    }
    // Lambda's event source mapping receives and deletes each message: at a state's pace (a few
    // references a minute) a batch is usually one message, so one ReceiveMessage and one
    // DeleteMessage(Batch) per message.
    add(usage.sqsRequests, 'event source mapping ReceiveMessage + DeleteMessage', 2 * messages);
    for (const [name, entry] of Object.entries(this.invocations)) {
      add(usage.lambdaRequests, name, entry.count);
      const memoryGb = (this.functions[name]?.memoryMb ?? 512) / 1024;
      add(
        usage.gbSeconds,
        `${name} (${this.functions[name]?.memoryMb ?? 512} MB)`,
        (entry.billedMs / 1000) * memoryGb,
      );
    }
    add(usage.apiRequests, 'HTTP API requests', apiRequests);
    return usage;
  }
}

function price(usage: Usage, prices: Prices) {
  const items: { label: string; usd: number }[] = [];
  const per = (map: Map<string, number>, rate: number, kind: string) => {
    for (const [label, amount] of map) items.push({ label: `${kind}: ${label}`, usd: amount * rate });
  };
  per(usage.wru, prices.dynamodb.writeRequestUnitPerMillion / 1e6, 'DynamoDB WRU');
  per(usage.rru, prices.dynamodb.readRequestUnitPerMillion / 1e6, 'DynamoDB RRU');
  per(usage.lambdaRequests, prices.lambda.requestsPerMillion / 1e6, 'Lambda requests');
  per(usage.gbSeconds, prices.lambda.arm64GbSecond, 'Lambda GB-s');
  per(usage.sqsRequests, prices.sqs.standardRequestsPerMillion / 1e6, 'SQS');
  per(usage.apiRequests, prices.apiGateway.httpApiRequestsPerMillion / 1e6, 'API Gateway');
  const byService = (kind: string) =>
    items.filter((i) => i.label.startsWith(kind)).reduce((n, i) => n + i.usd, 0);
  return {
    items: items.sort((a, b) => b.usd - a.usd),
    total: items.reduce((n, i) => n + i.usd, 0),
    dynamodbWrites: byService('DynamoDB WRU'),
    dynamodbReads: byService('DynamoDB RRU'),
    lambda: byService('Lambda'),
    sqs: byService('SQS'),
    api: byService('API Gateway'),
  };
}

// ---------------------------------------------------------------------------------------------
// Driving a reference through its life over HTTP, as the officers' and complainant's links do.

interface Mail {
  subject: string;
  destination: { to: string[] };
  body: { text?: string };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function request(
  url: string,
  options: { method?: string; form?: Record<string, string>; json?: unknown } = {},
) {
  const body = options.form
    ? new URLSearchParams(options.form).toString()
    : options.json !== undefined
      ? JSON.stringify(options.json)
      : undefined;
  return new Promise<{ status: number; text: string }>((resolvePromise, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: body
          ? {
              'content-type': options.form ? 'application/x-www-form-urlencoded' : 'application/json',
              'content-length': Buffer.byteLength(body),
            }
          : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function lifecycle(
  apiUrl: string,
  mailUrl: string,
  n: number,
  count: () => void,
  texts: LifecycleTexts = SHORT_ENGLISH,
): Promise<string> {
  const station = STATIONS[n % STATIONS.length]!;
  const email = `complainant${n}@example.in`;
  const call = (url: string, options?: Parameters<typeof request>[1]) => {
    count();
    return request(url, options);
  };
  const filed = await call(`${apiUrl}/v1/complaints`, {
    method: 'POST',
    json: {
      complainant: {
        name: 'Sunita Devi',
        mobile: `98${String(10_000_000 + n).padStart(8, '0')}`,
        email,
        address: 'Mohalla Kasab, Sakaldiha, Chandauli',
        language: texts.language,
      },
      location: { districtCode: 'chandauli', stationCode: station, pinCode: '232109' },
      categoryCode: 'theft',
      description: texts.description(n),
      channel: 'portal',
    },
  });
  if (filed.status !== 201) throw new Error(`filing answered ${filed.status}: ${filed.text.slice(0, 200)}`);
  const referenceNo = (JSON.parse(filed.text) as { referenceNo: string }).referenceNo;
  const formatted = formatReferenceNumber(referenceNo);
  const link = (to: string, subject: RegExp) =>
    waitFor(`mail to ${to} about ${referenceNo} (${subject})`, async () => {
      const mails = ((await (await fetch(`${mailUrl}store`)).json()) as { emails: Mail[] }).emails;
      const mail = mails.find(
        (m) => m.destination.to.includes(to) && m.subject.includes(formatted) && subject.test(m.subject),
      );
      return mail?.body.text?.match(/http:\/\/[^\s]+\/o\/[A-Za-z0-9._-]+/)?.[0];
    });
  const submit = async (url: string, fields: Record<string, string>, expect: number) => {
    const page = await call(url);
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const answer = await call(url, { method: 'POST', form: { formToken, ...fields } });
    if (answer.status !== expect)
      throw new Error(`${url} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  };

  const stationLink = await link(`sho.${station}@demo.nivaran.local`, /./);
  await submit(
    stationLink,
    {
      action: 'report',
      contacted: 'yes',
      contactedAt: new Date(Date.now() + 5.5 * 3600_000 - 60_000).toISOString().slice(0, 16),
      contactMode: 'phone',
      findings: texts.findings,
      outcome: 'resolved',
      actionTaken: texts.actionTaken,
    },
    303,
  );
  const supervisor = DEMO_OFFICERS.find((o) => o.role === 'supervisor' && o.stationCodes.includes(station))!;
  const review = await link(supervisor.email!, /review|समीक्षा/);
  await submit(review, { action: 'approve', grade: 'A', remark: texts.remark }, 303);
  const feedback = await link(email, /disposed|निस्तारण/);
  await submit(feedback, { satisfied: 'yes' }, 200);
  return referenceNo;
}

// ---------------------------------------------------------------------------------------------

export async function runCost(options: {
  lifecycles: number;
  /** Lifecycles with Hindi texts of a real length, priced apart (the target is judged on the short ones). */
  hindiLifecycles: number;
  ranking?: BenchResult | undefined;
}): Promise<BenchResult> {
  const started = performance.now();
  const prices = JSON.parse(await readFile(PRICES_FILE, 'utf8')) as Prices;
  const dynamodb = new DynamoDBCounter(true);
  const sqs = new RequestCounter();
  await dynamodb.start();
  await sqs.start();
  const instrumented = await instrumentedPlatform(platform, (name) => ({
    AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpointFor(name),
    AWS_ENDPOINT_URL_SQS: sqs.endpointFor(name),
  }));
  const meters = new Meters(dynamodb, sqs, platform.functions);
  const bench = await startBenchCloud({ platform: instrumented.platform, onLine: meters.onLine });
  const { cloud } = bench;
  const table = cloud.tableNames.main!;
  dynamodb.connect(cloud.dynamodbEndpoint, { [table]: platform.tables.main! });
  sqs.upstream = new URL(cloud.sqsEndpoint);
  const direct = benchDynamoClient(cloud.dynamodbEndpoint);
  const floorClient = benchDynamoClient(dynamodb.endpointFor('floor'));
  const notes: string[] = [];
  let lifecycleUsage = emptyUsage();
  let hindiUsage = emptyUsage();
  const scheduleUsage = emptyUsage();
  let floorWru = 0;
  let hindiFloorWru = 0;
  const finalItems: Item[] = [];
  const hindiItems: Item[] = [];
  const perFunction: Record<string, unknown> = {};
  const callsPerReference: Record<string, number> = {};
  try {
    // Warm every function the lifecycle uses once, uncounted: cold starts are benchmark 4.
    let apiCalls = 0;
    const warm = await lifecycle(cloud.apiUrl, cloud.mailUrl, 10_000, () => undefined);
    await cloud.drain(60_000);
    void warm;
    meters.reset();

    const storedItem = async (referenceNo: string) => {
      const { Item: stored } = await direct.send(
        new GetItemCommand({
          TableName: table,
          Key: toItem(referenceKey(referenceNo)),
          ConsistentRead: true,
        }),
      );
      if (!stored) throw new Error(`${referenceNo} is not stored`);
      if (process.env.BENCH_DUMP_ITEM) console.log(JSON.stringify(stored));
      return stored as Item;
    };
    for (let n = 0; n < options.lifecycles; n++) {
      const referenceNo = await lifecycle(cloud.apiUrl, cloud.mailUrl, n, () => apiCalls++);
      await cloud.drain(60_000);
      finalItems.push(await storedItem(referenceNo));
    }
    lifecycleUsage = scaled(meters.usage(apiCalls), 1 / options.lifecycles);
    for (const [caller, byOperation] of Object.entries(dynamodb.tallies))
      for (const [operation, tally] of Object.entries(byOperation))
        callsPerReference[`${caller} ${operation}`] = round(tally.calls / options.lifecycles, 2);
    for (const [name, entry] of Object.entries(meters.invocations))
      perFunction[name] = {
        invocationsPerReference: round(entry.count / options.lifecycles, 2),
        meanMs: round(entry.ms / entry.count, 1),
      };

    // The same lifecycle with Hindi texts of a real length, on other mobiles, measured apart.
    meters.reset();
    let hindiCalls = 0;
    for (let n = 0; n < options.hindiLifecycles; n++) {
      const referenceNo = await lifecycle(cloud.apiUrl, cloud.mailUrl, 1000 + n, () => hindiCalls++, HINDI);
      await cloud.drain(60_000);
      hindiItems.push(await storedItem(referenceNo));
    }
    if (options.hindiLifecycles > 0)
      hindiUsage = scaled(meters.usage(hindiCalls), 1 / options.hindiLifecycles);

    // The floor: each state change of the lifecycle as one bare PutItem of the final item.
    const bareWrites = async (items: Item[], label: string) => {
      meters.reset();
      for (const [i, item] of items.entries()) {
        const bare = Object.fromEntries(
          Object.entries(item).filter(([name]) => !INDEX_ATTRIBUTES.includes(name)),
        );
        for (let change = 0; change < STATE_CHANGES; change++)
          await floorClient.send(
            new PutItemCommand({
              TableName: table,
              Item: { ...bare, pk: { S: `REF#floor-${label}-${i}-${change}` } },
            }),
          );
      }
      return (dynamodb.tallies.floor?.PutItem?.tableWriteUnits ?? 0) / Math.max(1, items.length);
    };
    floorWru = await bareWrites(finalItems, 'en');
    hindiFloorWru = await bareWrites(hindiItems, 'hi');

    // Scheduled jobs: one run each now, scaled to their runs a month, shared by a month's references.
    for (const [schedule, runs] of Object.entries(SCHEDULE_RUNS_A_MONTH)) {
      if (!cloud.schedules.includes(schedule)) continue;
      meters.reset();
      await cloud.trigger(schedule, new Date());
      await cloud.drain(60_000);
      merge(
        scheduleUsage,
        scaled(meters.usage(0), runs / MONTHLY_REFERENCES, `${schedule} x${runs}/month: `),
      );
    }
  } finally {
    direct.destroy();
    floorClient.destroy();
    await bench.stop();
    await dynamodb.stop();
    await sqs.stop();
    await instrumented.cleanup();
  }

  // The monthly ranking's share: reading each reference once through the month index (eventually
  // consistent, 4 KB units), the job's duration and the snapshot's writes, over the month.
  const meanItemBytes = finalItems.reduce((n, item) => n + itemBytes(item), 0) / finalItems.length;
  const copies = finalItems.map(indexCopies);
  const meanMonthCopyBytes = copies.reduce((n, c) => n + (c.month ?? 0), 0) / copies.length;
  const rankingUsage = emptyUsage();
  add(
    rankingUsage.rru,
    'monthlyRanking month-index read (its copy of the reference)',
    (meanMonthCopyBytes / 4096) * 0.5,
  );
  const ranking = options.ranking?.data as { bySize?: Record<string, { ranking: ChildOutput }> } | undefined;
  const sizes = Object.keys(ranking?.bySize ?? {}).map(Number);
  const measured = sizes.length ? ranking!.bySize![Math.max(...sizes)]!.ranking : undefined;
  const rankingMemory = platform.functions.monthlyRanking?.memoryMb ?? 1024;
  if (measured) {
    const refs = Math.max(...sizes);
    add(
      rankingUsage.gbSeconds,
      `monthlyRanking (${rankingMemory} MB, ${round(measured.ms / 1000, 1)} s for ${refs.toLocaleString('en-US')})`,
      (measured.ms / 1000) * (rankingMemory / 1024) * (1 / refs),
    );
    if (measured.save)
      add(rankingUsage.wru, 'monthlyRanking snapshot save', measured.save.writeUnits / MONTHLY_REFERENCES);
    add(rankingUsage.lambdaRequests, 'monthlyRanking', 1 / MONTHLY_REFERENCES);
  } else
    notes.push(
      'ranking benchmark not run: the ranking share holds only the month-index read, from the item size',
    );

  const withShares = (lifecycleOnly: Usage) =>
    merge(
      merge(merge(emptyUsage(), lifecycleOnly), scaled(rankingUsage, 1, 'ranking share: ')),
      scheduleUsage,
    );
  const usage = withShares(lifecycleUsage);
  const perReference = price(usage, prices);
  const floorUsd = floorWru * (prices.dynamodb.writeRequestUnitPerMillion / 1e6);
  const hindi = hindiItems.length ? price(withShares(hindiUsage), prices) : undefined;
  const hindiFloorUsd = hindiFloorWru * (prices.dynamodb.writeRequestUnitPerMillion / 1e6);
  const meanHindiBytes =
    hindiItems.reduce((n, item) => n + itemBytes(item), 0) / Math.max(1, hindiItems.length);
  const million = (usd: number) => round(usd * 1e6, 2);
  const rows: Row[] = [
    {
      figure: 'cost per million references',
      value: million(perReference.total),
      unit: 'USD',
      floor: million(floorUsd),
      floorLabel: `${STATE_CHANGES} bare PutItems of the final item`,
    },
    {
      figure: 'DynamoDB write units per reference',
      value: round(total(usage.wru), 2),
      unit: 'WRU',
      floor: round(floorWru, 2),
      floorLabel: `${STATE_CHANGES} bare PutItems`,
    },
    {
      figure: 'DynamoDB read units per reference',
      value: round(total(usage.rru), 2),
      unit: 'RRU',
      floor: null,
      floorLabel: '-',
    },
    {
      figure: 'Lambda invocations per reference',
      value: round(total(usage.lambdaRequests), 2),
      unit: '',
      floor: null,
      floorLabel: '-',
    },
    {
      figure: 'Lambda GB-s per reference',
      value: round(total(usage.gbSeconds), 3),
      unit: 'GB-s',
      floor: null,
      floorLabel: '-',
    },
    {
      figure: 'SQS requests per reference',
      value: round(total(usage.sqsRequests), 2),
      unit: '',
      floor: null,
      floorLabel: '-',
    },
    {
      figure: 'API requests per reference',
      value: round(total(usage.apiRequests), 2),
      unit: '',
      floor: null,
      floorLabel: '-',
    },
    ...(hindi
      ? [
          {
            figure: 'cost per million references, Hindi texts',
            value: million(hindi.total),
            unit: 'USD',
            floor: million(hindiFloorUsd),
            floorLabel: `${STATE_CHANGES} bare PutItems of its final item`,
          },
          {
            figure: 'of which DynamoDB writes, Hindi texts',
            value: million(hindi.dynamodbWrites),
            unit: 'USD/M',
            floor: million(hindiFloorUsd),
            floorLabel: 'bare PutItems',
          },
        ]
      : []),
    ...(
      [
        ['DynamoDB writes', perReference.dynamodbWrites, floorUsd],
        ['DynamoDB reads', perReference.dynamodbReads, 0],
        ['Lambda (requests + GB-s)', perReference.lambda, 0],
        ['SQS', perReference.sqs, 0],
        ['API Gateway', perReference.api, 0],
      ] as const
    ).map(([label, usd, floor]) => ({
      figure: `of which ${label}`,
      value: million(usd),
      unit: 'USD/M',
      floor: floor ? million(floor) : null,
      floorLabel: floor ? 'bare PutItems' : '-',
    })),
  ];
  const checks: Check[] = [
    {
      target: 'below USD 25 per million references',
      pass: perReference.total * 1e6 < 25,
      actual: `USD ${million(perReference.total)}`,
    },
  ];
  const largest = perReference.items.slice(0, 10);
  notes.push(
    `prices: ${PRICES_FILE.split('/').pop()} (ap-south-1, as of ${prices.asOf}); ${options.lifecycles} lifecycles (file, route, notify, report, approve, feedback) with the API tests' short English texts averaged, after one uncounted warm-up; the target is judged on these`,
    `largest items per million references: ${largest.map((i) => `${i.label} $${million(i.usd)}`).join('; ')}`,
    `reference item at the end of its life: ${Math.round(meanItemBytes)} B in the table; the indexes' copies: ${Object.entries(
      copies[0] ?? {},
    )
      .filter(([name]) => name !== 'table')
      .map(([name, bytes]) => `${name} ${bytes} B`)
      .join(', ')}`,
    ...(hindi
      ? [
          `Hindi texts: ${hindiItems.length} lifecycles with a ${HINDI.description(0).length}-character description, a ${HINDI.findings.length + HINDI.actionTaken.length}-character report and a ${HINDI.remark.length}-character remark; the reference item ends at ${Math.round(meanHindiBytes)} B; largest items: ${hindi.items
            .slice(0, 5)
            .map((i) => `${i.label} $${million(i.usd)}`)
            .join('; ')}`,
        ]
      : []),
    'index write units are added by the bench from the item before and after each write (AWS charges them, dynalite does not report them); durations are handler time on this machine, billed per started ms',
    "SQS consumption modelled as one ReceiveMessage and one DeleteMessage per message (batches of one at a state's pace); idle long-polling of the event source mappings is a fixed ~USD 0.1 a month, not per reference",
  );
  return {
    name: 'cost',
    title: 'AWS cost per million references (ap-south-1 list prices)',
    seconds: round((performance.now() - started) / 1000, 1),
    rows,
    checks,
    notes,
    data: {
      prices,
      lifecycles: options.lifecycles,
      perMillionUsd: million(perReference.total),
      floorPerMillionUsd: million(floorUsd),
      hindi: hindi
        ? {
            lifecycles: hindiItems.length,
            perMillionUsd: million(hindi.total),
            floorPerMillionUsd: million(hindiFloorUsd),
            meanFinalItemBytes: Math.round(meanHindiBytes),
            items: hindi.items.map((i) => ({ label: i.label, usdPerMillion: million(i.usd) })),
          }
        : undefined,
      items: perReference.items.map((i) => ({ label: i.label, usdPerMillion: million(i.usd) })),
      perFunction,
      dynamodbCallsPerReference: callsPerReference,
      meanFinalItemBytes: Math.round(meanItemBytes),
      storedCopies: indexCopies(finalItems[0]),
      usagePerReference: Object.fromEntries(
        (Object.keys(usage) as (keyof Usage)[]).map((k) => [
          k,
          Object.fromEntries([...usage[k]].map(([l, v]) => [l, round(v, 4)])),
        ]),
      ),
    },
  };
}

/** Bytes of the reference and of each index's copy of it, at the end of its life. */
function indexCopies(item: Item | undefined): Record<string, number> {
  if (!item) return {};
  const table = platform.tables.main!;
  const copies: Record<string, number> = { table: itemBytes(item) };
  for (const index of table.globalIndexes) {
    const copy = projection(table, index, item);
    if (copy) copies[index.name] = itemBytes(copy);
  }
  return copies;
}
