// Per-domain settings beyond the foundation's: the forwarding e-mail, registry-specific data (tld_data), the .CA
// CIRA WHOIS display, the .UK WHOIS opt-out, and releasing a .UK domain to another registrar's IPS tag. Each
// change is one transaction with its history row.
import type { Updateable } from 'kysely';
import type { Core, Tx } from '../core.ts';
import type { DomainsTable } from '../../store/schema.ts';
import { CoreError } from '../errors.ts';
import { recordHistory } from '../history.ts';
import type { DomainRow } from './findDomain.ts';
import {
  AU_TLDS, UK_REG_TYPES, UK_TLDS, caIndividual, parseRegistrySettings, parseStoredTldData, validateTldData,
  type RegistrySettings, type TldData,
} from '../tldData.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** regd's own Nominet tag: releasing a domain to it is a no-op OpenSRS refuses. */
export const REGD_IPS_TAG = 'REGD';

async function changeDomain(core: Core, d: DomainRow, action: string, detail: Record<string, unknown>,
  change: (trx: Tx, now: Date) => Promise<Updateable<DomainsTable>>): Promise<void> {
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    const set = await change(trx, now);
    const r = await trx.updateTable('domains').set({ ...set, updated_at: now.toISOString() })
      .where('id', '=', d.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new CoreError('not_found', `Domain ${d.name} not found`, 'domain');
    await recordHistory(trx, { at: now, resellerId: d.reseller_id, domainId: d.id, objectType: 'domain', objectId: d.id, action, detail });
  });
}

export function requireTld(d: DomainRow, tlds: string[], what: string): void {
  if (!tlds.includes(d.tld)) {
    const names = tlds.map((t) => `.${t.toUpperCase()}`).join(' and ');
    throw new CoreError('not_supported', `${what} applies only to ${names} domains; ${d.name} is a .${d.tld} domain`, 'domain');
  }
}

export async function setForwardingEmail(core: Core, d: DomainRow, email: string): Promise<void> {
  const e = email.trim();
  if (!EMAIL.test(e) || e.length > 255) throw new CoreError('invalid_value', 'Invalid data: forwarding_email is not an e-mail address', 'forwarding_email');
  await changeDomain(core, d, 'forwarding_email', { forwarding_email: e }, async () => ({ forwarding_email: e }));
}

export async function setTldData(core: Core, d: DomainRow, input: Record<string, unknown>): Promise<TldData> {
  const next = validateTldData(d.tld, input, parseStoredTldData(d.tld_data));
  await changeDomain(core, d, 'tld_data', { keys: Object.keys(input) }, async () => ({ tld_data: JSON.stringify(next) }));
  return next;
}

export async function setCaWhoisDisplay(core: Core, d: DomainRow, display: string): Promise<void> {
  requireTld(d, ['ca'], 'The CIRA WHOIS display setting');
  const v = display.trim().toUpperCase();
  if (v !== 'FULL' && v !== 'PRIVATE') throw new CoreError('invalid_value', 'Invalid data: display must be FULL or PRIVATE', 'display');
  if (!caIndividual(parseStoredTldData(d.tld_data))) {
    throw new CoreError('status_prohibits', 'Only individual registrants (legal types CCT, RES, ABO, LGR) can change their CIRA WHOIS display setting', 'display');
  }
  const settings: RegistrySettings = { ...parseRegistrySettings(d.registry_settings), ca_whois_display: v };
  await changeDomain(core, d, 'ca_whois_display', { display: v }, async () => ({ registry_settings: JSON.stringify(settings) }));
}

/** .UK WHOIS opt-out (Nominet): only individuals (IND, FIND) may hide their address. */
export async function setUkWhoisOpt(core: Core, d: DomainRow, input: { optOut: boolean; regType?: string }): Promise<void> {
  requireTld(d, UK_TLDS, 'The .UK WHOIS opt-out');
  const current = parseRegistrySettings(d.registry_settings);
  const regType = (input.regType ?? current.uk_reg_type ?? 'IND').trim().toUpperCase();
  if (!UK_REG_TYPES.includes(regType)) throw new CoreError('invalid_value', `Invalid data: reg_type must be one of ${UK_REG_TYPES.join(', ')}`, 'reg_type');
  if (input.optOut && regType !== 'IND' && regType !== 'FIND') {
    throw new CoreError('status_prohibits', `Only individual registrants (reg_type IND or FIND) may opt out of the .UK WHOIS; this registrant is ${regType}`, 'uk_whois_opt');
  }
  const settings: RegistrySettings = { ...current, uk_reg_type: regType, uk_whois_opt: input.optOut ? '1' : '0' };
  await changeDomain(core, d, 'uk_whois_opt', { optOut: input.optOut, regType }, async () => ({ registry_settings: JSON.stringify(settings) }));
}

/**
 * change_ips_tag: a .UK domain moves to another registrar by setting its Nominet tag. The sandbox registry accepts
 * the new tag at once, so the domain leaves regd (it is marked released and no longer live here). With `all`, every
 * .UK domain of the same registrant profile moves too.
 */
export async function releaseUkDomains(core: Core, d: DomainRow, input: { tag: string; all: boolean }): Promise<string[]> {
  requireTld(d, UK_TLDS, 'Changing the IPS tag');
  const tag = input.tag.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9-]{1,15}$/.test(tag)) throw new CoreError('invalid_value', 'Invalid data: gaining_registrar_tag must be a Nominet tag (2-16 letters, digits or hyphens)', 'gaining_registrar_tag');
  if (tag === REGD_IPS_TAG) throw new CoreError('invalid_value', `Invalid data: ${d.name} is already under the tag ${tag}`, 'gaining_registrar_tag');
  const now = await core.clock.now();
  return core.db.transaction().execute(async (trx) => {
    let rows = [d];
    if (input.all) {
      rows = await trx.selectFrom('domains').selectAll().where('profile_id', '=', d.profile_id).where('reseller_id', '=', d.reseller_id)
        .where('tld', 'in', UK_TLDS).where('deleted_at', 'is', null).where('rgp_status', 'is', null).orderBy('name').execute();
    }
    const moved: string[] = [];
    for (const row of rows) {
      const pendingTrade = await trx.selectFrom('trades').select('id').where('domain_id', '=', row.id)
        .where('status', 'like', 'pending%').executeTakeFirst();
      if (pendingTrade) throw new CoreError('status_prohibits', `Cannot change the tag of ${row.name}: a trade is pending`, 'domain');
      const settings: RegistrySettings = { ...parseRegistrySettings(row.registry_settings), released_to_tag: tag };
      await trx.updateTable('domains').set({ deleted_at: now.toISOString(), updated_at: now.toISOString(), registry_settings: JSON.stringify(settings) })
        .where('id', '=', row.id).where('deleted_at', 'is', null).execute();
      await trx.deleteFrom('cookies').where('domain_id', '=', row.id).execute();
      await recordHistory(trx, { at: now, resellerId: row.reseller_id, domainId: row.id, objectType: 'domain', objectId: row.id, action: 'ips_tag_release', detail: { tag } });
      moved.push(row.name);
    }
    return moved;
  });
}

export { AU_TLDS, UK_TLDS };
