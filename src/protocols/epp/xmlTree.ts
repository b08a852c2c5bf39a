// A small namespace-aware element tree built with saxes. EPP clients never need a DTD: any DOCTYPE is refused
// before the root element is read, so no entity can be declared, fetched or expanded (XXE, entity bombs); only
// the five predefined entities and character references are understood.
import { SaxesParser } from 'saxes';

export interface XmlElement {
  ns: string;
  name: string; // local name
  attrs: Record<string, string>; // by local name (unprefixed attributes; EPP uses no prefixed ones that matter)
  children: XmlElement[];
  text: string; // concatenated direct text content
}

export class XmlInputError extends Error {
  constructor(message: string) { super(message); this.name = 'XmlInputError'; }
}

const MAX_DEPTH = 48;
const MAX_ELEMENTS = 20_000;

export function parseXml(input: string | Buffer): XmlElement {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  let failure: Error | undefined;
  parser.on('doctype', () => { throw new XmlInputError('DOCTYPE declarations are not accepted'); });
  parser.on('opentag', (tag) => {
    if (++count > MAX_ELEMENTS) throw new XmlInputError('too many elements');
    if (stack.length >= MAX_DEPTH) throw new XmlInputError('elements nested too deeply');
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      const attr = a as { local: string; uri: string; value: string; prefix: string };
      if (attr.prefix === 'xmlns' || attr.local === 'xmlns' && attr.prefix === '') continue;
      if (attr.uri === 'http://www.w3.org/2001/XMLSchema-instance') continue;
      attrs[attr.local] = attr.value;
    }
    const el: XmlElement = { ns: tag.uri ?? '', name: tag.local ?? tag.name, attrs, children: [], text: '' };
    if (stack.length === 0) {
      if (root) throw new XmlInputError('more than one root element');
      root = el;
    } else {
      stack[stack.length - 1].children.push(el);
    }
    stack.push(el);
  });
  parser.on('closetag', () => { stack.pop(); });
  parser.on('text', (t) => { if (stack.length > 0) stack[stack.length - 1].text += t; });
  parser.on('cdata', (t) => { if (stack.length > 0) stack[stack.length - 1].text += t; });
  parser.on('error', (err) => { failure ??= err; });
  try {
    parser.write(text).close();
  } catch (err) {
    failure ??= err as Error;
  }
  if (failure) throw new XmlInputError(cleanMessage(failure));
  if (!root) throw new XmlInputError('no root element');
  return root;
}

function cleanMessage(err: Error): string {
  // saxes prefixes "undefined:LINE:COL: "; keep the position, drop the file placeholder.
  return err.message.replace(/^undefined:/, 'line ').split('\n')[0].slice(0, 300);
}

export function child(el: XmlElement, ns: string, name: string): XmlElement | undefined {
  return el.children.find((c) => c.ns === ns && c.name === name);
}

export function childrenOf(el: XmlElement, ns: string, name: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && c.name === name);
}

export function textOf(el: XmlElement | undefined): string | undefined {
  return el === undefined ? undefined : el.text.trim();
}

export function childText(el: XmlElement, ns: string, name: string): string | undefined {
  return textOf(child(el, ns, name));
}
