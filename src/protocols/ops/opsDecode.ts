// OPS envelope decoder: XML text -> model.
//
// Security stance (the input is untrusted network data):
//   * saxes never fetches external DTDs or entities and only knows the five
//     predefined entities; numeric character references are decoded.
//   * Any DOCTYPE other than exactly `OPS_envelope SYSTEM 'ops.dtd'` (either
//     quote style) is rejected from the `doctype` event, i.e. before the root
//     element is even opened. An internal subset ("[...]") - the vehicle for
//     entity bombs and XXE - is therefore refused without any expansion work.
//   * The tree is built with an explicit stack (no recursion) and dt_*
//     nesting is capped at OPS_MAX_DEPTH, so hostile nesting cannot exhaust
//     the call stack of us or of whoever walks the result.
//   * Assoc objects have a null prototype; see opsTypes.ts.
//
// Structural rules (ops.dtd plus what the OPS implementations actually do):
//   OPS_envelope = header body; header = version [msg_id] [msg_type] (any
//   order, each at most once; version trimmed); body = data_block;
//   data_block = exactly one dt_*; dt_assoc/dt_array = item*;
//   item / dt_scalar / dt_scalarref = text | exactly one dt_*.
//   Whitespace-only text around elements is ignored; leaf text is kept
//   verbatim. Comments and processing instructions are ignored anywhere.
//   Unknown attributes are ignored; unknown elements are errors.
//   ops.dtd would also allow a dt_* directly inside dt_assoc/dt_array, but
//   gives it no meaning and no implementation emits it, so it is rejected.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { OpsDecodeError } from './opsErrors.ts';
import { describeChar, findIllegalXmlChar, isXmlWhitespace } from './opsXml.ts';
import {
  OPS_MAX_DEPTH,
  OPS_VERSIONS,
  OpsClassed,
  setOwn,
  type OpsAssoc,
  type OpsHeader,
  type OpsItem,
  type OpsMessage,
  type OpsValue,
} from './opsTypes.ts';

type HeaderField = 'version' | 'msg_id' | 'msg_type';
const DT_ELEMENTS = new Set(['dt_assoc', 'dt_array', 'dt_scalar', 'dt_scalarref']);
const ACCEPTED_DOCTYPE = /^[ \t\r\n]+OPS_envelope[ \t\r\n]+SYSTEM[ \t\r\n]+(?:'ops\.dtd'|"ops\.dtd")[ \t\r\n]*$/;
const ACCEPTED_ENCODINGS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);
// Array keys: canonical non-negative decimal integers. 9 digits is far more
// than any real list; capping keeps Number() exact and messages sane.
const ARRAY_KEY = /^(?:0|[1-9][0-9]{0,8})$/;

/** A stack frame per open element; the variant says what content it accepts. */
type Frame =
  | { kind: 'envelope'; header?: OpsHeader; data?: OpsValue; sawBody: boolean }
  | { kind: 'header'; fields: Partial<Record<HeaderField, string>> }
  | { kind: 'field'; name: HeaderField; text: string }
  | { kind: 'body'; data?: OpsValue }
  // A "slot" holds one value: text, or exactly one dt_* child.
  | { kind: 'slot'; tag: string; text: string; child?: OpsValue; key?: string; className?: string }
  | { kind: 'assoc'; value: OpsAssoc }
  | { kind: 'array'; items: Map<number, OpsItem> };

/**
 * Decode an OPS envelope. Buffers must be UTF-8 (invalid UTF-8 is an error,
 * not silently replaced). Throws OpsDecodeError with a human-readable
 * message for every malformed or disallowed input.
 */
export function decodeOps(xml: string | Buffer): OpsMessage {
  const text = typeof xml === 'string' ? xml : utf8(xml);
  // Screen for characters XML 1.0 forbids up front: saxes catches controls
  // itself but mis-parses unpaired surrogates (possible in JS strings only).
  const bad = findIllegalXmlChar(text);
  if (bad >= 0) throw new OpsDecodeError(`malformed XML: character ${describeChar(text, bad)} is not allowed in XML`);
  return new Decoder().run(text);
}

function utf8(buf: Buffer): string {
  try {
    // fatal: a wrong charset must fail loudly rather than turn into U+FFFD.
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new OpsDecodeError('request body is not valid UTF-8');
  }
}

class Decoder {
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private readonly stack: Frame[] = [];
  private dtDepth = 0;
  private result: OpsMessage | undefined;

