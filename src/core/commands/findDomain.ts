// Finding a live (not deleted) domain by name.
import type { Selectable } from 'kysely';
import type { Core } from '../core.ts';
import type { DomainsTable } from '../../store/schema.ts';
import { CoreError } from '../errors.ts';
import { toAsciiHostname } from '../domainName.ts';

export type DomainRow = Selectable<DomainsTable>;

export async function findLiveDomain(core: Core, name: string): Promise<DomainRow | undefined> {
  const ascii = toAsciiHostname(name);
  if (!ascii) throw new CoreError('invalid_domain', 'Invalid domain name syntax', 'domain');
  return core.db.selectFrom('domains').selectAll().where('name', '=', ascii).where('deleted_at', 'is', null).executeTakeFirst();
}
