/**
 * Entry point of a WorkerPool's threads: runs each requested task (a module's named export) and
 * posts its result back. Modules are imported once per worker and stay loaded; tasks that ask for
 * it get the thread's context (thread-context.ts) after their arguments.
 */
import { parentPort } from 'node:worker_threads';
import { isVigieError } from '../errors/index.js';
import type { TaskReply, TaskRequest } from './protocol.js';
import { createThreadContext } from './thread-context.js';

const modules = new Map<string, Promise<Record<string, unknown>>>();
const thread = createThreadContext();

async function runTask(request: TaskRequest): Promise<unknown> {
  let module = modules.get(request.module);
  if (!module) {
    module = import(request.module) as Promise<Record<string, unknown>>;
    modules.set(request.module, module);
  }
  const loaded = await module;
  if (request.name === '') return null; // warming up: the import only
  const fn = loaded[request.name];
  if (typeof fn !== 'function') throw new Error(`${request.module} exports no function ${request.name}`);
  return request.thread ? fn(...request.args, thread) : fn(...request.args);
}

const port = parentPort;
port?.on('message', (request: TaskRequest) => {
  runTask(request).then(
    (result) => port.postMessage({ id: request.id, ok: true, result } satisfies TaskReply),
    (error: unknown) => {
      const reply: TaskReply = isVigieError(error)
        ? {
            id: request.id,
            ok: false,
            code: error.code,
            message: error.message,
            details: { ...error.details },
          }
        : {
            id: request.id,
            ok: false,
            code: 'INTERNAL',
            message: error instanceof Error ? error.message : String(error),
            details: {},
          };
      port.postMessage(reply);
    },
  );
});
