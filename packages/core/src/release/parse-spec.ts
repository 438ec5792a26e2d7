import { formatPath, type Path, readYamlDocument } from '../config-schema/index.js';
import { VigieError } from '../errors/index.js';
import { type ReleaseSpec, releaseSpecSchema } from './spec.js';

/**
 * Parses and validates a release spec (YAML or JSON text). Errors are one line naming the file,
 * the line and the field: `release.yaml:7: canary.steps: steps must increase`.
 *
 * @example parseReleaseSpec('model: penguins\ncandidate: penguins@2\n').canary.steps; // [1, 5, 25, 50, 100]
 */
export function parseReleaseSpec(text: string, file = 'release.yaml'): ReleaseSpec {
  return readReleaseSpec(text, file).spec;
}

/**
 * `parseReleaseSpec` that also returns the document as written (durations as strings): what a
 * client sends to the gateway, which validates it again.
 */
export function readReleaseSpec(text: string, file = 'release.yaml'): { spec: ReleaseSpec; raw: unknown } {
  const { raw, fail } = readYamlDocument(text, file);
  if (raw === null || raw === undefined)
    fail([], 'the file is empty; a release needs at least "model" and "candidate"');
  if (typeof raw !== 'object' || Array.isArray(raw))
    fail([], 'expected a mapping of settings at the top level');
  return { spec: validateReleaseSpec(raw, fail), raw };
}

/**
 * Validates an already parsed spec (a JSON body, for example); errors name the field:
 * `canary.min_requests: Too small: expected number to be >0`.
 */
export function validateReleaseSpec(
  raw: unknown,
  fail: (path: Path, message: string) => never = (path, message) => {
    throw new VigieError('INVALID_CONFIG', `${path.length > 0 ? `${formatPath(path)}: ` : ''}${message}`, {
      details: { field: formatPath(path) },
    });
  },
): ReleaseSpec {
  const parsed = releaseSpecSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  let path: PropertyKey[] = [...issue.path];
  let message = issue.message;
  let value: unknown = raw;
  for (const p of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[p];
  if (issue.code === 'invalid_type' && value === undefined) message = 'required, but missing';
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
    message = issue.keys.map((k) => `unknown key "${k}"`).join(', ');
    path = [...path, issue.keys[0]];
  }
  const more =
    parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : '';
  return fail(path, message + more);
}
