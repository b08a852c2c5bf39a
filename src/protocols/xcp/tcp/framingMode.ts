// How a TCP listener frames its messages (`regd serve --xcp-tcp-framing`):
//   auto            greet with Content-Length, then read the client's framing from its first bytes and answer in it
//                   (the default: every XML-era client reads a Content-Length greeting, and either framing works after)
//   content-length  Content-Length both ways from the first byte; a 2-byte-length client is closed as bad framing
//   two-byte        the 2-byte big-endian length header both ways from the first byte, greeting included: for old
//                   clients that read pack('n') lengths only and would take a "Content-Length" greeting's first two
//                   bytes ("Co") for a 17263-byte length and hang
// The fixed modes also end the guessing on the read side, so a client's first bytes are never misread.
import type { XcpTcpFraming } from './tcpFraming.ts';

export const XCP_TCP_FRAMING_MODES = ['auto', 'content-length', 'two-byte'] as const;
export type XcpTcpFramingMode = (typeof XCP_TCP_FRAMING_MODES)[number];
export const DEFAULT_XCP_TCP_FRAMING_MODE: XcpTcpFramingMode = 'auto';

export interface FramingPlan {
  /** How the server's greeting (its first message) is framed. */
  greeting: XcpTcpFraming;
  /** How client messages are read: fixed, or undefined to detect from the client's first bytes. */
  read: XcpTcpFraming | undefined;
}

export function framingPlan(mode: XcpTcpFramingMode): FramingPlan {
  switch (mode) {
    case 'auto': return { greeting: 'content-length', read: undefined };
    case 'content-length': return { greeting: 'content-length', read: 'content-length' };
    case 'two-byte': return { greeting: 'length-prefix', read: 'length-prefix' };
  }
}

export function isXcpTcpFramingMode(value: string): value is XcpTcpFramingMode {
  return (XCP_TCP_FRAMING_MODES as readonly string[]).includes(value);
}
