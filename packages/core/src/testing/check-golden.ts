import type { ModelRuntime } from '../models/runtime.js';
import type { Verdict } from '../verdict/index.js';
import type { GoldenSet } from './golden-set.js';
import { rowsTable } from './rows.js';

export interface GoldenCaseCheck {
  name: string;
  target: string;
  passed: boolean;
  /** Whether the case still triggers its target (its class, or a value in its bucket). */
  triggers: boolean;
  message: string;
}

export interface GoldenCheck {
  cases: GoldenCaseCheck[];
  /** Per class or bucket: still reached by at least one of its golden inputs. */
  targets: Array<{ target: string; reachable: boolean; cases: number }>;
  unreachableWhenBuilt: string[];
}

/**
 * Runs a model on a golden set: each case must give its golden answer (the same label,
 * probabilities within the set's tolerance, values within absolute + relative·|value|), and each
 * class or bucket must still be reached by at least one of its cases.
 */
export async function checkGoldenSet(model: ModelRuntime, golden: GoldenSet): Promise<GoldenCheck> {
  const p = await model.predict(
    rowsTable(
      golden.cases.map((c) => c.inputs),
      golden.inputs,
    ),
  );
  const tol = golden.tolerance;
  const k = p.classes?.length ?? 0;
  const cases = golden.cases.map((c, i): GoldenCaseCheck => {
    const problems: string[] = [];
    let triggers: boolean;
    if (p.task === 'regression') {
      const v = p.values![i]!;
      const bucket = golden.buckets?.find((b) => b.name === c.target);
      triggers = bucket ? v >= bucket.lo && v <= bucket.hi : true;
      const e = c.expected.value;
      if (e !== undefined && !(Math.abs(v - e) <= tol.absolute + tol.relative * Math.abs(e)))
        problems.push(`value ${v}, golden ${e}`);
      if (!triggers) problems.push(`value ${v} left the bucket ${c.target}`);
    } else {
      const label = p.classes![p.labels![i]!]!;
      triggers = String(label) === c.target;
      if (c.expected.label !== undefined && String(label) !== String(c.expected.label))
        problems.push(`label ${label}, golden ${c.expected.label}`);
      if (c.expected.probabilities && p.probabilities) {
        let worst = 0;
        let worstClass = '';
        p.classes!.forEach((cls, j) => {
          const e = c.expected.probabilities![String(cls)];
          const d = e === undefined ? 1 : Math.abs(p.probabilities![i * k + j]! - e);
          if (d > worst) {
            worst = d;
            worstClass = String(cls);
          }
        });
        if (worst > tol.probability)
          problems.push(
            `probability of ${worstClass} moved by ${worst.toPrecision(3)} (tolerance ${tol.probability})`,
          );
      }
    }
    return {
      name: c.name,
      target: c.target,
      passed: problems.length === 0,
      triggers,
      message: problems.join('; ') || 'as golden',
    };
  });
  const targets = [...new Set(golden.cases.map((c) => c.target))].map((target) => {
    const mine = cases.filter((c) => c.target === target);
    return { target, reachable: mine.some((c) => c.triggers), cases: mine.length };
  });
  return { cases, targets, unreachableWhenBuilt: golden.unreachable };
}

/** Verdicts: one per class or bucket (reachable), one per golden case; unreachable-when-built classes warn. */
export function goldenVerdicts(check: GoldenCheck, model: string): Verdict[] {
  const method = `golden set on ${model}`;
  return [
    ...check.targets.map(
      (t): Verdict => ({
        status: t.reachable ? 'pass' : 'fail',
        check: `reachable:${t.target}`,
        kind: 'short-circuit',
        subject: t.target,
        method,
        value: t.reachable ? 1 : 0,
        threshold: 1,
        comparison: '>=',
        sampleSizes: { cases: t.cases },
        reason: t.reachable
          ? `${t.target} is still reached by its golden inputs`
          : `none of the ${t.cases} golden inputs of ${t.target} gives it any more`,
      }),
    ),
    ...check.unreachableWhenBuilt.map(
      (t): Verdict => ({
        status: 'warn',
        check: `reachable:${t}`,
        kind: 'short-circuit',
        subject: t,
        method,
        value: 0,
        threshold: 1,
        comparison: '>=',
        sampleSizes: {},
        reason: `no input was found for ${t} when the golden set was built`,
      }),
    ),
    ...check.cases.map(
      (c): Verdict => ({
        status: c.passed ? 'pass' : 'fail',
        check: `golden:${c.name}`,
        kind: 'golden',
        subject: c.target,
        method,
        value: null,
        threshold: null,
        sampleSizes: { rows: 1 },
        reason: c.message,
      }),
    ),
  ];
}
