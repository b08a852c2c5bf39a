// The typed EPP client shared by the SDK, the CLI and the upstream registry adapter. Each method builds its command
// (domain.ts, contact.ts, host.ts, poll.ts, extensions/), hands it to the session (one in flight, reconnect, clTRID
// matching) and reads the reply into plain data. Result codes below 2000 resolve; 2000 and above reject with EppError.
import { EppProtocolError } from './errors.ts';
import { EppSession, type LoginServices } from './session.ts';
import { NS } from './namespaces.ts';
import type { CommandSpec, ExtFragment } from './envelope.ts';
import type { EppReply } from './reply.ts';
import * as domain from './domain.ts';
import * as contact from './contact.ts';
import * as host from './host.ts';
import { pollAckSpec, pollRequestSpec, readPoll } from './poll.ts';
import { rgpRestoreReport, rgpRestoreRequest } from './extensions/rgp.ts';
import { secDnsCreate, secDnsUpdate } from './extensions/secDns.ts';
import { launchCheck, launchCreate, launchInfo, readClaims } from './extensions/launch.ts';
import { feeAgreement, feeCheck } from './extensions/fee.ts';
import { opContactCreate, opContactUpdate, opDomainCreate, opDomainTransfer, opDomainUpdate } from './extensions/openprovider.ts';
import type {
  CmdOpts, EppClaimsCheckItem, EppClientOptions, EppContactCheckItem, EppContactCreateRequest, EppContactInfo,
  EppContactUpdateRequest, EppDomainCheckItem, EppDomainCheckOptions, EppDomainCreateData, EppDomainCreateRequest,
  EppDomainInfo, EppDomainInfoOptions, EppDomainRenewData, EppDomainRenewRequest, EppDomainTransferData,
  EppDomainTransferRequest, EppDomainUpdateRequest, EppGreeting, EppHostCheckItem, EppHostCreateRequest, EppHostInfo,
  EppHostUpdateRequest, EppLaunchPhase, EppPollMessage, EppRestoreReport, EppResult, EppTransferOp,
} from './types.ts';

const nothing = (): void => undefined;

/** Keeps the fragments whose request part was given. */
function present(...parts: Array<ExtFragment | undefined | false>): ExtFragment[] {
  return parts.filter((p): p is ExtFragment => Boolean(p));
}

export class EppClient {
  private constructor(private readonly session: EppSession) {}

  /** Connects, reads the greeting and logs in with the services both sides know. */
  static async connect(opts: EppClientOptions): Promise<EppClient> {
    const session = new EppSession(opts);
    await session.start();
    return new EppClient(session);
  }

  /** The greeting of the current connection. */
  get greeting(): EppGreeting { return this.session.greeting; }
  /** The object and extension URIs the last login named. */
  get services(): LoginServices { return this.session.services; }
  /** Logins so far: 1 after connect, one more per reconnect. */
  get logins(): number { return this.session.logins; }

  hello(): Promise<EppGreeting> { return this.session.hello(); }
  logout(): Promise<void> { return this.session.logout(); }
  close(): Promise<void> { return this.session.close(); }

  /** Sends any command element (e.g. `<check>...</check>`) and returns the reply; data is the <resData> element. */
  async command(innerXml: string, o?: CmdOpts): Promise<EppResult<unknown>> {
    return this.send({ what: 'command', xml: innerXml, extensions: [] }, (r) => r.resData, o);
  }

  // --- domain ----------------------------------------------------------------------------------------------

  async domainCheck(names: string[], o: EppDomainCheckOptions = {}): Promise<EppResult<EppDomainCheckItem[]>> {
    // Prices are extra information: asked for only when the server offers the fee extension.
    const ext = present(
      o.fee !== undefined && this.session.hasExtension(NS.fee) && feeCheck(o.fee),
      o.launch !== undefined && launchCheck('avail', o.launch));
    return this.send(domain.domainCheckSpec(names, ext), domain.readDomainCheck, o);
  }

  /** RFC 8334 claims check: whether a trademark claim covers each name (and its claim key). */
  async domainClaimsCheck(names: string[], o: { phase?: EppLaunchPhase; type?: 'claims' | 'trademark' } & CmdOpts = {}): Promise<EppResult<EppClaimsCheckItem[]>> {
    return this.send(domain.domainCheckSpec(names, [launchCheck(o.type ?? 'claims', o.phase)]), readClaims, o);
  }

  async domainInfo(name: string, o: EppDomainInfoOptions = {}): Promise<EppResult<EppDomainInfo>> {
    return this.send(domain.domainInfoSpec(name, o, present(o.launch && launchInfo(o.launch))), domain.readDomainInfo, o);
  }

  async domainCreate(req: EppDomainCreateRequest, o?: CmdOpts): Promise<EppResult<EppDomainCreateData>> {
    const ext = present(
      req.secDns && secDnsCreate(req.secDns),
      req.launch && launchCreate(req.launch),
      req.fee && feeAgreement('create', req.fee),
      req.op && opDomainCreate(req.op));
    return this.send(domain.domainCreateSpec(req, ext), domain.readDomainCreate, o);
  }

  async domainRenew(req: EppDomainRenewRequest, o?: CmdOpts): Promise<EppResult<EppDomainRenewData>> {
    return this.send(domain.domainRenewSpec(req, present(req.fee && feeAgreement('renew', req.fee))), domain.readDomainRenew, o);
  }

