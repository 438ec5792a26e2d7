import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { VigieError } from '@vigie/core/errors';
import type { Hono } from 'hono';

export interface StartServerOptions {
  app: Hono;
  /** Default 127.0.0.1: only this machine, until you choose otherwise. */
  host?: string;
  /** Default 7700; 0 picks a free port (see `url`). */
  port?: number;
}

export interface RunningServer extends AsyncDisposable {
  /** The bound address, e.g. `http://127.0.0.1:7700`. */
  readonly url: string;
  /**
   * Stops accepting connections and waits for the requests in flight, up to `graceMs`
   * (default 10 s), after which the remaining connections are cut.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** Listens with Node's HTTP server; resolves once bound, or fails with the reason in one line. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 7700;
  const server = createAdaptorServer({ fetch: options.app.fetch, hostname: host }) as Server;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? 'the address is already in use (another server? choose another --port)'
          : error.code === 'EACCES'
            ? 'permission denied (ports below 1024 need privileges)'
            : error.message;
      reject(
        new VigieError('INVALID_ARGUMENT', `cannot listen on ${host}:${port}: ${why}`, { cause: error }),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  const close = (o: { graceMs?: number } = {}) =>
    (closing ??= new Promise<void>((resolve) => {
      const deadline = setTimeout(() => server.closeAllConnections(), o.graceMs ?? 10_000);
      // A keep-alive connection turns idle once its request is answered; close it then, not
      // when the client's keep-alive timer ends.
      const sweep = setInterval(() => server.closeIdleConnections(), 25);
      server.close(() => {
        clearTimeout(deadline);
        clearInterval(sweep);
        resolve();
      });
      server.closeIdleConnections();
    }));
  return {
    url: `http://${shown}:${address.port}`,
    close,
    [Symbol.asyncDispose]: () => close(),
  };
}
