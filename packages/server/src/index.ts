export { createApp } from './app.js';
export { type AppDeps, DEFAULT_OPTIONS, type LogEntry, type ServerOptions } from './deps.js';
export { type ErrorBody, statusFor } from './http/errors.js';
export { type RunningServer, type StartServerOptions, startServer } from './serve.js';
export { VERSION } from './version.js';
