import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_BIND_ADDRESS } from './loopback.ts';

export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(
    readonly port: number,
    readonly what: string,
    readonly variable: string,
  ) {
    super(
      `Port ${port} for ${what} is already in use. Stop what holds it, or set ${variable} to another port.`,
    );
  }
}

/** Listens on `host` (loopback by default) and resolves the bound port; a port in use becomes a readable error. */
export function listen(
  server: Server,
  port: number,
  what: string,
  variable: string,
  host: string = DEFAULT_BIND_ADDRESS,
): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, what, variable) : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((done) => {
    server.closeAllConnections?.();
    server.close(() => done());
  });
}

/** For servers started by libraries that swallow listen errors: fail early and clearly instead. */
export async function assertPortFree(
  port: number,
  what: string,
  variable: string,
  host: string = DEFAULT_BIND_ADDRESS,
): Promise<void> {
  if (port === 0) return;
  const { createServer } = await import('node:http');
  const probe = createServer();
  await listen(probe, port, what, variable, host);
  await close(probe);
}
