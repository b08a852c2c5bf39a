// Transfers that cross regd's boundary at a remote registry (regd's login there is the registrar of record):
//   in    a reseller asks for a name another registrar holds there: an order carried through the registry
//         (orders/steps/transferInStep.ts), paid at the request and refunded if it does not complete;
//   out   another registrar asks for a name regd holds there: the registry's poll message tells the sponsor
//         (orders/registryMessages.ts), who approves or rejects it here, which is passed on to the registry; the
//         registry's completion message then ends the domain at regd.
// A transfer between two of regd's own resellers does not touch the registry (the registrar of record stays the
// same) and follows the local path (requestTransfer.ts).
import type { Core } from '../../core.ts';
import { CoreError } from '../../errors.ts';
import { debit } from '../../ledger.ts';
import { recordHistory } from '../../history.ts';
import { assertPriceAccepted, priceOfName } from '../prices.ts';
import { parseOfferedDomain } from '../checkAvailability.ts';
import { prepareProfile, resolvePreparedProfile, validateProfileCredentials } from '../profiles.ts';
import { prepareResellerProfile, resolveResellerProfile } from '../resellerProfile.ts';
import { validateContactSet } from '../../contact.ts';
import type { TransferStatus, TransferView } from '../pollQueue.ts';
import { orderKey } from '../../orders/orderKey.ts';
import { carryOrder, loadOrder } from '../../orders/carryOrder.ts';
import { settleOrder } from '../../orders/settleOrder.ts';
import { registryFailureError, unsuccessfulAnswerError } from '../../orders/registryFailureError.ts';
import { transferInStep, transferInView, type TransferInRequest, type TransferInValue } from '../../orders/steps/transferInStep.ts';
import type { RegistryTransferResult, TransferAction } from '../../../registry/registryPort.ts';
import { TRANSFER_YEARS, usernameOf } from './transferRecords.ts';
import type { TransferRequestInput } from './requestTransfer.ts';
import { validateTransferData } from './transferData.ts';

export async function requestTransferIn(core: Core, input: TransferRequestInput): Promise<TransferView & { orderId: number }> {
  const dn = parseOfferedDomain(core, input.name);
  if (input.authCode === undefined || input.authCode === '') throw new CoreError('missing_field', 'Missing required field: authInfo', 'authInfo');
  const period = input.period ?? TRANSFER_YEARS;
  if (period !== TRANSFER_YEARS) throw new CoreError('period_not_allowed', `A transfer adds exactly ${TRANSFER_YEARS} year`, 'period');
  const contactSet = input.contactSet ? validateContactSet(input.contactSet) : undefined;
  const creds = input.registrant ? validateProfileCredentials(input.registrant.username, input.registrant.password) : undefined;
  const price = await priceOfName(core, dn, 'transfer', period);
  assertPriceAccepted(price, input.acceptedPrice, `The transfer of ${dn.name}`, 'premium_price_to_verify');
  const resellerUsername = await usernameOf(core.db, input.resellerId);
  const prepared = creds ? await prepareProfile(core, input.resellerId, creds.username, creds.password) : undefined;
  const preparedEpp = creds ? undefined : await prepareResellerProfile(core, input.resellerId, resellerUsername);
  const now = await core.clock.now();
  // The rest of what the request carries (nameservers, op fields) is kept on the order with it.
  const { contactSet: _validated, ...carried } = validateTransferData(input, dn.name, core.registry.policy(dn.tld)!);
  const request: TransferInRequest = {
    period, authCode: input.authCode, tld: dn.tld, resellerUsername, ...(contactSet ? { contactSet } : {}), ...carried,
    ...(input.resubmittedFrom !== undefined ? { resubmittedFrom: input.resubmittedFrom } : {}),
  };
  const orderId = await core.db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom('orders').select('id').where('domain_name', '=', dn.name).where('kind', '=', 'transfer_in')
      .where('registry_state', 'in', ['inflight', 'pending']).executeTakeFirst();
    if (open) throw new CoreError('pending_transfer', `A transfer of ${dn.name} is already pending`, 'domain');
    const profile = prepared ? await resolvePreparedProfile(trx, input.resellerId, prepared, now)
      : input.profileId !== undefined ? { id: input.profileId } : await resolveResellerProfile(trx, input.resellerId, preparedEpp!, now);
    const order = await trx.insertInto('orders').values({
      reseller_id: input.resellerId, profile_id: profile.id, domain_id: null, domain_name: dn.name, kind: 'transfer_in', status: 'pending',
      period, amount_minor: input.prepaidMinor ?? price.amountMinor, currency: price.currency, request_json: JSON.stringify(request),
      created_at: now.toISOString(), completed_at: null, registry_state: 'inflight', next_check_at: new Date(now.getTime() + 60_000).toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('orders').set({ registry_key: orderKey(order.id) }).where('id', '=', order.id).execute();
    if (input.prepaidMinor === undefined) {
      await debit(trx, { resellerId: input.resellerId, amountMinor: price.amountMinor, orderId: order.id, description: `transfer ${dn.name} ${period}y`, at: now });
    }
    await recordHistory(trx, {
      at: now, resellerId: input.resellerId, domainId: null, objectType: 'order', objectId: order.id, action: 'transfer_request',
      detail: { name: dn.name, orderId: order.id, amountMinor: input.prepaidMinor ?? price.amountMinor, registry: true, ...(input.resubmittedFrom !== undefined ? { resubmittedFrom: input.resubmittedFrom, charged: input.prepaidMinor === undefined } : {}) },
    });
    return order.id;
  });
  const outcome = await carryOrder<TransferInValue>(core, orderId);
  if (outcome.state === 'failed') throw registryFailureError(outcome.failure, `the transfer of ${dn.name}`);
  const order = await loadOrder(core, orderId);
  const view = outcome.state === 'completed'
    ? transferInView(order, outcome.value.status === 'serverApproved' ? 'serverApproved' : 'clientApproved', outcome.value, now)
    : transferInView(order, 'pending', {}, now);
  return { ...view, orderId };
}