  run(text: string): OpsMessage {
    const p = this.parser;
    p.on('xmldecl', (d) => {
      if (d.version !== undefined && d.version !== '1.0') this.fail(`unsupported XML version ${q(d.version)}; only 1.0 is accepted`);
      if (d.encoding !== undefined && !ACCEPTED_ENCODINGS.has(d.encoding.toLowerCase())) {
        this.fail(`unsupported encoding ${q(d.encoding)}; only UTF-8 is accepted`);
      }
    });
    p.on('doctype', (dt) => this.doctype(dt));
    p.on('opentag', (tag) => this.open(tag));
    p.on('closetag', () => this.close());
    p.on('text', (t) => this.text(t));
    p.on('cdata', (t) => this.text(t));
    try {
      p.write(text).close();
    } catch (err) {
      if (err instanceof OpsDecodeError) throw err;
      // saxes reports "line:col: message"; re-phrase without its internals.
      const msg = err instanceof Error ? err.message : String(err);
      const m = /^(\d+):(\d+): (.*)$/s.exec(msg);
      throw new OpsDecodeError(m ? `malformed XML at line ${m[1]}, column ${m[2]}: ${m[3]}` : `malformed XML: ${msg}`);
    }
    if (this.result === undefined) this.fail('document has no <OPS_envelope>'); // unreachable: saxes requires a root
    return this.result;
  }

  private fail(message: string): never {
    throw new OpsDecodeError(`line ${this.parser.line}, column ${this.parser.column}: ${message}`);
  }

  private doctype(dt: string): void {
    if (ACCEPTED_DOCTYPE.test(dt)) return;
    if (dt.includes('[')) this.fail('DOCTYPE internal subsets (entity or element declarations) are not allowed');
    this.fail(`unsupported DOCTYPE; expected <!DOCTYPE OPS_envelope SYSTEM 'ops.dtd'>`);
  }

  private open(tag: SaxesTagPlain): void {
    const name = tag.name;
    const parent = this.stack.at(-1);
    if (parent === undefined) {
      if (name !== 'OPS_envelope') this.fail(`root element must be <OPS_envelope>, found <${short(name)}>`);
      this.stack.push({ kind: 'envelope', sawBody: false });
      return;
    }
    switch (parent.kind) {
      case 'envelope':
        if (name === 'header' && parent.header === undefined && !parent.sawBody) {
          this.stack.push({ kind: 'header', fields: {} });
        } else if (name === 'body' && parent.header !== undefined && !parent.sawBody) {
          parent.sawBody = true;
          this.stack.push({ kind: 'body' });
        } else {
          this.unexpected(name, 'OPS_envelope', 'expected <header> then <body>');
        }
        return;
      case 'header':
        if ((name === 'version' || name === 'msg_id' || name === 'msg_type') && parent.fields[name] === undefined) {
          this.stack.push({ kind: 'field', name, text: '' });
        } else {
          this.unexpected(name, 'header', 'expected <version>, <msg_id> or <msg_type>, each at most once');
        }
        return;
      case 'field':
        return this.unexpected(name, parent.name, 'expected text only');
      case 'body':
        if (name !== 'data_block' || parent.data !== undefined) this.unexpected(name, 'body', 'expected a single <data_block>');
        this.stack.push({ kind: 'slot', tag: 'data_block', text: '' });
        return;
      case 'slot':
        if (!DT_ELEMENTS.has(name)) this.unexpected(name, parent.tag, 'expected dt_assoc, dt_array, dt_scalar or dt_scalarref');
        if (parent.child !== undefined) this.fail(`<${parent.tag}>${itemLabel(parent)} must contain a single value`);
        // Mark the slot as taken now; the real value is filled in on close.
        parent.child = '';
        if (++this.dtDepth > OPS_MAX_DEPTH) this.fail(`data nested deeper than ${OPS_MAX_DEPTH} levels`);
        if (name === 'dt_assoc') this.stack.push({ kind: 'assoc', value: Object.create(null) as OpsAssoc });
        else if (name === 'dt_array') this.stack.push({ kind: 'array', items: new Map() });
        else this.stack.push({ kind: 'slot', tag: name, text: '' });
        return;
      case 'assoc':
      case 'array':
        return this.openItem(parent, tag);
    }
  }

  private openItem(parent: Frame & { kind: 'assoc' | 'array' }, tag: SaxesTagPlain): void {
    const where = parent.kind === 'assoc' ? 'dt_assoc' : 'dt_array';
    if (tag.name !== 'item') {
      const hint = DT_ELEMENTS.has(tag.name) ? `a <${tag.name}> must be wrapped in an <item key='...'>` : 'expected <item>';
      this.unexpected(tag.name, where, hint);
    }
    const key = tag.attributes['key'];
    if (key === undefined) this.fail(`<item> in <${where}> has no key attribute`);
    if (parent.kind === 'assoc') {
      if (Object.hasOwn(parent.value, key)) this.fail(`duplicate key ${q(key)} in <dt_assoc>`);
    } else {
      if (!ARRAY_KEY.test(key)) this.fail(`array item key must be a non-negative integer, got ${q(key)}`);
      if (parent.items.has(Number(key))) this.fail(`duplicate key ${q(key)} in <dt_array>`);
    }
    const className = tag.attributes['class'];
    this.stack.push({ kind: 'slot', tag: 'item', text: '', key, ...(className !== undefined && { className }) });
  }

