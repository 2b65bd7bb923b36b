import { existsSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';

/**
 * Every engine of the local twin listens on loopback only: fauxqs would otherwise serve the
 * attachments and exports buckets, unsigned, to anyone on the network.
 */
let product: ProductCloud;

beforeAll(async () => {
  product = await startProductCloud();
});

afterAll(async () => {
  await product?.stop();
});

interface Listener {
  address: string;
  port: number;
}

/** Parses /proc/net/tcp or tcp6 into listening sockets by inode. */
async function listeningSockets(file: string): Promise<Map<string, Listener>> {
  const sockets = new Map<string, Listener>();
  if (!existsSync(file)) return sockets;
  const lines = (await readFile(file, 'utf8')).trim().split('\n').slice(1);
  for (const line of lines) {
    // sl, local_address, rem_address, st, tx:rx, tr:when, retrnsmt, uid, timeout, inode, ...
    const fields = line.trim().split(/\s+/);
    const local = fields[1]!;
    const inode = fields[9]!;
    if (fields[3] !== '0A') continue; // LISTEN
    const [hexAddress, hexPort] = local.split(':') as [string, string];
    sockets.set(inode, { address: decodeAddress(hexAddress), port: Number.parseInt(hexPort, 16) });
  }
  return sockets;
}

/** /proc/net addresses are little-endian 32-bit words. */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((word) => word.match(/../g)!.reverse().join(''));
  if (words.length === 1)
    return words[0]!
      .match(/../g)!
      .map((b) => Number.parseInt(b, 16))
      .join('.');
  const full = words.join('');
  if (full.startsWith('00000000000000000000FFFF'))
    return `::ffff:${full
      .slice(24)
      .match(/../g)!
      .map((b) => Number.parseInt(b, 16))
      .join('.')}`;
  return full.match(/.{4}/g)!.join(':');
}

const isLoopback = (address: string) =>
  address.startsWith('127.') ||
  address.startsWith('::ffff:127.') ||
  address === '0000:0000:0000:0000:0000:0000:0000:0001';

/** This process and every process it started (a JVM for DynamoDB Local, for one). */
async function processTree(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents)
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
  }
  return [...tree];
}

async function socketInodes(pid: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  try {
    for (const fd of await readdir(`/proc/${pid}/fd`)) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match) inodes.add(match[1]!);
    }
  } catch {
    // The process ended while we looked.
  }
  return inodes;
}

describe('the local twin on the network', () => {
  it.runIf(existsSync('/proc/net/tcp'))(
    'has no listening socket outside loopback in this process or its children',
    async () => {
      const sockets = new Map([
        ...(await listeningSockets('/proc/net/tcp')),
        ...(await listeningSockets('/proc/net/tcp6')),
      ]);
      const mine: Listener[] = [];
      for (const pid of await processTree(process.pid))
        for (const inode of await socketInodes(pid)) {
          const socket = sockets.get(inode);
          if (socket) mine.push(socket);
        }
      const ports = [
        product.cloud.apiUrl,
        product.cloud.sqsEndpoint,
        product.cloud.mailUrl,
        product.cloud.smsUrl,
      ].map((url) => Number(new URL(url).port));
      // The engines this test knows of are among what it found, so the search itself works.
      for (const port of ports) expect(mine.map((s) => s.port)).toContain(port);
      expect(mine.filter((s) => !isLoopback(s.address))).toEqual([]);
    },
  );

  it('refuses connections on the machine’s other addresses', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && i.family === 'IPv4')
      .map((i) => i!.address);
    const ports = [
      product.cloud.apiUrl,
      product.cloud.sqsEndpoint,
      product.cloud.mailUrl,
      product.cloud.smsUrl,
      product.cloud.dynamodbEndpoint,
    ].map((url) => Number(new URL(url).port));
    for (const address of external)
      for (const port of ports) {
        const outcome = await new Promise<string>((done) => {
          const socket = connect({ host: address, port, timeout: 2000 });
          socket.once('connect', () => {
            socket.destroy();
            done('connected');
          });
          socket.once('timeout', () => {
            socket.destroy();
            done('timeout');
          });
          socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'error'));
        });
        expect(outcome, `${address}:${port}`).not.toBe('connected');
      }
  });
});
