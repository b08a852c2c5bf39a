// The registry port for TLDs served by a real registry over EPP: one EppRegistry per upstream (one login, one session
// pool, one circuit breaker), serving that upstream's TLDs. Registry trouble never throws out of a port method: each
// changing call answers ok / pending / failed / unknown (outcomes.ts) and says why in a log line for the operator.
// Every changing command goes out with clTRID = the order's key, so the registry's records, its poll messages
// (paTRID) and reconcile() can be tied back to the order.
import { FEE_CHECK, feeAgreementOf, premiumPriceOf, type PremiumPrice } from './premiumPrices.ts';
import { ShortLivedAnswers } from './shortLivedAnswers.ts';
import { repositoryIdOf } from '../repositoryId.ts';
import { contactCreateRequest } from './contactPayload.ts';
import type { Kysely } from 'kysely';
import { EppError } from '../../client/epp/errors.ts';
import type { EppDomainInfo, EppResult, EppTransferData } from '../../client/epp/types.ts';
import { CoreError } from '../../core/errors.ts';
import type { Database } from '../../store/schema.ts';
import type {
  InFlightOperation, RegistryCall, RegistryContact, RegistryCapabilities, RegistryCreateRequest, RegistryCreateResult, RegistryDomainInfo,
  RegistryHostRequest, RegistryMessage, RegistryOutcome, RegistryPort, RegistryRenewResult, RegistryTransferRequest,
  RegistryTransferResult, RegistryUpdateRequest, RegistryFee } from '../registryPort.ts';
import type { TldPolicy } from '../tldPolicy.ts';
import { AvailabilityCache } from './availabilityCache.ts';
import { CircuitBreaker } from './circuitBreaker.ts';
import { planDomainUpdate } from './domainUpdatePlan.ts';
import { ObjectProvisioner, subKey } from './objectProvisioning.ts';
import { classify, failureOutcome, successOutcome, type Failure } from './outcomes.ts';
import { registryMessageOf, transferResultOf } from './pollMapping.ts';
import { reconcileOperation, type ReconcileLookups } from './reconcileOperation.ts';
import { restoreReportOf } from './restoreReport.ts';
import { SessionPool } from './sessionPool.ts';
import { UpstreamObjects } from './upstreamObjects.ts';
import type { UpstreamSettings, UpstreamTld } from './upstreamSettings.ts';
import type { SessionConnector, UpstreamSession } from './upstreamSession.ts';

export interface EppRegistryDeps {
  db: Kysely<Database>;
  /** Opens one logged-in session; eppConnector(settings) in production, a fake in unit tests. */
  connect: SessionConnector;
  /** Operator log lines; each is prefixed with "upstream NAME: ". */
  log?: (line: string) => void;
  /** How long a domain:check answer is reused. Default 30 s. */
  checkCacheMs?: number;
  /** Time for object mappings (upstream_objects.created_at). Default: real time. */
  now?: () => Date;
}

const NOT_FOUND = 2303;
const NOT_PENDING_TRANSFER = 2301;
const AUTHORIZATION_ERROR = 2201;

