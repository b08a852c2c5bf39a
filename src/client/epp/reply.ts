// Reading what the server sends: the <greeting> and the <response> envelope (result, msgQ, resData, extension,
// trID). Parsing goes through the saxes tree of src/protocols/epp/xmlTree.ts, which refuses any DOCTYPE, so no
// entity is ever declared, expanded or fetched. Anything that is not a usable EPP document is an EppProtocolError.
import { parseXml, child, childText, childrenOf, type XmlElement } from '../../protocols/epp/xmlTree.ts';
import { EppProtocolError } from './errors.ts';
import { NS } from './namespaces.ts';
import type { EppGreeting, EppMsgQ } from './types.ts';

export interface EppReply {
  code: number;
  message: string;
  reason?: string;
  clTRID?: string;
  svTRID?: string;
  msgQ?: EppMsgQ;
  /** The single element inside <resData>, if any. */
  resData?: XmlElement;
  /** The elements inside <extension>. */
  extensions: XmlElement[];
  xml: string;
}

function root(xml: string): XmlElement {
  let r: XmlElement;
  try {
    r = parseXml(xml);
  } catch (err) {
    throw new EppProtocolError(`the server's reply is not well-formed XML: ${(err as Error).message}`, xml);
  }
  if (r.ns !== NS.epp || r.name !== 'epp') throw new EppProtocolError(`the server's reply is not an EPP document (root <${r.name}> in ${r.ns || 'no namespace'})`, xml);
  return r;
}

const texts = (parent: XmlElement, name: string) => childrenOf(parent, NS.epp, name).map((e) => e.text.trim());

export function parseGreeting(xml: string): EppGreeting {
  const g = child(root(xml), NS.epp, 'greeting');
  if (!g) throw new EppProtocolError('expected an EPP <greeting>', xml);
  const menu = child(g, NS.epp, 'svcMenu');
  const svID = childText(g, NS.epp, 'svID');
  if (!menu || svID === undefined) throw new EppProtocolError('the greeting lacks svID or svcMenu', xml);
  const ext = child(menu, NS.epp, 'svcExtension');
  return {
    svID,
    svDate: childText(g, NS.epp, 'svDate'),
    versions: texts(menu, 'version'),
    langs: texts(menu, 'lang'),
    objURIs: texts(menu, 'objURI'),
    extURIs: ext ? texts(ext, 'extURI') : [],
  };
}

export function parseReply(xml: string): EppReply {
  const response = child(root(xml), NS.epp, 'response');
  if (!response) throw new EppProtocolError('expected an EPP <response>', xml);
  const result = child(response, NS.epp, 'result');
  const code = Number(result?.attrs.code);
  if (!result || !/^[12][0-9]{3}$/.test(result.attrs.code ?? '')) throw new EppProtocolError('the response has no valid <result code>', xml);
  const extValue = child(result, NS.epp, 'extValue');
  const q = child(response, NS.epp, 'msgQ');
  const trID = child(response, NS.epp, 'trID');
  const resData = child(response, NS.epp, 'resData');
  return {
    code,
    message: (childText(result, NS.epp, 'msg') ?? '').replace(/\s+/g, ' '),
    reason: extValue ? childText(extValue, NS.epp, 'reason') : undefined,
    clTRID: trID ? childText(trID, NS.epp, 'clTRID') : undefined,
    svTRID: trID ? childText(trID, NS.epp, 'svTRID') : undefined,
    msgQ: q ? {
      count: Number(q.attrs.count ?? 0),
      id: q.attrs.id ?? '',
      qDate: childText(q, NS.epp, 'qDate'),
      msg: childText(q, NS.epp, 'msg'),
    } : undefined,
    resData: resData?.children[0],
    extensions: child(response, NS.epp, 'extension')?.children ?? [],
    xml,
  };
}

/** The <resData> element the command's reply must carry (e.g. domain:infData); its absence is a protocol error. */
export function requireResData(reply: EppReply, ns: string, name: string): XmlElement {
  const d = reply.resData;
  if (!d || d.ns !== ns || d.name !== name) throw new EppProtocolError(`the reply lacks <resData> with ${name} (${ns})`, reply.xml);
  return d;
}

/** The reply's <resData> element if it is ns:name. */
export function optionalResData(reply: EppReply, ns: string, name: string): XmlElement | undefined {
  const d = reply.resData;
  return d && d.ns === ns && d.name === name ? d : undefined;
}

/** An element inside the reply's <extension>. */
export function extensionOf(reply: EppReply, ns: string, name: string): XmlElement | undefined {
  return reply.extensions.find((e) => e.ns === ns && e.name === name);
}
