// In-memory model of an OPS data_block (OpenSRS "OPS" protocol, ops.dtd).
//
// Design goals: decode(encode(x)) deep-equals x for every model value, and
// the model is plain data that the XCP layer can walk without a class zoo.
//
//   OpsValue  = string | OpsArray | OpsAssoc
//     - string   <- leaf: bare <item> text, <dt_scalar> or <dt_scalarref>.
//                   dt_scalarref is a Perl-ism (a reference to a scalar); it
//                   carries no extra meaning for us, so it decodes to the same
//                   string as dt_scalar. encode always emits the canonical form
//                   (bare item text, or <dt_scalar> at the top of data_block),
//                   so "reflexive" holds for the model, not for the markup.
//     - OpsArray <- <dt_array>; items are re-ordered by their integer key,
//                   which must form exactly 0..N-1 (no holes, no duplicates).
//     - OpsAssoc <- <dt_assoc>; a NULL-PROTOTYPE object. Keys come straight
//                   from the wire, so "__proto__", "constructor", "toString"…
//                   are ordinary own properties: no prototype pollution, and
//                   no inherited members masquerading as keys.
//
//   OpsItem   = OpsValue | OpsClassed
//     The optional `class` attribute exists only on <item> (Perl used it to
//     bless a hash back into an object). We keep it in a tiny wrapper class
//     rather than a hidden symbol or a Map: it is visible in debuggers, it
//     cannot collide with any assoc key, `instanceof` discriminates it, and
//     assert.deepStrictEqual compares it structurally. Because the attribute
//     only lives on items, the data_block value itself is an OpsValue, and a
//     classed value never directly wraps another classed value.

/** A value as it can appear directly in <data_block> (or inside an OpsClassed). */
export type OpsValue = string | OpsArray | OpsAssoc;
/** A value as it can appear as an <item> of a dt_array / dt_assoc. */
export type OpsItem = OpsValue | OpsClassed;
export type OpsArray = OpsItem[];
export interface OpsAssoc {
  [key: string]: OpsItem;
}

/** An <item class='...'> value. `value` is what the item would decode to without the attribute. */
export class OpsClassed {
  readonly className: string;
  readonly value: OpsValue;
  constructor(className: string, value: OpsValue) {
    this.className = className;
    this.value = value;
  }
}

/** Protocol versions we speak, in <header><version>. */
export const OPS_VERSIONS: readonly string[] = ['0.9', '1.0'];
export const OPS_DEFAULT_VERSION = '0.9';

/**
 * Maximum nesting of dt_* elements (dt_assoc, dt_array, dt_scalar,
 * dt_scalarref) in a data_block. Real OpenSRS traffic nests < 10 deep; the
 * limit bounds recursion in the encoder and in any consumer walking the tree.
 */
export const OPS_MAX_DEPTH = 64;

export interface OpsHeader {
  version: string;
  msgId?: string;
  msgType?: string;
}

export interface OpsMessage {
  header: OpsHeader;
  data: OpsValue;
}

/** Define an own, enumerable property even for keys like "__proto__". */
export function setOwn(assoc: OpsAssoc, key: string, value: OpsItem): void {
  Object.defineProperty(assoc, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Build a null-prototype assoc (the shape decodeOps produces). Accepts entry
 * pairs or a plain object. Note `{ __proto__: x }` object literals set the
 * prototype instead of a key; use entry pairs for such keys.
 */
export function makeAssoc(entries?: Iterable<readonly [string, OpsItem]> | Record<string, OpsItem>): OpsAssoc {
  const out: OpsAssoc = Object.create(null) as OpsAssoc;
  if (entries === undefined) return out;
  const pairs: Iterable<readonly [string, OpsItem]> =
    Symbol.iterator in entries
      ? (entries as Iterable<readonly [string, OpsItem]>)
      : Object.entries(entries as Record<string, OpsItem>);
  for (const [k, v] of pairs) setOwn(out, k, v);
  return out;
}

export function isClassed(v: unknown): v is OpsClassed {
  return v instanceof OpsClassed;
}

export function isArray(v: unknown): v is OpsArray {
  return Array.isArray(v);
}

/** A dt_assoc: a plain or null-prototype object (not an array, not an OpsClassed). */
export function isAssoc(v: unknown): v is OpsAssoc {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}

/** Strip a class wrapper, if any (the class name is metadata most callers ignore). */
export function unclass(v: OpsItem): OpsValue {
  return v instanceof OpsClassed ? v.value : v;
}

/** Own-property lookup; never returns inherited members even for plain objects. */
export function getItem(assoc: OpsAssoc, key: string): OpsItem | undefined {
  return Object.hasOwn(assoc, key) ? assoc[key] : undefined;
}

/** The string at `key` (looking through a class wrapper), or undefined if absent or not a string. */
export function getString(assoc: OpsAssoc, key: string): string | undefined {
  const v = getItem(assoc, key);
  if (v === undefined) return undefined;
  const u = unclass(v);
  return typeof u === 'string' ? u : undefined;
}
