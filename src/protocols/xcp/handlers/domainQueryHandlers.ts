// Reseller-wide queries: GET_DELETED_DOMAINS, GET_DOMAINS_BY_EXPIREDATE, GET_DOMAINS_CONTACTS, BELONGS_TO_RSP and
// GET_NOTES. Paging (page from 0, limit 40 by default, clamped at 1000) is paging.ts's.
import { makeAssoc, type OpsAssoc } from '../../ops/index.ts';
import type { XcpHandler } from '../xcpContext.ts';
import type { XcpResult } from '../xcpReply.ts';
import type { AttributeReader } from '../attributeReader.ts';
import { XcpError, xcpInvalid, xcpMissing } from '../xcpError.ts';
import {
  belongsToReseller, contactsOfDomains, listDeletedDomains, listDomainsByExpiry, parseDay,
} from '../../../core/commands/domainQueries.ts';
import { listNotes } from '../../../core/commands/domainNotes.ts';
import { toAsciiHostname } from '../../../core/domainName.ts';
import { CONTACT_ROLES } from '../../../core/contact.ts';
import { XCP_CODE_FOR } from '../coreErrorCodes.ts';
import { readPaging } from '../paging.ts';
import { contactView, flag, opsDate } from '../opsViews.ts';

function day(a: AttributeReader, key: string, end = false): string | undefined {
  const v = a.optString(key);
  return v === undefined ? undefined : parseDay(v, key, end);
}

export const getDeletedDomainsHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = req.attributes;
  const { page, limit } = readPaging(a);
  const emails: Partial<Record<'owner' | 'admin' | 'billing' | 'tech', string>> = {};
  for (const role of CONTACT_ROLES) {
    const e = a.optString(`${role}_email`);
    if (e !== undefined) emails[role] = e;
  }
  const r = await listDeletedDomains(ctx.core, {
    resellerId: ctx.reseller.id, domain: a.optString('domain'), page, limit, emails,
    delFrom: day(a, 'del_from'), delTo: day(a, 'del_to', true), expFrom: day(a, 'exp_from'), expTo: day(a, 'exp_to', true),
  });
  return {
    code: 200, text: 'Command completed successfully',
    attributes: {
      total: String(r.total), page: String(r.page), limit: String(r.limit), remainder: flag(r.remainder),
      del_domains: r.items.map((d) => makeAssoc({
        name: d.name, reason: d.reason, status: d.status, delete_date: opsDate(d.deletedAt), expiredate: opsDate(d.expiresAt),
      })),
    },
  };
};

export const getDomainsByExpiredateHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = req.attributes;
  const { page, limit } = readPaging(a);
  const from = parseDay(a.string('exp_from'), 'exp_from');
  const to = parseDay(a.string('exp_to'), 'exp_to', true);
  const r = await listDomainsByExpiry(ctx.core, { resellerId: ctx.reseller.id, from, to, page, limit });
  return {
    code: 200, text: 'Command completed successfully',
    attributes: {
      total: String(r.total), page: String(r.page), limit: String(r.limit), remainder: flag(r.remainder),
      exp_domains: r.items.map((d) => makeAssoc({
        name: d.name, expiredate: opsDate(d.expiresAt), f_auto_renew: d.autoRenew ? 'Y' : 'N', f_let_expire: d.letExpire ? 'Y' : 'N',
      })),
    },
  };
};

export const getDomainsContactsHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = req.attributes;
  const names = a.optStringList('domain_list');
  if (!names || names.length === 0) throw xcpMissing('domain_list');
  const results = await contactsOfDomains(ctx.core, ctx.reseller.id, names, a.flag('active_contacts_only', false));
  const attributes: OpsAssoc = makeAssoc();
  for (const r of results) {
    if (r.ok) {
      const set = makeAssoc();
      for (const role of CONTACT_ROLES) {
        const c = r.view.contacts[role];
        if (c) set[role] = contactView(c, r.view.status[role]);
      }
      attributes[r.name] = makeAssoc({ contact_set: set, status: r.view.status.owner });
    } else {
      attributes[r.name] = makeAssoc({ is_success: '0', response_code: String(XCP_CODE_FOR[r.code]), response_text: r.message });
    }
  }
  return { code: 200, text: 'Command completed successfully', attributes };
};

export const belongsToRspHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const name = req.attributes.optString('domain') ?? req.domain;
  if (!name) throw xcpMissing('domain');
  const r = await belongsToReseller(ctx.core, ctx.reseller.id, name);
  if (!r.known) return { code: 200, text: 'Unknown Domain', attributes: { belongs_to_rsp: '0' } };
  return {
    code: 200, text: 'Query Successful',
    attributes: r.belongs ? { belongs_to_rsp: '1', domain_expdate: opsDate(r.expiresAt!) } : { belongs_to_rsp: '0' },
  };
};

export const getNotesHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = req.attributes;
  const type = a.optString('type')?.toLowerCase();
  if (!type) throw xcpMissing('type');
  const raw = a.optString('domain') ?? req.domain;
  if (!raw) throw xcpMissing('domain');
  const domainName = toAsciiHostname(raw);
  if (!domainName) throw xcpInvalid('Invalid domain name syntax');
  const { page, limit } = readPaging(a);
  const base = { resellerId: ctx.reseller.id, domainName, page, limit };
  let r;
  if (type === 'domain') r = await listNotes(ctx.core, { type, ...base });
  else if (type === 'order') r = await listNotes(ctx.core, { type, orderId: a.int('order_id'), ...base });
  else if (type === 'transfer') r = await listNotes(ctx.core, { type, transferId: a.int('transfer_id'), ...base });
  else throw new XcpError(465, `Invalid data: type must be domain, order or transfer, not ${type}`);
  return {
    code: 200, text: 'Command completed successfully',
    attributes: {
      total: String(r.total), page: String(r.page), limit: String(r.limit), remainder: flag(r.remainder),
      notes: r.notes.map((n) => makeAssoc({ note: n.note, timestamp: n.timestamp })),
    },
  };
};
