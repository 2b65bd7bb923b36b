import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOUD_FILE, localApiUrl } from '../../infra/local/discovery.ts';

/**
 * Every tool finds a running `npm start` the same way: its PORT, else the file it writes in
 * DATA_DIR. Here `npm start`'s own entry runs as a child on a port other than 3000, and the tools
 * run as `npm run <tool>` runs them, from the repository root.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

let dataDir: string;
let port: number;
let start: ChildProcess | undefined;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port: chosen } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return chosen;
}

/** Runs a tool as `npm run` would, in a clean environment plus `env`; resolves its exit and output. */
function runTool(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((done) => {
    const child = spawn(TSX, [script, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
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

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'nivaran-tools-'));
  port = await freePort();
  const [mail, sms, sqs] = [await freePort(), await freePort(), await freePort()];
  start = spawn(TSX, ['infra/local/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      MAIL_PORT: String(mail),
      SMS_PORT: String(sms),
      SQS_PORT: String(sqs),
      DATA_DIR: dataDir,
      LOG_FUNCTIONS: 'false',
    },
  });
  let printed = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`npm start did not get ready:\n${printed}`)), 90_000);
    start!.stdout!.on('data', (chunk) => {
      printed += chunk;
      if (/^ready$/m.test(printed)) {
        clearTimeout(timer);
        ready();
      }
    });
    start!.stderr!.on('data', (chunk) => {
      printed += chunk;
    });
    start!.on('exit', (code) => fail(new Error(`npm start exited with ${code}:\n${printed}`)));
  });
}, 120_000);

afterAll(async () => {
  if (start && start.exitCode === null) {
    const exited = new Promise((done) => start!.once('exit', done));
    start.kill('SIGINT');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('tools and a running npm start on another port', () => {
  it('writes where it runs into DATA_DIR while it runs', async () => {
    const written = JSON.parse(await readFile(join(dataDir, CLOUD_FILE), 'utf8'));
    expect(written.apiUrl).toBe(`http://127.0.0.1:${port}`);
    // tsx runs main.ts in a child of the process started here; the file names that one, alive.
    expect(() => process.kill(written.pid, 0)).not.toThrow();
    expect(localApiUrl(undefined, { DATA_DIR: dataDir })).toEqual({
      apiUrl: `http://127.0.0.1:${port}`,
      source: join(dataDir, CLOUD_FILE),
    });
  });

  it('masterdata:load finds it through PORT', async () => {
    const result = await runTool(
      'infra/tools/load-masterdata.ts',
      ['stations', 'test/fixtures/masterdata/stations-good.csv', '--dry-run'],
      { PORT: String(port) },
    );
    expect(result.output).not.toContain('cannot reach');
    expect(result.code, result.output).toBe(0);
  });

  it('ranking finds it through the file in DATA_DIR', async () => {
    const result = await runTool('infra/tools/run-ranking.ts', ['2026-10'], { DATA_DIR: dataDir });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`http://127.0.0.1:${port}/v1/rankings/2026-10`);
  });

  it('demo finds it through PORT', async () => {
    const result = await runTool('infra/tools/demo.ts', ['--references', '300'], { PORT: String(port) });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`http://127.0.0.1:${port}`);
  }, 120_000);

  it('names PORT and DATA_DIR when nothing runs where it looks', async () => {
    const result = await runTool('infra/tools/run-ranking.ts', ['2026-10'], {
      PORT: String(await freePort()),
    });
    expect(result.code).toBe(2);
    expect(result.output).toContain('cannot reach the local cloud');
    expect(result.output).toContain('from PORT');
  });

  it('removes the file when it stops', async () => {
    const exited = new Promise((done) => start!.once('exit', done));
    start!.kill('SIGINT');
    await exited;
    expect(existsSync(join(dataDir, CLOUD_FILE))).toBe(false);
  }, 30_000);
});
