// One EPP exchange, transport-independent: bytes of one <epp> message in, one response out. Order of checks:
// well-formed (no DOCTYPE) -> schema-valid -> hello/login/logout -> logged in -> object service named at login
// -> extensions named at login -> handler. Every failure is a response with a result code; nothing thrown here
// reaches the wire.
import { runAudited } from '../../core/audit/auditContext.ts';
import crypto from 'node:crypto';
import type { Core } from '../../core/core.ts';
import { CoreError } from '../../core/errors.ts';
import { isSourceAllowed } from '../../core/access/sourceAddressAllowed.ts';
import { NS } from './eppNamespaces.ts';
import { parseXml, child, childText, XmlInputError, DEFAULT_XML_LIMITS, type XmlElement, type XmlLimits } from './xmlTree.ts';
import { validateEpp } from './eppSchemaValidator.ts';
import { renderResponse } from './eppResponse.ts';
import { renderGreeting } from './eppGreeting.ts';
import { EppError, type EppResult, type EppSession } from './eppTypes.ts';
import { EPP_CODE_FOR } from './eppCoreErrors.ts';
import { EPP_COMMANDS, commandKey } from './eppCommands.ts';
import { EppSessionRegistry } from './eppSessions.ts';
import { login, logout } from './commands/sessionCommands.ts';
import { DEFAULT_MAX_PRE_LOGIN_FRAME_BYTES } from './transport/eppFraming.ts';

/** A login with every object and extension URI is about 30 elements; nothing else is served before login. */
const PRE_LOGIN_XML_LIMITS: XmlLimits = { ...DEFAULT_XML_LIMITS, maxElements: 500 };

export interface EppReply { xml: string; close: boolean; code?: number }

export interface EppProcessorOptions {
  serverId?: string;
  maxSessionsPerReseller?: number;
  /** Largest command (bytes) a session that has not logged in may send; default DEFAULT_MAX_PRE_LOGIN_FRAME_BYTES. */
  maxPreLoginBytes?: number;
}

export class EppProcessor {
  readonly sessions: EppSessionRegistry;
  private readonly serverId: string;
  readonly maxPreLoginBytes: number;
  private svCounter = 0;
  private readonly svPrefix = crypto.randomBytes(3).toString('hex').toUpperCase();

  constructor(private readonly core: Core, opts: EppProcessorOptions = {}) {
    this.serverId = opts.serverId ?? 'regd';
    this.sessions = new EppSessionRegistry(opts.maxSessionsPerReseller ?? 10);
    this.maxPreLoginBytes = opts.maxPreLoginBytes ?? DEFAULT_MAX_PRE_LOGIN_FRAME_BYTES;
  }

  newSession(remoteAddress: string, clientCertSha256?: string): EppSession {
    return this.sessions.newSession(remoteAddress, clientCertSha256);
  }

  endSession(session: EppSession): void { this.sessions.release(session); }

  async greeting(): Promise<string> { return renderGreeting(this.serverId, await this.core.clock.now()); }

  private nextSvTRID(): string {
    this.svCounter += 1;
    return `RG-${this.svPrefix}-${Date.now().toString(36).toUpperCase()}-${this.svCounter}`;
  }

