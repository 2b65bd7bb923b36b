import http from 'node:http';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { REGION } from '../infra/local/cloud.ts';
import { DEMO_OFFICERS } from '../infra/local/seed/officers.ts';
import { platform } from '../infra/platform.ts';
import { CREDENTIALS, startBenchCloud } from './lib/cloud.ts';
import { complaintSource, postJson } from './lib/complaints.ts';
import { AcceptanceTap } from './lib/proxies.ts';
import type { BenchResult, Check, Row } from './lib/report.ts';
import { percentile, round, sleep } from './lib/stats.ts';

/**
 * Benchmark 6, end to end: from a complaint's 201 (POST /v1/complaints) to the assigned station's
 * SMS and mail being sent, with the queue consumers attached as in AWS: the routing queue's poller
 * invokes the router, which queues the acknowledgement and the station's notice as one message; the
 * notifications queue's poller invokes the notifier, which sends the complainant's SMS, then the
 * station's SMS, then the station's mail. Closed loop: each client files a complaint, waits for its
 * 201 and then for both of its station's sends, and files the next, for a fixed time.
 *
 * A send is timed where it lands: the functions' SMS and SES endpoints point at a pass-through
 * (bench/lib/proxies.ts, AcceptanceTap) that notes performance.now() when the local provider has
 * accepted the call, on the same clock as the 201. Each send is matched to its reference by the
 * number in its text (the SMS names it whole, the mail's subject grouped 4-4-3) and to the station
 * by its recipient (the SHO post's demo mobile and address).
 *
 * The floor, at the same concurrency and for the same time, on the same fauxqs engine: one SQS hop.
 * Each client sends a message and waits until a consumer shaped like the event source mapping (one
 * long-poll loop, up to 10 messages a receive, a batch delete after each) has received it. The
 * product's path holds two such hops (routing, notifications) plus the two functions, so the figures
 * are set against twice the hop's percentile.
 */

export interface EndToEndOptions {
  levels: number[];
  seconds: number;
  warmupSeconds: number;
  /** Warm sandboxes per function in the local runner. */
  maxConcurrency: number;
  /** A complaint whose station sends do not land within this time counts as an error. */
  timeoutSeconds: number;
}

/** The target, argued in BENCHMARKS.md (section 6). */
const P99_TARGET = 10;

const STATION = 'chandauli-sakaldiha';
const SHO = DEMO_OFFICERS.find((o) => o.role === 'station-officer' && o.stationCodes.includes(STATION));

interface Sends {
  sms?: number;
  mail?: number;
}

interface Run {
  ok: number;
  errors: Record<string, number>;
  /** Per complaint, from its 201: the station's SMS accepted, its mail accepted, and the later. */
  sms: number[];
  mail: number[];
  both: number[];
  /** The process's CPU time in the counted time (ms, all threads). */
  cpuMs?: number;
  /** Per complaint, from its 201 to the router's 'routed' log line reaching the bench (breakdown). */
  routed: number[];
  seconds: number;
}

// Named station of a known district: the router assigns it, the notifier tells its SHO.
const complaint = complaintSource({
  mobileBase: 200_000_000,
  address: 'Ward 4, Sakaldiha, Chandauli',
  tag: 'e2e',
  stationCode: STATION,
});
const post = postJson;

/**
 * Where the station's sends are awaited, by reference number. Sends that land before their
 * reference is registered (not expected: the 201 is on its way long before) are kept until it is.
 */
class SendBoard {
  private readonly waiting = new Map<string, { sends: Sends; done: (sends: Sends) => void }>();
  private readonly early = new Map<string, Sends>();
  /** Station sends seen, by channel, and sends the bench could not match (kept for the notes). */
  readonly seen = { sms: 0, mail: 0, unmatched: 0 };

