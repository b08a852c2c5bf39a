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

/**
 * Bounds on the work one document may cause, whatever its size. Real EPP is about 10 deep, has at most a dozen
 * attributes (mostly namespace declarations) on an element, and a few hundred elements in the largest command.
 */
export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
  /** Per element, namespace declarations included. */
  maxAttributes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 48, maxElements: 20_000, maxAttributes: 64 };

export function parseXml(input: string | Buffer, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  let attributes = 0;
  // Every refusal is thrown from inside a handler: that unwinds parser.write(), so parsing stops at the first
  // problem. (saxes itself reports an error and carries on; a document with an error per attribute or per element
  // would otherwise make it build and report every one of them.)
  parser.on('error', (err) => { throw new XmlInputError(cleanMessage(err)); });
  parser.on('doctype', () => { throw new XmlInputError('DOCTYPE declarations are not accepted'); });
  parser.on('opentagstart', () => {
    if (++count > limits.maxElements) throw new XmlInputError('too many elements');
    if (stack.length >= limits.maxDepth) throw new XmlInputError('elements nested too deeply');
    attributes = 0;
  });
  // Counted as they are read, before saxes resolves the element's namespaces attribute by attribute.
  parser.on('attribute', () => {
    if (++attributes > limits.maxAttributes) throw new XmlInputError(`too many attributes on one element (the limit is ${limits.maxAttributes})`);
  });
  parser.on('opentag', (tag) => {
    // Null prototype: an attribute named __proto__ or constructor is just an attribute.
    const attrs = Object.create(null) as Record<string, string>;
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
  try {
    parser.write(text).close();
  } catch (err) {
    if (err instanceof XmlInputError) throw err;
    throw new XmlInputError(cleanMessage(err as Error));
  }
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
