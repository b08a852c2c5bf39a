// The invariants of the crash-consistency run, read from the store itself (a read-only snapshot: SQLite opened
// read-only with better-sqlite3, or PostgreSQL in a REPEATABLE READ transaction), in two parts:
//   - the store on its own: money (each reseller's balance is its ledger's sum and every entry's balance_after
//     follows from the one before; every charge belongs to an order of the right state and every order has exactly
//     its charges and refunds), orders against domains (no domain without its registration order, no paid order
//     without its domain, holds only while an order is in flight), and, once the reconciler has run, nothing in
//     flight and each reseller charged exactly the price of what it holds;
//   - the store against the load's model (bench/crashLoad.ts): every acknowledged change is there, every refused
//     one is not, and a change whose answer never came is either fully there or not at all (which of the two is
//     then taken into the model, so the next round starts from the truth).
import Database from 'better-sqlite3';
import pg from 'pg';
import type { CrashModel, DomainModel } from './crashLoad.ts';

export interface Snapshot {
  rows<T>(query: string): Promise<T[]>;
  close(): Promise<void>;
  /** SQLite only: PRAGMA quick_check ('ok' when the file is sound). */
  quickCheck?(): Promise<string>;
}

/** Read-only, one read transaction: every query sees the same committed state. */
export function openSqliteSnapshot(file: string): Snapshot {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.exec('BEGIN');
  return {
    async rows<T>(query: string) { return db.prepare(query).all() as T[]; },
    async quickCheck() { return (db.prepare('PRAGMA quick_check').all() as Array<{ quick_check: string }>).map((r) => r.quick_check).join('; '); },
    async close() { db.exec('COMMIT'); db.close(); },
  };
}

export async function openPostgresSnapshot(url: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  return {
    async rows<T>(query: string) { return (await client.query(query)).rows as T[]; },
    async close() { await client.query('COMMIT').catch(() => undefined); await client.end(); },
  };
}

interface Reseller { id: number; username: string; balance: number }
interface Entry { id: number; resellerId: number; orderId: number | null; amount: number; balanceAfter: number; description: string }
interface Order { id: number; resellerId: number; domainId: number | null; name: string; kind: string; status: string; amount: number; registryState: string | null }
interface Domain {
  id: number; name: string; tld: string; resellerId: number; createdAt: string; expiresAt: string; deletedAt: string | null;
  roid: string; pendingOrderId: number | null; pendingUntil: string | null; rgpStatus: string | null;
}

export interface StoreData {
  resellers: Reseller[];
  entries: Entry[];
  orders: Order[];
  domains: Domain[];
  nameservers: Map<number, string[]>;
  ownerEmail: Map<number, string>;
  contactEmail: Map<string, string>;
  price: (tld: string, action: string) => number | undefined;
  quickCheck?: string;
}

