// Contacts and host objects are created at the registry the first time a domain needs them, and remembered
// (upstream_objects) so they are created once. Two orders needing the same new contact at the same moment share one
// contact:create. Each create is sent with a clTRID derived from the order's key, so the registry's logs tie it to
// the order that caused it.
import { EppError } from '../../client/epp/errors.ts';
import type { EppContactRef } from '../../client/epp/types.ts';
import type { ContactRole, RegistryContact } from '../registryPort.ts';
import { contactCreateRequest, registryContactId } from './contactPayload.ts';
import type { SessionPool } from './sessionPool.ts';
import type { UpstreamObjects } from './upstreamObjects.ts';

/** RFC 5730 clTRIDs are 3-64 characters; a suffix names the sub-command of an order. */
export function subKey(key: string, suffix: string): string {
  const full = `${key}-${suffix}`;
  return full.length <= 64 ? full : `${key.slice(0, 63 - suffix.length)}-${suffix}`;
}

export function isSubordinate(host: string, domain: string): boolean {
  const h = host.toLowerCase();
  const d = domain.toLowerCase();
  return h === d || h.endsWith(`.${d}`);
}

/** What a domain command sends for its contacts: the registrant and the other roles by registry id. */
export interface DomainContactIds { registrant?: string; contacts: EppContactRef[] }

const OBJECT_EXISTS = 2302;
const ID_ATTEMPTS = 3;

export class ObjectProvisioner {
  private readonly creating = new Map<string, Promise<string>>();

  constructor(private readonly pool: SessionPool, private readonly objects: UpstreamObjects, private readonly now: () => Date,
    private readonly log: (line: string) => void) {}

  /** The registry id of regd's contact, creating it there first if needed. */
  async contact(c: RegistryContact, clTRID: string): Promise<string> {
    const local = String(c.localId);
    const known = await this.objects.remoteId('contact', local);
    if (known !== undefined) return known;
    return this.once(`contact:${local}`, async () => {
      for (let attempt = 1; ; attempt++) {
        const id = registryContactId(c.localId);
        try {
          const r = await this.pool.run((s) => s.contactCreate(contactCreateRequest(id, c), { clTRID: attempt === 1 ? clTRID : `${clTRID.slice(0, 62)}${attempt}` }));
          // A registry that assigns ids (Openprovider, regd) answers with its own.
          const remote = r.data?.id || id;
          this.log(`created contact ${remote} for regd contact ${c.handle}`);
          return await this.objects.record('contact', local, remote, this.now());
        } catch (err) {
          // An id another registrar already took: draw again.
          if (err instanceof EppError && err.code === OBJECT_EXISTS && attempt < ID_ATTEMPTS) continue;
          throw err;
        }
      }
    });
  }

  /** Registry ids for a domain's contacts by role; one contact used in several roles is created once. */
  async contactsFor(key: string, byRole: Partial<Record<ContactRole, RegistryContact>>): Promise<DomainContactIds> {
    const out: DomainContactIds = { contacts: [] };
    for (const role of ['owner', 'admin', 'tech', 'billing'] as const) {
      const c = byRole[role];
      if (!c) continue;
      const id = await this.contact(c, subKey(key, `c${c.localId.toString(36)}`));
      if (role === 'owner') out.registrant = id;
      else out.contacts.push({ type: role, id });
    }
    return out;
  }

  /**
   * Makes sure each nameserver exists as a host object. Hosts inside `domain` itself cannot exist before it does (and
   * need addresses regd does not send with a domain), so they are left for the registry to judge. A host the
   * registry already has (2302, created by anyone) is fine: a delegation may name any host.
   */
  async hostsFor(key: string, nameservers: string[], domain: string): Promise<void> {
    let n = 0;
    for (const ns of nameservers) {
      n++;
      const name = ns.toLowerCase();
      if (isSubordinate(name, domain)) continue;
      if (await this.objects.remoteId('host', name) !== undefined) continue;
      await this.once(`host:${name}`, async () => {
        try {
          await this.pool.run((s) => s.hostCreate({ name }, { clTRID: subKey(key, `h${n}`) }));
          this.log(`created host ${name}`);
        } catch (err) {
          if (!(err instanceof EppError && err.code === OBJECT_EXISTS)) throw err;
        }
        return this.objects.record('host', name, name, this.now());
      });
    }
  }

  private once(key: string, make: () => Promise<string>): Promise<string> {
    const running = this.creating.get(key);
    if (running) return running;
    const p = make().finally(() => this.creating.delete(key));
    this.creating.set(key, p);
    return p;
  }
}
