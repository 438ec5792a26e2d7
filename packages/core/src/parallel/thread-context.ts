/**
 * What a worker thread keeps from one task to the next, for tasks that ask for it
 * (`WorkerTask.thread`): working memory a task borrows instead of allocating, such as a profile's
 * 8 MB-per-million buffers, which fresh on every column cost the exact profile on two workers
 * about a fifth of its CPU time in page faults and collections.
 */
export interface ThreadContext {
  /** This thread's value of `local`, made on first use. */
  get<T>(local: ThreadLocal<T>): T;
}

/** A value each worker thread makes once, with `create`, and keeps. */
export interface ThreadLocal<T> {
  readonly create: () => T;
}

/**
 * Declares a thread-local value; declare each once (the object is its identity).
 *
 * @example
 * const SCRATCH = threadLocal(createProfileScratch);
 * export function task(col: Column, thread: ThreadContext) { return profile(col, thread.get(SCRATCH)); }
 */
export function threadLocal<T>(create: () => T): ThreadLocal<T> {
  return { create };
}

/** An empty context (a worker makes one when it starts). */
export function createThreadContext(): ThreadContext {
  const values = new Map<ThreadLocal<unknown>, unknown>();
  return {
    get<T>(local: ThreadLocal<T>): T {
      if (!values.has(local)) values.set(local, local.create());
      return values.get(local) as T;
    },
  };
}
