import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  startHttpOverTls,
  type HttpHandler,
  type HttpOverTlsOptions,
  type HttpRequest,
} from '../src/transport/httpOverTls.ts';
import {
  HttpParseError,
  findHeadEnd,
  framingFor,
  parseHead,
} from '../src/transport/httpRequestParser.ts';
import { loadOrCreateTlsMaterial } from '../src/transport/tlsMaterial.ts';

// ---------------------------------------------------------------- helpers

interface WireResponse {
  statusLine: string;
  headers: Map<string, string>;
  body: string;
}

/** Parse complete responses out of raw bytes (Content-Length framing only). */
function parseResponses(raw: Buffer): { responses: WireResponse[]; rest: Buffer } {
  const responses: WireResponse[] = [];
  let buf = raw;
  for (;;) {
    const sep = buf.indexOf('\r\n\r\n');
    if (sep < 0) break;
    const lines = buf.subarray(0, sep).toString('latin1').split('\r\n');
    const headers = new Map<string, string>();
    for (const l of lines.slice(1)) {
      const i = l.indexOf(':');
      headers.set(l.slice(0, i).toLowerCase(), l.slice(i + 1).trim());
    }
    const len = Number(headers.get('content-length') ?? 0);
    if (buf.length < sep + 4 + len) break;
    responses.push({
      statusLine: lines[0]!,
      headers,
      body: buf.subarray(sep + 4, sep + 4 + len).toString('utf8'),
    });
    buf = buf.subarray(sep + 4 + len);
  }
  return { responses, rest: buf };
}

