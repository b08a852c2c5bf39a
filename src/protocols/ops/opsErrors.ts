// Errors raised by the OPS envelope codec.
//
// Messages are written for humans on the other end of the wire: the XCP layer
// copies `message` verbatim into a response_text, so they must be short,
// self-contained and never include stack traces or internal file names.

/** The input is not a valid OPS envelope (malformed XML, bad structure, forbidden DTD…). */
export class OpsDecodeError extends Error {
  override name = 'OpsDecodeError';
  constructor(message: string) {
    super(message);
  }
}

/** The in-memory value cannot be represented as an OPS envelope (wrong type, illegal XML char…). */
export class OpsEncodeError extends Error {
  override name = 'OpsEncodeError';
  constructor(message: string) {
    super(message);
  }
}
