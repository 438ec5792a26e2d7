export { withOwnBuffers } from './own-buffers.js';
export {
  createThreadContext,
  type ThreadContext,
  type ThreadLocal,
  threadLocal,
} from './thread-context.js';
export { createWorkerPool, type WorkerPool, type WorkerPoolOptions, type WorkerTask } from './worker-pool.js';
