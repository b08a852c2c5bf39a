// `--attr path=value` for `regd xcp <object> <action>`: dotted paths build the nested OPS attributes, a numeric segment
// makes an array (contact_set.owner.first_name=Ann, nameserver_list.0.name=ns1.example.com); and the flattening of
// a reply back into such paths for the human-readable output.
import { isArray, isAssoc, makeAssoc, setOwn, unclass, type OpsAssoc, type OpsItem } from '../protocols/ops/opsTypes.ts';

type Node = OpsAssoc | OpsItem[];

const isIndex = (segment: string) => /^\d{1,4}$/.test(segment);

export function parseAttributes(pairs: string[]): OpsAssoc {
  const root = makeAssoc();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--attr takes path=value, not "${pair}"`);
    const segments = pair.slice(0, eq).split('.');
    if (segments.some((s) => s === '')) throw new Error(`--attr path "${pair.slice(0, eq)}" has an empty segment`);
    if (isIndex(segments[0]!)) throw new Error(`--attr path "${pair.slice(0, eq)}" must start with a name`);
    let node: Node = root;
    segments.forEach((segment, i) => {
      const last = i === segments.length - 1;
      const value: OpsItem | undefined = last ? pair.slice(eq + 1) : undefined;
      const existing: OpsItem | undefined = Array.isArray(node) ? node[Number(segment)] : Object.hasOwn(node, segment) ? node[segment] : undefined;
      let next: OpsItem;
      if (last) {
        if (existing !== undefined) throw new Error(`--attr ${pair.slice(0, eq)} is given twice`);
        next = value!;
      } else {
        const wantArray = isIndex(segments[i + 1]!);
        if (existing === undefined) next = wantArray ? [] : makeAssoc();
        else if (wantArray ? isArray(existing) : isAssoc(existing)) next = existing;
        else throw new Error(`--attr ${pair.slice(0, eq)} conflicts with another --attr for ${segments.slice(0, i + 1).join('.')}`);
      }
      if (Array.isArray(node)) {
        if (!isIndex(segment)) throw new Error(`--attr ${pair.slice(0, eq)}: ${segments.slice(0, i).join('.')} is a list, so ${segment} must be a number`);
        node[Number(segment)] = next;
      } else {
        setOwn(node, segment, next);
      }
      if (!last) node = next as Node;
    });
  }
  checkDense(root, '');
  return root;
}

/** OPS arrays are 0..N-1 with no holes. */
function checkDense(item: OpsItem, where: string): void {
  if (isArray(item)) {
    for (let i = 0; i < item.length; i++) {
      if (item[i] === undefined) throw new Error(`--attr ${where}: index ${i} is missing (lists count from 0 with no gaps)`);
      checkDense(item[i]!, `${where}.${i}`);
    }
  } else if (isAssoc(item)) {
    for (const [k, v] of Object.entries(item)) checkDense(v, where ? `${where}.${k}` : k);
  }
}

/** "path: value" lines for every leaf, in the reply's order. */
export function flattenAttributes(item: OpsItem, prefix = ''): string[] {
  const v = unclass(item);
  if (typeof v === 'string') return [`${prefix}: ${v}`];
  const entries: Array<[string, OpsItem]> = isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
  if (entries.length === 0) return prefix ? [`${prefix}: (empty)`] : [];
  return entries.flatMap(([k, x]) => flattenAttributes(x, prefix ? `${prefix}.${k}` : k));
}
