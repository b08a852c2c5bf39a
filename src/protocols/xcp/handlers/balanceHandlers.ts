// GET_BALANCE BALANCE (or DOMAIN): the reseller's available funds, and hold_balance, the part of what it has paid
// that is held by orders a registry has not answered yet (heldFunds.ts; refunded if the registry refuses them).
import type { XcpHandler } from '../xcpContext.ts';
import { findResellerById } from '../../../core/commands/resellers.ts';
import { heldFunds } from '../../../core/commands/heldFunds.ts';
import { formatAmount } from '../../../core/money.ts';

export const getBalance: XcpHandler = async (ctx) => {
  const r = await findResellerById(ctx.core, ctx.reseller.id);
  const held = await heldFunds(ctx.core, ctx.reseller.id);
  return {
    code: 200, text: 'Command successful',
    attributes: { balance: formatAmount(r!.balanceMinor), hold_balance: formatAmount(held), currency: r!.currency },
  };
};
