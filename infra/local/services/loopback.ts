import { Server } from 'node:net';

/** The address every local service listens on unless BIND_ADDRESS says otherwise. */
export const DEFAULT_BIND_ADDRESS = '127.0.0.1';

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '']);

/**
 * Runs `start` while any listener it opens on all interfaces is bound to `host` instead.
 *
 * Why: fauxqs's startFauxqs() (every version up to 2.4) calls listen on 0.0.0.0 with no option to
 * change it, and its S3 answers unsigned requests, so on a shared network anyone could list and
 * download attachments and exports. Its buildApp() takes a host, but then the SQLite persistence
 * and the queue helpers we use are not wired. This keeps the library's own start and narrows only
 * the address. Other listeners that ask for a specific address are left alone.
 */
export async function onHost<T>(host: string, start: () => Promise<T>): Promise<T> {
  const original = Server.prototype.listen;
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    const [first] = args;
    if (first && typeof first === 'object' && 'host' in first) {
      const options = first as { host?: string };
      if (ALL_INTERFACES.has(options.host ?? '')) args[0] = { ...options, host };
    } else if (typeof args[1] === 'string' && ALL_INTERFACES.has(args[1])) {
      args[1] = host;
    }
    return original.apply(this, args as Parameters<Server['listen']>);
  } as Server['listen'];
  try {
    return await start();
  } finally {
    Server.prototype.listen = original;
  }
}

/** The host part of a URL that reaches a listener bound to `host` from this machine. */
export function urlHost(host: string): string {
  if (ALL_INTERFACES.has(host)) return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
