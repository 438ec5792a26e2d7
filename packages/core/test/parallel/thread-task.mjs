// A task for parallel.test.ts: how many tasks this worker thread has run, kept in its context.
import { threadLocal } from '../../dist/parallel/index.js';

const RUNS = threadLocal(() => ({ count: 0 }));

export function countRuns(label, thread) {
  const runs = thread.get(RUNS);
  runs.count++;
  return { label, count: runs.count, context: typeof thread.get === 'function' };
}

export function argumentsSeen(...args) {
  return args.length;
}
