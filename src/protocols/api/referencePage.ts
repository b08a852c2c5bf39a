// The human-readable reference of the JSON API at /api/v1/docs, rendered on the server from the very document
// openapi.json serves (apiDocument.ts), so it can never describe another API than the one running. One static page:
// no script, nothing from elsewhere, every value escaped by hono/html, and a Content-Security-Policy that allows
// only its own stylesheet (served beside it, so the policy needs no 'unsafe-inline').
import type { OpenAPIHono } from '@hono/zod-openapi';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ApiEnv } from './apiEnv.ts';
import type { ApiDocument } from './apiDocument.ts';

export const REFERENCE_PATH = '/api/v1/docs';
export const REFERENCE_STYLE_PATH = `${REFERENCE_PATH}/style.css`;

const CSP = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;
type Schema = Record<string, any>;
type Operation = Record<string, any>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const;

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-top: 1px solid #ddd; padding-top: 1rem; font-size: 1.2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
code, .path { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; } th, td { text-align: left; vertical-align: top; padding: .25rem .6rem; border-bottom: 1px solid #eee; }
th { font-weight: 600; background: #f6f6f8; }
.method { display: inline-block; min-width: 4.2rem; font-weight: 700; text-transform: uppercase; font-family: ui-monospace, monospace; }
.get { color: #0a7d32; } .post { color: #a35a00; } .patch, .put { color: #5b3cc4; } .delete { color: #b3261e; }
.muted { color: #666; } ul.toc { columns: 2; padding-left: 1.2rem; } .required { color: #b3261e; }
`;

/** A schema in a few words: its component name, its type (with format, enum values, items), or its alternatives. */
function typeName(s: Schema | undefined): string {
  if (!s) return '';
  if (typeof s.$ref === 'string') return s.$ref.split('/').pop()!;
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v: unknown) => JSON.stringify(v)).join(', ')}`;
  if (s.const !== undefined) return JSON.stringify(s.const);
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[key])) return (s[key] as Schema[]).map(typeName).join(' | ');
  }
  // A named schema with a description of its own use: allOf [{$ref}, {description}].
  if (Array.isArray(s.allOf)) return (s.allOf as Schema[]).map(typeName).filter((t) => t !== 'any').join(' & ') || 'any';
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  return types.map((t: string) => {
    if (t === 'array') return `array of ${typeName(s.items) || 'any'}`;
    // An inline object: its fields and their types, one level down.
    if (t === 'object' && s.properties) return `object { ${Object.entries(s.properties as Record<string, Schema>).map(([k, v]) => `${k}: ${typeName(v)}`).join(', ')} }`;
    return s.format ? `${t} (${s.format})` : t;
  }).join(' | ') || 'any';
}

function resolve(doc: ApiDocument, s: Schema | undefined): Schema | undefined {
  let cur = s;
  for (let depth = 0; cur && typeof cur.$ref === 'string' && depth < 10; depth++) {
    const name = cur.$ref.split('/').pop()!;
    cur = (doc.components?.schemas as Record<string, Schema> | undefined)?.[name];
  }
  return cur;
}

function constraints(s: Schema): string {
  const parts: string[] = [];
  for (const [key, label] of [['minimum', 'min'], ['maximum', 'max'], ['minLength', 'min length'], ['maxLength', 'max length'], ['minItems', 'min items'], ['maxItems', 'max items'], ['pattern', 'pattern']] as const) {
    if (s[key] !== undefined) parts.push(`${label} ${s[key]}`);
  }
  return parts.join(', ');
}

/** The fields of an object body (one level; a nested object is named by its type and listed under its own name). */
function fieldRows(doc: ApiDocument, schema: Schema | undefined): Html[] {
  const s = resolve(doc, schema);
  if (!s || typeof s.properties !== 'object') return [html`<tr><td colspan="4"><code>${typeName(schema)}</code></td></tr>`];
  const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
  return Object.entries(s.properties as Record<string, Schema>).map(([name, prop]) => html`<tr>
    <td><code>${name}</code>${required.has(name) ? html` <span class="required">required</span>` : ''}</td>
    <td><code>${typeName(prop)}</code></td><td class="muted">${constraints(resolve(doc, prop) ?? {})}</td><td>${prop.description ?? resolve(doc, prop)?.description ?? ''}</td></tr>`);
}

function parametersOf(op: Operation): Html | string {
  const params = (op.parameters ?? []) as Schema[];
  if (params.length === 0) return '';
  return html`<h3>Parameters</h3><table><tr><th>Name</th><th>In</th><th>Type</th><th>Constraints</th><th>Description</th></tr>
    ${params.map((p) => html`<tr><td><code>${p.name}</code>${p.required ? html` <span class="required">required</span>` : ''}</td><td>${p.in}</td>
      <td><code>${typeName(p.schema)}</code></td><td class="muted">${constraints(p.schema ?? {})}</td><td>${p.description ?? p.schema?.description ?? ''}</td></tr>`)}</table>`;
}

function requestBodyOf(doc: ApiDocument, op: Operation): Html | string {
  const body = op.requestBody as Schema | undefined;
  if (!body?.content) return '';
  return html`${Object.entries(body.content as Record<string, Schema>).map(([media, m]) => html`<h3>Request body <span class="muted">(${media}${body.required ? ', required' : ''}): <code>${typeName(m.schema)}</code></span></h3>
    <table><tr><th>Field</th><th>Type</th><th>Constraints</th><th>Description</th></tr>${fieldRows(doc, m.schema)}</table>`)}`;
}