  async process(session: EppSession, input: Buffer | string): Promise<EppReply> {
    const svTRID = this.nextSvTRID();
    // Both doors read up to the full frame size; an anonymous client must not get to make us parse that much.
    // (The TLS door already refuses such a frame while reading it; this covers HTTPS and any other transport.)
    const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
    if (!session.reseller && bytes > this.maxPreLoginBytes) {
      return this.reply({ code: 2001, msg: `Command syntax error: a command may be at most ${this.maxPreLoginBytes} bytes before login` }, undefined, svTRID);
    }
    let root: XmlElement;
    try {
      root = parseXml(input, session.reseller ? DEFAULT_XML_LIMITS : PRE_LOGIN_XML_LIMITS);
    } catch (err) {
      const msg = err instanceof XmlInputError ? err.message : 'malformed XML';
      return this.reply({ code: 2001, msg: `Command syntax error: ${msg}` }, undefined, svTRID);
    }
    const clTRID = extractClTRID(root);
    const invalid = validateEpp(input);
    if (invalid) return this.reply({ code: 2001, msg: `Command syntax error: ${invalid}` }, clTRID, svTRID);
    if (root.ns !== NS.epp || root.name !== 'epp') return this.reply({ code: 2001 }, clTRID, svTRID);
    if (child(root, NS.epp, 'hello')) return { xml: await this.greeting(), close: false };
    const command = child(root, NS.epp, 'command');
    if (!command) return this.reply({ code: 2001, msg: 'Command syntax error: expected <hello> or <command>' }, clTRID, svTRID);
    let result: EppResult;
    try {
      const actor = session.reseller ? `reseller:${session.reseller.username}` : undefined;
      result = await runAudited({ door: session.door ?? 'epp', sourceAddress: session.remoteAddress, actor }, () => this.dispatch(session, command));
    } catch (err) {
      result = toResult(err);
    }
    return this.reply(result, clTRID, svTRID);
  }

  private reply(result: EppResult, clTRID: string | undefined, svTRID: string): EppReply {
    return { xml: renderResponse(result, { clTRID, svTRID }), close: result.close ?? false, code: result.code };
  }

  private async dispatch(session: EppSession, command: XmlElement): Promise<EppResult> {
    const verb = command.children.find((c) => c.ns === NS.epp && c.name !== 'extension' && c.name !== 'clTRID');
    if (!verb) throw new EppError(2001, 'Command syntax error: no command');
    if (verb.name === 'login') return login(this.core, session, this.sessions, verb);
    if (!session.reseller) throw new EppError(2002, 'Command use error: log in first');
    // Login checked the address; over HTTPS a session cookie can come back from anywhere, so every command is
    // checked too, and a session used from an address the reseller does not allow is ended.
    if (!isSourceAllowed(this.core, session.reseller, session.remoteAddress)) {
      return { code: 2501, msg: `Authentication error: source address ${session.remoteAddress} is not allowed; session ended`, close: true };
    }
    if (verb.name === 'logout') return logout(session, this.sessions);
    const extensionEl = child(command, NS.epp, 'extension');
    const extensions = extensionEl?.children ?? [];
    for (const ext of extensions) {
      if (!session.extURIs.has(ext.ns)) throw new EppError(2103, `Unimplemented extension: ${ext.ns} was not named at login`);
    }
    let key: string;
    let object: XmlElement;
    if (verb.name === 'poll') {
      key = 'poll';
      object = verb;
    } else {
      const obj = verb.children[0];
      if (!obj) throw new EppError(2001, 'Command syntax error: no object');
      if (!session.objURIs.has(obj.ns)) throw new EppError(2002, `Command use error: object service ${obj.ns} was not named at login`);
      key = commandKey(verb.name, obj.ns);
      object = obj;
    }
    const handler = EPP_COMMANDS.get(key);
    if (!handler) throw new EppError(2101, `Unimplemented command: ${verb.name}`);
    return handler({ core: this.core, session, reseller: session.reseller, command: verb, object, extensions });
  }
}

function extractClTRID(root: XmlElement): string | undefined {
  const command = child(root, NS.epp, 'command');
  return command ? childText(command, NS.epp, 'clTRID') : undefined;
}

export function toResult(err: unknown): EppResult {
  if (err instanceof EppError) return { code: err.code, msg: err.message, values: err.values };
  if (err instanceof CoreError) return { code: EPP_CODE_FOR[err.kind], msg: err.message };
  console.error('regd: internal error in EPP command:', err);
  return { code: 2400, msg: 'Command failed: internal server error' };
}