const dateOf = (s: string | undefined): Date | undefined => {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

function addYears(d: Date, years: number): Date {
  const out = new Date(d.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
}

export class EppRegistry implements RegistryPort {
  readonly name: string;
  private readonly pool: SessionPool;
  private readonly objects: UpstreamObjects;
  private readonly provision: ObjectProvisioner;
  private readonly cache: AvailabilityCache;
  private readonly premiums: ShortLivedAnswers<PremiumPrice | undefined>;
  private readonly claims: ShortLivedAnswers<string | undefined>;
  private readonly byTld = new Map<string, UpstreamTld>();
  private readonly log: (line: string) => void;
  private readonly now: () => Date;

  constructor(private readonly settings: UpstreamSettings, deps: EppRegistryDeps) {
    this.name = settings.name;
    const log = deps.log ?? (() => undefined);
    this.log = (line) => log(`upstream ${settings.name}: ${line}`);
    this.now = deps.now ?? (() => new Date());
    for (const t of settings.tlds) this.byTld.set(t.policy.tld, t);
    this.pool = new SessionPool({
      name: settings.name, size: settings.poolSize, connect: deps.connect, keepaliveMs: settings.keepaliveMs,
      acquireTimeoutMs: settings.commandTimeoutMs, breaker: new CircuitBreaker(settings.breakerFailures, settings.breakerCooldownMs),
      log: this.log,
    }, ` as ${settings.clID}`);
    this.objects = new UpstreamObjects(deps.db, `${settings.clID}@${settings.host}`);
    this.provision = new ObjectProvisioner(this.pool, this.objects, this.now, this.log);
    this.cache = new AvailabilityCache(deps.checkCacheMs ?? 30_000);
    this.premiums = new ShortLivedAnswers(deps.checkCacheMs ?? 30_000);
    this.claims = new ShortLivedAnswers(deps.checkCacheMs ?? 30_000);
  }

  // ---- what this registry offers ---------------------------------------------------------------------------

  policies(): TldPolicy[] { return [...this.byTld.values()].map((t) => t.policy); }

  policy(tld: string): TldPolicy | undefined { return this.byTld.get(tld)?.policy; }

  /** The upstream's configuration for a TLD (cost, grace periods, host model). */
  tldSettings(tld: string): UpstreamTld | undefined { return this.byTld.get(tld); }

  capabilities(tld: string): RegistryCapabilities {
    const t = this.byTld.get(tld);
    const thin = t?.thin ?? false;
    const hostModel = t?.hostModel ?? 'hostObj';
    const objects: RegistryCapabilities['objects'] = ['domain'];
    if (!thin) objects.push('contact');
    if (hostModel === 'hostObj') objects.push('host');
    return { objects, hostModel, thin, lacks: [...(t?.lacks ?? [])] };
  }

  private tldOf(name: string): UpstreamTld | undefined {
    const labels = name.toLowerCase().split('.');
    for (let i = 1; i < labels.length; i++) {
      const t = this.byTld.get(labels.slice(i).join('.'));
      if (t) return t;
    }
    return undefined;
  }

  // ---- plumbing ----------------------------------------------------------------------------------------------

  private failed(what: string, err: unknown): RegistryOutcome<never> {
    const f = classify(err);
    this.log(`${what}: ${f.kind === 'refused' ? 'refused' : f.kind}: ${f.message}`);
    if (f.kind === 'unknown' && (err as { raw?: string }).raw !== undefined) {
      this.log(`${what}: the reply began ${JSON.stringify(String((err as { raw: string }).raw).slice(0, 200))}`);
    }
    return failureOutcome(this.name, f);
  }

  /**
   * Before the main command: a failure of a preparatory step (a contact, a host, a domain:info) means the main
   * command never went out, so the order failed cleanly even if the step's own outcome is unknown.
   */
  private notSent(what: string, err: unknown): RegistryOutcome<never> {
    const f: Failure = classify(err);
    const sure: Failure = f.kind === 'unknown' ? { kind: 'unavailable', message: f.message } : f;
    this.log(`${what}: ${sure.kind}: ${sure.message}`);
    return failureOutcome(this.name, sure);
  }

  private notServed(name: string): RegistryOutcome<never> {
    return { status: 'failed', reason: 'refused', code: 2306, message: `${name}: its TLD is not served by registry ${this.name}` };
  }

  /** Sends one changing command and maps its answer; `value` reads the success data. */
  private async change<R, T>(what: string, send: (s: UpstreamSession) => Promise<EppResult<R>>, value: (r: EppResult<R>) => T | Promise<T>): Promise<RegistryOutcome<T>> {
    let r: EppResult<R>;
    try {
      r = await this.pool.run(send);
    } catch (err) {
      return this.failed(what, err);
    }
    return successOutcome(r, await value(r));
  }

  /** domain:info; undefined when the registry has no such domain. A 2201 (not ours) reads as a reduced record. */
  private async readDomain(name: string): Promise<EppDomainInfo | undefined> {
    try {
      return (await this.pool.run((s) => s.domainInfo(name, { hosts: 'all' }))).data;
    } catch (err) {
      if (err instanceof EppError && err.code === NOT_FOUND) return undefined;
      if (err instanceof EppError && err.code === AUTHORIZATION_ERROR) {
        return { name, statuses: [], contacts: [], nameservers: [], hostAttrs: [], hosts: [], rgpStatuses: [], dsData: [] };
      }
      throw err;
    }
  }

  private ours(info: EppDomainInfo): boolean {
    return info.clID !== undefined && info.clID.toLowerCase() === this.settings.clID.toLowerCase();
  }

  // ---- reads -------------------------------------------------------------------------------------------------

  async isRegisteredElsewhere(name: string): Promise<boolean> {
    const key = name.toLowerCase();
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    try {
      const r = await this.pool.run((s) => s.domainCheck([key]));
      const item = r.data.find((i) => i.name.toLowerCase() === key) ?? r.data[0];
      if (!item) throw new EppError({ code: 2400, message: 'domain:check answered without the name', xml: r.xml });
      this.cache.set(key, !item.avail);
      return !item.avail;
    } catch (err) {
      const f = classify(err);
      this.log(`check ${key}: ${f.kind}: ${f.message}`);
      if (f.kind === 'refused') {
        const e = new CoreError('registry_refused', `registry ${this.name}: ${f.message}`, 'domain');
        e.registryCode = f.code;
        throw e;
      }
      throw new CoreError('registry_unavailable', `registry ${this.name} unavailable: ${f.message}`, 'domain');
    }
  }

  /**
   * The registry's premium price for a name (fee:check, when the registry offers RFC 8748), else undefined: the name
   * follows regd's price list. A registry that cannot be asked right now prices the name standard; if it is premium
   * after all, the registry refuses the create without a fee and the order is refunded.
   */
  async premiumPrice(name: string): Promise<PremiumPrice | undefined> {
    const t = this.tldOf(name);
    if (!t || !t.premiumNames) return undefined;
    const key = name.toLowerCase();
    const cached = this.premiums.get(key);
    if (cached) return cached.value;
    try {
      const r = await this.pool.run((s) => s.domainCheck([key], { fee: FEE_CHECK }));
      const item = r.data.find((i) => i.name.toLowerCase() === key) ?? r.data[0];
      if (item) this.cache.set(key, !item.avail); // the same answer says whether the name is taken
      const price = premiumPriceOf(item?.fee, t.policy.currency);
      this.premiums.set(key, price);
      return price;
    } catch (err) {
      this.log(`fee check ${key}: ${(err as Error).message}`);
      return undefined;
    }
  }

  /**
   * The registry's trademark claim on a name (RFC 8334 claims check), asked only for a TLD configured in a claims
   * phase that requires notices (`claims_notice_required`): elsewhere regd asks for no notice, so it needs no key.
   * A registry that cannot be asked refuses the registration for now rather than letting it through unnoticed.
   */
  async trademarkClaimKey(name: string): Promise<string | undefined> {
    const t = this.tldOf(name);
    if (!t || !t.policy.claimsNoticeRequired) return undefined;
    const key = name.toLowerCase();
    const cached = this.claims.get(key);
    if (cached) return cached.value;
    try {
      const r = await this.pool.run((s) => s.domainClaimsCheck([key]));
      const item = r.data.find((i) => i.name.toLowerCase() === key) ?? r.data[0];
      const claimKey = item?.exists ? item.claimKey : undefined;
      this.claims.set(key, claimKey);
      return claimKey;
    } catch (err) {
      this.log(`claims check ${key}: ${(err as Error).message}`);
      throw new CoreError('registry_unavailable', `registry ${this.name} unavailable: cannot check trademark claims on ${key}`, 'domain');
    }
  }

  async infoDomain(name: string): Promise<RegistryOutcome<RegistryDomainInfo | undefined>> {
    let info: EppDomainInfo | undefined;
    try {
      info = await this.readDomain(name);
    } catch (err) {
      return this.failed(`info ${name}`, err);
    }
    if (!info) return { status: 'ok', value: undefined };
    return {
      status: 'ok',
      value: {
        name: info.name,
        roid: info.roid ?? '',
        sponsoredByUs: this.ours(info),
        sponsor: info.clID,
        statuses: [...info.statuses, ...info.rgpStatuses],
        createdAt: dateOf(info.crDate),
        expiresAt: dateOf(info.exDate),
        // A delegation is either host objects or host attributes, never both.
        nameservers: [...info.nameservers, ...info.hostAttrs.map((h) => h.name)],
        authCode: info.authInfo,
      },
    };
  }

  // ---- domain changes ----------------------------------------------------------------------------------------

  async createDomain(call: RegistryCall, req: RegistryCreateRequest): Promise<RegistryOutcome<RegistryCreateResult>> {
    const t = this.tldOf(req.name);
    if (!t) return this.notServed(req.name);
    let registrant: string | undefined;
    let contacts: Array<{ type: 'admin' | 'tech' | 'billing'; id: string }> = [];
    try {
      if (!t.thin && req.contacts) ({ registrant, contacts } = await this.provision.contactsFor(call.key, req.contacts));
      if (t.hostModel === 'hostObj') await this.provision.hostsFor(call.key, req.nameservers, req.name);
    } catch (err) {
      return this.notSent(`create ${req.name}: preparing contacts and hosts`, err);
    }
    this.cache.forget(req.name.toLowerCase());
    const out = await this.change(`create ${req.name}`, (s) => s.domainCreate({
      name: req.name,
      period: req.years,
      nameservers: t.hostModel === 'hostObj' && req.nameservers.length ? req.nameservers : undefined,
      hostAttrs: t.hostModel === 'hostAttr' && req.nameservers.length ? req.nameservers.map((n) => ({ name: n, addresses: [] })) : undefined,
      registrant,
      contacts: contacts.length ? contacts : undefined,
      authInfo: req.authCode,
      fee: feeAgreementOf(req.fee),
      launch: req.claimsNotice ? {
        phase: 'claims',
        notices: [{
          noticeId: req.claimsNotice.noticeId, validatorId: req.claimsNotice.validatorId,
          notAfter: req.claimsNotice.notAfter.toISOString(), acceptedDate: req.claimsNotice.acceptedDate.toISOString(),
        }],
      } : undefined,
    }, { clTRID: call.key }), (r) => r.data);
    this.cache.forget(req.name.toLowerCase());
    if (out.status !== 'ok') return out;
    // regd's resellers see regd's own ROID (repositoryId.ts); the registry's is not worth a domain:info per create.
    const createdAt = dateOf(out.value.crDate) ?? req.now;
    return { ...out, value: { roid: repositoryIdOf(call.key), createdAt, expiresAt: dateOf(out.value.exDate) ?? addYears(createdAt, req.years) } };
  }

  async renewDomain(call: RegistryCall, req: { name: string; years: number; currentExpiry: Date; fee?: RegistryFee }): Promise<RegistryOutcome<RegistryRenewResult>> {
    if (!this.tldOf(req.name)) return this.notServed(req.name);
    return this.change(`renew ${req.name}`, (s) => s.domainRenew({
      name: req.name, curExpDate: req.currentExpiry.toISOString().slice(0, 10), period: req.years, fee: feeAgreementOf(req.fee),
    }, { clTRID: call.key }), (r) => ({ expiresAt: dateOf(r.data.exDate) ?? addYears(req.currentExpiry, req.years) }));
  }

  async transferDomain(call: RegistryCall, req: RegistryTransferRequest): Promise<RegistryOutcome<RegistryTransferResult>> {
    if (!this.tldOf(req.name)) return this.notServed(req.name);
    if (req.action !== 'query') this.cache.forget(req.name.toLowerCase());
    return this.change(`transfer ${req.action} ${req.name}`, (s) => s.domainTransfer(req.action, {
      name: req.name,
      authInfo: req.action === 'request' ? req.authCode : undefined,
      period: req.action === 'request' ? req.years : undefined,
      fee: req.action === 'request' ? feeAgreementOf(req.fee) : undefined,
    }, { clTRID: call.key }), (r) => transferResultOf(r.data));
  }

  async updateDomain(call: RegistryCall, req: RegistryUpdateRequest): Promise<RegistryOutcome> {
    const t = this.tldOf(req.name);
    if (!t) return this.notServed(req.name);
    let plan;
    try {
      // The registry's current record: EPP updates are add/rem/chg, regd asks for the whole new state.
      const current = await this.readDomain(req.name);
      if (!current) return { status: 'failed', reason: 'refused', code: NOT_FOUND, message: `${req.name} does not exist at registry ${this.name}` };
      const ids = !t.thin && req.contacts ? await this.provision.contactsFor(call.key, req.contacts) : undefined;
      if (req.nameservers && t.hostModel === 'hostObj') await this.provision.hostsFor(call.key, req.nameservers, req.name);
      plan = planDomainUpdate(current, {
        name: req.name, hostModel: t.hostModel, nameservers: req.nameservers, registrant: ids?.registrant,
        contacts: ids?.contacts, addStatuses: req.addStatuses, removeStatuses: req.removeStatuses, authCode: req.authCode,
      });
    } catch (err) {
      return this.notSent(`update ${req.name}: reading the domain and preparing contacts and hosts`, err);
    }
    if (!plan) return { status: 'ok', value: undefined, message: 'nothing to change at the registry' };
    return this.change(`update ${req.name}`, (s) => s.domainUpdate(plan, { clTRID: call.key }), () => undefined);
  }

  async deleteDomain(call: RegistryCall, req: { name: string }): Promise<RegistryOutcome> {
    if (!this.tldOf(req.name)) return this.notServed(req.name);
    this.cache.forget(req.name.toLowerCase());
    const out = await this.change(`delete ${req.name}`, (s) => s.domainDelete(req.name, { clTRID: call.key }), () => undefined);
    this.cache.forget(req.name.toLowerCase());
    return out;
  }

  async restoreDomain(call: RegistryCall, req: { name: string; op: 'request' | 'report'; report?: Record<string, string> }): Promise<RegistryOutcome> {
    if (!this.tldOf(req.name)) return this.notServed(req.name);
    this.cache.forget(req.name.toLowerCase());
    if (req.op === 'request') {
      return this.change(`restore request ${req.name}`, (s) => s.domainRestore(req.name, { clTRID: call.key }), () => undefined);
    }
    const report = restoreReportOf(req.report ?? {}, this.now());
    return this.change(`restore report ${req.name}`, (s) => s.domainRestoreReport(req.name, report, { clTRID: call.key }), () => undefined);
  }

  // ---- hosts -------------------------------------------------------------------------------------------------

  /**
   * Host objects are registry-wide (a host serves domains of any TLD): a registry has none only when every TLD of
   * it takes nameservers as attributes inside the domain. There, hosts are regd's own business.
   */
  private hostAttrOnly(): boolean {
    return this.settings.tlds.every((t) => t.hostModel === 'hostAttr');
  }

  async createHost(call: RegistryCall, req: RegistryHostRequest): Promise<RegistryOutcome> {
    if (this.hostAttrOnly()) return { status: 'ok', value: undefined };
    const name = req.name.toLowerCase();
    const out = await this.change(`host create ${name}`, (s) => s.hostCreate({ name, addresses: req.addresses.length ? req.addresses : undefined }, { clTRID: call.key }), () => undefined);
    if (out.status === 'ok') await this.remember(() => this.objects.record('host', name, name, this.now()));
    return out;
  }

  async updateHost(call: RegistryCall, req: { name: string; newName?: string; addresses?: string[] }): Promise<RegistryOutcome> {
    if (this.hostAttrOnly()) return { status: 'ok', value: undefined };
    const name = req.name.toLowerCase();
    let add: string[] = [];
    let rem: string[] = [];
    if (req.addresses) {
      try {
        const held = (await this.pool.run((s) => s.hostInfo(name))).data.addresses;
        add = req.addresses.filter((a) => !held.includes(a));
        rem = held.filter((a) => !req.addresses!.includes(a));
      } catch (err) {
        return this.notSent(`host update ${name}: reading the host`, err);
      }
    }
    const newName = req.newName?.toLowerCase();
    if (!add.length && !rem.length && (!newName || newName === name)) return { status: 'ok', value: undefined };
    const out = await this.change(`host update ${name}`, (s) => s.hostUpdate({
      name,
      add: add.length ? { addresses: add } : undefined,
      rem: rem.length ? { addresses: rem } : undefined,
      chg: newName && newName !== name ? { name: newName } : undefined,
    }, { clTRID: call.key }), () => undefined);
    if (out.status === 'ok' && newName && newName !== name) {
      await this.remember(async () => {
        await this.objects.forget('host', name);
        await this.objects.record('host', newName, newName, this.now());
      });
    }
    return out;
  }

  async deleteHost(call: RegistryCall, req: { name: string }): Promise<RegistryOutcome> {
    if (this.hostAttrOnly()) return { status: 'ok', value: undefined };
    const name = req.name.toLowerCase();
    const out = await this.change(`host delete ${name}`, (s) => s.hostDelete(name, { clTRID: call.key }), () => undefined);
    if (out.status === 'ok' || (out.status === 'failed' && out.code === NOT_FOUND)) await this.remember(() => this.objects.forget('host', name));
    return out;
  }

  async updateContact(call: RegistryCall, contact: RegistryContact): Promise<RegistryOutcome> {
    const id = await this.objects.remoteId('contact', String(contact.localId));
    if (id === undefined) return { status: 'ok', value: undefined }; // never sent here: created with the new data on first use
    const create = contactCreateRequest(id, contact);
    return this.change(`contact update ${id}`, (s) => s.contactUpdate({
      id, chg: { postalInfo: Array.isArray(create.postalInfo) ? create.postalInfo : [create.postalInfo], voice: create.voice, fax: create.fax, email: create.email },
    }, { clTRID: call.key }), () => undefined);
  }

  /** A mapping that cannot be written costs only a repeated create later (answered 2302, which is fine). */
  private async remember(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (err) {
      this.log(`recording a host mapping failed: ${(err as Error).message}`);
    }
  }

  // ---- after the fact ----------------------------------------------------------------------------------------

  async reconcile(op: InFlightOperation): Promise<RegistryOutcome<unknown>> {
    const t = this.tldOf(op.name);
    const lookups: ReconcileLookups = {
      clID: this.settings.clID,
      hostModel: t?.hostModel ?? 'hostObj',
      domainInfo: (name) => this.readDomain(name),
      transferQuery: async (name): Promise<EppTransferData | undefined> => {
        try {
          return (await this.pool.run((s) => s.domainTransfer('query', { name }, { clTRID: subKey(op.key, 'q') }))).data;
        } catch (err) {
          if (err instanceof EppError && (err.code === NOT_PENDING_TRANSFER || err.code === NOT_FOUND)) return undefined;
          throw err;
        }
      },
      hostInfo: async (name) => {
        try {
          return (await this.pool.run((s) => s.hostInfo(name))).data;
        } catch (err) {
          if (err instanceof EppError && err.code === NOT_FOUND) return undefined;
          throw err;
        }
      },
    };
    try {
      const outcome = await reconcileOperation(op, lookups);
      this.log(`reconcile ${op.operation} ${op.name} (${op.key}): ${outcome.status}${'message' in outcome && outcome.message ? `: ${outcome.message}` : ''}`);
      return outcome;
    } catch (err) {
      // Not being able to ask is not an answer: the operation may have happened.
      const f = classify(err);
      this.log(`reconcile ${op.operation} ${op.name} (${op.key}): cannot tell yet: ${f.message}`);
      return { status: 'unknown', message: `registry ${this.name}: cannot tell yet: ${f.message}` };
    }
  }

  async poll(): Promise<RegistryMessage | undefined> {
    try {
      const r = await this.pool.run((s) => s.poll());
      return r.data ? registryMessageOf(r.data, this.now(), this.settings.clID) : undefined;
    } catch (err) {
      const f = classify(err);
      this.log(`poll: ${f.kind}: ${f.message}`);
      return undefined;
    }
  }

  /**
   * Removes a message from the registry's queue; the core calls it only after storing the message. A failed ack is
   * logged and the message comes again on the next poll, so the core recognises messages by id.
   */
  async ack(messageId: string): Promise<void> {
    try {
      await this.pool.run((s) => s.pollAck(messageId));
    } catch (err) {
      const f = classify(err);
      this.log(`poll ack ${messageId}: ${f.kind}: ${f.message}`);
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
