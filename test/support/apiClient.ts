// The JSON API from a test's side: HTTPS requests to a real `regd serve`, and checks that every reply is what the
// published OpenAPI document (/api/v1/openapi.json) says for that operation and status, validated with Ajv's JSON
// Schema 2020-12 (OpenAPI 3.1's dialect), so the document and the behaviour cannot drift apart.
import assert from 'node:assert/strict';
import https from 'node:https';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { RegdServer } from './regdServer.ts';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export interface ApiReply { status: number; contentType: string; headers: Record<string, string | string[] | undefined>; text: string; body: any }
export interface ApiRequestOptions { token?: string; body?: string; headers?: Record<string, string> }

export function apiRequest(on: RegdServer, method: string, path: string, opts: ApiRequestOptions = {}): Promise<ApiReply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) { headers['content-type'] ??= 'application/json'; headers['content-length'] = String(Buffer.byteLength(opts.body)); }
    const req = https.request({ host: '127.0.0.1', port: on.httpPort, method, path, ca: on.caPem, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const contentType = String(res.headers['content-type'] ?? '');
        let body: unknown;
        if (/json/.test(contentType)) body = JSON.parse(text);
        resolve({ status: res.statusCode!, contentType, headers: res.headers, text, body });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const DOC_ID = 'https://regd.test/openapi.json';

/** Rewrites the document's local references so a schema compiled on its own resolves them in the document. */
function anchored(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchored);
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? DOC_ID + v : anchored(v)]));
  }
  return schema;
}

/** The published document of one server, with a validator for its operations' replies. */
export class OpenApiDocument {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private constructor(readonly doc: any) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOC_ID, components: doc.components });
  }

  static async fetch(on: RegdServer): Promise<OpenApiDocument> {
    const reply = await apiRequest(on, 'GET', '/api/v1/openapi.json');
    assert.equal(reply.status, 200, reply.text);
    return new OpenApiDocument(reply.body);
  }

  operationIds(): string[] {
    return Object.values(this.doc.paths as Record<string, Record<string, any>>).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
  }

  /** Finds the operation, checks the reply's status and media type are documented, validates the body. */
  assertDocumented(operationId: string, reply: ApiReply): void {
    const found = Object.values(this.doc.paths as Record<string, Record<string, any>>).flatMap((ops) => Object.values(ops).filter((op) => op?.operationId === operationId));
    assert.equal(found.length, 1, `operation ${operationId} is in the document once`);
    const response = found[0].responses[String(reply.status)];
    assert.ok(response, `${operationId}: status ${reply.status} is documented (${reply.text})`);
    const mediaType = reply.contentType.split(';')[0].trim();
    if (reply.status === 204 || (response.content === undefined && reply.text === '')) return;
    const media = response.content?.[mediaType];
    assert.ok(media, `${operationId} ${reply.status}: ${mediaType} is documented`);
    const validate = this.ajv.compile(anchored(media.schema) as object);
    assert.ok(validate(reply.body), `${operationId} ${reply.status} body ${reply.text} fails the document: ${this.ajv.errorsText(validate.errors)}`);
  }
}

export function assertProblem(reply: ApiReply, status: number, kind: string): void {
  assert.equal(reply.status, status, reply.text);
  assert.match(reply.contentType, /^application\/problem\+json/);
  assert.equal(reply.body.type, `https://regd.dev/problems/${kind}`, reply.text);
  assert.equal(reply.body.status, status);
  assert.doesNotMatch(reply.text, /\bat .*\.ts:\d+/, 'no stack trace');
}
