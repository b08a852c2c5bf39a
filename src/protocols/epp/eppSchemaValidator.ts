// Validates EPP messages against the IETF schemas (and regd's opprov-1.0.xsd) with libxml2 compiled to
// WebAssembly. The schema set is compiled once. Documents reach libxml2 only after the saxes pass has refused
// any DOCTYPE, so libxml2 never sees an entity declaration.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XmlDocument, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schemas/epp');

let validator: XsdValidator | undefined;

function load(): XsdValidator {
  if (validator) return validator;
  xmlRegisterFsInputProviders();
  const entry = path.join(SCHEMA_DIR, 'all.xsd');
  const doc = XmlDocument.fromBuffer(fs.readFileSync(entry), { url: entry });
  validator = XsdValidator.fromDoc(doc);
  doc.dispose();
  return validator;
}

/** Returns undefined when valid, else the first validation message. */
export function validateEpp(xml: string | Buffer): string | undefined {
  const v = load();
  let doc: XmlDocument;
  try {
    doc = typeof xml === 'string' ? XmlDocument.fromString(xml) : XmlDocument.fromBuffer(xml);
  } catch (err) {
    return `not well-formed: ${(err as Error).message.split('\n')[0]}`;
  }
  try {
    v.validate(doc);
    return undefined;
  } catch (err) {
    return (err as Error).message.split('\n')[0].replace(/\{urn:ietf:params:xml:ns:|\{http:\/\/[^}]*\}/g, (m) => (m.startsWith('{urn') ? '{' : '')).slice(0, 400);
  } finally {
    doc.dispose();
  }
}
