// The sandbox's deterministic rule for names that are "already registered at another registrar", so tests and
// newcomers can pick one without guessing: every name whose registrable label begins with "taken"
// (taken.com, takenexample.net, taken-by-someone.co.uk) is held elsewhere. Everything else is available unless
// regd itself has registered it. Every command agrees: a check says taken, EPP <info> answers 2303 (regd holds no
// object for the name; the other registrar's data is not the sandbox's to show), CHECK_TRANSFER says transferrable,
// and a transfer request with the auth code SANDBOX_FOREIGN_AUTH_CODE (foreignTransfers.ts: "Sandbox-Foreign-1")
// starts a transfer from "other-registrar" that the sandbox approves when the TLD's transfer window has passed.
export function isTakenElsewhere(asciiName: string, tld: string): boolean {
  const label = asciiName.slice(0, asciiName.length - tld.length - 1);
  return label.startsWith('taken');
}