  landed(referenceNo: string | undefined, channel: keyof Sends, at: number): void {
    if (!referenceNo) {
      this.seen.unmatched++;
      return;
    }
    this.seen[channel]++;
    const entry = this.waiting.get(referenceNo);
    const sends = entry?.sends ?? this.early.get(referenceNo) ?? {};
    sends[channel] ??= at;
    if (!entry) {
      this.early.set(referenceNo, sends);
      return;
    }
    if (sends.sms !== undefined && sends.mail !== undefined) {
      this.waiting.delete(referenceNo);
      entry.done(sends);
    }
  }

  /** Resolves with both sends' times, or rejects after `timeoutMs`. */
  wait(referenceNo: string, timeoutMs: number): Promise<Sends> {
    const sends = this.early.get(referenceNo) ?? {};
    this.early.delete(referenceNo);
    if (sends.sms !== undefined && sends.mail !== undefined) return Promise.resolve(sends);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(referenceNo);
        reject(Object.assign(new Error(`no station sends for ${referenceNo}`), { name: 'Timeout' }));
      }, timeoutMs);
      this.waiting.set(referenceNo, {
        sends,
        done: (s) => {
          clearTimeout(timer);
          resolve(s);
        },
      });
    });
  }
}

/** The station's SMS: to the SHO's mobile, naming the reference whole (11 digits). */
function smsReference(body: Buffer): string | undefined {
  const input = JSON.parse(body.toString('utf8')) as {
    DestinationPhoneNumber?: string;
    MessageBody?: string;
  };
  if (input.DestinationPhoneNumber !== SHO?.mobile) return undefined;
  return /(?<!\d)\d{11}(?!\d)/.exec(input.MessageBody ?? '')?.[0];
}

/** The station's mail: to the SHO's address, the reference grouped 4-4-3 in the subject. */
function mailReference(body: Buffer): string | undefined {
  const input = JSON.parse(body.toString('utf8')) as {
    Destination?: { ToAddresses?: string[] };
    Content?: { Simple?: { Subject?: { Data?: string } } };
  };
  if (!SHO?.email || !input.Destination?.ToAddresses?.includes(SHO.email)) return undefined;
  const grouped = /(?<!\d)(\d{4}) (\d{4}) (\d{3})(?!\d)/.exec(input.Content?.Simple?.Subject?.Data ?? '');
  return grouped ? `${grouped[1]}${grouped[2]}${grouped[3]}` : undefined;
}

/** One queue, one consumer loop shaped like the event source mapping: the floor's single hop. */
class SqsHop {
  private readonly waiting = new Map<string, (at: number) => void>();
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private next = 0;

  private constructor(
    private readonly senders: SQSClient,
    private readonly consumer: SQSClient,
    private readonly url: string,
  ) {}

  static async create(endpoint: string, maxSockets: number): Promise<SqsHop> {
    const client = (sockets: number) =>
      new SQSClient({
        endpoint,
        region: REGION,
        credentials: CREDENTIALS,
        useQueueUrlAsEndpoint: false,
        maxAttempts: 1,
        requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: sockets }) },
      });
    const senders = client(maxSockets);
    const { QueueUrl } = await senders.send(
      // The routing and notifications queues' visibility timeout; no redrive needed here.
      new CreateQueueCommand({ QueueName: 'nivaran-bench-hop', Attributes: { VisibilityTimeout: '60' } }),
    );
    const hop = new SqsHop(senders, client(4), QueueUrl!);
    hop.loop = hop.consume();
    return hop;
  }

  /** Sends one message and resolves with the time from the send to its receipt. */
  async once(): Promise<number> {
    const id = String(this.next++);
    const t0 = performance.now();
    const received = new Promise<number>((resolve) => this.waiting.set(id, resolve));
    await this.senders.send(new SendMessageCommand({ QueueUrl: this.url, MessageBody: id }));
    return (await received) - t0;
  }

  private async consume(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        // As infra/local/services/pollers.ts receives: up to 10, long-polling a second at most.
        const { Messages = [] } = await this.consumer.send(
          new ReceiveMessageCommand({ QueueUrl: this.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
          { abortSignal: this.abort.signal },
        );
        if (Messages.length === 0) continue;
        const at = performance.now();
        for (const message of Messages) {
          const resolve = this.waiting.get(message.Body ?? '');
          this.waiting.delete(message.Body ?? '');
          resolve?.(at);
        }
        await this.consumer.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.url,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
      } catch {
        // A failed receive or delete: try again, as the event source mapping does; an undeleted
        // message comes back only after its visibility timeout, so its sender times out instead.
        if (this.abort.signal.aborted) return;
        await sleep(100);
      }
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop?.catch(() => undefined);
    this.senders.destroy();
    this.consumer.destroy();
  }
}

