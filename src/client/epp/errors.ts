// The errors an EppClient rejects with. Callers branch on the class: EppError is the registry saying no (the command
// ran and failed, or was refused); EppConnectionError means the outcome may be unknown (check `sent`); EppProtocolError
// means the server answered something that is not a usable EPP reply.

/** The server answered with a result code of 2000 or more. */
export class EppError extends Error {
  readonly code: number;
  readonly clTRID?: string;
  readonly svTRID?: string;
  /** The first <extValue><reason> of the result, when the server gave one. */
  readonly reason?: string;
  /** The whole reply document. */
  readonly xml: string;

  constructor(init: { code: number; message: string; clTRID?: string; svTRID?: string; reason?: string; xml: string }) {
    super(init.message);
    this.name = 'EppError';
    this.code = init.code;
    this.clTRID = init.clTRID;
    this.svTRID = init.svTRID;
    this.reason = init.reason;
    this.xml = init.xml;
  }
}

/**
 * Connecting failed (refused, TLS error), or the connection closed or failed under a command. `sent` is true when the
 * command had been written before the failure: the server may or may not have carried it out, so a caller that must
 * know asks (domain:info, transfer query) instead of repeating it blindly.
 */
export class EppConnectionError extends Error {
  readonly sent: boolean;

  constructor(message: string, opts: { sent: boolean; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'EppConnectionError';
    this.sent = opts.sent;
  }
}

/**
 * No answer within the command timeout. The connection is dropped (a late reply would otherwise be taken for the
 * next command's). `sent` is true for commands; it is false only when the server's greeting never came on connect.
 */
export class EppTimeoutError extends EppConnectionError {
  constructor(message: string, sent = true) {
    super(message, { sent });
    this.name = 'EppTimeoutError';
  }
}

/** A reply that is not well-formed XML, not an EPP reply, lacks what the command's reply must hold, or fails the schema. */
export class EppProtocolError extends Error {
  /** The text the server sent, as received. */
  readonly raw: string;

  constructor(message: string, raw: string) {
    super(message);
    this.name = 'EppProtocolError';
    this.raw = raw;
  }
}

/** The command needs an object service or extension that was not agreed at login (the server did not offer it). */
export class EppUnsupportedError extends Error {
  readonly uri: string;

  constructor(uri: string, what: string) {
    super(`${what} needs ${uri}, which the server did not offer at login`);
    this.name = 'EppUnsupportedError';
    this.uri = uri;
  }
}