const n = (v: unknown): number => Number(v);
const nn = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function readStore(s: Snapshot): Promise<StoreData> {
  const resellers = (await s.rows<Record<string, unknown>>('SELECT id, username, balance_minor FROM resellers ORDER BY id'))
    .map((r) => ({ id: n(r.id), username: String(r.username), balance: n(r.balance_minor) }));
  const entries = (await s.rows<Record<string, unknown>>('SELECT id, reseller_id, order_id, amount_minor, balance_after, description FROM ledger_entries ORDER BY id'))
    .map((r) => ({ id: n(r.id), resellerId: n(r.reseller_id), orderId: nn(r.order_id), amount: n(r.amount_minor), balanceAfter: n(r.balance_after), description: String(r.description) }));
  const orders = (await s.rows<Record<string, unknown>>('SELECT id, reseller_id, domain_id, domain_name, kind, status, amount_minor, registry_state FROM orders ORDER BY id'))
    .map((r) => ({ id: n(r.id), resellerId: n(r.reseller_id), domainId: nn(r.domain_id), name: String(r.domain_name), kind: String(r.kind), status: String(r.status), amount: n(r.amount_minor), registryState: r.registry_state === null ? null : String(r.registry_state) }));
  const domains = (await s.rows<Record<string, unknown>>('SELECT id, name, tld, reseller_id, created_at, expires_at, deleted_at, roid, pending_order_id, registry_pending_until, rgp_status FROM domains ORDER BY id'))
    .map((r) => ({
      id: n(r.id), name: String(r.name), tld: String(r.tld), resellerId: n(r.reseller_id), createdAt: String(r.created_at), expiresAt: String(r.expires_at),
      deletedAt: r.deleted_at === null ? null : String(r.deleted_at), roid: String(r.roid), pendingOrderId: nn(r.pending_order_id),
      pendingUntil: r.registry_pending_until === null ? null : String(r.registry_pending_until), rgpStatus: r.rgp_status === null ? null : String(r.rgp_status),
    }));
  const nameservers = new Map<number, string[]>();
  for (const r of await s.rows<Record<string, unknown>>('SELECT domain_id, name FROM domain_nameservers ORDER BY domain_id, sort_order')) {
    const id = n(r.domain_id);
    nameservers.set(id, [...(nameservers.get(id) ?? []), String(r.name)]);
  }
  const ownerEmail = new Map<number, string>();
  for (const r of await s.rows<Record<string, unknown>>("SELECT dc.domain_id, c.email FROM domain_contacts dc JOIN contacts c ON c.id = dc.contact_id WHERE dc.role = 'owner'")) {
    ownerEmail.set(n(r.domain_id), String(r.email));
  }
  const contactEmail = new Map<string, string>();
  for (const r of await s.rows<Record<string, unknown>>('SELECT handle, email FROM contacts')) contactEmail.set(String(r.handle), String(r.email));
  const prices = new Map<string, number>();
  for (const r of await s.rows<Record<string, unknown>>('SELECT tld, action, amount_minor FROM prices WHERE period = 1')) prices.set(`${r.tld}/${r.action}`, n(r.amount_minor));
  return {
    resellers, entries, orders, domains, nameservers, ownerEmail, contactEmail,
    price: (tld, action) => prices.get(`${tld}/${action}`), quickCheck: await s.quickCheck?.(),
  };
}

const PAID_KINDS = new Set(['register', 'renew']);
const OBJECT_KINDS = new Set(['contact', 'host']);
const inFlight = (o: Order) => o.registryState === 'inflight' || o.registryState === 'pending';
const live = (d: Domain) => d.deletedAt === null;

/** Whole years from creation to expiry (registration period plus renewals). */
export function yearsOf(d: { createdAt: string; expiresAt: string }): number {
  return Math.round((Date.parse(d.expiresAt) - Date.parse(d.createdAt)) / (365.2425 * 86_400_000));
}

export interface StoreFacts {
  orders: number;
  inFlight: number;
  /** Orders in flight by kind; "register .de" is an asynchronous registration still waiting, as answered. */
  inFlightKinds: Record<string, number>;
  liveDomains: number;
  deletedDomains: number;
  ledgerEntries: number;
}

/**
 * The store's own invariants. `settled`: the reconciler has run since the last kill, so nothing may be left in
 * flight and each reseller must have paid exactly for what it holds.
 */
