import type { Column } from '../table/index.js';

/**
 * The column with arrays that fill buffers of their own. Posting a typed array to a worker copies
 * its whole buffer, so a view (a subarray, a slice of a larger read) is first copied alone.
 */
export function withOwnBuffers<C extends Column>(col: C): C {
  const own = (a: ArrayBufferView) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
  if (col.storage === 'dict') return own(col.codes) ? col : { ...col, codes: col.codes.slice() };
  return own(col.values) ? col : ({ ...col, values: col.values.slice() } as C);
}
