import type { z } from 'zod';
import { configSchema, type VigieConfig } from './schema.js';
import { semanticIssues } from './semantics.js';
import { readYamlDocument } from './yaml-document.js';

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

function suggestion(word: string, options: readonly string[]): string {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const o of options) {
    const d = editDistance(word, o);
    if (d < bestD) {
      best = o;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3))
    ? ` (did you mean "${best}"?)`
    : '';
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => `unknown key "${k}"`).join(', ');
    case 'invalid_union':
      return `${issue.message}: ${JSON.stringify(value)?.slice(0, 80)}`;
    default:
      return issue.message;
  }
}

/**
 * Parses and validates the text of a `vigie.yaml`. Errors are one line naming the file, the line
 * and the field: `vigie.yaml:14: checks[2].column: Invalid input: expected string, received number`.
 */
export function parseConfig(text: string, file = 'vigie.yaml'): VigieConfig {
  const { raw, fail } = readYamlDocument(text, file);
  if (raw === null || raw === undefined) fail([], 'the file is empty; it needs at least "data:"');
  if (typeof raw !== 'object' || Array.isArray(raw))
    fail([], 'expected a mapping of settings at the top level');
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    let path: PropertyKey[] = [...issue.path];
    let value: unknown = raw;
    for (const p of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[p];
    let message = describeIssue(issue, value);
    if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
      const known = knownKeys(path, raw);
      message += suggestion(issue.keys[0], known);
      path = [...path, issue.keys[0]];
    }
    if (issue.code === 'invalid_union' && path.at(-1) === 'check' && typeof value === 'string') {
      message = `unknown check "${value}"${suggestion(value, CHECK_NAMES)}; expected one of ${CHECK_NAMES.join(', ')}`;
    }
    if (issue.code === 'invalid_union' && path.at(-1) === 'action' && typeof value === 'string') {
      message = `unknown action "${value}"; expected one of exclude, impute, clip`;
    }
    const more =
      parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : '';
    fail(path, message + more);
  }
  const config = parsed.data!;
  const semantic = semanticIssues(config)[0];
  if (semantic) fail(semantic.path, semantic.message);
  return config;
}

const CHECK_NAMES = [
  'type',
  'missing',
  'not_null',
  'range',
  'allowed_values',
  'regex',
  'unique',
  'row_count',
  'duplicates',
  'outliers',
  'correlation',
  'vif',
  'drift',
  'required_analyses',
];

const TOP_KEYS = ['version', 'data', 'columns', 'label', 'checks', 'repair', 'split', 'reports'];

function knownKeys(path: PropertyKey[], raw: unknown): string[] {
  if (path.length === 0) return TOP_KEYS;
  if (path[0] === 'checks') {
    return [
      'check',
      'name',
      'severity',
      'column',
      'columns',
      'min',
      'max',
      'max_share',
      'max_share_outside',
      'expected',
      'values',
      'pattern',
      'method',
      'threshold',
      'reference',
      'correction',
      'max_drifted_share',
      'per_column',
      'analyses',
      'profile',
      'max_abs',
      'min_abs',
      'target',
      'seed',
    ];
  }
  if (path[0] === 'split')
    return ['ratios', 'label', 'key', 'group', 'seed', 'output', 'format', 'train', 'validation', 'test'];
  if (path[0] === 'repair')
    return ['output', 'rules', 'action', 'name', 'when', 'column', 'strategy', 'value', 'min', 'max'];
  if (path[0] === 'data') return ['path', 'format', 'delimiter', 'encoding', 'null_values'];
  void raw;
  return [];
}
