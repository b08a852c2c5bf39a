// Notes on domains and orders (OpenSRS GET_NOTES). Free-text notes a reseller attaches (REVOKE's notes, trades)
// live in the notes table; everything else is derived from the history rows every change writes, so a note exists
// for each registration, renewal, modification, trade or revocation without a second write path.
import type { Core, Tx } from '../core.ts';
import { CoreError } from '../errors.ts';
import { formatAmount } from '../money.ts';
import { formatOpsDate } from '../dates.ts';

export async function addNote(tx: Tx, n: { resellerId: number; domainId: number | null; domainName: string; orderId: number | null; note: string; at: Date }): Promise<void> {
  await tx.insertInto('notes').values({
    reseller_id: n.resellerId, domain_id: n.domainId, order_id: n.orderId, domain_name: n.domainName, note: n.note.slice(0, 4000),
    created_at: n.at.toISOString(),
  }).execute();
}

export interface NoteEntry { note: string; timestamp: string; source: 'reseller' | 'system' }
export interface NotesPage { notes: NoteEntry[]; total: number; page: number; limit: number; remainder: boolean }

type Detail = Record<string, unknown>;

/** A readable sentence for a history row. */
export function describeHistory(action: string, detail: Detail): string {
  const amount = (v: unknown) => (typeof v === 'number' ? `${formatAmount(v)}` : '');
  const to = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? formatOpsDate(v) : '');
  switch (action) {
    case 'register': return `Domain registered for ${detail.period} year(s)${detail.orderId ? ` (order ${detail.orderId})` : ''}${detail.amountMinor !== undefined ? `, charged ${amount(detail.amountMinor)}` : ''}`;
    case 'renew': return `Domain renewed for ${detail.period} year(s)${detail.to ? `, now expiring ${to(detail.to)}` : ''}${detail.orderId ? ` (order ${detail.orderId})` : ''}`;
    case 'modify_contacts': return `Contacts changed: ${Array.isArray(detail.roles) ? detail.roles.join(', ') : ''}`;
    case 'expire_action': return `Expire action set: auto_renew=${detail.auto_renew}, let_expire=${detail.let_expire}`;
    case 'lock': return 'Domain locked';
    case 'unlock': return 'Domain unlocked';
    case 'auth_code': return 'Domain auth code changed';
    case 'whois_privacy_enable': return 'WHOIS privacy enabled';
    case 'whois_privacy_disable': return 'WHOIS privacy disabled';
    case 'nameservers': return `Nameservers changed to ${Array.isArray(detail.to) ? detail.to.join(', ') : ''}`;
    case 'forwarding_email': return `Forwarding e-mail set to ${detail.forwarding_email}`;
    case 'tld_data': return `Registry data changed: ${Array.isArray(detail.keys) ? detail.keys.join(', ') : ''}`;
    case 'ca_whois_display': return `CIRA WHOIS display set to ${detail.display}`;
    case 'uk_whois_opt': return `.UK WHOIS opt-out ${detail.optOut ? 'on' : 'off'} (registrant type ${detail.regType})`;
    case 'ips_tag_release': return `Released to IPS tag ${detail.tag}`;
    case 'trade_request': return `Change of registrant requested (trade ${detail.tradeId}) to ${detail.newOwnerEmail}`;
    case 'revoke': return `Domain revoked; refunded ${amount(detail.refundMinor)}`;
    case 'change_ownership': return `Moved to registrant profile ${detail.toUsername}`;
    case 'save': return `Order saved for later processing${detail.domain ? `: ${detail.domain}` : ''}`;
    case 'process_pending': return `Saved order processed${detail.domainId ? ` (domain ${detail.domain})` : ''}`;
    case 'cancel_pending': return 'Saved order cancelled';
    default: {
      if (action.startsWith('trade_')) return `Change of registrant ${action.slice(6).replace(/_/g, ' ')}${detail.tradeId ? ` (trade ${detail.tradeId})` : ''}`;
      const parts = Object.entries(detail).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v)).map(([k, v]) => `${k}=${String(v)}`);
      return `${action.replace(/_/g, ' ')}${parts.length ? ` (${parts.join(', ')})` : ''}`;
    }
  }
}

