// One logged-in EPP session and its life: connect, greeting, login with the services both sides know, commands one at
// a time, clTRID generation and matching, keepalive <hello/>, and a fresh connection and login before the next
// command when the server has dropped the old one (idle close, 2500-2502). The typed commands live in client.ts.
import { EppConnectionError, EppError, EppProtocolError, EppUnsupportedError } from './errors.ts';
import { clTRIDGenerator } from './clTRID.ts';
import { commandDocument, HELLO_XML, loginCommand, type CommandSpec } from './envelope.ts';
import { parseGreeting, parseReply, type EppReply } from './reply.ts';
import { KNOWN_EXT_URIS, STANDARD_OBJ_URIS } from './namespaces.ts';
import { TlsTransport } from './tlsTransport.ts';
import { HttpsTransport } from './httpsTransport.ts';
import type { EppTransport, OpenedTransport, TransportOptions } from './transport.ts';
import type { CmdOpts, EppClientOptions, EppGreeting } from './types.ts';

const DEFAULT_TIMEOUT_MS = 30_000;
const CLOSE_LOGOUT_TIMEOUT_MS = 5_000;
/** Result codes that mean the server has ended the session and closed the connection. */
const CLOSING_CODES = new Set([2500, 2501, 2502]);

type Validator = (xml: string) => string | undefined;

export interface LoginServices { objURIs: string[]; extURIs: string[] }