export function storeInvariants(s: StoreData, settled: boolean): { violations: string[]; facts: StoreFacts } {
  const v: string[] = [];
  if (s.quickCheck !== undefined && s.quickCheck !== 'ok') v.push(`SQLite quick_check: ${s.quickCheck}`);
  const orderById = new Map(s.orders.map((o) => [o.id, o]));
  const domainById = new Map(s.domains.map((d) => [d.id, d]));
  const entriesByOrder = new Map<number, Entry[]>();
  for (const e of s.entries) if (e.orderId !== null) entriesByOrder.set(e.orderId, [...(entriesByOrder.get(e.orderId) ?? []), e]);

  // Money: the balance is the ledger's sum, each entry's balance_after the running sum, never below zero.
  for (const r of s.resellers) {
    let running = 0;
    for (const e of s.entries.filter((x) => x.resellerId === r.id)) {
      running += e.amount;
      if (e.balanceAfter !== running) v.push(`reseller ${r.username}: ledger entry ${e.id} says balance ${e.balanceAfter}, the entries before it sum to ${running}`);
      if (running < 0) v.push(`reseller ${r.username}: balance below zero after ledger entry ${e.id}`);
    }
    if (running !== r.balance) v.push(`reseller ${r.username}: balance ${r.balance} but its ledger sums to ${running}`);
  }
  for (const e of s.entries) {
    if (e.orderId === null) {
      if (e.description !== 'initial funds' && e.description !== 'funds added') v.push(`ledger entry ${e.id} (${e.description}) belongs to no order`);
      continue;
    }
    const o = orderById.get(e.orderId);
    if (!o) v.push(`ledger entry ${e.id} names order ${e.orderId}, which does not exist`);
    else if (o.resellerId !== e.resellerId) v.push(`ledger entry ${e.id} is reseller ${e.resellerId}'s but order ${o.id} is reseller ${o.resellerId}'s`);
  }

  // Each order has exactly the charges and refunds its state calls for, and its domain is in the matching state.
  for (const o of s.orders) {
    const es = entriesByOrder.get(o.id) ?? [];
    const debits = es.filter((e) => e.amount < 0);
    const credits = es.filter((e) => e.amount > 0);
    const tag = `order ${o.id} (${o.kind} ${o.name}, ${o.status}/${o.registryState})`;
    if (o.status === 'pending' && !inFlight(o)) v.push(`${tag}: pending but not in flight (a saved order? the load saves none)`);
    if (inFlight(o) && o.status !== 'pending') v.push(`${tag}: in flight but its status is ${o.status}`);
    if (settled && inFlight(o)) v.push(`${tag}: still in flight after the reconciler ran`);
    if (PAID_KINDS.has(o.kind) && o.amount > 0) {
      if (debits.length !== 1 || debits[0]!.amount !== -o.amount) v.push(`${tag}: expected one debit of ${o.amount}, found ${JSON.stringify(debits.map((e) => e.amount))}`);
      const refunded = o.status === 'failed' || o.status === 'cancelled';
      const wantCredits = refunded ? [o.amount] : [];
      if (JSON.stringify(credits.map((e) => e.amount)) !== JSON.stringify(wantCredits)) v.push(`${tag}: expected refunds ${JSON.stringify(wantCredits)}, found ${JSON.stringify(credits.map((e) => e.amount))}`);
    } else if (es.length > 0) {
      v.push(`${tag}: an unpaid order with ledger entries ${es.map((e) => e.id).join(',')}`);
    }
    // Contact and host changes at the registry are orders too, named by the object, without a domain.
    if (OBJECT_KINDS.has(o.kind)) continue;
    const d = o.domainId === null ? undefined : domainById.get(o.domainId);
    if (!d) { v.push(`${tag}: its domain ${o.domainId} does not exist`); continue; }
    if (d.name !== o.name || d.resellerId !== o.resellerId) v.push(`${tag}: its domain ${d.id} is ${d.name} of reseller ${d.resellerId}`);
    if (inFlight(o)) {
      if (!live(d)) v.push(`${tag}: in flight but domain ${d.name} is deleted`);
      if (d.pendingOrderId !== o.id) v.push(`${tag}: in flight but domain ${d.name} is marked with order ${d.pendingOrderId}`);
      if (o.kind === 'register' && !d.roid.startsWith('PENDING-')) v.push(`${tag}: in flight but domain ${d.name} already has ROID ${d.roid}`);
    } else if (o.status === 'completed') {
      if (o.kind === 'delete' ? live(d) && d.rgpStatus === null : !live(d)) v.push(`${tag}: completed but domain ${d.name} is ${live(d) ? 'live' : 'deleted'}`);
    } else if (o.status === 'failed') {
      if (o.kind === 'register' ? live(d) : !live(d)) v.push(`${tag}: failed but domain ${d.name} is ${live(d) ? 'live' : 'deleted'}`);
    } else if (o.status === 'cancelled') {
      if (live(d)) v.push(`${tag}: refunded (cancelled) but domain ${d.name} is live`);
    }
  }

  // Domains: one registration order each, one live row per name, no hold without an order in flight.
  const registrations = new Map<number, number>();
  for (const o of s.orders) if (o.kind === 'register' && o.domainId !== null) registrations.set(o.domainId, (registrations.get(o.domainId) ?? 0) + 1);
  const liveByName = new Map<string, number>();
  for (const d of s.domains) {
    if ((registrations.get(d.id) ?? 0) !== 1) v.push(`domain ${d.name} (${d.id}) has ${registrations.get(d.id) ?? 0} registration orders`);
    if (!live(d)) continue;
    liveByName.set(d.name, (liveByName.get(d.name) ?? 0) + 1);
    if (!s.ownerEmail.has(d.id)) v.push(`domain ${d.name} has no owner contact`);
    if ((s.nameservers.get(d.id) ?? []).length < 2) v.push(`domain ${d.name} has ${(s.nameservers.get(d.id) ?? []).length} nameservers (the load always sets two)`);
    if (d.pendingOrderId !== null) {
      const o = orderById.get(d.pendingOrderId);
      if (!o || !inFlight(o)) v.push(`domain ${d.name} is held by order ${d.pendingOrderId}, which is ${o ? `${o.status}/${o.registryState}` : 'missing'}`);
    }
    if (d.roid.startsWith('PENDING-') && d.pendingOrderId === null) v.push(`domain ${d.name} has no ROID but no registration in flight`);
    if (settled && d.pendingUntil !== null) v.push(`domain ${d.name} still waits for its registry (registry_pending_until ${d.pendingUntil})`);
  }
  for (const [name, count] of liveByName) if (count > 1) v.push(`${count} live domains named ${name}`);

  // Once settled: each reseller paid exactly the list price of what it holds (registration plus renewals).
  if (settled) {
    for (const r of s.resellers) {
      const funded = s.entries.filter((e) => e.resellerId === r.id && e.orderId === null).reduce((sum, e) => sum + e.amount, 0);
      let holdings = 0;
      for (const d of s.domains.filter((x) => x.resellerId === r.id && live(x))) {
        const reg = s.price(d.tld, 'register');
        const ren = s.price(d.tld, 'renew');
        if (reg === undefined || ren === undefined) { v.push(`no price for .${d.tld}`); continue; }
        holdings += reg + (yearsOf(d) - 1) * ren;
      }
      if (funded - r.balance !== holdings) v.push(`reseller ${r.username}: paid ${funded - r.balance} in all, but what it holds costs ${holdings}`);
    }
  }
  const inFlightKinds: Record<string, number> = {};
  for (const o of s.orders.filter(inFlight)) {
    const k = o.kind === 'register' && o.name.endsWith('.de') ? 'register .de' : o.kind;
    inFlightKinds[k] = (inFlightKinds[k] ?? 0) + 1;
  }
  const facts: StoreFacts = {
    orders: s.orders.length, inFlight: s.orders.filter(inFlight).length, inFlightKinds, liveDomains: s.domains.filter(live).length,
    deletedDomains: s.domains.filter((d) => !live(d)).length, ledgerEntries: s.entries.length,
  };
  return { violations: v, facts };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * The store against the model. With `resolve`, each change whose answer never came is settled in the model as the
 * store shows it (after the reconciler ran, it must be wholly there or wholly absent); without, both are accepted.
 * Returns the violations and how many uncertain changes turned out applied / not applied.
 */
export function modelInvariants(s: StoreData, model: CrashModel, resolve: boolean): { violations: string[]; applied: number; notApplied: number } {
  const v: string[] = [];
  let applied = 0;
  let notApplied = 0;
  const reseller = new Map(s.resellers.map((r) => [r.id, r.username]));
  const liveRow = new Map<string, Domain>();
  for (const d of s.domains) if (live(d)) liveRow.set(d.name, d);
  for (const d of s.domains) if (live(d) && !model.domains.has(d.name)) v.push(`domain ${d.name} is live but the load never asked for it`);

  for (const m of model.domains.values()) {
    const row = liveRow.get(m.name);
    const state = row ? { live: true, years: yearsOf(row), ns: s.nameservers.get(row.id) ?? [], email: s.ownerEmail.get(row.id) } : undefined;
    const tag = `${m.door} ${m.name}`;
    if (row && reseller.get(row.resellerId) !== m.reseller) v.push(`${tag}: held by ${reseller.get(row.resellerId)}, registered by ${m.reseller}`);
    const op = m.maybe;
    if (op) {
      // Which of the two outcomes does the store show? Anything else is a half-applied change.
      let took: boolean | undefined;
      if (op.kind === 'register') took = Boolean(state);
      else if (op.kind === 'delete') took = !state;
      else if (!state) v.push(`${tag}: gone after an unanswered ${op.kind}`);
      else if (op.kind === 'renew') took = state.years === m.years + op.years ? true : state.years === m.years ? false : undefined;
      else if (op.kind === 'ns') took = sameSet(state.ns, op.to) ? true : sameSet(state.ns, m.nameservers) ? false : undefined;
      else took = state.email === op.email ? true : state.email === m.ownerEmail ? false : undefined;
      if (took === undefined && state) v.push(`${tag}: an unanswered ${op.kind} is half there: ${JSON.stringify(state)} (model ${JSON.stringify({ years: m.years, ns: m.nameservers, email: m.ownerEmail, op })})`);
      if (!resolve) continue;
      if (took) applied++; else notApplied++;
      if (took && state) {
        if (op.kind === 'register') Object.assign(m, { live: true, years: state.years, expiry: row!.expiresAt.slice(0, 10) });
        if (op.kind === 'renew') Object.assign(m, { years: state.years, expiry: row!.expiresAt.slice(0, 10) });
        if (op.kind === 'ns') m.nameservers = op.to;
        if (op.kind === 'contact') m.ownerEmail = op.email;
      }
      if (took && op.kind === 'delete') m.live = false;
      m.maybe = undefined;
    }
    // What the model holds (acknowledged, or resolved above) must be exactly what the store holds.
    if (m.live !== Boolean(state)) { v.push(`${tag}: the model says ${m.live ? 'live' : 'absent'}, the store ${state ? 'live' : 'absent'}`); continue; }
    if (!state) continue;
    if (state.years !== m.years) v.push(`${tag}: ${m.years} years acknowledged (registration and renewals), the store has ${state.years}`);
    if (!sameSet(state.ns, m.nameservers)) v.push(`${tag}: nameservers ${JSON.stringify(m.nameservers)} acknowledged, the store has ${JSON.stringify(state.ns)}`);
    if (m.ownerEmail !== undefined && state.email !== m.ownerEmail) v.push(`${tag}: owner e-mail ${m.ownerEmail} acknowledged, the store has ${state.email}`);
  }

  for (const c of model.contacts.values()) {
    const email = s.contactEmail.get(c.handle);
    if (email === undefined) { v.push(`EPP contact ${c.handle} is missing`); continue; }
    if (c.maybe) {
      if (email !== c.email && email !== c.maybe.email) v.push(`EPP contact ${c.handle}: e-mail ${email} is neither ${c.email} nor the unanswered ${c.maybe.email}`);
      if (!resolve) continue;
      if (email === c.maybe.email) { applied++; c.email = email; } else notApplied++;
      c.maybe = undefined;
    }
    if (email !== c.email) v.push(`EPP contact ${c.handle}: e-mail ${c.email} acknowledged, the store has ${email}`);
  }
  return { violations: v, applied, notApplied };
}

export type { DomainModel };
