import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ErrorCode, VigieError } from '../errors/index.js';
import type { TaskReply, TaskRequest } from './protocol.js';

/**
 * A function for a worker to run: a named export of an ES module, given by the module's URL.
 * Arguments and result cross threads by structured clone (typed arrays are copied).
 */
export interface WorkerTask {
  module: string;
  name: string;
  /** The function takes the thread's `ThreadContext` after its arguments (thread-context.ts). */
  thread?: boolean;
}

export interface WorkerPoolOptions {
  /** Worker threads (default: the machine's available parallelism). */
  threads?: number;
}

/**
 * Long-lived worker threads that run `WorkerTask`s, so kernels over independent columns use every
 * core. Workers start on first use and keep their modules loaded and compiled: a fresh worker
 * spends about 0.3 s importing and warming up, more than profiling a million values takes. Idle
 * workers do not keep the process alive. Close the pool when done (`await using` works).
 */
export interface WorkerPool extends AsyncDisposable {
  readonly threads: number;
  /**
   * Runs `task(...args)` on the worker with the fewest tasks waiting. The task is posted at once,
   * so workers keep busy while this thread computes without yielding.
   */
  run<T>(task: WorkerTask, args: readonly unknown[]): Promise<T>;
  /**
   * Starts every thread and has each import the module of the tasks to come, so that the start-up
   * (about 0.3 s) overlaps other work, such as reading the data, instead of delaying the first task.
   */
  warm(module: string): Promise<void>;
  /** Stops the workers; their unfinished tasks are rejected. */
  close(): Promise<void>;
}

interface Job {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

const WORKER_MAIN = new URL('./worker-main.js', import.meta.url);

/**
 * Creates a pool of worker threads (each starts with its first task).
 *
 * @example
 * await using pool = createWorkerPool();
 * const profile = await profileTableParallel(pool, table);
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `createWorkerPool: threads must be a positive integer, got ${threads}`,
    );
  }
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;

  const settle = (slot: Slot, id: number): Job | undefined => {
    const job = slot.jobs.get(id);
    slot.jobs.delete(id);
    if (slot.jobs.size === 0) slot.worker.unref();
    return job;
  };
  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(WORKER_MAIN), jobs: new Map() };
    slot.worker.on('message', (reply: TaskReply) => {
      const job = settle(slot, reply.id);
      if (!job) return;
      if (reply.ok) job.resolve(reply.result);
      else job.reject(new VigieError(reply.code as ErrorCode, reply.message, { details: reply.details }));
    });
    slot.worker.on('error', (error) => {
      // The worker died: its tasks fail, and the next task starts a fresh worker.
      slots.splice(slots.indexOf(slot), 1);
      for (const job of slot.jobs.values()) {
        job.reject(new VigieError('INTERNAL', `a worker thread failed: ${error.message}`, { cause: error }));
      }
      slot.jobs.clear();
    });
    slots.push(slot);
    return slot;
  };
  const pick = (): Slot => {
    let best: Slot | undefined;
    for (const s of slots) if (!best || s.jobs.size < best.jobs.size) best = s;
    return best && (best.jobs.size === 0 || slots.length >= threads) ? best : spawn();
  };

  const close = async () => {
    if (closed) return;
    closed = true;
    const all = slots.splice(0);
    for (const slot of all) {
      for (const job of slot.jobs.values())
        job.reject(new VigieError('INTERNAL', 'the worker pool was closed'));
    }
    await Promise.all(all.map((s) => s.worker.terminate()));
  };

  const run = <T>(task: WorkerTask, args: readonly unknown[]): Promise<T> => {
    if (closed) return Promise.reject(new VigieError('INTERNAL', 'the worker pool is closed'));
    return new Promise<T>((resolve, reject) => {
      const slot = pick();
      const id = nextId++;
      slot.jobs.set(id, { resolve: resolve as (value: unknown) => void, reject });
      slot.worker.ref();
      const request: TaskRequest = {
        id,
        module: task.module,
        name: task.name,
        args,
        ...(task.thread ? { thread: true } : {}),
      };
      try {
        slot.worker.postMessage(request);
      } catch (error) {
        settle(slot, id);
        reject(error);
      }
    });
  };

  return {
    threads,
    run,
    async warm(module: string): Promise<void> {
      await Promise.all(Array.from({ length: threads }, () => run({ module, name: '' }, [])));
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
