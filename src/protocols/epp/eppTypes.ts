// The contract between the EPP processor and its command handlers.
import type { Core } from '../../core/core.ts';
import type { Reseller } from '../../core/commands/resellers.ts';
import type { XmlElement } from './xmlTree.ts';

/** One EPP session (a TLS connection, or an HTTPS session cookie). */
export interface EppSession {
  id: string;
  reseller?: Reseller;
  /** The namespaces the client named at login; a command using another is refused with 2103. */
  objURIs: Set<string>;
  extURIs: Set<string>;
  loginFailures: number;
  /** Set by the transport: the client certificate's SHA-256 fingerprint (hex, lower case), if any. */
  clientCertSha256?: string;
  /** Set by the transport: where the current command comes from (over HTTPS, the latest request of the cookie). */
  remoteAddress: string;
  /** Set by the transport: its name in the audit log (epp-tls, epp-https). */
  door?: string;
}

export interface EppContext {
  core: Core;
  session: EppSession;
  reseller: Reseller;          // the logged-in reseller (handlers only run after login)
  /** The element inside <command>, e.g. <check>, <create>, <transfer op="...">. */
  command: XmlElement;
  /** The object element inside it, e.g. <domain:create>. */
  object: XmlElement;
  /** <extension> children of the command, already checked against the login's extURIs. */
  extensions: XmlElement[];
}

export interface EppResultValue {
  /** An XML fragment for <value> (e.g. `<domain:name xmlns:domain="...">x</domain:name>`). */
  valueXml?: string;
  /** For <extValue>: the offending element and the reason. */
  extValue?: { valueXml: string; reason: string };
}

export interface EppResult {
  code: number;
  /** Defaults to the standard message of the code. */
  msg?: string;
  values?: EppResultValue[];
  /** The content of <resData> (a fragment with its own namespace declarations). */
  resData?: string;
  /** The content of <extension>. */
  extension?: string;
  msgQ?: { count: number; id: string; qDate?: string; msg?: string };
  /** The transport closes the session after sending this response. */
  close?: boolean;
}

/** A command failure with its EPP result code. */
export class EppError extends Error {
  readonly code: number;
  readonly values?: EppResultValue[];
  constructor(code: number, message: string, values?: EppResultValue[]) {
    super(message);
    this.name = 'EppError';
    this.code = code;
    this.values = values;
  }
}

export type EppHandler = (ctx: EppContext) => Promise<EppResult>;
