// A transfer request by the gaining reseller: checked (auth code, lock, statuses, the TLD's 60-day lock), paid at
// once (refunded if it is rejected, cancelled or cancelled by the server), and pending until the losing side or the
// transfer window decides. XCP's request names the registrant profile and contacts the domain takes on completion.
import { isRemoteRegistry } from '../../orders/registryReach.ts';
import { findLiveDomain } from '../findDomain.ts';
import { parseOfferedDomain } from '../checkAvailability.ts';
import { requestTransferIn } from './remoteTransfers.ts';
import type { Core, Tx } from '../../core.ts';
import { CoreError } from '../../errors.ts';
import { debit } from '../../ledger.ts';
import { recordHistory } from '../../history.ts';
import { addYears, DAY_MS } from '../../dates.ts';
import { clientStatusesOf } from '../../domainStatus.ts';
import { assertPriceAccepted, priceOfName, type AcceptedPrice } from '../prices.ts';
import { enqueuePoll, type TransferView } from '../pollQueue.ts';
import { prepareProfile, resolvePreparedProfile, validateProfileCredentials } from '../profiles.ts';
import { resolveTransferContacts, validateTransferData, type TransferDataInput } from './transferData.ts';
import { TRANSFER_YEARS, authMatches, liveDomain, lockDomain, pendingTransferOf, transferView } from './transferRecords.ts';

export interface TransferRequestInput extends TransferDataInput {
  resellerId: number; name: string; authCode?: string; period?: number;
  /**
   * XCP's reg_username/reg_password: the gaining reseller's registrant profile the domain joins when the transfer
   * completes (resolved, and created if new, when the request is made; stored on the order). Without it (EPP) the
   * domain joins the reseller's "epp-<username>" profile.
   */
  registrant?: { username: string; password: string };
  /** The price the client acknowledged (XCP premium_price_to_verify, EPP fee:transfer); required for a premium name. */
  acceptedPrice?: AcceptedPrice;
  /** A resubmission (PROCESS_TRANSFER): the registrant profile the cancelled order had resolved. */
  profileId?: number;
  /**
   * A resubmission whose first order was never refunded: what was paid for it carries over (no new debit; a refund
   * of the new order gives it back). Undefined: the transfer price is charged.
   */
  prepaidMinor?: number;
  /** A resubmission: the cancelled or failed order it repeats. */
  resubmittedFrom?: number;
}