function responsesOf(op: Operation): Html {
  const responses = Object.entries((op.responses ?? {}) as Record<string, Schema>);
  return html`<h3>Responses</h3><table><tr><th>Status</th><th>Description</th><th>Body</th><th>Headers</th></tr>
    ${responses.map(([status, r]) => html`<tr><td><code>${status}</code></td><td>${r.description ?? ''}</td>
      <td>${Object.entries((r.content ?? {}) as Record<string, Schema>).map(([media, m]) => html`<code>${media}</code>: <code>${typeName(m.schema)}</code> `)}</td>
      <td>${Object.keys(r.headers ?? {}).map((h) => html`<code>${h}</code> `)}</td></tr>`)}</table>`;
}

function securityOf(doc: ApiDocument, op: Operation): string {
  const requirements = (op.security ?? doc.security ?? []) as Array<Record<string, unknown>>;
  const names = requirements.flatMap((r) => Object.keys(r));
  return names.length === 0 ? 'none (public)' : names.join(' or ');
}

interface Entry { method: string; path: string; op: Operation }

function entriesOf(doc: ApiDocument): Entry[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) => METHODS
    .filter((m) => (item as Record<string, unknown>)[m])
    .map((method) => ({ method, path, op: (item as Record<string, Operation>)[method] })));
}

function operationSection(doc: ApiDocument, e: Entry): Html {
  return html`<section id="${e.op.operationId ?? `${e.method}-${e.path}`}">
  <h2><span class="method ${e.method}">${e.method}</span> <span class="path">${e.path}</span></h2>
  <p><strong>${e.op.summary ?? ''}</strong> <span class="muted">operationId <code>${e.op.operationId ?? ''}</code>${e.op.tags?.length ? ` · ${e.op.tags.join(', ')}` : ''} · authentication: ${securityOf(doc, e.op)}</span></p>
  ${e.op.description ? html`<p>${e.op.description}</p>` : ''}
  ${parametersOf(e.op)}${requestBodyOf(doc, e.op)}${responsesOf(e.op)}
</section>`;
}

/** The named schemas the operations refer to (Domain, ContactData, Problem ...), each with its fields. */
function schemaSections(doc: ApiDocument): Html {
  const schemas = Object.entries((doc.components?.schemas ?? {}) as Record<string, Schema>).sort(([x], [y]) => x.localeCompare(y));
  return html`<h2>Schemas</h2>${schemas.map(([name, s]) => html`<section id="schema-${name}"><h3><code>${name}</code></h3>
    ${s.description ? html`<p>${s.description}</p>` : ''}
    ${schemaBody(doc, s)}</section>`)}`;
}

/** An object's field table; a choice of objects (oneOf), one table per alternative; anything else, its type. */
function schemaBody(doc: ApiDocument, s: Schema): Html | string {
  const table = (x: Schema) => html`<table><tr><th>Field</th><th>Type</th><th>Constraints</th><th>Description</th></tr>${fieldRows(doc, x)}</table>`;
  if (s.properties) return table(s);
  const alternatives = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (alternatives?.every((x) => x.properties)) {
    return html`<p>One of:</p>${alternatives.map((x) => html`${x.description ? html`<p>${x.description}</p>` : ''}${table(x)}`)}`;
  }
  return html`<p><code>${typeName(s)}</code></p>`;
}

function schemeList(doc: ApiDocument): Html {
  const schemes = Object.entries((doc.components?.securitySchemes ?? {}) as Record<string, Schema>);
  return html`<ul>${schemes.map(([name, s]) => html`<li><code>${name}</code>: ${s.type}${s.scheme ? ` ${s.scheme}` : ''}: ${s.description ?? ''}</li>`)}</ul>`;
}

export function renderReferencePage(doc: ApiDocument, base: string): Html {
  const entries = entriesOf(doc);
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} ${doc.info.version}</title><link rel="stylesheet" href="${REFERENCE_STYLE_PATH}"></head>
<body><header><h1>${doc.info.title}</h1><p class="muted">Version ${doc.info.version} · OpenAPI ${doc.openapi} · the machine-readable document: <a href="${base}/openapi.json"><code>${base}/openapi.json</code></a></p>
<p>${doc.info.description ?? ''}</p>
<h3>Authentication</h3>${schemeList(doc)}
<h3>Operations</h3><p class="muted">Each operation below, then the <a href="#schema-Problem">schemas</a> they name.</p><ul class="toc">${entries.map((e) => html`<li><a href="#${e.op.operationId ?? ''}"><span class="method ${e.method}">${e.method}</span> <code>${e.path}</code></a> ${e.op.operationId ?? ''}</li>`)}</ul></header>
<main>${entries.map((e) => operationSection(doc, e))}${schemaSections(doc)}</main></body></html>`;
}

export function addReferencePage(app: OpenAPIHono<ApiEnv>, document: () => ApiDocument, base: string): void {
  app.get('/docs', async (c) => {
    const page = await renderReferencePage(document(), base);
    c.header('Content-Security-Policy', CSP);
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(page);
  });
  app.get('/docs/style.css', (c) => {
    c.header('Content-Security-Policy', CSP);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(STYLE, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
}
