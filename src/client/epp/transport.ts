// What the session needs from a transport: the greeting on open, then one document out and one reply in, strictly
// one at a time. `alive` turns false when the server has ended the session (closed the socket, or cleared the HTTPS
// cookie); the session then logs in again on a new transport before the next command.
import type { EppClientOptions } from './types.ts';

export interface EppTransport {
  readonly kind: 'tls' | 'https';
  readonly alive: boolean;
  /** Sends one EPP document; resolves with the reply text. Rejects with EppConnectionError / EppTimeoutError. */
  send(xml: string, timeoutMs: number): Promise<string>;
  /** Ends the connection (TLS: FIN, then a forced close after a short wait; HTTPS: drops the keep-alive sockets). */
  close(): Promise<void>;
}

export interface OpenedTransport { transport: EppTransport; greetingXml: string }

export type TransportOptions = Pick<EppClientOptions, 'host' | 'port' | 'ca' | 'insecure' | 'cert' | 'key' | 'servername' | 'path'> & {
  timeoutMs: number;
  log: (line: string) => void;
};