/**
 * `clients` loops, each doing `call` back to back for `warmupSeconds + seconds`, without a pause
 * between the two: at 64 clients a call lasts seconds, and a loop started afresh would open with
 * 64 complaints at once instead of the steady state. Only calls started after the warm-up are
 * counted (`call` gets `counted` and records its own figures; errors are tallied here).
 */
async function closedLoop(
  clients: number,
  warmupSeconds: number,
  seconds: number,
  call: (counted: boolean) => Promise<void>,
) {
  const errors: Record<string, number> = {};
  const from = performance.now() + warmupSeconds * 1000;
  const until = from + seconds * 1000;
  // The process's CPU time (all threads: the load generator, the engines, the API, the pollers and
  // the functions' workers) in the counted time; unlike wall-clock figures, other work on the
  // machine does not inflate it.
  let cpu = process.cpuUsage();
  const mark = setTimeout(() => {
    cpu = process.cpuUsage();
  }, warmupSeconds * 1000);
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let now = performance.now(); now < until; now = performance.now()) {
        const counted = now >= from;
        try {
          await call(counted);
        } catch (e) {
          const name = (e as Error).name || 'Error';
          if (counted) errors[name] = (errors[name] ?? 0) + 1;
        }
      }
    }),
  );
  clearTimeout(mark);
  const used = process.cpuUsage(cpu);
  return { errors, seconds: (until - from) / 1000, cpuMs: (used.user + used.system) / 1000 };
}

const ms = (values: readonly number[], q: number) => round(percentile(values, q), 2);

