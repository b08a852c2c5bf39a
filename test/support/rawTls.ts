// Sends raw bytes over TLS and collects the reply, for requests an ordinary HTTP client would not send
// (HTTP/1.0 without Host, a bare host name as the request target).
import tls from 'node:tls';

export function rawTlsExchange(port: number, request: string | Buffer, opts: { timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => { socket.destroy(); reject(new Error('no reply in time')); }, opts.timeoutMs ?? 10_000);
    socket.on('secureConnect', () => socket.write(request));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err) => { clearTimeout(timer); reject(err); });
    socket.on('close', () => { clearTimeout(timer); resolve(Buffer.concat(chunks).toString('utf8')); });
  });
}

/** Splits a raw HTTP response into status line, headers and body. */
export function splitHttp(raw: string): { statusLine: string; headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, end).split('\r\n');
  const headers = new Map<string, string>();
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return { statusLine: head[0], headers, body: raw.slice(end + 4) };
}
