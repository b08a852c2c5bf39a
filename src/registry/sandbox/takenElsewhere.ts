// The sandbox's deterministic rule for names that are "already registered at another registrar", so tests and
// newcomers can pick one without guessing: every name whose registrable label begins with "taken"
// (taken.com, takenexample.net, taken-by-someone.co.uk) is held elsewhere. Everything else is available unless
// regd itself has registered it.
export function isTakenElsewhere(asciiName: string, tld: string): boolean {
  const label = asciiName.slice(0, asciiName.length - tld.length - 1);
  return label.startsWith('taken');
}
