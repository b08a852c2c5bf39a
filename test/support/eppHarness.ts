// Runs EPP commands in-process through the EppProcessor (no transport), validating every response against the
// schemas. For transport-level tests use the TLS/HTTPS doors of a real `regd serve`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { openCore } from '../../src/app/openCore.ts';
import { createReseller } from '../../src/core/commands/resellers.ts';
import { EppProcessor } from '../../src/protocols/epp/eppProcessor.ts';
import type { EppSession } from '../../src/protocols/epp/eppTypes.ts';
import { validateEpp } from '../../src/protocols/epp/eppSchemaValidator.ts';
import { parseXml, type XmlElement } from '../../src/protocols/epp/xmlTree.ts';
import { NS, OBJ_URIS, EXT_URIS } from '../../src/protocols/epp/eppNamespaces.ts';
import type { Core } from '../../src/core/core.ts';
import { ManualClock } from '../../src/core/clock.ts';

export interface EppResponse { code: number; msg: string; xml: string; root: XmlElement; close: boolean }

export function eppCommand(inner: string, clTRID = 'TEST-1'): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?><epp xmlns="${NS.epp}"><command>${inner}<clTRID>${clTRID}</clTRID></command></epp>`;
}

export function loginXml(clID: string, pw: string, extURIs: string[] = EXT_URIS): string {
  return eppCommand(`<login><clID>${clID}</clID><pw>${pw}</pw><options><version>1.0</version><lang>en</lang></options>` +
    `<svcs>${OBJ_URIS.map((u) => `<objURI>${u}</objURI>`).join('')}${extURIs.length ? `<svcExtension>${extURIs.map((u) => `<extURI>${u}</extURI>`).join('')}</svcExtension>` : ''}</svcs></login>`);
}

export function parseResponse(xml: string, close = false): EppResponse {
  const invalid = validateEpp(xml);
  assert.equal(invalid, undefined, `response is not schema-valid: ${invalid}\n${xml}`);
  const root = parseXml(xml);
  const response = root.children.find((c) => c.name === 'response');
  const result = response?.children.find((c) => c.name === 'result');
  const msg = result?.children.find((c) => c.name === 'msg')?.text ?? '';
  return { code: Number(result?.attrs.code ?? 0), msg, xml, root, close };
}

export interface EppHarness {
  core: Core;
  clock: ManualClock;
  processor: EppProcessor;
  /** Logs in a new session for a new reseller with the given funds (minor units). */
  client(username: string, fundsMinor?: number): Promise<EppTestClient>;
  close(): Promise<void>;
}

export interface EppTestClient {
  username: string;
  password: string;
  session: EppSession;
  /** Sends a full <epp> document. */
  send(xml: string): Promise<EppResponse>;
  /** Wraps `inner` in <epp><command>…<clTRID/></command></epp> and sends it. */
  cmd(inner: string): Promise<EppResponse>;
}

/** A harness with a ManualClock (start 2026-01-15T10:00:00Z) so tests can move time deterministically. */
export async function eppHarness(): Promise<EppHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-epp-'));
  const base = await openCore({ dataDir, mode: 'sandbox' });
  const clock = new ManualClock(new Date('2026-01-15T10:00:00Z'));
  const core: Core = { ...base, clock };
  const processor = new EppProcessor(core);
  return {
    core, clock, processor,
    async client(username, fundsMinor = 1_000_000) {
      const { password } = await createReseller(core, { username, fundsMinor });
      const session = processor.newSession('127.0.0.1');
      const send = async (xml: string) => { const r = await processor.process(session, xml); return parseResponse(r.xml, r.close); };
      const login = await send(loginXml(username, password));
      assert.equal(login.code, 1000, login.xml);
      return { username, password, session, send, cmd: (inner: string) => send(eppCommand(inner)) };
    },
    async close() { await core.db.destroy(); fs.rmSync(dataDir, { recursive: true, force: true }); },
  };
}

/** Finds a descendant element by namespace and local name (depth-first). */
export function find(el: XmlElement, ns: string, name: string): XmlElement | undefined {
  for (const c of el.children) {
    if (c.ns === ns && c.name === name) return c;
    const deeper = find(c, ns, name);
    if (deeper) return deeper;
  }
  return undefined;
}

export function findAll(el: XmlElement, ns: string, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.ns === ns && c.name === name) out.push(c);
    findAll(c, ns, name, out);
  }
  return out;
}
