// XML character rules shared by the encoder and decoder.

/**
 * Anything outside the XML 1.0 Char production: C0 controls other than
 * TAB/LF/CR, lone surrogate halves, U+FFFE and U+FFFF. Such characters cannot
 * be written to (or read back from) an XML 1.0 document, even as &#n; refs.
 * Deliberately no `u` flag: we want code-unit matching so that unpaired
 * surrogate halves are detected (a valid pair is skipped by the lookarounds).
 */
const ILLEGAL_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Index of the first character XML 1.0 cannot carry, or -1. */
export function findIllegalXmlChar(s: string): number {
  const m = ILLEGAL_XML_CHAR.exec(s);
  return m === null ? -1 : m.index;
}

/** Describe a character for an error message, e.g. "U+0001". */
export function describeChar(s: string, index: number): string {
  return 'U+' + s.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
}

/** Element text: & and < must be escaped; > too (guards "]]>"); CR would be normalised to LF by any parser. */
export function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]!);
}
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };

/**
 * Attribute value (we always quote with '). Literal TAB/LF/CR would be
 * normalised to spaces by attribute-value normalisation, so use char refs.
 */
export function escapeAttr(s: string): string {
  return s.replace(/[&<>'"\t\n\r]/g, (c) => ATTR_ESCAPES[c]!);
}
const ATTR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&apos;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** XML whitespace (S production); only this may be ignored between structural elements. */
export function isXmlWhitespace(s: string): boolean {
  return /^[ \t\r\n]*$/.test(s);
}
