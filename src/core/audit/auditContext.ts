// Who is acting, carried with each request so that every history row (core/history.ts) records it without every
// command passing it along: the door the request came through, the source address, the signed-in reseller or
// registrant profile, and the node that served it. A door opens the context when a request arrives and names the
// actor once it has authenticated one; work nobody asked for (the life cycle, the reconciler) runs as "system", and
// the command line as "cli".
import { AsyncLocalStorage } from 'node:async_hooks';
import os from 'node:os';

export interface AuditContext {
  door: string;
  sourceAddress?: string;
  /** "reseller:NAME", "reseller:NAME profile:ID" (a registrant through that reseller), or "operator" (the CLI). */
  actor?: string;
  profileId?: number;
}

export interface AuditStamp { door: string; sourceAddress: string | null; actor: string | null; nodeId: string }

const storage = new AsyncLocalStorage<AuditContext>();
let nodeId = os.hostname();
let defaultContext: AuditContext = { door: 'system' };

/** The name this process goes by in the audit log (regd serve --node-id, or the host name). */
export function setAuditNodeId(id: string): void { nodeId = id; }

/** What rows written outside any request record: "system" in a server, "cli" with actor "operator" in the CLI. */
export function setDefaultAuditContext(ctx: AuditContext): void { defaultContext = ctx; }

/** Runs fn with a fresh audit context; everything it awaits sees the same one. */
export function runAudited<T>(ctx: AuditContext, fn: () => T): T {
  return storage.run({ ...ctx }, fn);
}

/** Names the actor of the current request once a door has authenticated it (no-op outside a request). */
export function noteAuditActor(actor: string): void {
  const ctx = storage.getStore();
  if (ctx) ctx.actor = actor;
}

/** A registrant acting through a reseller's door (XCP cookie, registrant web or API session): both are named. */
export function noteAuditProfile(profileId: number): void {
  const ctx = storage.getStore();
  if (!ctx || ctx.profileId === profileId) return;
  ctx.profileId = profileId;
  ctx.actor = [ctx.actor?.replace(/ ?profile:\d+$/, ''), `profile:${profileId}`].filter(Boolean).join(' ');
}

export function currentAuditStamp(): AuditStamp {
  const ctx = storage.getStore() ?? defaultContext;
  return { door: ctx.door, sourceAddress: ctx.sourceAddress ?? null, actor: ctx.actor ?? null, nodeId };
}