  private text(t: string): void {
    const top = this.stack.at(-1);
    if (top === undefined) return; // outside the root: saxes rejects anything but whitespace
    if (top.kind === 'slot' || top.kind === 'field') {
      top.text += t;
    } else if (!isXmlWhitespace(t)) {
      const where = top.kind === 'assoc' ? 'dt_assoc' : top.kind === 'array' ? 'dt_array' : top.kind === 'envelope' ? 'OPS_envelope' : top.kind;
      this.fail(`unexpected text ${q(short(t.trim()))} in <${where}>`);
    }
  }

  private close(): void {
    const frame = this.stack.pop()!; // saxes guarantees balanced tags
    switch (frame.kind) {
      case 'envelope':
        if (frame.header === undefined || frame.data === undefined) this.fail('<OPS_envelope> must contain <header> and <body>');
        this.result = { header: frame.header, data: frame.data };
        return;
      case 'header':
        return this.closeHeader(frame.fields);
      case 'field': {
        const parent = this.stack.at(-1) as Frame & { kind: 'header' };
        // version is matched against a fixed list, so formatting whitespace is
        // dropped; msg_id/msg_type are opaque and kept verbatim (reflexivity).
        parent.fields[frame.name] = frame.name === 'version' ? frame.text.trim() : frame.text;
        return;
      }
      case 'body': {
        if (frame.data === undefined) this.fail('<body> must contain a <data_block>');
        (this.stack.at(-1) as Frame & { kind: 'envelope' }).data = frame.data;
        return;
      }
      case 'assoc':
        this.dtDepth--;
        return this.deliver(frame.value);
      case 'array':
        this.dtDepth--;
        return this.deliver(this.buildArray(frame.items));
      case 'slot':
        return this.closeSlot(frame);
    }
  }

  private closeHeader(fields: Partial<Record<HeaderField, string>>): void {
    const version = fields.version;
    if (version === undefined) this.fail('<header> must contain a <version>');
    if (!OPS_VERSIONS.includes(version)) this.fail(`unsupported OPS version ${q(short(version))}; expected ${OPS_VERSIONS.join(' or ')}`);
    const header: OpsHeader = { version };
    if (fields.msg_id !== undefined) header.msgId = fields.msg_id;
    if (fields.msg_type !== undefined) header.msgType = fields.msg_type;
    (this.stack.at(-1) as Frame & { kind: 'envelope' }).header = header;
  }

  private closeSlot(frame: Frame & { kind: 'slot' }): void {
    let value: OpsValue;
    if (frame.child !== undefined) {
      // Whitespace around a nested dt_* is formatting; anything else is ambiguous.
      if (!isXmlWhitespace(frame.text)) this.fail(`<${frame.tag}>${itemLabel(frame)} mixes text with a nested element`);
      value = frame.child;
    } else if (frame.tag === 'data_block') {
      this.fail('<data_block> must contain dt_assoc, dt_array, dt_scalar or dt_scalarref');
    } else {
      value = frame.text; // a leaf: kept byte-for-byte, no trimming
    }
    if (frame.tag === 'dt_scalar' || frame.tag === 'dt_scalarref') this.dtDepth--;
    if (frame.tag === 'item') {
      const parent = this.stack.at(-1) as Frame & { kind: 'assoc' | 'array' };
      const item: OpsItem = frame.className !== undefined ? new OpsClassed(frame.className, value) : value;
      if (parent.kind === 'assoc') setOwn(parent.value, frame.key!, item);
      else parent.items.set(Number(frame.key), item);
    } else if (frame.tag === 'data_block') {
      (this.stack.at(-1) as Frame & { kind: 'body' }).data = value;
    } else {
      this.deliver(value);
    }
  }

  /** Hand a finished dt_* value to the enclosing slot (item, data_block, dt_scalar…). */
  private deliver(value: OpsValue): void {
    (this.stack.at(-1) as Frame & { kind: 'slot' }).child = value;
  }

  /** Arrays are rebuilt by key: textual order is irrelevant, but keys must be exactly 0..N-1. */
  private buildArray(items: Map<number, OpsItem>): OpsItem[] {
    const out: OpsItem[] = new Array<OpsItem>(items.size);
    for (const [i, v] of items) {
      // Keys are distinct, so "all < size" means they are exactly 0..size-1.
      if (i >= items.size) this.fail(`<dt_array> keys must be 0..${items.size - 1} without gaps; found key ${i}`);
      out[i] = v;
    }
    return out;
  }

  private unexpected(name: string, parent: string, hint: string): never {
    this.fail(`unexpected element <${short(name)}> in <${parent}>; ${hint}`);
  }
}

function itemLabel(frame: Frame & { kind: 'slot' }): string {
  return frame.key !== undefined ? ` (key ${q(frame.key)})` : '';
}

/** Quote user data for a message, truncated so a hostile key cannot flood the response. */
function q(s: string): string {
  return JSON.stringify(short(s));
}

function short(s: string): string {
  if (s.length <= 60) return s;
  // Cut on code points: a split surrogate pair would make the message itself
  // unencodable when the XCP layer echoes it back in response_text.
  // (120 code units hold >= 60 code points, and only the last could be split.)
  return Array.from(s.slice(0, 120)).slice(0, 57).join('') + '...';
}
