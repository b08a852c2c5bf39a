// How `regd sandbox seed` shows its progress: on a terminal a progress bar with the rate and the time left
// (cli-progress), redrawn in place; anywhere else (a log, CI) one line at every tenth of the work, so the output stays
// short and readable. The closing steps (building indexes) are told as they start.
import cliProgress from 'cli-progress';
import type { SeedProgress } from './seedStore.ts';

export interface ProgressReporter {
  update(p: SeedProgress): void;
  stop(): void;
}

export function seedProgressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const started = Date.now();
  const rate = (done: number) => Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar({
      stream,
      format: 'seeding |{bar}| {percentage}% | {value}/{total} domains | {rate} domains/s | ETA {eta_formatted} {stage}',
      barsize: 30,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    }, cliProgress.Presets.shades_classic);
    let started_ = false;
    return {
      update(p) {
        if (p.stage === 'domains') {
          if (!started_) { bar.start(p.total, 0, { rate: 0, stage: '' }); started_ = true; }
          bar.update(p.done, { rate: rate(p.done), stage: '' });
        } else if (started_) {
          bar.update({ stage: `| ${p.detail}` });
        }
      },
      stop() { if (started_) bar.stop(); },
    };
  }
  let nextTenth = 1;
  return {
    update(p) {
      if (p.stage === 'finishing') { stream.write(`seed: ${p.detail}\n`); return; }
      if (p.done * 10 < nextTenth * p.total && p.done !== p.total) return;
      while (nextTenth * p.total <= p.done * 10) nextTenth++;
      const r = rate(p.done);
      const eta = r > 0 ? Math.round((p.total - p.done) / r) : 0;
      stream.write(`seed: ${p.done}/${p.total} domains (${Math.floor((100 * p.done) / p.total)} %), ${r} domains/s, ETA ${eta} s\n`);
    },
    stop() {},
  };
}
