// Loaded into `regd serve` by the memory soak (bench/soak.ts) with `--import`, so the server itself carries no debug
// hook: over the IPC channel the soak opens, it answers a sample request with its memory after a full GC (needs
// --expose-gc), the size of every WebAssembly memory (libxml2-wasm's heap, which only ever grows), and its live
// handles by type; on request it writes a heap snapshot. Without an IPC channel (any other start) it does nothing.
import v8 from 'node:v8';

const memories = new Set<WebAssembly.Memory>();

/** Notes the memories of every wasm instance made from here on (libxml2-wasm loads after this module). */
function watchWasm(): void {
  const note = (instance: WebAssembly.Instance) => {
    for (const value of Object.values(instance.exports)) if (value instanceof WebAssembly.Memory) memories.add(value);
  };
  const instantiate = WebAssembly.instantiate.bind(WebAssembly) as (...args: unknown[]) => Promise<unknown>;
  (WebAssembly as { instantiate: unknown }).instantiate = async (...args: unknown[]) => {
    const result = await instantiate(...args);
    note(result instanceof WebAssembly.Instance ? result : (result as { instance: WebAssembly.Instance }).instance);
    return result;
  };
  const OriginalMemory = WebAssembly.Memory;
  (WebAssembly as { Memory: unknown }).Memory = new Proxy(OriginalMemory, {
    construct(target, args) {
      const m = Reflect.construct(target, args) as WebAssembly.Memory;
      memories.add(m);
      return m;
    },
  });
}

export interface ProbeSample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  wasm: number;
  handles: Record<string, number>;
}

if (process.send) {
  watchWasm();
  process.on('message', (m: { type?: string; id?: number; file?: string; noGc?: boolean }) => {
    if (m?.type === 'sample') {
      // noGc: the memory as the server's own GC left it (a forced GC also shapes how the heap grows between samples).
      const gc = m.noGc ? undefined : (globalThis as { gc?: () => void }).gc;
      gc?.();
      gc?.();
      const mu = process.memoryUsage();
      const handles: Record<string, number> = {};
      for (const h of process.getActiveResourcesInfo()) handles[h] = (handles[h] ?? 0) + 1;
      const sample: ProbeSample = {
        rss: mu.rss, heapUsed: mu.heapUsed, heapTotal: mu.heapTotal, external: mu.external, arrayBuffers: mu.arrayBuffers,
        wasm: [...memories].reduce((sum, mem) => sum + mem.buffer.byteLength, 0), handles,
      };
      process.send!({ type: 'sample', id: m.id, sample, gc: Boolean(gc) || m.noGc === true });
    } else if (m?.type === 'heapsnapshot' && m.file) {
      process.send!({ type: 'heapsnapshot', id: m.id, file: v8.writeHeapSnapshot(m.file) });
    }
  });
  // The channel must not keep a stopping server alive (a 'message' listener refs it, so this comes after).
  process.channel?.unref();
}