  async domainTransfer(op: EppTransferOp, req: EppDomainTransferRequest, o?: CmdOpts): Promise<EppResult<EppDomainTransferData>> {
    const ext = present(req.fee && feeAgreement('transfer', req.fee), req.op && opDomainTransfer(req.op));
    return this.send(domain.domainTransferSpec(op, req, ext), (r) => domain.readDomainTransfer(r, req.name), o);
  }

  async domainUpdate(req: EppDomainUpdateRequest, o?: CmdOpts): Promise<EppResult<void>> {
    const ext = present(
      req.secDns && secDnsUpdate(req.secDns),
      req.fee && feeAgreement('update', req.fee),
      req.op && opDomainUpdate(req.op));
    return this.send(domain.domainUpdateSpec(req, ext), nothing, o);
  }

  /** 1000 when deleted at once, 1001 when the registry holds it for redemption first. */
  async domainDelete(name: string, o?: CmdOpts): Promise<EppResult<void>> {
    return this.send(domain.domainDeleteSpec(name), nothing, o);
  }

  /** RFC 3915 restore request (rgp:update op="request") for a domain in its redemption period. */
  async domainRestore(name: string, o?: CmdOpts): Promise<EppResult<void>> {
    return this.send(domain.domainRestoreSpec(name, rgpRestoreRequest()), nothing, o);
  }

  /** RFC 3915 restore report (rgp:update op="report"), after a restore request. */
  async domainRestoreReport(name: string, report: EppRestoreReport, o?: CmdOpts): Promise<EppResult<void>> {
    return this.send(domain.domainRestoreSpec(name, rgpRestoreReport(report)), nothing, o);
  }

  // --- contact ---------------------------------------------------------------------------------------------

  async contactCheck(ids: string[], o?: CmdOpts): Promise<EppResult<EppContactCheckItem[]>> {
    return this.send(contact.contactCheckSpec(ids), contact.readContactCheck, o);
  }

  /** The server may assign its own id: use the one in the result. */
  async contactCreate(req: EppContactCreateRequest, o?: CmdOpts): Promise<EppResult<{ id: string; crDate?: string }>> {
    return this.send(contact.contactCreateSpec(req, present(req.op && opContactCreate(req.op))), contact.readContactCreate, o);
  }

  async contactInfo(id: string, o: { authInfo?: string } & CmdOpts = {}): Promise<EppResult<EppContactInfo>> {
    return this.send(contact.contactInfoSpec(id, o.authInfo), contact.readContactInfo, o);
  }

  async contactUpdate(req: EppContactUpdateRequest, o?: CmdOpts): Promise<EppResult<void>> {
    return this.send(contact.contactUpdateSpec(req, present(req.op && opContactUpdate(req.op))), nothing, o);
  }

  async contactDelete(id: string, o?: CmdOpts): Promise<EppResult<void>> {
    return this.send(contact.contactDeleteSpec(id), nothing, o);
  }

  // --- host ------------------------------------------------------------------------------------------------

  async hostCheck(names: string[], o?: CmdOpts): Promise<EppResult<EppHostCheckItem[]>> {
    return this.send(host.hostCheckSpec(names), host.readHostCheck, o);
  }

  async hostCreate(req: EppHostCreateRequest, o?: CmdOpts): Promise<EppResult<{ name: string; crDate?: string }>> {
    return this.send(host.hostCreateSpec(req), host.readHostCreate, o);
  }

  async hostInfo(name: string, o?: CmdOpts): Promise<EppResult<EppHostInfo>> {
    return this.send(host.hostInfoSpec(name), host.readHostInfo, o);
  }

  async hostUpdate(req: EppHostUpdateRequest, o?: CmdOpts): Promise<EppResult<void>> {
    return this.send(host.hostUpdateSpec(req), nothing, o);
  }

  async hostDelete(name: string, o?: CmdOpts): Promise<EppResult<void>> {
    return this.send(host.hostDeleteSpec(name), nothing, o);
  }

  // --- poll ------------------------------------------------------------------------------------------------

  /** The oldest queued message (1301), or undefined data when the queue is empty (1300). */
  async poll(o?: CmdOpts): Promise<EppResult<EppPollMessage | undefined>> {
    return this.send(pollRequestSpec(), readPoll, o);
  }

  /** Dequeues a message; msgQ in the result tells what is left (1300 when nothing). */
  async pollAck(id: string, o?: CmdOpts): Promise<EppResult<void>> {
    return this.send(pollAckSpec(id), nothing, o);
  }

  // --- plumbing --------------------------------------------------------------------------------------------

  private async send<T>(spec: CommandSpec, read: (reply: EppReply) => T, o?: CmdOpts): Promise<EppResult<T>> {
    const reply = await this.session.command(spec, o);
    let data: T;
    try {
      data = read(reply);
    } catch (err) {
      if (err instanceof EppProtocolError) throw err;
      throw new EppProtocolError(`cannot read the reply to ${spec.what}: ${(err as Error).message}`, reply.xml);
    }
    return { code: reply.code, message: reply.message, clTRID: reply.clTRID, svTRID: reply.svTRID, data, msgQ: reply.msgQ, xml: reply.xml };
  }
}
