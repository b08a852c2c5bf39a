// The idempotency key of an order's registry call: the clTRID an EPP registry sees. Derived from the order id so
// that, after a crash, the key of every order left in flight is known without having stored anything more.
const PREFIX = 'regd-o';

export function orderKey(orderId: number): string {
  return `${PREFIX}${orderId}`;
}

/** The order id inside a key regd made (a registry's poll message echoes it as paClTRID), else undefined. */
export function orderIdOfKey(key: string | undefined): number | undefined {
  if (!key?.startsWith(PREFIX)) return undefined;
  const id = Number(key.slice(PREFIX.length));
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
