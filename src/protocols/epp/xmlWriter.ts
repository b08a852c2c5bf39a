// Building response XML as strings: every text and attribute value goes through escaping here.
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export type Attrs = Record<string, string | number | undefined>;

/** An element: children are already-built XML strings (use `t()` for text). Empty children give `<name/>`. */
export function el(name: string, attrs: Attrs = {}, ...children: Array<string | undefined | false>): string {
  const a = Object.entries(attrs).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('');
  const body = children.filter((c): c is string => typeof c === 'string').join('');
  return body === '' ? `<${name}${a}/>` : `<${name}${a}>${body}</${name}>`;
}

/** A text node. */
export function t(text: string | number): string {
  return escapeXml(String(text));
}

/** An element holding only text. */
export function textEl(name: string, text: string | number, attrs: Attrs = {}): string {
  const a = Object.entries(attrs).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('');
  return `<${name}${a}>${escapeXml(String(text))}</${name}>`;
}
