import { VigieError } from '@vigie/core/errors';
import type { z } from 'zod';

export type Where = 'request body' | 'query parameter' | 'path parameter';

/**
 * Parses with zod; on failure, one line naming the field and the problem, e.g.
 * `invalid request body field "splits[0].rows": expected number, received string`.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, where: Where): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues;
  const issue = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${fieldPath([...issue.path, k])}"`).join(', ');
    const noun = where === 'request body' ? 'field' : where;
    throw invalid(
      `invalid ${where}: unknown ${noun}${issue.keys.length > 1 ? 's' : ''} ${keys}${more}`,
      fieldPath([...issue.path, issue.keys[0]!]),
    );
  }
  let problem: string;
  if (issue.code === 'invalid_type' && issue.input === undefined)
    problem = `required (${issue.message.replace(/^Invalid input: expected (\w+).*$/, '$1')})`;
  else {
    problem = issue.message.replace(/^Invalid input: /, '');
    problem = problem.charAt(0).toLowerCase() + problem.slice(1);
  }
  const field = fieldPath(issue.path);
  if (!field) throw invalid(`invalid ${where}: ${problem}${more}`, where);
  const label = where === 'request body' ? 'request body field' : where;
  throw invalid(`invalid ${label} "${field}": ${problem}${more}`, field);
}

function invalid(message: string, field: string): VigieError {
  return new VigieError('INVALID_ARGUMENT', message, { details: { field } });
}

/** `['splits', 0, 'rows']` → `splits[0].rows`. */
function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}
