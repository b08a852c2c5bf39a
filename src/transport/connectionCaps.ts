// Open connections per remote address and in total, for one door (issue 14 finding 6). Every listener (HTTP over
// TLS, EPP over TLS, XCP over TCP) admits each raw TCP connection here as it is accepted, before any TLS handshake or
// protocol byte, and the count drops when the socket closes. A connection over a cap is refused with the door's own
// answer (HTTP 503, EPP 2502 instead of the greeting, XCP/TCP 310), then closed; it is not counted.
import type net from 'node:net';

export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 128;
export const DEFAULT_MAX_CONNECTIONS = 1024;
/** How long a refused connection may stay open to receive its refusal (a TLS door must finish the handshake first). */
export const REFUSAL_LINGER_MS = 2_000;
/** Refusals being delivered at once, per door; past it a refused connection is simply dropped, answer and all. */
const MAX_REFUSALS_IN_PROGRESS = 64;

export interface ConnectionCapsOptions {
  /** Open connections from one remote address. Default 128. */
  maxPerAddress?: number;
  /** Open connections in total. Default 1024. */
  maxTotal?: number;
}

export type Admission = { admitted: true } | { admitted: false; reason: 'address' | 'total'; message: string };

export function stripMappedV4(addr: string | undefined): string {
  if (!addr) return '';
  return addr.startsWith('::ffff:') && addr.includes('.') ? addr.slice(7) : addr;
}

export class ConnectionCaps {
  readonly maxPerAddress: number;
  readonly maxTotal: number;
  private readonly perAddress = new Map<string, number>();
  private total = 0;
  private refusing = 0;

  constructor(opts: ConnectionCapsOptions = {}) {
    this.maxPerAddress = opts.maxPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    this.maxTotal = opts.maxTotal ?? DEFAULT_MAX_CONNECTIONS;
  }

  /** Open connections now (for tests and logs). */
  get open(): number {
    return this.total;
  }

  /**
   * Counts the socket until it closes, or refuses it (counting nothing). A refused socket is destroyed after
   * REFUSAL_LINGER_MS whatever happens; past MAX_REFUSALS_IN_PROGRESS refusals it is destroyed at once, and
   * `undefined` tells the caller there is nothing left to answer.
   */
  admit(socket: net.Socket): Admission | undefined {
    const addr = stripMappedV4(socket.remoteAddress);
    const n = this.perAddress.get(addr) ?? 0;
    let refusal: Admission | undefined;
    if (n >= this.maxPerAddress) {
      refusal = { admitted: false, reason: 'address', message: `too many connections from ${addr} (limit ${this.maxPerAddress})` };
    } else if (this.total >= this.maxTotal) {
      refusal = { admitted: false, reason: 'total', message: `too many connections (limit ${this.maxTotal})` };
    }
    if (refusal) {
      if (this.refusing >= MAX_REFUSALS_IN_PROGRESS) {
        socket.destroy();
        return undefined;
      }
      this.refusing += 1;
      const timer = setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS);
      timer.unref();
      socket.once('close', () => {
        clearTimeout(timer);
        this.refusing -= 1;
      });
      return refusal;
    }
    this.perAddress.set(addr, n + 1);
    this.total += 1;
    socket.once('close', () => {
      this.total -= 1;
      const left = (this.perAddress.get(addr) ?? 1) - 1;
      if (left > 0) this.perAddress.set(addr, left);
      else this.perAddress.delete(addr);
    });
    return { admitted: true };
  }
}

/**
 * A TLS server's secure socket wraps the raw socket its 'connection' event admitted; the refusal can only be written
 * once the handshake is done. Node keeps the raw socket as `_parent` on a server-side TLSSocket.
 */
export function rawSocketOf(tlsSocket: net.Socket): net.Socket {
  return (tlsSocket as unknown as { _parent?: net.Socket })._parent ?? tlsSocket;
}

/** Ends a refused connection after writing its last bytes, discarding whatever the peer still sends. */
export function endRefused(socket: net.Socket, last: Buffer | string): void {
  socket.on('error', () => socket.destroy());
  socket.on('data', () => {});
  socket.end(last);
}
