// Helpers for the transfer, poll and RGP tests: domains registered through the core for an EPP test client,
// balances, and EPP XML for transfer/poll/delete/restore.
import assert from 'node:assert/strict';
import type { EppHarness, EppTestClient, EppResponse } from './eppHarness.ts';
import { find } from './eppHarness.ts';
import { registerInput } from './coreHarness.ts';
import { registerDomain, type RegisterDomainInput } from '../../src/core/commands/registerDomain.ts';
import { NS } from '../../src/protocols/epp/eppNamespaces.ts';
import type { DomainRow } from '../../src/core/commands/findDomain.ts';

export const DAY = 86_400_000;
export const D = `xmlns:domain="${NS.domain}"`;
export const RGP = `xmlns:rgp="${NS.rgp}"`;

export const resellerId = (c: EppTestClient): number => c.session.reseller!.id;

export async function register(h: EppHarness, c: EppTestClient, name: string, extra: Partial<RegisterDomainInput> = {}): Promise<DomainRow> {
  const r = await registerDomain(h.core, registerInput(resellerId(c), name, extra));
  assert.equal(r.status, 'completed');
  return domainRow(h, name);
}

export async function domainRow(h: EppHarness, name: string): Promise<DomainRow> {
  return h.core.db.selectFrom('domains').selectAll().where('name', '=', name).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
}

export async function balance(h: EppHarness, c: EppTestClient): Promise<number> {
  const r = await h.core.db.selectFrom('resellers').select('balance_minor').where('id', '=', resellerId(c)).executeTakeFirstOrThrow();
  return r.balance_minor;
}

export const transferXml = (op: string, name: string, pw?: string, period?: string) =>
  `<transfer op="${op}"><domain:transfer ${D}><domain:name>${name}</domain:name>${period ?? ''}` +
  `${pw === undefined ? '' : `<domain:authInfo><domain:pw>${pw}</domain:pw></domain:authInfo>`}</domain:transfer></transfer>`;

export const infoXml = (name: string) => `<info><domain:info ${D}><domain:name>${name}</domain:name></domain:info></info>`;
export const deleteXml = (name: string) => `<delete><domain:delete ${D}><domain:name>${name}</domain:name></domain:delete></delete>`;
export const pollReq = '<poll op="req"/>';
export const pollAck = (id: string | number) => `<poll op="ack" msgID="${id}"/>`;

export function restoreXml(name: string, op: 'request' | 'report', report = ''): string {
  return `<update><domain:update ${D}><domain:name>${name}</domain:name><domain:chg/></domain:update></update>` +
    `<extension><rgp:update ${RGP}><rgp:restore op="${op}">${report}</rgp:restore></rgp:update></extension>`;
}

export const RESTORE_REPORT = '<rgp:report><rgp:preData>Pre-delete registration data goes here.</rgp:preData>' +
  '<rgp:postData>Post-restore registration data goes here.</rgp:postData>' +
  '<rgp:delTime>2026-03-01T22:00:00.0Z</rgp:delTime><rgp:resTime>2026-03-03T22:00:00.0Z</rgp:resTime>' +
  '<rgp:resReason>Registrant error.</rgp:resReason>' +
  '<rgp:statement>This registrar has not restored the Registered Name in order to assume the rights to use or sell the Registered Name for itself or for any third party.</rgp:statement>' +
  '<rgp:statement>The information in this report is true to best of this registrar\'s knowledge.</rgp:statement>' +
  '<rgp:other>Supporting information goes here.</rgp:other></rgp:report>';

export interface PolledMessage { id: string; count: number; msg: string; qDate: string; response: EppResponse }

/** Reads and acknowledges every queued message, oldest first. */
export async function drain(c: EppTestClient): Promise<PolledMessage[]> {
  const out: PolledMessage[] = [];
  for (let i = 0; i < 100; i++) {
    const r = await c.cmd(pollReq);
    if (r.code === 1300) return out;
    assert.equal(r.code, 1301, r.xml);
    const q = find(r.root, NS.epp, 'msgQ')!;
    out.push({ id: q.attrs.id, count: Number(q.attrs.count), msg: find(q, NS.epp, 'msg')?.text ?? '', qDate: find(q, NS.epp, 'qDate')?.text ?? '', response: r });
    const ack = await c.cmd(pollAck(q.attrs.id));
    assert.ok(ack.code === 1000 || ack.code === 1300, ack.xml);
  }
  throw new Error('poll queue did not drain');
}

/** trnData fields of a response, or undefined. */
export function trnData(r: EppResponse): Record<string, string> | undefined {
  const t = find(r.root, NS.domain, 'trnData');
  if (!t) return undefined;
  return Object.fromEntries(t.children.map((c) => [c.name, c.text]));
}