class Client {
  private data = Buffer.alloc(0);
  closed = false;
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: tls.TLSSocket) {
    socket.on('data', (d: Buffer) => {
      this.data = Buffer.concat([this.data, d]);
      this.wake();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  static connect(port: number): Promise<Client> {
    return new Promise((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () =>
        resolve(new Client(s)),
      );
      s.once('error', reject);
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  async until(cond: () => boolean, ms = 3000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error('timed out waiting on connection');
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  write(bytes: string | Buffer): void {
    this.socket.write(bytes);
  }

  /** Wait until `n` complete responses have arrived on this connection. */
  async responses(n: number): Promise<WireResponse[]> {
    await this.until(() => parseResponses(this.data).responses.length >= n || this.closed);
    const got = parseResponses(this.data).responses;
    assert.ok(got.length >= n, `expected ${n} responses, got ${got.length}: ${this.raw()}`);
    return got;
  }

  async waitClosed(ms = 3000): Promise<void> {
    await this.until(() => this.closed, ms);
  }

  raw(): string {
    return this.data.toString('latin1');
  }

  end(): void {
    this.socket.destroy();
  }
}

/** One-shot exchange: send bytes, read until the server closes. */
async function exchange(port: number, bytes: string | Buffer): Promise<{ raw: string; responses: WireResponse[] }> {
  const c = await Client.connect(port);
  c.write(bytes);
  await c.waitClosed();
  return { raw: c.raw(), responses: parseResponses(Buffer.from(c.raw(), 'latin1')).responses };
}

const echo: HttpHandler = async (req: HttpRequest) => ({
  status: 200,
  headers: { 'X-Echo': 'yes' },
  body: JSON.stringify({
    method: req.method,
    target: req.target,
    httpVersion: req.httpVersion,
    headers: Object.fromEntries(req.headers),
    body: req.body.toString('utf8'),
    remoteAddress: req.remoteAddress,
  }),
});

let cert = '';
let key = '';
let tmp = '';

before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'regd-http-'));
  ({ cert, key } = await loadOrCreateTlsMaterial({ dataDir: tmp }));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function withServer(
  handler: HttpHandler,
  extra: Partial<HttpOverTlsOptions>,
  fn: (port: number) => Promise<void>,
): Promise<void> {
  const srv = await startHttpOverTls({ cert, key, host: '127.0.0.1', port: 0, handler, ...extra });
  try {
    await fn(srv.port);
  } finally {
    await srv.close();
  }
}

// ---------------------------------------------------------------- parser (pure)

describe('httpRequestParser', () => {
  test('finds CRLF, bare-LF and mixed terminators', () => {
    assert.deepEqual(findHeadEnd(Buffer.from('GET / HTTP/1.1\r\nA: b\r\n\r\nBODY')), { headEnd: 21, bodyStart: 24 });
    assert.deepEqual(findHeadEnd(Buffer.from('GET / HTTP/1.1\nA: b\n\nBODY')), { headEnd: 19, bodyStart: 21 });
    assert.equal(findHeadEnd(Buffer.from('GET / HTTP/1.1\r\nA: b\r\n')), undefined);
  });

  test('accepts odd OpenSRS request lines', () => {
    for (const target of ['horizon.opensrs.net', '/', '/resellers/', 'https://x.example/a?b=c']) {
      const h = parseHead(Buffer.from(`POST ${target} HTTP/1.0\r\nContent-Length: 0`));
      assert.equal(h.target, target);
      assert.equal(h.httpVersion, '1.0');
    }
  });

  test('joins repeated headers and lower-cases names', () => {
    const h = parseHead(Buffer.from('GET / HTTP/1.1\r\nX-A: 1\r\nx-a:  2 \r\nHost: h'));
    assert.equal(h.headers.get('x-a'), '1, 2');
    assert.equal(h.headers.get('host'), 'h');
  });

  test('rejects malformed input with 400', () => {
    const bad = [
      'GET /  HTTP/1.1',
      'GET / HTTP/2.0',
      'GET / HTTP/1.1 extra',
      'G(T / HTTP/1.1',
      'GET / HTTP/1.1\r\nNoColon',
      'GET / HTTP/1.1\r\nA : b',
      'GET / HTTP/1.1\r\nA: b\r\n folded',
      'GET / HTTP/1.1\r\nA: b\x00c',
      'GET / HTTP/1.1\r\nA: b\rc',
    ];
    for (const s of bad) {
      assert.throws(() => parseHead(Buffer.from(s, 'latin1')), (e: unknown) => e instanceof HttpParseError && e.status === 400, s);
    }
  });

  test('framing: lengths, keep-alive and errors', () => {
    const f = (s: string, max = 100) => framingFor(parseHead(Buffer.from(s)), max);
    assert.deepEqual(f('POST / HTTP/1.1\r\nContent-Length: 5'), { bodyLength: 5, expectContinue: false, keepAlive: true });
    assert.equal(f('POST / HTTP/1.1\r\nContent-Length: 5\r\nConnection: close').keepAlive, false);
    assert.equal(f('POST / HTTP/1.0\r\nContent-Length: 5').keepAlive, false);
    assert.equal(f('POST / HTTP/1.0\r\nContent-Length: 5\r\nConnection: Keep-Alive').keepAlive, true);
    assert.equal(f('GET / HTTP/1.1').bodyLength, 0);
    assert.equal(f('POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5').bodyLength, 5);
    const status = (s: string) => {
      try {
        f(s);
        return 0;
      } catch (e) {
        return (e as HttpParseError).status;
      }
    };
    assert.equal(status('POST / HTTP/1.1'), 411);
    assert.equal(status('POST / HTTP/1.1\r\nContent-Length: 101'), 413);
    assert.equal(status('POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999'), 413);
    assert.equal(status('POST / HTTP/1.1\r\nContent-Length: -1'), 400);
    assert.equal(status('POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6'), 400);
    assert.equal(status('POST / HTTP/1.1\r\nTransfer-Encoding: chunked'), 501);
    assert.equal(status('POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked'), 501);
  });
});

// ---------------------------------------------------------------- over TLS

describe('startHttpOverTls', () => {
  let port = 0;
  let close: () => Promise<void> = async () => {};
  const calls: HttpRequest[] = [];

  before(async () => {
    const srv = await startHttpOverTls({
      cert,
      key,
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 1000,
      handler: async (req) => {
        calls.push(req);
        if (req.target === '/throw') throw new Error('secret-detail boom');
        if (req.target === '/slow') await sleep(80);
        return echo(req);
      },
    });
    port = srv.port;
    close = srv.close;
    assert.ok(port > 0);
  });
  after(() => close());

  test('HTTP/1.0 POST without Host gets "HTTP/1.1 200 OK" and the connection closes', async () => {
    const body = '<?xml version="1.0"?><OPS_envelope/>';
    const { raw, responses } = await exchange(port, `POST / HTTP/1.0\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    assert.ok(raw.startsWith('HTTP/1.1 200 OK\r\n'), raw);
    assert.equal(responses.length, 1);
    const r = responses[0]!;
    assert.equal(r.headers.get('connection'), 'close');
    assert.equal(r.headers.get('content-type'), 'text/xml');
    assert.equal(r.headers.get('x-echo'), 'yes');
    assert.equal(Number(r.headers.get('content-length')), Buffer.byteLength(r.body));
    const echoed = JSON.parse(r.body);
    assert.equal(echoed.method, 'POST');
    assert.equal(echoed.target, '/');
    assert.equal(echoed.httpVersion, '1.0');
    assert.equal(echoed.body, body);
    assert.equal(echoed.remoteAddress, '127.0.0.1');
    assert.equal(echoed.headers.host, undefined);
  });

  test('bare host name as request target', async () => {
    const { raw, responses } = await exchange(
      port,
      'POST horizon.opensrs.net HTTP/1.0\r\nContent-Type: text/xml\r\nContent-Length: 3\r\n\r\nabc',
    );
    assert.ok(raw.startsWith('HTTP/1.1 200 OK\r\n'), raw);
    assert.equal(JSON.parse(responses[0]!.body).target, 'horizon.opensrs.net');
  });

  test('bare LF line endings are tolerated', async () => {
    const { raw, responses } = await exchange(port, 'POST /resellers/ HTTP/1.0\nContent-Length: 2\n\nhi');
    assert.ok(raw.startsWith('HTTP/1.1 200 OK\r\n'), raw);
    assert.equal(JSON.parse(responses[0]!.body).body, 'hi');
  });

  test('HTTP/1.1 keep-alive: two requests on one connection', async () => {
    const c = await Client.connect(port);
    c.write('POST /resellers/ HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nA');
    const [r1] = await c.responses(1);
    assert.equal(r1!.statusLine, 'HTTP/1.1 200 OK');
    assert.equal(r1!.headers.get('connection'), 'keep-alive');
    assert.equal(c.closed, false);
    c.write('POST /resellers/ HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nB');
    const rs = await c.responses(2);
    assert.equal(rs[1]!.statusLine, 'HTTP/1.1 200 OK');
    assert.equal(JSON.parse(rs[1]!.body).body, 'B');
    await sleep(50);
    assert.equal(c.closed, false);
    c.end();
  });

  test('HTTP/1.0 with Connection: keep-alive stays open and says so', async () => {
    const c = await Client.connect(port);
    c.write('POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nA');
    const [r] = await c.responses(1);
    assert.equal(r!.statusLine, 'HTTP/1.1 200 OK');
    assert.equal(r!.headers.get('connection'), 'keep-alive');
    await sleep(50);
    assert.equal(c.closed, false);
    c.end();
  });

  test('HTTP/1.1 Connection: close closes after the reply', async () => {
    const { responses } = await exchange(port, 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n');
    assert.equal(responses[0]!.statusLine, 'HTTP/1.1 200 OK');
    assert.equal(responses[0]!.headers.get('connection'), 'close');
  });

  test('two pipelined requests in one write are answered in order', async () => {
    const c = await Client.connect(port);
    // The first is slower, so out-of-order processing would show.
    c.write(
      'POST /slow HTTP/1.1\r\nContent-Length: 5\r\n\r\nfirst' +
        'POST /fast HTTP/1.1\r\nContent-Length: 6\r\nConnection: close\r\n\r\nsecond',
    );
    await c.waitClosed();
    const { responses } = parseResponses(Buffer.from(c.raw(), 'latin1'));
    assert.equal(responses.length, 2);
    assert.deepEqual(responses.map((r) => r.statusLine), ['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
    assert.deepEqual(responses.map((r) => JSON.parse(r.body).body), ['first', 'second']);
    assert.equal(responses[0]!.headers.get('connection'), 'keep-alive');
    assert.equal(responses[1]!.headers.get('connection'), 'close');
  });

  test('a request split byte-by-byte across writes', async () => {
    const c = await Client.connect(port);
    const req = 'POST / HTTP/1.0\r\nX-Split: yes\r\nContent-Length: 4\r\n\r\nbody';
    for (const ch of req) {
      c.write(ch);
      await new Promise((r) => setImmediate(r));
    }
    await c.waitClosed();
    assert.ok(c.raw().startsWith('HTTP/1.1 200 OK\r\n'), c.raw());
    const echoed = JSON.parse(parseResponses(Buffer.from(c.raw(), 'latin1')).responses[0]!.body);
    assert.equal(echoed.body, 'body');
    assert.equal(echoed.headers['x-split'], 'yes');
  });

  test('repeated headers are joined', async () => {
    const { responses } = await exchange(port, 'GET / HTTP/1.0\r\nX-A: 1\r\nX-A: 2\r\n\r\n');
    assert.equal(JSON.parse(responses[0]!.body).headers['x-a'], '1, 2');
  });

  test('oversized body → 413 and close, handler not called', async () => {
    const before = calls.length;
    const c = await Client.connect(port);
    c.write('POST /big HTTP/1.1\r\nContent-Length: 1001\r\n\r\n');
    c.write('x'.repeat(500)); // partial body; server must not wait for the rest
    await c.waitClosed();
    assert.ok(c.raw().startsWith('HTTP/1.1 413 Payload Too Large\r\n'), c.raw());
    assert.match(c.raw(), /\r\nConnection: close\r\n/);
    assert.equal(calls.length, before);
  });

  test('Expect: 100-continue with an oversized body gets 413 immediately', async () => {
    const c = await Client.connect(port);
    c.write('POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n');
    await c.waitClosed();
    assert.ok(c.raw().startsWith('HTTP/1.1 413 Payload Too Large\r\n'), c.raw());
  });

  test('Expect: 100-continue within limits gets 100 then 200', async () => {
    const c = await Client.connect(port);
    c.write('POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\nConnection: close\r\n\r\n');
    await c.until(() => c.raw().includes('100 Continue'));
    assert.ok(c.raw().startsWith('HTTP/1.1 100 Continue\r\n\r\n'), c.raw());
    c.write('ok');
    await c.waitClosed();
    assert.match(c.raw(), /\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
  });

  test('POST without Content-Length → 411', async () => {
    const { raw } = await exchange(port, 'POST / HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.ok(raw.startsWith('HTTP/1.1 411 Length Required\r\n'), raw);
  });

  test('Transfer-Encoding → 501', async () => {
    const { raw } = await exchange(port, 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    assert.ok(raw.startsWith('HTTP/1.1 501 Not Implemented\r\n'), raw);
  });

  test('garbage request line → 400 and close', async () => {
    const { raw } = await exchange(port, 'HELLO THERE\r\n\r\n');
    assert.ok(raw.startsWith('HTTP/1.1 400 Bad Request\r\n'), raw);
    assert.match(raw, /\r\nConnection: close\r\n/);
  });

  test('handler that throws → 500 without stack trace, logged once', async () => {
    const orig = console.error;
    const logged: unknown[][] = [];
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const { raw } = await exchange(port, 'POST /throw HTTP/1.0\r\nContent-Length: 0\r\n\r\n');
      assert.ok(raw.startsWith('HTTP/1.1 500 Internal Server Error\r\n'), raw);
      assert.doesNotMatch(raw, /secret-detail|boom|at .*\.ts|Error:/);
    } finally {
      console.error = orig;
    }
    assert.equal(logged.length, 1);
  });

  test('keep-alive survives a handler error', async () => {
    const orig = console.error;
    console.error = () => {};
    try {
      const c = await Client.connect(port);
      c.write('GET /throw HTTP/1.1\r\n\r\nGET /ok HTTP/1.1\r\n\r\n');
      const rs = await c.responses(2);
      assert.deepEqual(rs.map((r) => r.statusLine), ['HTTP/1.1 500 Internal Server Error', 'HTTP/1.1 200 OK']);
      c.end();
    } finally {
      console.error = orig;
    }
  });

  test('raw non-TLS garbage does not crash the server', async () => {
    await new Promise<void>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.write('POST / HTTP/1.0\r\nContent-Length: 0\r\n\r\n\x00\xff garbage');
      });
      s.on('error', () => resolve());
      s.on('close', () => resolve());
      s.resume();
    });
    // A client that resets in the middle of the TLS handshake.
    await new Promise<void>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]));
        setTimeout(() => {
          s.resetAndDestroy();
          resolve();
        }, 20);
      });
      s.on('error', () => {});
    });
    // A TLS client that resets (TCP RST) mid-request.
    await new Promise<void>((resolve, reject) => {
      const raw = net.connect(port, '127.0.0.1');
      raw.on('error', () => {});
      const s = tls.connect({ socket: raw, rejectUnauthorized: false }, async () => {
        s.write('POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc');
        await sleep(20);
        raw.resetAndDestroy();
        resolve();
      });
      s.on('error', reject);
    });
    await sleep(50);
    const { raw } = await exchange(port, 'GET / HTTP/1.0\r\n\r\n');
    assert.ok(raw.startsWith('HTTP/1.1 200 OK\r\n'), raw);
  });

  test('client half-close after request still gets the reply', async () => {
    const c = await Client.connect(port);
    c.socket.end('POST /slow HTTP/1.1\r\nContent-Length: 1\r\n\r\nZ');
    await c.waitClosed();
    assert.ok(c.raw().startsWith('HTTP/1.1 200 OK\r\n'), c.raw());
  });
});

describe('limits, timeouts and shutdown', () => {
  test('headers larger than maxHeaderBytes → 431', () =>
    withServer(echo, { maxHeaderBytes: 256 }, async (port) => {
      const { raw } = await exchange(port, `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(300)}\r\n\r\n`);
      assert.ok(raw.startsWith('HTTP/1.1 431 Request Header Fields Too Large\r\n'), raw);
      // Also when the terminator never arrives.
      const r2 = await exchange(port, `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(300)}`);
      assert.ok(r2.raw.startsWith('HTTP/1.1 431 '), r2.raw);
    }));

  test('idle connections are closed after idleTimeoutMs', () =>
    withServer(echo, { idleTimeoutMs: 150 }, async (port) => {
      const c = await Client.connect(port);
      c.write('GET / HTTP/1.1\r\n\r\n');
      await c.responses(1);
      const t0 = Date.now();
      await c.waitClosed(2000);
      assert.ok(Date.now() - t0 < 1500);
    }));

  test('a request that trickles in too slowly is cut off', () =>
    withServer(echo, { idleTimeoutMs: 150 }, async (port) => {
      const c = await Client.connect(port);
      c.write('POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n');
      for (let i = 0; i < 6 && !c.closed; i++) {
        c.write('x');
        await sleep(50);
      }
      await c.waitClosed(2000);
      assert.ok(c.raw().startsWith('HTTP/1.1 408 Request Timeout\r\n'), c.raw());
    }));

  test('handler headers cannot inject CRLF', () =>
    withServer(
      async () => ({ status: 200, headers: { 'X-Bad': 'a\r\nSet-Cookie: x' }, body: 'x' }),
      {},
      async (port) => {
        const orig = console.error;
        console.error = () => {};
        try {
          const { raw } = await exchange(port, 'GET / HTTP/1.0\r\n\r\n');
          assert.ok(raw.startsWith('HTTP/1.1 500 '), raw);
          assert.doesNotMatch(raw, /Set-Cookie/);
        } finally {
          console.error = orig;
        }
      },
    ));

  test('handler Content-Type overrides default; HEAD has no body', () =>
    withServer(
      async () => ({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'nope' }),
      {},
      async (port) => {
        const { raw } = await exchange(port, 'GET / HTTP/1.0\r\n\r\n');
        assert.ok(raw.startsWith('HTTP/1.1 404 Not Found\r\n'), raw);
        assert.match(raw, /\r\nContent-Type: text\/plain\r\n/);
        const head = await exchange(port, 'HEAD / HTTP/1.0\r\n\r\n');
        assert.match(head.raw, /Content-Length: 4\r\n/);
        assert.ok(head.raw.endsWith('\r\n\r\n'), head.raw);
      },
    ));

  test('close() ends idle keep-alive sockets and lets in-flight replies finish', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const srv = await startHttpOverTls({
      cert,
      key,
      port: 0,
      handler: async (req) => {
        if (req.target === '/wait') await gate;
        return { status: 200, body: 'done' };
      },
    });
    const idle = await Client.connect(srv.port);
    idle.write('GET / HTTP/1.1\r\n\r\n');
    await idle.responses(1);
    const busy = await Client.connect(srv.port);
    busy.write('GET /wait HTTP/1.1\r\n\r\n');
    await sleep(30);
    const t0 = Date.now();
    const closing = srv.close();
    await idle.waitClosed(1000);
    setTimeout(release, 100);
    const [r] = await busy.responses(1);
    assert.equal(r!.statusLine, 'HTTP/1.1 200 OK');
    assert.equal(r!.headers.get('connection'), 'close');
    await closing;
    assert.ok(Date.now() - t0 < 2500);
  });

  test('close() is bounded even if a handler never returns', async () => {
    const srv = await startHttpOverTls({ cert, key, port: 0, handler: () => new Promise(() => {}) });
    const c = await Client.connect(srv.port);
    c.write('GET / HTTP/1.1\r\n\r\n');
    await sleep(30);
    const t0 = Date.now();
    await srv.close();
    assert.ok(Date.now() - t0 < 3500);
    await c.waitClosed(1000);
  });
});