/** The reseller's open transfer-in order for a name, if any. */
export async function openTransferIn(core: Core, resellerId: number, name: string) {
  return core.db.selectFrom('orders').selectAll().where('domain_name', '=', name).where('kind', '=', 'transfer_in')
    .where('reseller_id', '=', resellerId).where('registry_state', 'in', ['inflight', 'pending']).orderBy('id', 'desc').executeTakeFirst();
}

/** The gaining reseller withdraws its transfer-in: the registry is told, then the order fails and is refunded. */
export async function cancelTransferIn(core: Core, resellerId: number, name: string): Promise<TransferView> {
  const order = await openTransferIn(core, resellerId, name);
  if (!order) throw new CoreError('not_pending_transfer', `No transfer of ${name} is pending`, 'domain');
  const now = await core.clock.now();
  const answer = await core.registry.transferDomain({ key: `${order.registry_key}-cancel`, at: now }, { action: 'cancel', name });
  const error = unsuccessfulAnswerError(answer, `the cancel of the transfer of ${name}`, false);
  if (error) throw error;
  await settleOrder(core, transferInStep, order, { status: 'failed', reason: 'refused', code: 2301, message: 'cancelled by the requesting reseller' }, false);
  return transferInView(order, 'clientCancelled', {}, now);
}

/**
 * The losing side of a transfer out, at the registry: the sponsor approves or rejects (or anyone with the name asks
 * about) a transfer regd has no record of, because another registrar asked for it there.
 */
export async function actOnRegistryTransfer(core: Core, d: { id: number; name: string; reseller_id: number }, action: TransferAction): Promise<TransferView> {
  const now = await core.clock.now();
  const answer = await core.registry.transferDomain({ key: `regd-d${d.id}-transfer-${action}-${now.getTime().toString(36)}`, at: now }, { action, name: d.name });
  const error = unsuccessfulAnswerError(answer, `the transfer ${action} of ${d.name}`, false);
  if (error || answer.status !== 'ok') throw error;
  const t: RegistryTransferResult = answer.value;
  if (action !== 'query') {
    await recordHistory(core.db, { at: now, resellerId: d.reseller_id, domainId: d.id, objectType: 'domain', objectId: d.id, action: `transfer_${action}`, detail: { registry: true, status: t.status } });
  }
  return {
    name: d.name, status: t.status as TransferStatus, gainingUsername: t.requestingRegistrar ?? 'unknown',
    requestedAt: (t.requestedAt ?? now).toISOString(), losingUsername: t.actingRegistrar ?? await usernameOf(core.db, d.reseller_id),
    actionAt: (t.actionBy ?? now).toISOString(), expiresAt: t.expiresAt?.toISOString(),
  };
}
