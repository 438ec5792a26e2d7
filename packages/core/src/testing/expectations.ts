import { VigieError } from '../errors/index.js';
import { type IntegrationCase, OUTCOMES, type Outcome } from './case.js';

/** A rule `pattern=outcome[,outcome]`: cases whose name matches the glob (`*` any text) expect those outcomes. */
export interface ExpectationRule {
  pattern: string;
  outcomes: Outcome[];
}

/** Parses `null:*=drop,repair` (the text of an --expect flag). */
export function parseExpectationRule(text: string): ExpectationRule {
  const at = text.lastIndexOf('=');
  const pattern = text.slice(0, at).trim();
  const outcomes = text
    .slice(at + 1)
    .split(',')
    .map((s) => s.trim());
  const bad = outcomes.find((o) => !OUTCOMES.includes(o as Outcome));
  if (at <= 0 || pattern === '' || bad !== undefined)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `expectation "${text}": expected CASE-PATTERN=OUTCOME[,OUTCOME] with outcomes among ${OUTCOMES.join(', ')}`,
      { details: { field: 'expect' } },
    );
  return { pattern, outcomes: outcomes as Outcome[] };
}

function globRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export interface ExpectationOptions {
  /** Rows that break the schema (wrong type, missing field, non-finite number) must be rejected or dropped. */
  strict?: boolean;
  /** Later rules win over earlier ones; a rule matching no case is an error (a typo would silently test nothing). */
  rules?: readonly ExpectationRule[];
}

/** The cases with their expectations set by `--strict` and the rules. */
export function applyExpectations(
  cases: readonly IntegrationCase[],
  options: ExpectationOptions,
): IntegrationCase[] {
  const rules = (options.rules ?? []).map((r) => ({ ...r, re: globRegExp(r.pattern), used: false }));
  const out = cases.map((c) => {
    let expect = c.expect;
    if (options.strict && c.invalid && !c.nominal)
      expect = expect.filter((o) => o === 'reject' || o === 'drop');
    for (const r of rules)
      if (r.re.test(c.name)) {
        r.used = true;
        expect = r.outcomes;
      }
    return expect === c.expect ? c : { ...c, expect };
  });
  const unused = rules.find((r) => !r.used);
  if (unused)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `expectation "${unused.pattern}" matches no case (see --list for the case names)`,
      {
        details: { field: 'expect' },
      },
    );
  return out;
}
