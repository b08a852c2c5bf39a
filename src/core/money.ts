// Money is integer minor units (cents) with a currency; decimal strings only at the edges.
export const DEFAULT_CURRENCY = 'USD';

/** "12.5" -> 1250. Rejects more than two decimals, signs other than a leading minus, and non-numbers. */
export function parseAmount(text: string): number {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new Error(`Invalid amount '${text}' (use e.g. 100 or 99.95)`);
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) throw new Error(`Amount '${text}' is too large`);
  return m[1] ? -minor : minor;
}

/** 1250 -> "12.50" */
export function formatAmount(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
