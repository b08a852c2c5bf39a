// Parses the CLI's durations ("61d", "6h", "30m", "1y") into milliseconds.
const UNIT_MS: Record<string, number> = {
  s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, y: 365 * 86_400_000,
};

export function parseDuration(text: string): number {
  const parts = [...text.trim().matchAll(/(\d+)\s*([smhdwy])/gi)];
  const joined = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || joined.replace(/\s+/g, '') !== text.replace(/\s+/g, '')) {
    throw new Error(`Invalid duration '${text}' (use e.g. 61d, 6h, 30m, 1y, 1d12h)`);
  }
  return parts.reduce((ms, p) => ms + Number(p[1]) * UNIT_MS[p[2].toLowerCase()], 0);
}
