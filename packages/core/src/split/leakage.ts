import { FingerprintSet, rowHashes } from '../profile/index.js';
import { type Column, formatValue, type Table } from '../table/index.js';
import { SPLIT_NAMES, type SplitName } from './assign.js';

export interface LeakageFinding {
  /** What leaks: identical feature rows, a shared key value, a shared group value, a shared id. */
  kind: 'duplicate-rows' | 'shared-key' | 'shared-group' | 'shared-id';
  column: string | null;
  between: [SplitName, SplitName];
  /** Rows of the later split affected. */
  rows: number;
  /** Up to five examples (1-based row numbers in the input, and the shared value). */
  examples: Array<{ row: number; value?: string }>;
}

/** Rows of split b whose fingerprint also occurs in split a. */
function crossMatches(hi: Uint32Array, lo: Uint32Array, splitOf: Uint8Array, a: number, b: number): number[] {
  const seen = new FingerprintSet(1024);
  for (let i = 0; i < splitOf.length; i++) if (splitOf[i] === a) seen.add(hi[i]!, lo[i]!);
  const out: number[] = [];
  for (let i = 0; i < splitOf.length; i++) if (splitOf[i] === b && seen.has(hi[i]!, lo[i]!)) out.push(i);
  return out;
}

const PAIRS: Array<[number, number]> = [
  [0, 1],
  [0, 2],
  [1, 2],
];

function findings(
  kind: LeakageFinding['kind'],
  column: Column | null,
  hashes: { hi: Uint32Array; lo: Uint32Array },
  splitOf: Uint8Array,
  skipMissing: ((i: number) => boolean) | null,
): LeakageFinding[] {
  const out: LeakageFinding[] = [];
  for (const [a, b] of PAIRS) {
    const rows = crossMatches(hashes.hi, hashes.lo, splitOf, a, b).filter((i) => !skipMissing?.(i));
    if (rows.length === 0) continue;
    out.push({
      kind,
      column: column?.name ?? null,
      between: [SPLIT_NAMES[a]!, SPLIT_NAMES[b]!],
      rows: rows.length,
      examples: rows
        .slice(0, 5)
        .map((i) => (column ? { row: i + 1, value: formatValue(column, i) ?? '' } : { row: i + 1 })),
    });
  }
  return out;
}

/**
 * Leakage across splits: rows identical in every feature (ignoring the key, the group and id
 * columns) in two splits, and key, group or id values shared by two splits.
 */
export function findLeakage(
  table: Table,
  splitOf: Uint8Array,
  spec: { key?: Column; group?: Column },
): LeakageFinding[] {
  const out: LeakageFinding[] = [];
  const exclude = new Set([spec.key?.name, spec.group?.name]);
  const features = table.columns.filter((c) => !exclude.has(c.name) && c.type !== 'id');
  if (features.length > 0)
    out.push(...findings('duplicate-rows', null, rowHashes(table, features), splitOf, null));
  const identifiers: Array<[LeakageFinding['kind'], Column]> = [];
  if (spec.key) identifiers.push(['shared-key', spec.key]);
  if (spec.group) identifiers.push(['shared-group', spec.group]);
  for (const c of table.columns)
    if (c.type === 'id' && !exclude.has(c.name)) identifiers.push(['shared-id', c]);
  for (const [kind, col] of identifiers) {
    out.push(...findings(kind, col, rowHashes(table, [col]), splitOf, (i) => formatValue(col, i) === null));
  }
  return out;
}