export async function requestTransfer(core: Core, input: TransferRequestInput): Promise<TransferView & { orderId?: number }> {
  // A name regd does not hold, at a TLD a remote registry serves: a transfer in from another registrar there.
  // So is a name the sandbox says is held at another registrar (takenElsewhere.ts): its transfer window approves it.
  const dn = parseOfferedDomain(core, input.name);
  if (!(await findLiveDomain(core, dn.name)) && (isRemoteRegistry(core, dn.tld) || await core.registry.isRegisteredElsewhere(dn.name))) {
    return requestTransferIn(core, input);
  }
  const d = await liveDomain(core, input.name);
  const policy = core.registry.policy(d.tld);
  if (!policy) throw new CoreError('unknown_tld', `TLD .${d.tld} is not offered`, 'domain');
  if (d.reseller_id === input.resellerId) throw new CoreError('not_eligible_transfer', `Domain ${d.name} is already sponsored by the requesting client`, 'domain');
  if (input.authCode === undefined || input.authCode === '') throw new CoreError('missing_field', 'Missing required field: authInfo', 'authInfo');
  if (!authMatches(input.authCode, d.auth_code)) throw new CoreError('auth_info_invalid', 'Invalid authorization information', 'authInfo');
  const period = input.period ?? TRANSFER_YEARS;
  if (period !== TRANSFER_YEARS) throw new CoreError('period_not_allowed', `A transfer adds exactly ${TRANSFER_YEARS} year`, 'period');
  const carried = validateTransferData(input, d.name, policy);
  const creds = input.registrant ? validateProfileCredentials(input.registrant.username, input.registrant.password) : undefined;
  const price = await priceOfName(core, d, 'transfer', period);
  assertPriceAccepted(price, input.acceptedPrice, `The transfer of ${d.name}`, 'premium_price_to_verify');
  const preparedProfile = creds ? await prepareProfile(core, input.resellerId, creds.username, creds.password) : undefined;
  const now = await core.clock.now();
  return core.db.transaction().execute(async (trx) => {
    const cur = await lockDomain(trx, d.id, now);
    if (cur.deleted_at !== null) throw new CoreError('not_found', `Domain ${d.name} not found`, 'domain');
    if (await pendingTransferOf(trx, d.id)) throw new CoreError('pending_transfer', `A transfer of ${d.name} is already pending`, 'domain');
    if (cur.rgp_status !== null) throw new CoreError('status_prohibits', `Domain ${d.name} is pending deletion`, 'domain');
    if (cur.registry_pending_until !== null) throw new CoreError('status_prohibits', `Domain ${d.name} is still waiting for its registry to confirm the registration`, 'domain');
    if (clientStatusesOf(cur).has('clientTransferProhibited')) throw new CoreError('status_prohibits', `Domain ${d.name} is locked against transfer (clientTransferProhibited)`, 'domain');
    const since = new Date(cur.transferred_at ?? cur.created_at);
    const lockEnds = new Date(since.getTime() + policy.transferLockDays * DAY_MS);
    if (now < lockEnds) {
      throw new CoreError('transfer_lock', `Domain ${d.name} cannot be transferred until ${lockEnds.toISOString()} (${policy.transferLockDays}-day lock after ${cur.transferred_at ? 'transfer' : 'registration'})`, 'domain');
    }
    const deadline = new Date(now.getTime() + policy.transferWindowDays * DAY_MS);
    const projected = addYears(new Date(cur.expires_at), period);
    const profile = preparedProfile ? await resolvePreparedProfile(trx, input.resellerId, preparedProfile, now)
      : input.profileId !== undefined ? { id: input.profileId, created: false } : undefined;
    const contactIds = await resolveTransferContacts(trx, input.resellerId, input.contactHandles);
    // The address the request for approval goes to: the domain's admin contact (else its owner) now (CHECK_TRANSFER).
    const addressee = await trx.selectFrom('domain_contacts').innerJoin('contacts', 'contacts.id', 'domain_contacts.contact_id')
      .select(['domain_contacts.role', 'contacts.email']).where('domain_contacts.domain_id', '=', d.id).where('domain_contacts.role', 'in', ['admin', 'owner']).execute();
    const requestAddress = (addressee.find((c) => c.role === 'admin') ?? addressee.find((c) => c.role === 'owner'))?.email || undefined;
    if (profile?.created) {
      await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: null, objectType: 'profile', objectId: profile.id, action: 'create', detail: { reg_username: creds!.username } });
    }
    const order = await trx.insertInto('orders').values({
      reseller_id: input.resellerId, profile_id: profile?.id ?? null, domain_id: d.id, domain_name: d.name, kind: 'transfer', status: 'pending',
      period, amount_minor: input.prepaidMinor ?? price.amountMinor, currency: price.currency, request_json: JSON.stringify({
        period, authCode: input.authCode, ...carried, ...(contactIds ? { contactIds } : {}), ...(requestAddress ? { requestAddress } : {}),
        ...(input.resubmittedFrom !== undefined ? { resubmittedFrom: input.resubmittedFrom } : {}),
      }),
      created_at: now.toISOString(), completed_at: null,
    }).returning('id').executeTakeFirstOrThrow();
    if (input.prepaidMinor === undefined) {
      await debit(trx, { resellerId: input.resellerId, amountMinor: price.amountMinor, orderId: order.id, description: `transfer ${d.name} ${period}y`, at: now });
    }
    const t = await trx.insertInto('transfers').values({
      domain_id: d.id, domain_name: d.name, gaining_reseller_id: input.resellerId, losing_reseller_id: cur.reseller_id,
      status: 'pending', requested_at: now.toISOString(), action_deadline: deadline.toISOString(), acted_at: null,
      period, amount_minor: input.prepaidMinor ?? price.amountMinor, currency: price.currency, order_id: order.id, expires_at_after: projected.toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    const row = (await trx.selectFrom('transfers').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow());
    const view = await transferView(trx, row);
    await recordHistory(trx, {
      at: now, resellerId: input.resellerId, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'transfer_request',
      detail: {
        transferId: t.id, gaining: view.gainingUsername, losing: view.losingUsername, orderId: order.id, amountMinor: price.amountMinor, deadline: deadline.toISOString(),
        ...(input.resubmittedFrom !== undefined ? { resubmittedFrom: input.resubmittedFrom, charged: input.prepaidMinor === undefined } : {}),
      },
    });
    await enqueuePoll(trx, {
      resellerId: cur.reseller_id, at: now, kind: 'transfer', message: `Transfer of ${d.name} requested by ${view.gainingUsername}`,
      payload: { type: 'transfer', side: 'losing', transfer: view },
    });
    return { ...view, orderId: order.id };
  });
}
