// The EPP benchmark's reference server: the same 4-byte-framed TLS transport and certificate as regd's EPP door,
// but it sends a greeting on connect and answers every frame with one response encoded once at start-up (no
// parsing, no schema validation, no store). Whatever regd does beyond this is its own cost.
//
//   node --import tsx bench/cannedEppServer.ts --data DIR [--host 127.0.0.1] [--port 0]
//
// Prints `listening: canned EPP over TLS on HOST:PORT`. Exits on SIGTERM/SIGINT and when its stdin closes.
import tls from 'node:tls';
import { loadOrCreateTlsMaterial } from '../src/transport/tlsMaterial.ts';
import { EppFrameDecoder, encodeFrame } from '../src/protocols/epp/transport/eppFraming.ts';
import { renderGreeting } from '../src/protocols/epp/eppGreeting.ts';
import { renderResponse } from '../src/protocols/epp/eppResponse.ts';

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const dataDir = argValue('--data', '');
  if (!dataDir) throw new Error('cannedEppServer: missing --data');
  const host = argValue('--host', '127.0.0.1');
  const port = Number(argValue('--port', '0'));
  const material = await loadOrCreateTlsMaterial({ dataDir });
  const greeting = encodeFrame(renderGreeting('canned', new Date()));
  const reply = encodeFrame(renderResponse({ code: 1000 }, { clTRID: 'BENCH', svTRID: 'CANNED-1' }));

  const sockets = new Set<tls.TLSSocket>();
  const server = tls.createServer({ cert: material.cert, key: material.key }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const decoder = new EppFrameDecoder();
    socket.write(greeting);
    socket.on('data', (chunk: Buffer) => {
      const { frames, error } = decoder.push(chunk);
      for (let i = 0; i < frames.length; i++) socket.write(reply);
      if (error) socket.destroy();
    });
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const addr = server.address();
  console.log(`listening: canned EPP over TLS on ${host}:${typeof addr === 'object' && addr ? addr.port : port}`);

  const stop = () => {
    for (const s of sockets) s.destroy();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}

main().catch((err: unknown) => {
  console.error('cannedEppServer:', err);
  process.exit(1);
});
