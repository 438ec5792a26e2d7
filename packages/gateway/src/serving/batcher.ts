import type { ModelRuntime, Predictions } from '@vigie/core/models';
import type { Table } from '@vigie/core/table';
import { concatTables } from './concat-tables.js';

/** Rows per merged model call at most. */
export const DEFAULT_BATCH_ROWS = 256;

interface Waiting {
  table: Table;
  resolve: (p: Predictions) => void;
  reject: (error: unknown) => void;
}

/** Predictions of rows [start, start + n) of `p`, as views (no copy). */
function slicePredictions(p: Predictions, start: number, n: number): Predictions {
  if (p.task === 'regression') return { task: p.task, rows: n, values: p.values!.subarray(start, start + n) };
  const k = p.classes!.length;
  return {
    task: p.task,
    rows: n,
    classes: p.classes!,
    labels: p.labels!.subarray(start, start + n),
    ...(p.probabilities ? { probabilities: p.probabilities.subarray(start * k, (start + n) * k) } : {}),
  };
}

/**
 * Opportunistic batching: the requests for one model that arrive in the same turn of the event
 * loop (read in the same poll phase) go to the model in one call, which costs one call's overhead
 * instead of one per request; a lone request waits for nothing but the next check phase. When a
 * merged call fails, or answers the wrong number of rows, each request is run alone, so one bad
 * request never fails the others and every error stays with its request.
 */
export function createBatcher(model: ModelRuntime, maxRows = DEFAULT_BATCH_ROWS) {
  let waiting: Waiting[] = [];
  let scheduled = false;

  const alone = (w: Waiting) => model.predict(w.table).then(w.resolve, w.reject);

  async function run(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) return alone(batch[0]!);
    let p: Predictions;
    try {
      p = await model.predict(concatTables(batch.map((w) => w.table)));
    } catch {
      for (const w of batch) void alone(w);
      return;
    }
    let total = 0;
    for (const w of batch) total += w.table.rowCount;
    if (p.rows !== total) {
      for (const w of batch) void alone(w);
      return;
    }
    let at = 0;
    for (const w of batch) {
      w.resolve(slicePredictions(p, at, w.table.rowCount));
      at += w.table.rowCount;
    }
  }

  const flush = () => {
    scheduled = false;
    const all = waiting;
    waiting = [];
    let batch: Waiting[] = [];
    let rows = 0;
    for (const w of all) {
      if (batch.length > 0 && rows + w.table.rowCount > maxRows) {
        void run(batch);
        batch = [];
        rows = 0;
      }
      batch.push(w);
      rows += w.table.rowCount;
    }
    if (batch.length > 0) void run(batch);
  };

  return {
    predict(table: Table): Promise<Predictions> {
      return new Promise((resolve, reject) => {
        waiting.push({ table, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}

export type Batcher = ReturnType<typeof createBatcher>;
