/** Messages between a WorkerPool and its workers. */

export interface TaskRequest {
  id: number;
  /** URL of the ES module that exports the task. */
  module: string;
  /** The export to call; '' only imports the module (see WorkerPool.warm). */
  name: string;
  args: readonly unknown[];
  /** Pass the worker's ThreadContext after the arguments. */
  thread?: boolean;
}

/** A task's result, or its error as plain data (a VigieError's class does not cross threads). */
export type TaskReply =
  | { id: number; ok: true; result: unknown }
  | {
      id: number;
      ok: false;
      code: string;
      message: string;
      details: Record<string, string | number | boolean | null>;
    };
