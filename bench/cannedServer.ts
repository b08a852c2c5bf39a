// The benchmark's reference server: the same HTTP/1.x-over-TLS transport and certificate as `regd serve`, but every
// POST is answered with one OPS reply encoded once at start-up (no authentication, no parsing, no store). Whatever
// regd does beyond this (signature check, reseller lookup, OPS decode, the command, SQLite) is its own cost.
//
//   node --import tsx bench/cannedServer.ts --data DIR [--host 127.0.0.1] [--port 0]
//
// Prints `listening: canned OPS over HTTPS on https://HOST:PORT/` once ready. Exits on SIGTERM/SIGINT and when its
// stdin closes (so it never outlives the benchmark that spawned it).
import { startHttpOverTls, type HttpResponse } from '../src/transport/httpOverTls.ts';
import { loadOrCreateTlsMaterial } from '../src/transport/tlsMaterial.ts';
import { cannedReplyBody } from './cannedReply.ts';

function argValue(name: string, fallback?: string): string {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (v !== undefined) return v;
  if (fallback !== undefined) return fallback;
  throw new Error(`cannedServer: missing ${name}`);
}

async function main(): Promise<void> {
  const dataDir = argValue('--data');
  const host = argValue('--host', '127.0.0.1');
  const port = Number(argValue('--port', '0'));
  const tls = await loadOrCreateTlsMaterial({ dataDir });

  const canned: HttpResponse = { status: 200, headers: { 'Content-Type': 'text/xml' }, body: cannedReplyBody() };
  const notPost: HttpResponse = { status: 405, headers: { 'Content-Type': 'text/plain', Allow: 'POST' }, body: 'POST only\n' };

  const server = await startHttpOverTls({
    cert: tls.cert, key: tls.key, host, port, maxBodyBytes: 1024 * 1024,
    handler: async (req) => (req.method === 'POST' ? canned : notPost),
  });
  console.log(`listening: canned OPS over HTTPS on https://${host}:${server.port}/`);

  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${why}: stopping`);
    const force = setTimeout(() => process.exit(0), 3_000);
    force.unref();
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.stdin.on('end', () => stop('stdin closed'));
  process.stdin.on('error', () => stop('stdin error'));
  process.stdin.resume();
}

main().catch((err: unknown) => {
  console.error('cannedServer:', err);
  process.exit(1);
});
