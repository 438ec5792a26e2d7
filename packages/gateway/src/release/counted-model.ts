import type { ModelRuntime } from '@vigie/core/models';
import type { ServedModel } from '../routing/route.js';
import { checkAnswer } from '../serving/answer.js';

/**
 * The same served model, counting the rows it failed to answer: the model threw, or its answer
 * would not pass the gateway's output check (the gateway then answers 502 and returns nothing).
 * The release controller routes canary traffic through it, since failures produce no prediction
 * record for the observers. Disposing it leaves the model loaded (the gateway owns it).
 */
export function countingFailures(served: ServedModel, onFailure: (rows: number) => void): ServedModel {
  const inner = served.model;
  const model: ModelRuntime = {
    format: inner.format,
    signature: inner.signature,
    async predict(table) {
      let p: Awaited<ReturnType<ModelRuntime['predict']>>;
      try {
        p = await inner.predict(table);
      } catch (error) {
        onFailure(table.rowCount);
        throw error;
      }
      try {
        checkAnswer(p, table.rowCount, served.signature, served.ref);
      } catch {
        onFailure(table.rowCount);
      }
      return p;
    },
    [Symbol.asyncDispose]: async () => {},
  };
  return { ...served, model };
}
