// Turns regd's "the domain should now look like this" (RegistryUpdateRequest: a whole new delegation, contacts by
// role) into EPP's add/rem/chg against what the registry holds now (domain:info). Pure, so the rules are testable:
// nameservers compare case-insensitively; a role's contact is swapped only when its registry id differs.
import type { EppContactRef, EppDomainInfo, EppDomainUpdateRequest, EppHostAttr } from '../../client/epp/types.ts';

export interface DesiredDomain {
  name: string;
  nameservers?: string[];
  hostModel: 'hostObj' | 'hostAttr';
  /** Registry contact ids by role (already created there). */
  registrant?: string;
  contacts?: EppContactRef[];
  addStatuses?: string[];
  removeStatuses?: string[];
  authCode?: string;
}

const lower = (s: string) => s.toLowerCase();

function diff(current: string[], wanted: string[]): { add: string[]; rem: string[] } {
  const cur = new Set(current.map(lower));
  const want = new Set(wanted.map(lower));
  return { add: [...want].filter((n) => !cur.has(n)), rem: current.filter((n) => !want.has(lower(n))) };
}

/** The update to send, or undefined when the registry already holds what is wanted. */
export function planDomainUpdate(current: EppDomainInfo | undefined, want: DesiredDomain): EppDomainUpdateRequest | undefined {
  const add: NonNullable<EppDomainUpdateRequest['add']> = {};
  const rem: NonNullable<EppDomainUpdateRequest['rem']> = {};
  const chg: NonNullable<EppDomainUpdateRequest['chg']> = {};

  if (want.nameservers) {
    if (want.hostModel === 'hostObj') {
      const d = diff(current?.nameservers ?? [], want.nameservers);
      if (d.add.length) add.nameservers = d.add;
      if (d.rem.length) rem.nameservers = d.rem;
    } else {
      const held = current?.hostAttrs ?? [];
      const d = diff(held.map((h) => h.name), want.nameservers);
      if (d.add.length) add.hostAttrs = d.add.map((name): EppHostAttr => ({ name, addresses: [] }));
      if (d.rem.length) rem.hostAttrs = held.filter((h) => d.rem.includes(h.name));
    }
  }

  if (want.contacts) {
    const addC: EppContactRef[] = [];
    const remC: EppContactRef[] = [];
    for (const ref of want.contacts) {
      const held = (current?.contacts ?? []).filter((c) => c.type === ref.type);
      if (held.some((c) => c.id === ref.id)) {
        remC.push(...held.filter((c) => c.id !== ref.id));
      } else {
        addC.push(ref);
        remC.push(...held);
      }
    }
    if (addC.length) add.contacts = addC;
    if (remC.length) rem.contacts = remC;
  }
  if (want.registrant !== undefined && want.registrant !== current?.registrant) chg.registrant = want.registrant;
  if (want.authCode !== undefined) chg.authInfo = want.authCode;

  // Registries refuse adding a status that is set or removing one that is not (2306): send only real changes.
  const statuses = current ? new Set(current.statuses) : undefined;
  const addS = (want.addStatuses ?? []).filter((s) => !statuses?.has(s));
  const remS = (want.removeStatuses ?? []).filter((s) => !statuses || statuses.has(s));
  if (addS.length) add.statuses = addS;
  if (remS.length) rem.statuses = remS;

  const some = (o: object) => Object.keys(o).length > 0;
  if (!some(add) && !some(rem) && !some(chg)) return undefined;
  return { name: want.name, add: some(add) ? add : undefined, rem: some(rem) ? rem : undefined, chg: some(chg) ? chg : undefined };
}
