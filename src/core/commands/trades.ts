// Ownership trades (change of registrant). A trade names the new owner's contact data; it waits for the current
// registrant (pending_current_registrant), then for the new registrant (pending_new_registrant), and completes by
// replacing the owner contact. Either side may decline. The sandbox has no mailbox to click in: the approval
// requests go to the outbox and `regd sandbox trade accept|decline DOMAIN` (respondToTrade) plays the registrant.
import type { Core, Tx } from '../core.ts';
import { CoreError } from '../errors.ts';
import { validateContact, type Contact } from '../contact.ts';
import { readContactSet, attachContacts } from '../domainContacts.ts';
import { recordHistory } from '../history.ts';
import { recordMail } from '../outbox.ts';
import { toAsciiHostname } from '../domainName.ts';
import type { DomainRow } from './findDomain.ts';
import { enqueuePoll } from './pollQueue.ts';

export type TradeStatus = 'pending_current_registrant' | 'pending_new_registrant' | 'completed'
  | 'cancelled_by_current_registrant' | 'cancelled_by_new_registrant';

export interface Trade {
  id: number;
  domainId: number;
  status: TradeStatus;
  newOwner: Contact;
  requestedAt: string;
  updatedAt: string;
  completedAt: string | null;
}

function toTrade(r: { id: number; domain_id: number; status: string; new_owner: string; requested_at: string; updated_at: string; completed_at: string | null }): Trade {
  return {
    id: Number(r.id), domainId: Number(r.domain_id), status: r.status as TradeStatus, newOwner: JSON.parse(r.new_owner) as Contact,
    requestedAt: r.requested_at, updatedAt: r.updated_at, completedAt: r.completed_at,
  };
}

/** The trade waiting on a domain, if any. */
export async function pendingTrade(tx: Tx, domainId: number): Promise<Trade | undefined> {
  const r = await tx.selectFrom('trades').selectAll().where('domain_id', '=', domainId).where('status', 'like', 'pending%')
    .orderBy('id', 'desc').executeTakeFirst();
  return r && toTrade(r);
}

async function hasPendingTransferRow(tx: Tx, domainId: number): Promise<boolean> {
  const r = await tx.selectFrom('transfers').select('id').where('domain_id', '=', domainId).where('status', '=', 'pending').executeTakeFirst();
  return r !== undefined;
}

/** Validates the new owner's data: the contact fields OpenSRS's trade_domain takes, named without a prefix. */
export function validateNewOwner(input: Partial<Record<string, string>>, currentOwner?: Contact): Contact {
  try {
    // Fields a trade does not carry (address2/3, fax, lang) default to empty / the current owner's language.
    return validateContact({ lang: currentOwner?.lang, ...input }, 'trade');
  } catch (err) {
    if (err instanceof CoreError) {
      const field = err.field?.replace(/^trade\./, '');
      throw new CoreError(err.kind, err.message.replace(/trade\./g, ''), field);
    }
    throw err;
  }
}

export async function requestTrade(core: Core, d: DomainRow, input: Partial<Record<string, string>>): Promise<Trade> {
  const current = (await readContactSet(core.db, d.id)).owner;
  const newOwner = validateNewOwner(input, current);
  const now = await core.clock.now();
  return core.db.transaction().execute(async (trx) => {
    if (await pendingTrade(trx, d.id)) {
      throw new CoreError('pending_transfer', `Cannot process command because there is already another request waiting on this domain (a trade of ${d.name} is pending)`, 'domain');
    }
    if (await hasPendingTransferRow(trx, d.id)) {
      throw new CoreError('pending_transfer', `Cannot process command because there is already another request waiting on this domain (a transfer of ${d.name} is pending)`, 'domain');
    }
    if (d.rgp_status) throw new CoreError('status_prohibits', `${d.name} is pending deletion and cannot be traded`, 'domain');
    const row = await trx.insertInto('trades').values({
      domain_id: d.id, reseller_id: d.reseller_id, status: 'pending_current_registrant', new_owner: JSON.stringify(newOwner),
      requested_at: now.toISOString(), updated_at: now.toISOString(), completed_at: null,
    }).returning('id').executeTakeFirstOrThrow();
    await recordHistory(trx, { at: now, resellerId: d.reseller_id, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'trade_request', detail: { tradeId: row.id, newOwnerEmail: newOwner.email } });
    await recordMail(trx, {
      resellerId: d.reseller_id, domainId: d.id, domainName: d.name, kind: 'trade_request_current', to: current?.email ?? '', at: now,
      subject: `Approve the change of registrant of ${d.name}`,
      body: `A change of registrant of ${d.name} to ${newOwner.first_name} ${newOwner.last_name}${newOwner.org_name ? ` (${newOwner.org_name})` : ''} <${newOwner.email}> was requested (trade ${row.id}). Approve or decline it; nothing changes until you and the new registrant both approve.`,
    });
    return (await pendingTrade(trx, d.id))!;
  });
}

/**
 * The registrant's answer to the step a trade waits for: the current registrant first, then the new one. Accepting
 * the last step replaces the owner contact (a new contact row: other domains sharing the old one keep it).
 */
