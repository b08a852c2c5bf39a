// How the reseller pages write dates and money: days and times in UTC (the store's and the registry's time zone),
// amounts from integer minor units with their currency.
import { formatAmount } from '../../../core/money.ts';

export function money(minor: number, currency: string): string {
  return `${formatAmount(minor)} ${currency}`;
}

/** "2026-12-02" */
export function day(iso: string | Date): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** "2026-12-02 16:44 UTC" */
export function dateTime(iso: string | Date): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "1 year", "2 years" */
export function years(n: number): string {
  return `${n} year${n === 1 ? '' : 's'}`;
}