export type NotesQuery =
  | { type: 'domain'; resellerId: number; domainName: string; page: number; limit: number }
  | { type: 'order'; resellerId: number; domainName: string; orderId: number; page: number; limit: number }
  | { type: 'transfer'; resellerId: number; domainName: string; transferId: number; page: number; limit: number };

/** Notes of a domain (every registration of that name by this reseller), of one order, or of one transfer; newest first. */
export async function listNotes(core: Core, q: NotesQuery): Promise<NotesPage> {
  const domainIds = (await core.db.selectFrom('domains').select('id').where('name', '=', q.domainName).where('reseller_id', '=', q.resellerId).execute())
    .map((r) => Number(r.id));
  const entries: Array<NoteEntry & { sort: string }> = [];
  const push = (note: string, at: string, source: NoteEntry['source']) => entries.push({ note, timestamp: formatOpsDate(at), source, sort: at });
  if (q.type === 'domain') {
    if (domainIds.length === 0) throw new CoreError('not_found', `Domain ${q.domainName} not found`, 'domain');
    const hist = await core.db.selectFrom('history').select(['at', 'action', 'detail'])
      .where('domain_id', 'in', domainIds).where('reseller_id', '=', q.resellerId).where('object_type', '=', 'domain').execute();
    for (const h of hist) push(describeHistory(h.action, JSON.parse(h.detail) as Detail), h.at, 'system');
    const notes = await core.db.selectFrom('notes').select(['note', 'created_at']).where('domain_id', 'in', domainIds).execute();
    for (const n of notes) push(n.note, n.created_at, 'reseller');
  } else if (q.type === 'order') {
    const order = await core.db.selectFrom('orders').select(['id', 'domain_name']).where('id', '=', q.orderId).where('reseller_id', '=', q.resellerId).executeTakeFirst();
    if (!order || order.domain_name !== q.domainName) throw new CoreError('not_found', `Order ${q.orderId} not found for ${q.domainName}`, 'order_id');
    const hist = await core.db.selectFrom('history').select(['at', 'action', 'detail', 'object_type', 'object_id'])
      .where('reseller_id', '=', q.resellerId)
      .where((eb) => eb.or([
        eb.and([eb('object_type', '=', 'order'), eb('object_id', '=', String(q.orderId))]),
        ...(domainIds.length ? [eb('domain_id', 'in', domainIds)] : []),
      ])).execute();
    for (const h of hist) {
      const detail = JSON.parse(h.detail) as Detail;
      if (h.object_type === 'order' || Number(detail.orderId) === q.orderId) push(describeHistory(h.action, detail), h.at, 'system');
    }
    const notes = await core.db.selectFrom('notes').select(['note', 'created_at']).where('order_id', '=', q.orderId).execute();
    for (const n of notes) push(n.note, n.created_at, 'reseller');
  } else {
    const t = await core.db.selectFrom('transfers').select(['id', 'domain_name'])
      .where('id', '=', q.transferId).where((eb) => eb.or([eb('gaining_reseller_id', '=', q.resellerId), eb('losing_reseller_id', '=', q.resellerId)]))
      .executeTakeFirst();
    if (!t || t.domain_name !== q.domainName) throw new CoreError('not_found', `Transfer ${q.transferId} not found for ${q.domainName}`, 'transfer_id');
    let hq = core.db.selectFrom('history').select(['at', 'action', 'detail']).where('reseller_id', '=', q.resellerId);
    if (domainIds.length > 0) hq = hq.where('domain_id', 'in', domainIds);
    const hist = await hq.execute();
    for (const h of hist) {
      const detail = JSON.parse(h.detail) as Detail;
      if (Number(detail.transferId) === q.transferId) push(describeHistory(h.action, detail), h.at, 'system');
    }
  }
  entries.sort((a, b) => (a.sort < b.sort ? 1 : a.sort > b.sort ? -1 : 0));
  const start = q.page * q.limit;
  return {
    notes: entries.slice(start, start + q.limit).map(({ note, timestamp, source }) => ({ note, timestamp, source })),
    total: entries.length, page: q.page, limit: q.limit, remainder: start + q.limit < entries.length,
  };
}
