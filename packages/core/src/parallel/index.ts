export { createWorkerPool, type WorkerPool, type WorkerPoolOptions, type WorkerTask } from './worker-pool.js';
