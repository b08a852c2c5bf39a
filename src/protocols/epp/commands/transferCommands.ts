// EPP domain <transfer op="request|query|approve|reject|cancel"> (RFC 5731), keyed "transfer <domain ns>".
// Every successful response carries <domain:trnData>; a request answers 1001 (the losing side has
// transferWindowDays to act before the server approves), the others 1000. A request may agree to the price with
// <fee:transfer> (RFC 8748): 2004 if lower, or if the name is premium-priced and nothing was agreed.
import type { EppContext, EppHandler, EppResult } from '../eppTypes.ts';
import { EppError } from '../eppTypes.ts';
import { NS } from '../eppNamespaces.ts';
import { child, childText, textOf } from '../xmlTree.ts';
import { el, textEl } from '../xmlWriter.ts';
import {
  requestTransfer, queryTransfer, approveTransfer, rejectTransfer, cancelTransfer, type TransferView,
} from '../../../core/commands/transfers.ts';
import { runLifecycle } from '../../../core/lifecycle.ts';
import { parseOpDomainTransfer } from '../extensions/opExtension.ts';
import { opDomainSettings } from './domainOpSettings.ts';
import type { TransferDataInput } from '../../../core/commands/transfers/transferData.ts';
import { feeRefusal, parseFeeAgreement, renderFeeResult } from '../extensions/feeExtension.ts';
import { quoteCommand, quoteName } from '../../../core/commands/feeQuotes.ts';

/** <domain:trnData> for a transfer, with its own namespace declaration. */
export function renderTrnData(t: TransferView): string {
  return el('domain:trnData', { 'xmlns:domain': NS.domain },
    textEl('domain:name', t.name),
    textEl('domain:trStatus', t.status),
    textEl('domain:reID', t.gainingUsername),
    textEl('domain:reDate', t.requestedAt),
    textEl('domain:acID', t.losingUsername),
    textEl('domain:acDate', t.actionAt),
    t.expiresAt ? textEl('domain:exDate', t.expiresAt) : undefined);
}

/** Years from <domain:period unit="y|m">; months must make whole years. */
function periodYears(ctx: EppContext): number | undefined {
  const p = child(ctx.object, NS.domain, 'period');
  if (!p) return undefined;
  const n = Number(textOf(p));
  const years = p.attrs.unit === 'm' ? n / 12 : n;
  if (!Number.isInteger(years) || years < 1) throw new EppError(2004, 'Parameter value range error: transfer period must be whole years');
  return years;
}

/**
 * The Openprovider op:transfer block (registrant, contacts, ns, autorenew and the other op fields): what the domain
 * takes on when the transfer completes (core transferData.ts), as XCP's contact_set and nameserver_list.
 */
function opTransferData(ctx: EppContext): TransferDataInput {
  const op = parseOpDomainTransfer(ctx.extensions);
  if (!op) return {};
  const handles: NonNullable<TransferDataInput['contactHandles']> = {};
  if (op.registrant) handles.owner = op.registrant;
  for (const c of op.contacts) {
    if (c.type !== 'admin' && c.type !== 'tech' && c.type !== 'billing') throw new EppError(2005, `Parameter value syntax error: contact type ${c.type}`);
    if (c.id) handles[c.type] = c.id;
  }
  const settings = opDomainSettings(op.fields);
  return {
    ...(Object.keys(handles).length > 0 ? { contactHandles: handles } : {}),
    ...(op.nameservers && op.nameservers.length > 0
      ? { delegation: op.nameservers.map((n) => ({ name: n.name, hostAttr: n.addresses.length > 0, addresses: n.addresses.map((a) => ({ address: a.address, version: a.ip })) })) }
      : {}),
    ...(settings?.autoRenew !== undefined ? { autoRenew: settings.autoRenew } : {}),
    ...(settings ? { extData: settings.data } : {}),
  };
}

function authInfoPw(ctx: EppContext): string | undefined {
  const auth = child(ctx.object, NS.domain, 'authInfo');
  return auth ? childText(auth, NS.domain, 'pw') : undefined;
}

const transferHandler: EppHandler = async (ctx): Promise<EppResult> => {
  const name = childText(ctx.object, NS.domain, 'name');
  if (!name) throw new EppError(2003, 'Required parameter missing: domain:name');
  const resellerId = ctx.reseller.id;
  const op = ctx.command.attrs.op;
  switch (op) {
    case 'request': {
      const fee = parseFeeAgreement(ctx.extensions, 'transfer');
      const t = await requestTransfer(ctx.core, { resellerId, name, authCode: authInfoPw(ctx), period: periodYears(ctx), acceptedPrice: fee, ...opTransferData(ctx) })
        .catch((err: unknown) => { throw feeRefusal(err, 'transfer'); });
      // What the request charged: the name's transfer price (the core charged exactly this a moment ago).
      const charged = fee ? await quoteCommand(ctx.core, await quoteName(ctx.core, t.name), 'transfer', 1) : undefined;
      return {
        code: 1001, resData: renderTrnData(t),
        extension: charged && renderFeeResult(ctx, 'trnData', fee, { ...charged, description: 'Transfer Fee' }),
      };
    }
    case 'query': {
      await runLifecycle(ctx.core);
      const t = await queryTransfer(ctx.core, { resellerId, name, authCode: authInfoPw(ctx) });
      return { code: 1000, resData: renderTrnData(t) };
    }
    case 'approve':
      return { code: 1000, resData: renderTrnData(await approveTransfer(ctx.core, { resellerId, name })) };
    case 'reject':
      return { code: 1000, resData: renderTrnData(await rejectTransfer(ctx.core, { resellerId, name })) };
    case 'cancel':
      return { code: 1000, resData: renderTrnData(await cancelTransfer(ctx.core, { resellerId, name })) };
    default:
      throw new EppError(2005, `Parameter value syntax error: transfer op ${op ?? '(none)'}`);
  }
};

export const transferCommands: Record<string, EppHandler> = {
  [`transfer ${NS.domain}`]: transferHandler,
};
