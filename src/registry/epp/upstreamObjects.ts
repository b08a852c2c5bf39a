// regd's contacts and hosts as the upstream registry knows them (table upstream_objects, migration 007). A mapping is
// written only after the registry confirmed the object, so a row always names something that exists there.
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { isUniqueViolation } from '../../store/uniqueViolation.ts';

export type UpstreamObjectKind = 'contact' | 'host';

export class UpstreamObjects {
  /** `scope` identifies the registry account (see migration 007): login@host. */
  constructor(private readonly db: Kysely<Database>, readonly scope: string) {}

  async remoteId(kind: UpstreamObjectKind, localId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('upstream_objects').select('remote_id')
      .where('registry', '=', this.scope).where('kind', '=', kind).where('local_id', '=', localId).executeTakeFirst();
    return row?.remote_id;
  }

  /**
   * Records a mapping; when another caller recorded one for the same object first, that one wins and is returned
   * (the caller's registry object is then a spare the registry keeps unused).
   */
  async record(kind: UpstreamObjectKind, localId: string, remoteId: string, now: Date): Promise<string> {
    try {
      await this.db.insertInto('upstream_objects').values({
        registry: this.scope, kind, local_id: localId, remote_id: remoteId, created_at: now.toISOString(),
      }).execute();
      return remoteId;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return (await this.remoteId(kind, localId)) ?? remoteId;
    }
  }

  async forget(kind: UpstreamObjectKind, localId: string): Promise<void> {
    await this.db.deleteFrom('upstream_objects')
      .where('registry', '=', this.scope).where('kind', '=', kind).where('local_id', '=', localId).execute();
  }
}