export class EppSession {
  greeting!: EppGreeting;
  /** What the last login asked for: the intersection of the wanted services with the greeting's. */
  services: LoginServices = { objURIs: [], extURIs: [] };
  /** Logins made so far (1 after connect; each reconnect adds one). */
  logins = 0;
  private transport: EppTransport | undefined;
  private password: string;
  private newPassword: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private keepaliveTimer: NodeJS.Timeout | undefined;
  private validator: Validator | undefined;
  private readonly nextClTRID: () => string;
  private readonly timeoutMs: number;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: EppClientOptions) {
    this.password = opts.password;
    this.newPassword = opts.newPassword;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.nextClTRID = clTRIDGenerator(opts.clTRIDPrefix);
    this.log = opts.log ?? (() => {});
  }

  /** First connection and login; throws what connecting or logging in threw. */
  async start(): Promise<void> {
    if (this.opts.validateReplies === true) {
      const { validateEpp } = await import('../../protocols/epp/eppSchemaValidator.ts');
      this.validator = validateEpp;
    } else if (typeof this.opts.validateReplies === 'function') {
      this.validator = this.opts.validateReplies;
    }
    await this.run(() => this.connect());
  }

  /** Runs fn after every earlier call has finished: one command in flight per session. */
  private run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.queue.then(fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Sends a typed or raw command (reconnecting first if needed) and returns its reply; >= 2000 throws EppError. */
  command(spec: CommandSpec, o: CmdOpts = {}): Promise<EppReply> {
    if (this.closed) return Promise.reject(new EppConnectionError('the EPP client is closed', { sent: false }));
    return this.run(async () => {
      await this.ensureConnected();
      this.checkServices(spec);
      const ext = spec.extensions.map((e) => e.xml).join('') + (o.extensions ?? '');
      const clTRID = o.clTRID ?? this.nextClTRID();
      const doc = commandDocument(spec.xml, ext, clTRID);
      let reply = await this.exchange(doc, spec.what, clTRID);
      // EPP over HTTPS: the cookie's session expired under us. 2002 means nothing ran, so log in again and resend.
      if (reply.code === 2002 && this.transport?.kind === 'https' && !this.transport.alive && this.opts.reconnect !== false) {
        await this.connect();
        reply = await this.exchange(doc, spec.what, clTRID);
      }
      return this.settle(reply);
    });
  }

  async hello(): Promise<EppGreeting> {
    if (this.closed) throw new EppConnectionError('the EPP client is closed', { sent: false });
    return this.run(async () => {
      await this.ensureConnected();
      return this.helloNow();
    });
  }

  /** Ends the session (<logout/>, 1500) and the connection; the client cannot be used afterwards. */
  async logout(timeoutMs = this.timeoutMs): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopKeepalive();
    await this.run(async () => {
      const t = this.transport;
      if (!t?.alive) return;
      try {
        const clTRID = this.nextClTRID();
        const reply = await this.exchange(commandDocument('<logout/>', '', clTRID), 'logout', clTRID, timeoutMs);
        if (reply.code >= 2000) throw toEppError(reply);
      } finally {
        await this.dropTransport();
      }
    });
  }

  /** Logs out if a session is live (errors ignored: we are leaving anyway), then closes the connection. */
  async close(): Promise<void> {
    try {
      // A server that has gone silent must not hold the caller for a whole command timeout.
      await this.logout(Math.min(this.timeoutMs, CLOSE_LOGOUT_TIMEOUT_MS));
    } catch (err) {
      this.log(`EPP: logout on close failed: ${(err as Error).message}`);
    }
    await this.run(() => this.dropTransport());
  }

  // --- connection ------------------------------------------------------------------------------------------

  private async ensureConnected(): Promise<void> {
    if (this.transport?.alive) return;
    if (this.logins > 0 && this.opts.reconnect === false) {
      throw new EppConnectionError('the EPP connection was closed and reconnect is off', { sent: false });
    }
    await this.connect();
  }

  /** A new transport, its greeting, and a login; the old transport (if any) is dropped first. */
  private async connect(): Promise<void> {
    await this.dropTransport();
    const o = this.opts;
    const topts: TransportOptions = {
      host: o.host, port: o.port, ca: o.ca, insecure: o.insecure, cert: o.cert, key: o.key, servername: o.servername, path: o.path,
      timeoutMs: this.timeoutMs, log: this.log,
    };
    const opened: OpenedTransport = o.transport === 'https' ? await HttpsTransport.open(topts) : await TlsTransport.open(topts);
    this.transport = opened.transport;
    try {
      this.validate(opened.greetingXml);
      this.greeting = parseGreeting(opened.greetingXml);
      await this.login();
    } catch (err) {
      await this.dropTransport();
      throw err;
    }
    this.logins += 1;
    this.log(`EPP: logged in to ${o.host}:${o.port} over ${o.transport} as ${o.clID} (${this.greeting.svID})`);
    this.armKeepalive();
  }

  private async login(): Promise<void> {
    const g = this.greeting;
    const objURIs = (this.opts.objURIs ?? STANDARD_OBJ_URIS).filter((u) => g.objURIs.includes(u));
    const extURIs = (this.opts.extURIs ?? KNOWN_EXT_URIS).filter((u) => g.extURIs.includes(u));
    if (objURIs.length === 0) throw new EppUnsupportedError((this.opts.objURIs ?? STANDARD_OBJ_URIS).join(' '), 'login');
    const xml = loginCommand({
      clID: this.opts.clID, password: this.password, newPassword: this.newPassword,
      version: g.versions.includes('1.0') || g.versions.length === 0 ? '1.0' : g.versions[0],
      lang: g.langs.includes('en') || g.langs.length === 0 ? 'en' : g.langs[0],
      objURIs, extURIs,
    });
    const clTRID = this.nextClTRID();
    const reply = await this.exchange(commandDocument(xml, '', clTRID), 'login', clTRID);
    if (reply.code >= 2000) throw toEppError(reply);
    this.services = { objURIs, extURIs };
    // The new password is the password from now on (a reconnect must not try to change it again).
    if (this.newPassword !== undefined) {
      this.password = this.newPassword;
      this.newPassword = undefined;
    }
  }

  private async dropTransport(): Promise<void> {
    const t = this.transport;
    this.transport = undefined;
    this.stopKeepalive();
    if (t) await t.close().catch(() => undefined);
  }

  // --- one exchange ----------------------------------------------------------------------------------------

  /** Writes a document and reads its reply; a closing code (2500-2502) drops the connection. */
  private async exchange(doc: string, what: string, clTRID: string, timeoutMs = this.timeoutMs): Promise<EppReply> {
    const t = this.transport!;
    this.stopKeepalive();
    let xml: string;
    try {
      xml = await t.send(doc, timeoutMs);
    } catch (err) {
      if (!t.alive) await this.dropTransport();
      throw err;
    }
    let reply: EppReply;
    try {
      this.validate(xml);
      reply = parseReply(xml);
      // No clTRID is acceptable only on a refusal of a document the server could not read (2001).
      if (reply.clTRID !== clTRID && !(reply.clTRID === undefined && reply.code >= 2000)) {
        throw new EppProtocolError(`the reply's clTRID ${reply.clTRID ?? '(none)'} does not match the command's ${clTRID}`, xml);
      }
    } catch (err) {
      // The stream can no longer be trusted to pair commands and replies.
      await this.dropTransport();
      throw err;
    }
    this.log(`EPP: ${what} ${clTRID} -> ${reply.code}`);
    if (CLOSING_CODES.has(reply.code)) await this.dropTransport();
    else this.armKeepalive();
    return reply;
  }

  private settle(reply: EppReply): EppReply {
    if (reply.code >= 2000) throw toEppError(reply);
    return reply;
  }

  private async helloNow(): Promise<EppGreeting> {
    const t = this.transport!;
    this.stopKeepalive();
    let xml: string;
    try {
      xml = await t.send(HELLO_XML, this.timeoutMs);
    } catch (err) {
      if (!t.alive) await this.dropTransport();
      throw err;
    }
    try {
      this.validate(xml);
      const g = parseGreeting(xml);
      this.armKeepalive();
      return g;
    } catch (err) {
      await this.dropTransport();
      throw err;
    }
  }

  private validate(xml: string): void {
    const problem = this.validator?.(xml);
    if (problem !== undefined) throw new EppProtocolError(`the server's reply is not schema-valid: ${problem}`, xml);
  }

  private checkServices(spec: CommandSpec): void {
    if (spec.objURI && !this.services.objURIs.includes(spec.objURI)) throw new EppUnsupportedError(spec.objURI, spec.what);
    for (const e of spec.extensions) if (!this.services.extURIs.includes(e.uri)) throw new EppUnsupportedError(e.uri, spec.what);
  }

  /** Whether an extension was agreed at login (optional extras such as fee on check are skipped when not). */
  hasExtension(uri: string): boolean {
    return this.services.extURIs.includes(uri);
  }

  // --- keepalive -------------------------------------------------------------------------------------------

  private armKeepalive(): void {
    const ms = this.opts.keepaliveMs ?? 0;
    if (ms <= 0 || this.closed) return;
    this.stopKeepalive();
    this.keepaliveTimer = setTimeout(() => {
      this.keepaliveTimer = undefined;
      void this.run(async () => {
        if (this.closed || !this.transport?.alive) return;
        try {
          await this.helloNow();
        } catch (err) {
          this.log(`EPP: keepalive <hello/> failed: ${(err as Error).message}`);
        }
      });
    }, ms);
    // A keepalive must not hold a finished program open.
    this.keepaliveTimer.unref();
  }

  private stopKeepalive(): void {
    if (this.keepaliveTimer) clearTimeout(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
  }
}

export function toEppError(reply: EppReply): EppError {
  return new EppError({ code: reply.code, message: reply.message, clTRID: reply.clTRID, svTRID: reply.svTRID, reason: reply.reason, xml: reply.xml });
}
