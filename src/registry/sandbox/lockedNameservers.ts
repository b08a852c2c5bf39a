// Nameservers that serve TLDs in the root zone cannot be changed through a reseller (OpenSRS code 557): changing
// them needs the registry operator out of band. The sandbox treats these as such: the root and gTLD servers
// (*.root-servers.net, *.gtld-servers.net) and each offered TLD's own servers (anything under nic.<tld>).
export function isLockedNameserver(name: string, offeredTlds: Iterable<string>): boolean {
  const n = name.toLowerCase();
  if (n.endsWith('.root-servers.net') || n.endsWith('.gtld-servers.net')) return true;
  for (const tld of offeredTlds) if (n.endsWith(`.nic.${tld}`)) return true;
  return false;
}
