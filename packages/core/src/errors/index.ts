export { VigieError, isVigieError, type ErrorCode, type VigieErrorOptions } from './vigie-error.js';
