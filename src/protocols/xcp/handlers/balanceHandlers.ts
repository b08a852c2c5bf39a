// GET_BALANCE BALANCE: the reseller's available funds.
import type { XcpHandler } from '../xcpContext.ts';
import { findResellerById } from '../../../core/commands/resellers.ts';
import { formatAmount } from '../../../core/money.ts';

export const getBalance: XcpHandler = async (ctx) => {
  const r = await findResellerById(ctx.core, ctx.reseller.id);
  return {
    code: 200, text: 'Command successful',
    attributes: { balance: formatAmount(r!.balanceMinor), hold_balance: '0.00', currency: r!.currency },
  };
};
