// Calendar arithmetic in UTC, and the wire formats the protocols share.
export function addYears(d: Date, years: number): Date {
  const out = new Date(d.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + years);
  // 29 February + 1 year lands on 1 March in JS; registries keep 28 February.
  if (out.getUTCDate() !== d.getUTCDate()) out.setUTCDate(0);
  return out;
}

export const DAY_MS = 86_400_000;

/** "YYYY-MM-DD HH:MM:SS" in UTC, the format OpenSRS replies use. */
export function formatOpsDate(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
