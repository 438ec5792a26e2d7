import type { DatasetProfile } from '../profile/index.js';
import type { Row } from './case.js';

type ValueType = 'number' | 'string' | 'boolean' | 'object';

/** What one output column of a cleaning or feature function looks like on nominal rows. */
export interface OutputColumn {
  name: string;
  types: ValueType[];
  /** Nominal outputs held null here. */
  nullable: boolean;
  /** Numbers must stay within these bounds (a declared range, or the data's range for a column passed through). */
  range?: [number, number];
}

export interface OutputContract {
  columns: OutputColumn[];
}

const typeOf = (v: unknown): ValueType | 'null' =>
  v === null || v === undefined
    ? 'null'
    : typeof v === 'number' || typeof v === 'bigint'
      ? 'number'
      : typeof v === 'string'
        ? 'string'
        : typeof v === 'boolean'
          ? 'boolean'
          : 'object';

export interface ContractOptions {
  /** The profile of the input data: a numeric column the function passes through keeps its range. */
  profile?: DatasetProfile;
  /** Declared bounds of output columns. */
  ranges?: Readonly<Record<string, readonly [number, number]>>;
}

/**
 * The contract of a function's output, learned from its output on nominal rows: the columns, the
 * type of each, whether null is allowed. A numeric column that has the name of an input column and
 * whose nominal values stay within the data's [min, max] is taken as passed through, and must stay
 * within that range on abnormal rows (clipped, or the row dropped); declared ranges override.
 */
export function inferOutputContract(outputs: readonly Row[], options: ContractOptions = {}): OutputContract {
  const columns = new Map<string, { types: Set<ValueType>; nullable: boolean; min: number; max: number }>();
  for (const row of outputs)
    for (const [name, v] of Object.entries(row)) {
      let c = columns.get(name);
      if (!c) {
        c = {
          types: new Set(),
          nullable: false,
          min: Number.POSITIVE_INFINITY,
          max: Number.NEGATIVE_INFINITY,
        };
        columns.set(name, c);
      }
      const t = typeOf(v);
      if (t === 'null') c.nullable = true;
      else c.types.add(t);
      if (typeof v === 'number' && Number.isFinite(v)) {
        c.min = Math.min(c.min, v);
        c.max = Math.max(c.max, v);
      }
    }
  return {
    columns: [...columns].map(([name, c]) => {
      const declared = options.ranges?.[name];
      const p = options.profile?.columns.find((x) => x.name === name);
      const within = p && p.min !== null && p.max !== null && c.min >= p.min && c.max <= p.max;
      const range: [number, number] | undefined = declared
        ? [declared[0], declared[1]]
        : within && c.types.size === 1 && c.types.has('number')
          ? [p.min!, p.max!]
          : undefined;
      return { name, types: [...c.types], nullable: c.nullable, ...(range ? { range } : {}) };
    }),
  };
}

const show = (v: unknown): string => {
  if (typeof v === 'number') return String(v);
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

/** Why an output row breaks the contract (one line), or null when it keeps it. */
export function contractViolation(row: unknown, contract: OutputContract): string | null {
  if (row === null || typeof row !== 'object' || Array.isArray(row))
    return `an output row is ${show(row)}, not an object`;
  const r = row as Row;
  for (const c of contract.columns) {
    if (!(c.name in r)) return `output column "${c.name}" is missing`;
    const v = r[c.name];
    const t = typeOf(v);
    if (t === 'null') {
      if (!c.nullable) return `output column "${c.name}" is ${v === undefined ? 'undefined' : 'null'}`;
      continue;
    }
    if (!c.types.includes(t))
      return `output column "${c.name}" is ${show(v)} (${t}), expected ${c.types.join(' or ')}`;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `output column "${c.name}" is ${show(v)}`;
      if (c.range && (v < c.range[0] || v > c.range[1]))
        return `output column "${c.name}" is ${show(v)}, outside [${c.range[0]}, ${c.range[1]}]`;
    }
  }
  return null;
}
