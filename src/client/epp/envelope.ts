// The <epp> documents the client sends: <hello/>, and <command> with its extension block and clTRID. Every text
// and attribute value is escaped by xmlWriter; typed commands describe themselves as a CommandSpec so the session
// can check the object service and extensions they need against what was agreed at login.
import { el, textEl } from '../../protocols/epp/xmlWriter.ts';
import { NS } from './namespaces.ts';

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>';

/** One element for <extension>, with the namespace it belongs to. */
export interface ExtFragment { uri: string; xml: string }

export interface CommandSpec {
  /** For errors and logs, e.g. "domain:create". */
  what: string;
  /** The object service the command uses (undefined for poll and login). */
  objURI?: string;
  /** The command element (<check>, <create op=...> ...). */
  xml: string;
  extensions: ExtFragment[];
}

export const HELLO_XML = `${XML_DECL}<epp xmlns="${NS.epp}"><hello/></epp>`;

export function commandDocument(commandXml: string, extensionsXml: string, clTRID: string): string {
  const ext = extensionsXml === '' ? '' : `<extension>${extensionsXml}</extension>`;
  return `${XML_DECL}<epp xmlns="${NS.epp}"><command>${commandXml}${ext}${textEl('clTRID', clTRID)}</command></epp>`;
}

export interface LoginParams {
  clID: string;
  password: string;
  newPassword?: string;
  version: string;
  lang: string;
  objURIs: string[];
  extURIs: string[];
}

export function loginCommand(p: LoginParams): string {
  return el('login', {},
    textEl('clID', p.clID),
    textEl('pw', p.password),
    p.newPassword !== undefined ? textEl('newPW', p.newPassword) : undefined,
    el('options', {}, textEl('version', p.version), textEl('lang', p.lang)),
    el('svcs', {},
      ...p.objURIs.map((u) => textEl('objURI', u)),
      p.extURIs.length > 0 ? el('svcExtension', {}, ...p.extURIs.map((u) => textEl('extURI', u))) : undefined));
}
