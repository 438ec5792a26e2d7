export { withOwnBuffers } from './own-buffers.js';
export { createWorkerPool, type WorkerPool, type WorkerPoolOptions, type WorkerTask } from './worker-pool.js';
