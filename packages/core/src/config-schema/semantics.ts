import type { VigieConfig } from './schema.js';

export interface SemanticIssue {
  path: (string | number)[];
  message: string;
}

const NEEDS_COLUMNS = new Set(['missing', 'not_null', 'range', 'unique', 'outliers']);

/** Rules the field types alone cannot express (either/or fields, sums, compiled patterns). */
export function semanticIssues(config: VigieConfig): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  config.checks.forEach((check, i) => {
    const at = (...rest: (string | number)[]) => ['checks', i, ...rest];
    if (NEEDS_COLUMNS.has(check.check) && 'column' in check && 'columns' in check) {
      if (check.column === undefined && check.columns === undefined) {
        issues.push({ path: at(), message: `a "${check.check}" check needs "column" or "columns"` });
      } else if (check.column !== undefined && check.columns !== undefined) {
        issues.push({ path: at(), message: 'give either "column" or "columns", not both' });
      }
    }
    if (check.check === 'range') {
      if (check.min === undefined && check.max === undefined)
        issues.push({ path: at(), message: 'a range check needs "min" or "max"' });
      if (check.min !== undefined && check.max !== undefined && check.min > check.max) {
        issues.push({ path: at('min'), message: `min (${check.min}) is greater than max (${check.max})` });
      }
    }
    if (check.check === 'row_count' && check.min === undefined && check.max === undefined) {
      issues.push({ path: at(), message: 'a row_count check needs "min" or "max"' });
    }
    if (check.check === 'regex') {
      try {
        new RegExp(check.pattern, 'u');
      } catch (e) {
        issues.push({ path: at('pattern'), message: `invalid regular expression: ${(e as Error).message}` });
      }
    }
    if (
      check.check === 'correlation' &&
      check.target === undefined &&
      check.columns !== undefined &&
      check.columns.length < 2
    ) {
      issues.push({
        path: at('columns'),
        message: 'a correlation check without a target needs at least two columns',
      });
    }
    if (check.check === 'correlation' && check.min_abs !== undefined && check.target === undefined) {
      issues.push({ path: at('min_abs'), message: '"min_abs" needs a "target" column' });
    }
  });
  config.repair?.rules.forEach((rule, i) => {
    const at = (...rest: (string | number)[]) => ['repair', 'rules', i, ...rest];
    if (rule.action === 'impute' && rule.strategy === 'constant' && rule.value === undefined) {
      issues.push({ path: at(), message: 'impute with strategy "constant" needs a "value"' });
    }
    if (rule.action === 'clip' && rule.min === undefined && rule.max === undefined) {
      issues.push({ path: at(), message: 'clip needs "min" or "max"' });
    }
    if (rule.action === 'exclude' && 'not_matching' in rule.when) {
      try {
        new RegExp(rule.when.not_matching, 'u');
      } catch (e) {
        issues.push({
          path: at('when', 'not_matching'),
          message: `invalid regular expression: ${(e as Error).message}`,
        });
      }
    }
  });
  if (config.split) {
    const { train, validation, test } = config.split.ratios;
    const sum = train + validation + test;
    if (Math.abs(sum - 1) > 1e-9)
      issues.push({ path: ['split', 'ratios'], message: `ratios must sum to 1 (they sum to ${sum})` });
  }
  const names = new Map<string, number>();
  config.checks.forEach((c, i) => {
    if (c.name === undefined) return;
    if (names.has(c.name))
      issues.push({ path: ['checks', i, 'name'], message: `duplicate check name "${c.name}"` });
    names.set(c.name, i);
  });
  return issues;
}
