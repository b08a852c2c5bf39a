// The sandbox's deterministic trademark-claims rule (standing in for the TMCH): every name whose registrable label
// contains "trademark" (trademark.app, mytrademark-shop.com) has a claim. The claim key is derived from the label,
// so a client sees the same key on every check.
export function sandboxClaimKey(asciiName: string, tld: string): string | undefined {
  const label = asciiName.slice(0, asciiName.length - tld.length - 1);
  if (!label.includes('trademark')) return undefined;
  return `2026010100/sandbox/${label}/1`;
}
