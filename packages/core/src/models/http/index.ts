export {
  createHttpModel,
  DEFAULT_HTTP_BATCH_ROWS,
  DEFAULT_HTTP_TIMEOUT_MS,
  HTTP_PROTOCOLS,
  type HttpModelOptions,
} from './create-http-model.js';
export type { HttpProtocolName } from './protocol.js';
