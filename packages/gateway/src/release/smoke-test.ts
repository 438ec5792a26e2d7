import type { Verdict } from '@vigie/core/verdict';
import type { ServedModel } from '../routing/route.js';
import { checkAnswer } from '../serving/answer.js';
import { createRowsReader } from '../serving/read-rows.js';

/**
 * The blue/green smoke test: the candidate must take the smoke rows (read against its signature
 * as a request would be) and give an answer that passes the gateway's output check.
 */
export async function smokeTest(
  candidate: ServedModel,
  rows: readonly Record<string, unknown>[],
): Promise<Verdict> {
  const base = {
    check: 'blue-green:smoke',
    kind: 'release',
    subject: candidate.ref,
    method: 'the smoke rows predicted and checked as a request would be',
    threshold: null,
    sampleSizes: { rows: rows.length },
  };
  const t0 = performance.now();
  try {
    const table = createRowsReader(candidate.signature)(rows, rows.length);
    const predictions = await candidate.model.predict(table);
    checkAnswer(predictions, table.rowCount, candidate.signature, candidate.ref);
  } catch (error) {
    return {
      ...base,
      status: 'fail',
      value: null,
      reason: `smoke test failed: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  const ms = performance.now() - t0;
  return {
    ...base,
    status: 'pass',
    value: ms,
    reason: `smoke test passed: ${rows.length} row(s) answered in ${ms.toFixed(1)} ms`,
  };
}