export async function runEndToEnd(options: EndToEndOptions): Promise<BenchResult> {
  const started = performance.now();
  if (!SHO?.mobile || !SHO.email) throw new Error(`No SHO with mobile and email for ${STATION}`);
  const board = new SendBoard();
  const smsTap = new AcceptanceTap();
  const mailTap = new AcceptanceTap();
  smsTap.onAccepted = (body, at) => board.landed(smsReference(body), 'sms', at);
  mailTap.onAccepted = (body, at) => board.landed(mailReference(body), 'mail', at);
  await Promise.all([smsTap.start(), mailTap.start()]);
  // The router logs 'routed' once it has queued the bundle: where hop 1 and the router end.
  const routedAt = new Map<string, number>();
  const onLine = (source: string, line: string) => {
    if (source !== 'router' || !line.includes('"routed"')) return;
    const at = performance.now();
    const { message, referenceNo } = JSON.parse(line) as { message?: string; referenceNo?: string };
    if (message === 'routed' && referenceNo) routedAt.set(referenceNo, at);
  };
  const stopTaps = () => Promise.all([smsTap.stop(), mailTap.stop()]);
  const bench = await startBenchCloud({
    onLine,
    maxConcurrency: options.maxConcurrency,
    // The product's platform with its consumers attached; only the two providers' endpoints differ.
    platform,
    environment: {
      AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: smsTap.url,
      AWS_ENDPOINT_URL_SESV2: mailTap.url,
    },
  }).catch(async (error: unknown) => {
    await stopTaps();
    throw error;
  });
  const { cloud } = bench;
  smsTap.upstream = new URL(cloud.sms.endpoint);
  mailTap.upstream = new URL(cloud.mailUrl);
  const api = new URL(cloud.apiUrl);
  const maxClients = Math.max(...options.levels);
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxClients });
  const hop = await SqsHop.create(cloud.sqsEndpoint, maxClients);
  const rows: Row[] = [];
  const checks: Check[] = [];
  const notes: string[] = [];
  const data: Record<string, unknown> = { station: STATION, levels: {} as Record<string, unknown> };
  const timeoutMs = options.timeoutSeconds * 1000;

  const fileAndWait = (run: Run) => async (counted: boolean) => {
    const next = complaint();
    const response = await post(agent, api, next.body, next.key);
    const t0 = performance.now();
    if (response.status !== 201) throw Object.assign(new Error(), { name: `HTTP ${response.status}` });
    const { referenceNo } = JSON.parse(response.text) as { referenceNo: string };
    const sends = await board.wait(referenceNo, timeoutMs);
    const sms = sends.sms! - t0;
    const mail = sends.mail! - t0;
    const routed = routedAt.get(referenceNo);
    routedAt.delete(referenceNo);
    if (!counted) return;
    run.ok++;
    run.sms.push(sms);
    run.mail.push(mail);
    run.both.push(Math.max(sms, mail));
    if (routed !== undefined) run.routed.push(routed - t0);
  };
  const measure = async (clients: number): Promise<Run> => {
    const run: Run = { ok: 0, errors: {}, sms: [], mail: [], both: [], routed: [], seconds: 0 };
    const loop = await closedLoop(clients, options.warmupSeconds, options.seconds, fileAndWait(run));
    return { ...run, errors: loop.errors, seconds: loop.seconds, cpuMs: loop.cpuMs };
  };
  const measureHop = async (clients: number) => {
    const latencies: number[] = [];
    const loop = await closedLoop(clients, options.warmupSeconds, options.seconds, async (counted) => {
      const latency = await hop.once();
      if (counted) latencies.push(latency);
    });
    return { latencies, ...loop };
  };

  try {
    // One complaint first: the functions warm, and a clear failure if the sends are not seen.
    try {
      await fileAndWait({ ok: 0, errors: {}, sms: [], mail: [], both: [], routed: [], seconds: 0 })(false);
    } catch (error) {
      throw new Error(
        `the first complaint's station sends were not seen: ${(error as Error).message}\n${bench.recentLogs().join('\n')}`,
      );
    }

    for (const clients of options.levels) {
      const floor = await measureHop(clients);
      const run = await measure(clients);
      const hopP50 = ms(floor.latencies, 0.5);
      const hopP99 = ms(floor.latencies, 0.99);
      const figures = {
        complaints: run.ok,
        perSecond: round(run.ok / run.seconds, 1),
        errors: run.errors,
        seconds: round(run.seconds, 2),
        sms: { p50: ms(run.sms, 0.5), p99: ms(run.sms, 0.99) },
        mail: { p50: ms(run.mail, 0.5), p99: ms(run.mail, 0.99) },
        both: { p50: ms(run.both, 0.5), p99: ms(run.both, 0.99) },
        // Approximate (a log line's trip from the worker): 201 -> routed is hop 1's rest and the
        // router; routed -> station SMS is hop 2 and the notifier up to the station's SMS.
        routed: { p50: ms(run.routed, 0.5), p99: ms(run.routed, 0.99), seen: run.routed.length },
        mailAfterSms: run.sms.filter((s, i) => run.mail[i]! >= s).length,
        // The CPU from the warm-up's end until the last counted complaint is through, over the
        // counted complaints: the warm-up's stragglers and the counted ones' tails roughly cancel.
        cpuMsPerComplaint: round((run.cpuMs ?? Number.NaN) / run.ok, 2),
        hop: {
          messages: floor.latencies.length,
          perSecond: round(floor.latencies.length / floor.seconds, 1),
          errors: floor.errors,
          p50: hopP50,
          p99: hopP99,
          cpuMsPerHop: round(floor.cpuMs / floor.latencies.length, 3),
        },
      };
      (data.levels as Record<string, unknown>)[clients] = figures;
      const label = `${clients} client${clients === 1 ? '' : 's'}`;
      const twoHops = (q: 'p50' | 'p99', value: number) => `2 x SQS hop ${q}, ${round(value, 1)} ms each`;
      rows.push(
        {
          figure: `${label}: p50 201 -> station SMS and mail sent`,
          value: figures.both.p50,
          unit: 'ms',
          floor: 2 * hopP50,
          floorLabel: twoHops('p50', hopP50),
        },
        {
          figure: `${label}: p99 201 -> station SMS and mail sent`,
          value: figures.both.p99,
          unit: 'ms',
          floor: 2 * hopP99,
          floorLabel: twoHops('p99', hopP99),
        },
        {
          figure: `${label}: p50 201 -> station SMS sent`,
          value: figures.sms.p50,
          unit: 'ms',
          floor: 2 * hopP50,
          floorLabel: twoHops('p50', hopP50),
        },
        {
          figure: `${label}: p99 201 -> station SMS sent`,
          value: figures.sms.p99,
          unit: 'ms',
          floor: 2 * hopP99,
          floorLabel: twoHops('p99', hopP99),
        },
      );
      const ratio = figures.both.p99 / (2 * hopP99);
      checks.push({
        target: `${label}: p99 201 -> station SMS and mail <= ${P99_TARGET}x two SQS hops' p99`,
        pass: ratio <= P99_TARGET,
        actual: `${ratio.toFixed(2)}x (${figures.both.p99} ms against 2 x ${hopP99} ms)`,
      });
      const errors = Object.entries(run.errors);
      if (errors.length > 0)
        notes.push(`${label}: errors ${errors.map(([k, v]) => `${k} x${v}`).join(', ')}`);
      notes.push(
        `${label}: median 201 -> router's 'routed' log line ${figures.routed.p50} ms, then to the station's SMS ${round(figures.sms.p50 - figures.routed.p50, 2)} ms, its mail ${round(figures.mail.p50 - figures.sms.p50, 2)} ms later (differences of medians)`,
        `${label}: ${run.ok} complaints filed in the ${figures.seconds}s counted and told to the station (${figures.perSecond}/s), the mail after the SMS for ${figures.mailAfterSms}; floor ${floor.latencies.length} single hops (${figures.hop.perSecond}/s); CPU (all threads) ${figures.cpuMsPerComplaint} ms a complaint, ${figures.hop.cpuMsPerHop} ms a hop`,
      );
    }
    const outbox = cloud.sms.messages().filter((m) => m.destination === SHO.mobile).length;
    data.sends = { ...board.seen, stationSmsInOutbox: outbox };
    notes.push(
      `the tap saw ${board.seen.sms} station SMS and ${board.seen.mail} station mails (${board.seen.unmatched} other sends, the complainants' acknowledgements); the SMS outbox holds ${outbox} to the SHO`,
      'figures run from the 201 to the moment the local provider accepted the send (a pass-through in front of it), the "SMS and mail" figure to the later of the two: the notifier sends the SMS, then the mail',
      'the first hop starts before the 201 (intake queues the routing message, then answers), so less than two whole hops lie inside the figure; the floor counts two',
    );
  } finally {
    agent.destroy();
    await hop.stop();
    await bench.stop();
    await stopTaps();
  }
  const seconds = round((performance.now() - started) / 1000, 1);
  return {
    name: 'endToEnd',
    title: "From a complaint's 201 to its station's SMS and mail",
    seconds,
    rows,
    checks,
    notes,
    data,
  };
}