export async function respondToTrade(core: Core, domain: string, decision: 'accept' | 'decline'): Promise<Trade> {
  const stored = await core.db.selectFrom('settings').select('value').where('key', '=', 'mode').executeTakeFirst();
  if (core.mode === 'live' || stored?.value === 'live') {
    throw new CoreError('live_mode_refused', 'Trades are answered by the registrants in live mode, not from the command line');
  }
  const name = toAsciiHostname(domain);
  if (!name) throw new CoreError('invalid_domain', 'Invalid domain name syntax', 'domain');
  const now = await core.clock.now();
  return core.db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('domains').selectAll().where('name', '=', name).where('deleted_at', 'is', null).executeTakeFirst();
    if (!d) throw new CoreError('not_found', `Domain ${name} not found`, 'domain');
    const t = await pendingTrade(trx, d.id);
    if (!t) throw new CoreError('not_found', `No trade is pending for ${name}`, 'domain');
    const side = t.status === 'pending_current_registrant' ? 'current' : 'new';
    let next: TradeStatus;
    if (decision === 'decline') next = side === 'current' ? 'cancelled_by_current_registrant' : 'cancelled_by_new_registrant';
    else next = side === 'current' ? 'pending_new_registrant' : 'completed';
    await trx.updateTable('trades').set({ status: next, updated_at: now.toISOString(), completed_at: next === 'completed' ? now.toISOString() : null })
      .where('id', '=', t.id).execute();
    const owner = (await readContactSet(trx, d.id)).owner;
    if (next === 'pending_new_registrant') {
      await recordMail(trx, {
        resellerId: d.reseller_id, domainId: d.id, domainName: d.name, kind: 'trade_request_new', to: t.newOwner.email, at: now,
        subject: `Accept the registration of ${d.name}`,
        body: `The registrant of ${d.name} agreed to transfer the registration to you (trade ${t.id}). Accept to become its registrant.`,
      });
    } else if (next === 'completed') {
      await attachContacts(trx, d.id, d.reseller_id, { owner: t.newOwner }, now);
      await trx.updateTable('domains').set({ updated_at: now.toISOString() }).where('id', '=', d.id).execute();
      for (const to of new Set([owner?.email ?? '', t.newOwner.email].filter((e) => e !== ''))) {
        await recordMail(trx, {
          resellerId: d.reseller_id, domainId: d.id, domainName: d.name, kind: 'trade_completed', to, at: now,
          subject: `The change of registrant of ${d.name} is complete`,
          body: `${t.newOwner.first_name} ${t.newOwner.last_name} <${t.newOwner.email}> is now the registrant of ${d.name} (trade ${t.id}).`,
        });
      }
    } else {
      for (const to of new Set([owner?.email ?? '', t.newOwner.email].filter((e) => e !== ''))) {
        await recordMail(trx, {
          resellerId: d.reseller_id, domainId: d.id, domainName: d.name, kind: 'trade_cancelled', to, at: now,
          subject: `The change of registrant of ${d.name} was declined`,
          body: `The ${side} registrant declined the change of registrant of ${d.name} (trade ${t.id}); nothing changed.`,
        });
      }
    }
    await recordHistory(trx, { at: now, resellerId: d.reseller_id, domainId: d.id, objectType: 'domain', objectId: d.id, action: `trade_${next}`, detail: { tradeId: t.id, decision, side } });
    // The reseller did not take this step itself (a registrant did): it hears of it on its queue (EPP poll, XCP events).
    await enqueuePoll(trx, {
      resellerId: d.reseller_id, at: now, kind: 'trade', payload: { type: 'trade', name: d.name, tradeId: t.id, status: next, requestedAt: t.requestedAt },
      message: next === 'completed' ? `The change of registrant of ${d.name} is complete (trade ${t.id})`
        : next === 'pending_new_registrant' ? `The current registrant of ${d.name} approved the change of registrant; waiting on the new registrant (trade ${t.id})`
        : `The ${side} registrant declined the change of registrant of ${d.name} (trade ${t.id})`,
    });
    const row = await trx.selectFrom('trades').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
    return toTrade(row);
  });
}

export interface DomainContactsView {
  contacts: Partial<Record<'owner' | 'admin' | 'billing' | 'tech', Contact>>;
  /** Per role: active, or the pending trade state for the owner. */
  status: Record<'owner' | 'admin' | 'billing' | 'tech', string>;
}

/**
 * A domain's contacts as OpenSRS shows them: during a trade the owner is the contact that will be in WHOIS once the
 * trade completes, with the trade's pending state as its status; activeOnly shows the contacts in force now.
 */
export async function readContactsWithTrade(tx: Tx, domainId: number, activeOnly: boolean): Promise<DomainContactsView> {
  const contacts = await readContactSet(tx, domainId);
  const status = { owner: 'active', admin: 'active', billing: 'active', tech: 'active' };
  if (!activeOnly) {
    const t = await pendingTrade(tx, domainId);
    if (t) {
      contacts.owner = t.newOwner;
      status.owner = t.status;
    }
  }
  return { contacts, status };
}
