// Listening and graceful shutdown, shared by every door (HTTP over TLS, EPP over TLS, XCP over TCP): resolve with
// the bound port once listening (port 0 picks a free one), reject if the port cannot be had, and on close stop
// accepting, let the door finish its connections, and destroy stragglers after a grace period.
import type net from 'node:net';

export interface GracefulOptions {
  port: number;
  host?: string;
  /** For log lines: "EPP TLS server" etc. */
  name: string;
  /** Every raw socket the server accepted, for destroying stragglers. */
  sockets: Set<net.Socket>;
  graceMs: number;
  /** Called once when close starts: mark the door as shutting down and ask live connections to finish. */
  onShutdown: () => void;
}

export function listenGracefully(server: net.Server, opts: GracefulOptions): Promise<{ port: number; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const onListenError = (err: Error) => reject(err);
    server.once('error', onListenError);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      server.off('error', onListenError);
      server.on('error', (err) => console.error(`regd: ${opts.name} error:`, err));
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : opts.port;
      let closing: Promise<void> | undefined;
      const close = (): Promise<void> => {
        closing ??= new Promise<void>((done) => {
          const stragglers = setTimeout(() => {
            for (const s of opts.sockets) s.destroy();
          }, opts.graceMs);
          stragglers.unref();
          // server.close's callback runs once the last connection has closed.
          server.close(() => {
            clearTimeout(stragglers);
            done();
          });
          opts.onShutdown();
        });
        return closing;
      };
      resolve({ port, close });
    });
  });
}
