import type { Verdict } from '../verdict/index.js';

export type Outcome = 'pass' | 'fail' | 'inconclusive';

export interface Decision {
  outcome: Outcome;
  /** One sentence: the failing verdicts, else what holds the decision, else what passed. */
  reason: string;
  verdicts: Verdict[];
}

/** A verdict marked `details.blocking: false` (labelled quality when labels are optional) never holds. */
export function isBlocking(v: Verdict): boolean {
  return v.details?.blocking !== false;
}

/**
 * Combines the verdicts of a phase or step: any fail fails; otherwise an inconclusive blocking
 * verdict holds (inconclusive, saying why); otherwise it passes (warn counts as a pass), naming
 * the checks that passed.
 *
 * @example decide([{ status: 'inconclusive', reason: 'held: 37 of 200 required candidate requests', ... }]).outcome; // 'inconclusive'
 */
export function decide(verdicts: Verdict[]): Decision {
  const failed = verdicts.filter((v) => v.status === 'fail');
  if (failed.length > 0) return { outcome: 'fail', reason: failed.map((v) => v.reason).join('; '), verdicts };
  const held = verdicts.filter((v) => v.status === 'inconclusive' && isBlocking(v));
  if (held.length > 0)
    return { outcome: 'inconclusive', reason: held.map((v) => v.reason).join('; '), verdicts };
  const passed = verdicts.filter((v) => v.status === 'pass' || v.status === 'warn');
  const names = passed.map((v) => v.check.replace(/^(canary|shadow|offline):/, '')).join(', ');
  const open = verdicts.length - passed.length;
  return {
    outcome: 'pass',
    reason: `passed: ${names}${open > 0 ? ` (${open} not decided yet, not required)` : ''}`,
    verdicts,
  };
}
