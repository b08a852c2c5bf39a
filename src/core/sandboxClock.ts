// The sandbox clock: real time plus an offset kept in the store, so `regd sandbox clock advance` in another
// process moves the time of a running server too. The offset is read on every now(): one indexed row.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Clock } from './clock.ts';
import { CoreError } from './errors.ts';

const KEY = 'sandbox_clock_offset_ms';

export class StoreClock implements Clock {
  constructor(private readonly db: Kysely<Database>) {}

  async now(): Promise<Date> {
    return new Date(Date.now() + (await readOffset(this.db)));
  }
}

async function readOffset(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

const MODE_KEY = 'mode';

/** Remembers the mode a server runs in, so that a CLI run against the same store honours it. */
export async function recordServerMode(db: Kysely<Database>, mode: 'sandbox' | 'live'): Promise<void> {
  await db.insertInto('settings').values({ key: MODE_KEY, value: mode })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: mode })).execute();
}

export async function advanceSandboxClock(db: Kysely<Database>, mode: 'sandbox' | 'live', ms: number): Promise<Date> {
  const stored = await db.selectFrom('settings').select('value').where('key', '=', MODE_KEY).executeTakeFirst();
  if (mode === 'live' || stored?.value === 'live') throw new CoreError('live_mode_refused', 'The clock cannot be moved in live mode');
  if (!(ms > 0)) throw new CoreError('invalid_value', 'The clock only moves forward');
  await db.transaction().execute(async (trx) => {
    const offset = (await readOffset(trx)) + ms;
    // Past year 9999 dates stop being valid (or turn into "+0YYYYY-..." ISO strings that sort wrongly in the store),
    // and the clock cannot be moved back: refuse instead of breaking every later now().
    const target = new Date(Date.now() + offset);
    if (!Number.isFinite(target.getTime()) || target.getUTCFullYear() > 9999) {
      throw new CoreError('invalid_value', 'The clock cannot move past the year 9999');
    }
    await trx.insertInto('settings').values({ key: KEY, value: String(offset) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(offset) })).execute();
  });
  return new Date(Date.now() + (await readOffset(db)));
}

export async function sandboxClockOffset(db: Kysely<Database>): Promise<number> {
  return readOffset(db);
}
