// Typed access to an XCP attributes hash. OPS values are strings, arrays or hashes; clients differ in how they
// send flags ("1", "0", "Y", "N", "true") and leaves (bare or dt_scalar): all of that is absorbed here so the
// handlers read plain values. Missing required fields are 460 naming the field, malformed ones 465.
import { isArray, isAssoc, unclass, getItem, type OpsAssoc, type OpsItem, type OpsValue } from '../ops/index.ts';
import { XcpError, xcpInvalid, xcpMissing } from './xcpError.ts';

export class AttributeReader {
  constructor(private readonly attrs: OpsAssoc, private readonly prefix = '') {}

  private get(key: string): OpsValue | undefined {
    const v = getItem(this.attrs, key);
    return v === undefined ? undefined : unclass(v);
  }

  private name(key: string): string { return this.prefix ? `${this.prefix}.${key}` : key; }

  has(key: string): boolean { const v = this.get(key); return v !== undefined && v !== ''; }

  optString(key: string): string | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw xcpInvalid(`Invalid data: ${this.name(key)} must be a single value`);
    const t = v.trim();
    return t === '' ? undefined : t;
  }

  string(key: string): string {
    const v = this.optString(key);
    if (v === undefined) throw xcpMissing(this.name(key));
    return v;
  }

  optInt(key: string): number | undefined {
    const v = this.optString(key);
    if (v === undefined) return undefined;
    if (!/^-?\d{1,9}$/.test(v)) throw xcpInvalid(`Invalid data: ${this.name(key)} must be a whole number`);
    return Number(v);
  }

  int(key: string): number {
    const v = this.optInt(key);
    if (v === undefined) throw xcpMissing(this.name(key));
    return v;
  }

  optFlag(key: string): boolean | undefined {
    const v = this.optString(key);
    if (v === undefined) return undefined;
    const l = v.toLowerCase();
    if (['1', 'y', 'yes', 'true', 'on'].includes(l)) return true;
    if (['0', 'n', 'no', 'false', 'off'].includes(l)) return false;
    throw xcpInvalid(`Invalid data: ${this.name(key)} must be 0 or 1`);
  }

  flag(key: string, fallback: boolean): boolean { return this.optFlag(key) ?? fallback; }

  optAssoc(key: string): AttributeReader | undefined {
    const v = this.get(key);
    if (v === undefined || v === '') return undefined;
    if (!isAssoc(v)) throw xcpInvalid(`Invalid data: ${this.name(key)} must be a hash (dt_assoc)`);
    return new AttributeReader(v, this.name(key));
  }

  assoc(key: string): AttributeReader {
    const v = this.optAssoc(key);
    if (!v) throw xcpMissing(this.name(key));
    return v;
  }

  /** A dt_array, or a single scalar/hash treated as a one-element list (some clients collapse one-item arrays). */
  optList(key: string): OpsValue[] | undefined {
    const v = this.get(key);
    if (v === undefined || v === '') return undefined;
    const items: OpsItem[] = isArray(v) ? v : [v];
    return items.map(unclass);
  }

  optStringList(key: string): string[] | undefined {
    const list = this.optList(key);
    if (!list) return undefined;
    return list.map((v, i) => {
      if (typeof v !== 'string') throw xcpInvalid(`Invalid data: ${this.name(key)}[${i}] must be a single value`);
      return v.trim();
    }).filter((s) => s !== '');
  }

  /** All string-valued keys, for records such as a contact. */
  stringRecord(): Record<string, string> {
    const out = nullRecord<string>();
    for (const k of Object.keys(this.attrs)) {
      const v = this.get(k);
      if (typeof v === 'string') out[k] = v;
    }
    return out;
  }

  raw(): OpsAssoc { return this.attrs; }

  /** The whole hash as plain nested records (strings, arrays, objects), for data the core validates itself. */
  plain(): Record<string, unknown> { return toPlain(this.attrs) as Record<string, unknown>; }
}

/**
 * Keys here are the client's: on a plain object `out['__proto__'] = hash` would make the client's hash the
 * prototype (and every field of it readable as if it were sent), so the records built from them have none.
 */
function nullRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function toPlain(v: OpsValue): unknown {
  if (typeof v === 'string') return v;
  if (isArray(v)) return v.map((i) => toPlain(unclass(i)));
  const out = nullRecord<unknown>();
  for (const k of Object.keys(v)) out[k] = toPlain(unclass(v[k]));
  return out;
}

export function readerOf(v: OpsValue | undefined, name: string): AttributeReader {
  if (v === undefined || v === '') return new AttributeReader(Object.create(null) as OpsAssoc, name);
  if (!isAssoc(v)) throw new XcpError(465, `Invalid data: ${name} must be a hash (dt_assoc)`);
  return new AttributeReader(v, name);
}
