// The money ledger. A debit is one conditional UPDATE (balance >= amount), so two concurrent debits can never take
// a balance below zero on SQLite or PostgreSQL, and a CHECK constraint backs it up. Callers run it inside the
// transaction that makes the change being paid for.
import type { Tx } from './core.ts';
import { CoreError } from './errors.ts';
import { formatAmount } from './money.ts';
import { sql } from 'kysely';

export interface LedgerMove {
  resellerId: number;
  amountMinor: number; // positive
  orderId: number | null;
  description: string;
  at: Date;
}

export async function debit(tx: Tx, m: LedgerMove): Promise<number> {
  if (!Number.isSafeInteger(m.amountMinor) || m.amountMinor < 0) throw new Error('debit amount must be a non-negative integer');
  const res = await tx.updateTable('resellers')
    .set({ balance_minor: sql`balance_minor - ${m.amountMinor}`, updated_at: m.at.toISOString() })
    .where('id', '=', m.resellerId)
    .where('balance_minor', '>=', m.amountMinor)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    const row = await tx.selectFrom('resellers').select('balance_minor').where('id', '=', m.resellerId).executeTakeFirst();
    throw new CoreError('insufficient_funds',
      `Insufficient funds: ${formatAmount(m.amountMinor)} needed, balance ${formatAmount(row?.balance_minor ?? 0)}`);
  }
  return writeEntry(tx, m, -m.amountMinor);
}

export async function credit(tx: Tx, m: LedgerMove): Promise<number> {
  if (!Number.isSafeInteger(m.amountMinor) || m.amountMinor <= 0) throw new Error('credit amount must be a positive integer');
  await tx.updateTable('resellers')
    .set({ balance_minor: sql`balance_minor + ${m.amountMinor}`, updated_at: m.at.toISOString() })
    .where('id', '=', m.resellerId)
    .execute();
  return writeEntry(tx, m, m.amountMinor);
}

async function writeEntry(tx: Tx, m: LedgerMove, signed: number): Promise<number> {
  const row = await tx.selectFrom('resellers').select(['balance_minor', 'currency']).where('id', '=', m.resellerId).executeTakeFirstOrThrow();
  await tx.insertInto('ledger_entries').values({
    reseller_id: m.resellerId,
    order_id: m.orderId,
    amount_minor: signed,
    balance_after: row.balance_minor,
    currency: row.currency,
    description: m.description,
    created_at: m.at.toISOString(),
  }).execute();
  return row.balance_minor;
}
