import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bundleFunction } from '../../bundling.ts';
import type { FunctionDefinition } from '../../platform/types.ts';

export class InvocationError extends Error {
  override name = 'InvocationError';
  constructor(
    readonly functionName: string,
    readonly errorType: string,
    message: string,
  ) {
    super(`${functionName}: ${errorType}: ${message}`);
  }
}

export interface LambdaServiceOptions {
  root: string;
  functions: Record<string, FunctionDefinition>;
  /** Each function's own environment, as its Lambda configuration would hold it. */
  environment: (name: string) => Record<string, string>;
  /** Warm sandboxes kept per function; more concurrent calls wait, as with reserved concurrency. */
  maxConcurrency: number;
  maxPayloadBytes: number;
  onLog: (functionName: string, line: string) => void;
}

/**
 * An injected failure (tests only; off unless a test asks): 'before' fails the invocation without
 * running the handler, as a sandbox that dies at start; 'after' runs the handler, keeps its effects
 * and then fails, as a function that crashes or times out just before returning.
 */
export interface InjectedFailure {
  times?: number;
  phase?: 'before' | 'after';
}

interface Sandbox {
  worker: Worker;
  busy: boolean;
}

const WORKER_URL = new URL('../lambda-worker.mjs', import.meta.url);

/**
 * The local Lambda service: bundles every function with infra/bundling.ts, the very function the CDK
 * stack deploys and the cold-start benchmark measures (minified ESM, one folder per function with
 * its index.mjs and chunks), then invokes each in its own worker threads with a fresh request id,
 * the declared timeout and the 6 MB payload cap.
 */
export class LambdaService {
  private buildDir = '';
  private readonly sandboxes = new Map<string, Sandbox[]>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private stopped = false;
  private readonly failures = new Map<string, { remaining: number; phase: 'before' | 'after' }>();

  constructor(private readonly options: LambdaServiceOptions) {}

  async start(): Promise<void> {
    this.buildDir = await mkdtemp(join(tmpdir(), 'nivaran-lambda-'));
    await Promise.all(
      Object.entries(this.options.functions).map(([name, def]) =>
        bundleFunction(resolve(this.options.root, def.entry), join(this.buildDir, name)),
      ),
    );
  }

  /** Makes the next `times` (default 1) invocations of a function fail; see InjectedFailure. */
  failNext(functionName: string, failure: InjectedFailure = {}): void {
    if (!this.options.functions[functionName]) throw new Error(`No function named '${functionName}'`);
    this.failures.set(functionName, { remaining: failure.times ?? 1, phase: failure.phase ?? 'before' });
  }

  async invoke(functionName: string, event: unknown): Promise<unknown> {
    const failure = this.failures.get(functionName);
    if (!failure) return this.run(functionName, event);
    if (--failure.remaining <= 0) this.failures.delete(functionName);
    const injected = () =>
      new InvocationError(
        functionName,
        'Runtime.InjectedFailure',
        `failure injected ${failure.phase} the handler`,
      );
    if (failure.phase === 'before') throw injected();
    await this.run(functionName, event);
    throw injected();
  }

  private async run(functionName: string, event: unknown): Promise<unknown> {
    const def = this.options.functions[functionName];
    if (!def) throw new InvocationError(functionName, 'ResourceNotFoundException', 'no such function');
    const payload = JSON.stringify(event);
    if (Buffer.byteLength(payload) > this.options.maxPayloadBytes) {
      throw new InvocationError(functionName, 'RequestTooLargeException', 'request payload exceeds 6 MB');
    }
    const sandbox = await this.acquire(functionName);
    const requestId = randomUUID();
    const deadlineMs = Date.now() + def.timeoutSeconds * 1000;
    try {
      return await new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => {
          // Lambda ends the sandbox on a timeout; the next call starts cold.
          this.discard(functionName, sandbox);
          reject(
            new InvocationError(
              functionName,
              'Sandbox.Timedout',
              `Task timed out after ${def.timeoutSeconds} seconds`,
            ),
          );
        }, def.timeoutSeconds * 1000);
        const onError = (error: Error) => {
          clearTimeout(timer);
          this.discard(functionName, sandbox);
          reject(new InvocationError(functionName, 'Runtime.ExitError', error.message));
        };
        sandbox.worker.once('error', onError);
        sandbox.worker.once(
          'message',
          (message: {
            ok: boolean;
            result?: string;
            error?: { errorType: string; errorMessage: string };
          }) => {
            clearTimeout(timer);
            sandbox.worker.off('error', onError);
            if (message.ok) resolvePromise(JSON.parse(message.result ?? 'null'));
            else
              reject(
                new InvocationError(functionName, message.error!.errorType, message.error!.errorMessage),
              );
          },
        );
        sandbox.worker.postMessage({
          event: payload,
          context: {
            awsRequestId: requestId,
            functionName: `nivaran-${functionName}`,
            functionVersion: '$LATEST',
            invokedFunctionArn: `arn:aws:lambda:ap-south-1:000000000000:function:nivaran-${functionName}`,
            memoryLimitInMB: String(def.memoryMb),
            logGroupName: `/aws/lambda/nivaran-${functionName}`,
            logStreamName: 'local',
            deadlineMs,
          },
        });
      });
    } finally {
      this.release(functionName, sandbox);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.sandboxes.values()].flat();
    this.sandboxes.clear();
    await Promise.all(all.map((s) => s.worker.terminate()));
    if (this.buildDir) await rm(this.buildDir, { recursive: true, force: true });
  }

  private async acquire(functionName: string): Promise<Sandbox> {
    for (;;) {
      if (this.stopped)
        throw new InvocationError(functionName, 'ServiceStopped', 'the local cloud is stopping');
      const pool = this.sandboxes.get(functionName) ?? [];
      this.sandboxes.set(functionName, pool);
      const idle = pool.find((s) => !s.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (pool.length < this.options.maxConcurrency) {
        const sandbox = { worker: this.spawn(functionName), busy: true };
        pool.push(sandbox);
        try {
          await new Promise<void>((ready, fail) => {
            sandbox.worker.once('message', () => ready());
            sandbox.worker.once('error', fail);
          });
        } catch (error) {
          this.discard(functionName, sandbox);
          throw new InvocationError(functionName, 'Runtime.ImportModuleError', (error as Error).message);
        }
        return sandbox;
      }
      await new Promise<void>((wake) => {
        const queue = this.waiting.get(functionName) ?? [];
        queue.push(wake);
        this.waiting.set(functionName, queue);
      });
    }
  }

  private release(functionName: string, sandbox: Sandbox): void {
    sandbox.busy = false;
    this.waiting.get(functionName)?.shift()?.();
  }

  private discard(functionName: string, sandbox: Sandbox): void {
    const pool = this.sandboxes.get(functionName) ?? [];
    this.sandboxes.set(
      functionName,
      pool.filter((s) => s !== sandbox),
    );
    void sandbox.worker.terminate();
  }

  private spawn(functionName: string): Worker {
    const worker = new Worker(WORKER_URL, {
      workerData: {
        functionName,
        bundleUrl: pathToFileURL(join(this.buildDir, functionName, 'index.mjs')).href,
      },
      env: this.options.environment(functionName),
      stdout: true,
      stderr: true,
    });
    for (const stream of [worker.stdout, worker.stderr]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        pending += chunk;
        let newline = pending.indexOf('\n');
        while (newline >= 0) {
          this.options.onLog(functionName, pending.slice(0, newline));
          pending = pending.slice(newline + 1);
          newline = pending.indexOf('\n');
        }
      });
    }
    return worker;
  }
}
