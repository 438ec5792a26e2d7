import { VigieError } from '../../errors/index.js';
import { createRandom } from '../../random/index.js';

export type ParamValue = string | number | boolean | null;

/**
 * One hyperparameter's range:
 * - a list of values (`[0.1, 1, 10]`, `["gini", "entropy"]`): grid points, or drawn uniformly;
 * - `{ "uniform": [lo, hi] }`, `{ "loguniform": [lo, hi] }` (lo > 0): continuous draws;
 * - `{ "int": [lo, hi] }`: an integer in [lo, hi], bounds included.
 * Continuous ranges have no grid: a grid search needs lists.
 */
export type ParamRange =
  | ParamValue[]
  | { uniform: [number, number] }
  | { loguniform: [number, number] }
  | { int: [number, number] };

export type SearchSpace = Record<string, ParamRange>;

export type Params = Record<string, ParamValue>;

function isList(r: ParamRange): r is ParamValue[] {
  return Array.isArray(r);
}

/** Checks a search space given by a user, naming the parameter at fault. */
export function parseSearchSpace(value: unknown): SearchSpace {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new VigieError(
      'INVALID_ARGUMENT',
      'a search space is an object: {"param": [values] | {"uniform": [lo, hi]} | ...}',
      {
        details: { field: 'space' },
      },
    );
  const out: SearchSpace = {};
  for (const [name, r] of Object.entries(value as Record<string, unknown>)) {
    const bad = (why: string) =>
      new VigieError('INVALID_ARGUMENT', `search space "${name}": ${why}`, {
        details: { field: `space.${name}` },
      });
    if (Array.isArray(r)) {
      if (r.length === 0) throw bad('an empty list');
      if (!r.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)))
        throw bad('values must be strings, numbers, booleans or null');
      out[name] = r as ParamValue[];
      continue;
    }
    const entries = r && typeof r === 'object' ? Object.entries(r) : [];
    const [kind, bounds] = entries[0] ?? [];
    if (entries.length !== 1 || !['uniform', 'loguniform', 'int'].includes(kind ?? ''))
      throw bad('expected a list of values, or {"uniform" | "loguniform" | "int": [lo, hi]}');
    if (
      !Array.isArray(bounds) ||
      bounds.length !== 2 ||
      !bounds.every((b) => typeof b === 'number' && Number.isFinite(b))
    )
      throw bad(`"${kind}" needs [lo, hi] as two finite numbers`);
    const [lo, hi] = bounds as [number, number];
    if (!(lo <= hi)) throw bad(`lo ${lo} is above hi ${hi}`);
    if (kind === 'loguniform' && lo <= 0) throw bad('"loguniform" needs lo > 0');
    if (kind === 'int' && !(Number.isInteger(lo) && Number.isInteger(hi)))
      throw bad('"int" needs integer bounds');
    out[name] = { [kind!]: [lo, hi] } as ParamRange;
  }
  return out;
}

/** Every combination of the lists, in order (the last parameter varies fastest), as scikit-learn's ParameterGrid. */
export function gridCandidates(space: SearchSpace): Params[] {
  const names = Object.keys(space).sort();
  let out: Params[] = [{}];
  for (const name of names) {
    const range = space[name]!;
    if (!isList(range))
      throw new VigieError(
        'INVALID_ARGUMENT',
        `grid search: "${name}" is a continuous range; give a list of values or use random search`,
        {
          details: { field: `space.${name}` },
        },
      );
    out = out.flatMap((p) => range.map((v) => ({ ...p, [name]: v })));
  }
  return out;
}

/** `n` seeded draws: lists uniformly, continuous ranges from their distribution. Same seed, same trials. */
export function randomCandidates(space: SearchSpace, n: number, seed: number): Params[] {
  if (!Number.isInteger(n) || n < 1)
    throw new VigieError('INVALID_ARGUMENT', `random search needs a positive number of trials, got ${n}`, {
      details: { field: 'trials' },
    });
  const rng = createRandom(seed);
  const names = Object.keys(space).sort();
  const out: Params[] = [];
  for (let t = 0; t < n; t++) {
    const p: Params = {};
    for (const name of names) {
      const r = space[name]!;
      if (isList(r)) p[name] = r[rng.int(r.length)]!;
      else if ('uniform' in r) p[name] = r.uniform[0] + rng.float() * (r.uniform[1] - r.uniform[0]);
      else if ('loguniform' in r) {
        const [lo, hi] = r.loguniform;
        p[name] = Math.exp(Math.log(lo) + rng.float() * (Math.log(hi) - Math.log(lo)));
      } else p[name] = r.int[0] + rng.int(r.int[1] - r.int[0] + 1);
    }
    out.push(p);
  }
  return out;
}
