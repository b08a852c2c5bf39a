// A small OpenSRS XCP client over HTTPS (keep-alive), used by the tests and the benchmark, and usable by resellers:
// it signs the exact body bytes and decodes the OPS reply.
import https from 'node:https';
import { decodeOps, encodeOps, isAssoc, makeAssoc, type OpsAssoc, type OpsItem } from '../protocols/ops/index.ts';
import { computeXcpSignature } from '../protocols/xcp/xcpSignature.ts';

export interface XcpClientOptions {
  host: string;
  port: number;
  username: string;
  privateKey: string;
  /** PEM CA to trust (e.g. the server's self-signed certificate); omitted: certificate checks are off. */
  ca?: string;
  maxSockets?: number;
}

export interface HttpReply { status: number; statusLine: string; body: string }

export interface XcpReply {
  responseCode: number;
  responseText: string;
  isSuccess: boolean;
  attributes: OpsAssoc;
  raw: OpsAssoc;
}

export class XcpClient {
  private readonly agent: https.Agent;

  constructor(private readonly opts: XcpClientOptions) {
    this.agent = new https.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 8, ca: opts.ca, rejectUnauthorized: opts.ca !== undefined });
  }

  static envelope(object: string, action: string, attributes: Record<string, OpsItem> | OpsAssoc, extra: Record<string, string> = {}): string {
    return encodeOps(makeAssoc({ protocol: 'XCP', object, action, ...extra, attributes: makeAssoc(attributes) }));
  }

  async call(object: string, action: string, attributes: Record<string, OpsItem> | OpsAssoc = {}, extra: Record<string, string> = {}): Promise<XcpReply> {
    const res = await this.post(XcpClient.envelope(object, action, attributes, extra));
    return parseReply(res.body);
  }

  post(body: string | Buffer, headers: Record<string, string> = {}): Promise<HttpReply> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    return new Promise((resolve, reject) => {
      const req = https.request({
        host: this.opts.host, port: this.opts.port, method: 'POST', path: '/', agent: this.agent,
        headers: {
          'Content-Type': 'text/xml', 'Content-Length': String(bytes.length), 'X-Username': this.opts.username,
          'X-Signature': computeXcpSignature(bytes, this.opts.privateKey), ...headers,
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({
          status: res.statusCode ?? 0, statusLine: `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}`,
          body: Buffer.concat(chunks).toString('utf8'),
        }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(bytes);
    });
  }

  close(): void { this.agent.destroy(); }
}

export function parseReply(body: string): XcpReply {
  const data = decodeOps(body).data;
  if (!isAssoc(data)) throw new Error('XCP reply is not a dt_assoc');
  const attributes = data.attributes;
  return {
    responseCode: Number(data.response_code),
    responseText: String(data.response_text ?? ''),
    isSuccess: data.is_success === '1',
    attributes: isAssoc(attributes) ? attributes : makeAssoc(),
    raw: data,
  };
}
