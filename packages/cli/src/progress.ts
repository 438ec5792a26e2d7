import type { CliIo } from './io.js';

/** A one-line progress indicator on stderr, only on a terminal; silent otherwise. */
export interface Progress {
  update(label: string, done: number, total: number): void;
  done(): void;
}

export function createProgress(io: CliIo, enabled: boolean): Progress {
  const active = enabled && io.stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update(label, done, total) {
      if (!active) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 24;
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
      io.stderr.write(`\r\u001b[2K${label} ${bar} ${Math.round(frac * 100)}%`);
      shown = true;
    },
    done() {
      if (active && shown) io.stderr.write('\r\u001b[2K');
      shown = false;
    },
  };
}
