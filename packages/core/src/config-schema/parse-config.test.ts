import { describe, expect, it } from 'vitest';
import { VigieError } from '../errors/index.js';
import { parseConfig } from './parse-config.js';

function errorOf(text: string): VigieError {
  try {
    parseConfig(text, 'vigie.yaml');
  } catch (e) {
    if (e instanceof VigieError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('parseConfig', () => {
  it('accepts a minimal config and fills defaults', () => {
    const config = parseConfig('data: data.csv\n');
    expect(config.data).toBe('data.csv');
    expect(config.checks).toEqual([]);
    expect(config.version).toBe(1);
  });

  it('fills check defaults', () => {
    const config = parseConfig('data: d.csv\nchecks:\n  - check: missing\n    column: a\n');
    expect(config.checks[0]).toMatchObject({ check: 'missing', column: 'a', max_share: 0, severity: 'fail' });
  });

  it('names the line and field of a wrong type', () => {
    const e = errorOf('data: d.csv\nchecks:\n  - check: range\n    column: 3\n    min: 0\n');
    expect(e.code).toBe('INVALID_CONFIG');
    expect(e.message).toMatch(/^vigie\.yaml:4: checks\[0\]\.column: /);
  });

  it('suggests the check name on a typo', () => {
    const e = errorOf('data: d.csv\nchecks:\n  - check: rnage\n    column: a\n');
    expect(e.message).toMatch(
      /^vigie\.yaml:3: checks\[0\]\.check: unknown check "rnage" \(did you mean "range"\?\)/,
    );
  });

  it('names an unknown key with a suggestion', () => {
    const e = errorOf('data: d.csv\nchecks:\n  - check: missing\n    colum: a\n');
    expect(e.message).toMatch(
      /vigie\.yaml:4: checks\[0\]\.colum: unknown key "colum" \(did you mean "column"\?\)/,
    );
  });

  it('reports YAML syntax errors with their line', () => {
    const e = errorOf('data: d.csv\nchecks:\n  - check: [unclosed\n');
    expect(e.message).toMatch(/^vigie\.yaml:\d+: invalid YAML: /);
  });

  it('refuses an empty file and a non-mapping', () => {
    expect(errorOf('').message).toMatch(/empty/);
    expect(errorOf('- a\n- b\n').message).toMatch(/mapping/);
  });

  it('checks the rules that span fields', () => {
    expect(errorOf('data: d.csv\nchecks:\n  - check: range\n    column: a\n').message).toMatch(
      /needs "min" or "max"/,
    );
    expect(
      errorOf('data: d.csv\nchecks:\n  - check: regex\n    column: a\n    pattern: "[a"\n').message,
    ).toMatch(/vigie\.yaml:5: checks\[0\]\.pattern: invalid regular expression/);
    expect(
      errorOf('data: d.csv\nsplit:\n  ratios: {train: 0.5, validation: 0.1, test: 0.1}\n').message,
    ).toMatch(/split\.ratios: ratios must sum to 1/);
  });
});
