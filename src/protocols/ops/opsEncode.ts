// OPS envelope encoder: model -> XML text.
//
// Output is the canonical form shown in the OpenSRS docs (single-quoted
// declaration, DOCTYPE, 2-space indentation). Leaves inside items are bare
// text (<item key='k'>v</item>); only a top-level string uses <dt_scalar>,
// because data_block must contain a dt_* element. Item order follows the
// model (array index order, assoc insertion order); decoders must not care.
import { OpsEncodeError } from './opsErrors.ts';
import { describeChar, escapeAttr, escapeText, findIllegalXmlChar } from './opsXml.ts';
import {
  OPS_DEFAULT_VERSION,
  OPS_MAX_DEPTH,
  OPS_VERSIONS,
  OpsClassed,
  isAssoc,
  type OpsHeader,
  type OpsItem,
  type OpsValue,
} from './opsTypes.ts';

const PROLOG = "<?xml version='1.0' encoding='UTF-8' standalone='no' ?>\n<!DOCTYPE OPS_envelope SYSTEM 'ops.dtd'>\n";
const IND = '  ';

export function encodeOps(data: OpsValue, header: Partial<OpsHeader> = {}): string {
  const version = header.version ?? OPS_DEFAULT_VERSION;
  if (!OPS_VERSIONS.includes(version)) {
    throw new OpsEncodeError(`unsupported OPS version ${JSON.stringify(version)}; expected ${OPS_VERSIONS.join(' or ')}`);
  }
  const out: string[] = [PROLOG, '<OPS_envelope>\n', IND, '<header>\n'];
  out.push(IND, IND, '<version>', version, '</version>\n');
  if (header.msgId !== undefined) out.push(IND, IND, '<msg_id>', text(header.msgId, 'header msg_id'), '</msg_id>\n');
  if (header.msgType !== undefined) out.push(IND, IND, '<msg_type>', text(header.msgType, 'header msg_type'), '</msg_type>\n');
  out.push(IND, '</header>\n', IND, '<body>\n', IND, IND, '<data_block>\n');
  const ind = IND.repeat(3);
  if (typeof data === 'string') {
    // data_block cannot hold bare text; a scalar needs its dt_scalar wrapper.
    out.push(ind, '<dt_scalar>', text(data, 'data'), '</dt_scalar>\n');
  } else if (data instanceof OpsClassed) {
    throw new OpsEncodeError('data: a class can only be attached to an item, not to the data_block value');
  } else {
    container(out, data, ind, 1, 'data');
  }
  out.push(IND, IND, '</data_block>\n', IND, '</body>\n', '</OPS_envelope>\n');
  return out.join('');
}

/** Emit a dt_array / dt_assoc starting at indentation `ind`. `depth` counts dt_* nesting. */
function container(out: string[], v: unknown, ind: string, depth: number, path: string): void {
  if (depth > OPS_MAX_DEPTH) {
    // Also how we stop on cyclic structures instead of overflowing the stack.
    throw new OpsEncodeError(`${path}: nesting deeper than ${OPS_MAX_DEPTH} levels (or a cycle)`);
  }
  const inner = ind + IND;
  if (Array.isArray(v)) {
    if (v.length === 0) return void out.push(ind, '<dt_array></dt_array>\n');
    out.push(ind, '<dt_array>\n');
    // Index loop (not forEach) so holes in sparse arrays are seen and rejected.
    for (let i = 0; i < v.length; i++) item(out, String(i), v[i], inner, depth, `${path}[${i}]`);
    out.push(ind, '</dt_array>\n');
  } else if (isAssoc(v)) {
    // Object.keys includes an own "__proto__" key (null-prototype or JSON.parse'd objects).
    const keys = Object.keys(v);
    if (keys.length === 0) return void out.push(ind, '<dt_assoc></dt_assoc>\n');
    out.push(ind, '<dt_assoc>\n');
    for (const k of keys) item(out, attr(k, `${path}: key`), v[k], inner, depth, `${path}.${k}`);
    out.push(ind, '</dt_assoc>\n');
  } else {
    throw new OpsEncodeError(`${path}: cannot encode ${describe(v)}; expected a string, array or plain object`);
  }
}

function item(out: string[], escapedKey: string, v: OpsItem | undefined, ind: string, depth: number, path: string): void {
  let open = `<item key='${escapedKey}'`;
  let value: unknown = v;
  if (v instanceof OpsClassed) {
    open += ` class='${attr(v.className, `${path}: class`)}'`;
    value = v.value;
    if (value instanceof OpsClassed) throw new OpsEncodeError(`${path}: an OpsClassed cannot wrap another OpsClassed`);
  }
  if (typeof value === 'string') {
    out.push(ind, open, '>', text(value, path), '</item>\n');
  } else {
    out.push(ind, open, '>\n');
    container(out, value, ind + IND, depth + 1, path);
    out.push(ind, '</item>\n');
  }
}

function text(s: unknown, path: string): string {
  if (typeof s !== 'string') throw new OpsEncodeError(`${path}: expected a string, got ${describe(s)}`);
  checkChars(s, path);
  return escapeText(s);
}

function attr(s: unknown, path: string): string {
  if (typeof s !== 'string') throw new OpsEncodeError(`${path}: expected a string, got ${describe(s)}`);
  checkChars(s, path);
  return escapeAttr(s);
}

function checkChars(s: string, path: string): void {
  const i = findIllegalXmlChar(s);
  if (i >= 0) {
    throw new OpsEncodeError(`${path}: character ${describeChar(s, i)} at offset ${i} cannot be represented in XML 1.0`);
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return `an object of type ${Object.getPrototypeOf(v)?.constructor?.name ?? 'unknown'}`;
  return `a value of type ${typeof v}`;
}
