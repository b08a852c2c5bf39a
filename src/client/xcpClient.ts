// The OpenSRS XCP client over HTTPS (keep-alive), used by the tests, the benchmark, the CLI and resellers' programs:
// it signs the exact body bytes and decodes the OPS reply. The typed helpers (lookup, register, ...) come from
// XcpCommands, shared with the TCP client.
import https from 'node:https';
import { encodeOps, makeAssoc, type OpsAssoc, type OpsItem } from '../protocols/ops/index.ts';
import { computeXcpSignature } from '../protocols/xcp/xcpSignature.ts';
import { XcpCommands } from './xcp/xcpCommands.ts';
import { parseReply, type XcpReply } from './xcp/xcpReply.ts';

export { parseReply, XcpError, type XcpReply } from './xcp/xcpReply.ts';

export interface XcpClientOptions {
  host: string;
  port: number;
  username: string;
  privateKey: string;
  /** PEM CA to trust (e.g. the server's self-signed certificate). */
  ca?: string | Buffer;
  /**
   * Certificate checks: false verifies against `ca` or the system CAs, true skips them. Left unset, the checks are on
   * only when `ca` is given (the behaviour the tests and the benchmark were written against); set it in new code.
   */
  insecure?: boolean;
  maxSockets?: number;
}

export interface HttpReply { status: number; statusLine: string; body: string }

export class XcpClient extends XcpCommands {
  private readonly agent: https.Agent;

  constructor(private readonly opts: XcpClientOptions) {
    super();
    const verify = opts.insecure === undefined ? opts.ca !== undefined : !opts.insecure;
    this.agent = new https.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 8, ca: opts.ca, rejectUnauthorized: verify });
  }

  static envelope(object: string, action: string, attributes: Record<string, OpsItem> | OpsAssoc, extra: Record<string, string> = {}): string {
    return encodeOps(makeAssoc({ protocol: 'XCP', object, action, ...extra, attributes: makeAssoc(attributes) }));
  }

  async call(object: string, action: string, attributes: Record<string, OpsItem> | OpsAssoc = {}, extra: Record<string, string> = {}): Promise<XcpReply> {
    const res = await this.post(XcpClient.envelope(object, action, attributes, extra));
    try {
      return parseReply(res.body);
    } catch (err) {
      // A refusal before XCP (401 for a bad signature, 403 for an address not allowed) has no OPS body to decode.
      if (res.status !== 200) throw new Error(`XCP over HTTPS: ${res.statusLine.replace(/^HTTP\/\S+ /, 'HTTP ')}: ${res.body.replace(/\s+/g, ' ').trim().slice(0, 200)}`);
      throw err;
    }
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
