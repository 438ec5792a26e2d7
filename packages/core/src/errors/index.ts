export { type ErrorCode, isVigieError, VigieError, type VigieErrorOptions } from './vigie-error.js';
