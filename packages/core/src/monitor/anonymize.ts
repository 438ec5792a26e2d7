import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { VigieError } from '../errors/index.js';

/**
 * Which input fields never reach the prediction log as given: `drop` removes them, `hash` replaces
 * each value by the first `hashLength` hex digits of HMAC-SHA256(key, value) — the same value
 * always gives the same hash under one key (so joins and counts still work), and without the key
 * it cannot be recomputed from a guess.
 */
export interface AnonymizationConfig {
  readonly drop: readonly string[];
  readonly hash: readonly string[];
  /** The HMAC key (at least 16 characters); required when `hash` names a field. */
  readonly key?: string;
  /** Hex digits kept of the 64 (default 16, i.e. 64 bits). */
  readonly hashLength: number;
}

const schema = z.strictObject({
  drop: z.array(z.string().min(1)).default([]),
  hash: z.array(z.string().min(1)).default([]),
  key: z.string().min(16, 'the key must have at least 16 characters').optional(),
  hashLength: z.number().int().min(8).max(64).default(16),
});

function invalid(where: string, message: string, field: string): VigieError {
  return new VigieError('INVALID_CONFIG', `${where}: ${message}`, { details: { field } });
}

/**
 * Checks an anonymization config (parsed YAML or JSON); `where` names its origin for the message,
 * e.g. `vigie.yaml: anonymize`. Unknown keys, a field both dropped and hashed, and hashing
 * without a key are refused.
 */
export function parseAnonymization(value: unknown, where: string): AnonymizationConfig {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    throw invalid(where, `invalid anonymization at ${path}: ${issue.message}${keys}`, `anonymize.${path}`);
  }
  const c = parsed.data;
  const both = c.drop.find((f) => c.hash.includes(f));
  if (both !== undefined)
    throw invalid(where, `field "${both}" is both dropped and hashed`, 'anonymize.hash');
  if (c.hash.length > 0 && c.key === undefined)
    throw invalid(where, 'hashing fields needs a key (anonymize.key)', 'anonymize.key');
  return c.key === undefined
    ? { drop: c.drop, hash: c.hash, hashLength: c.hashLength }
    : { drop: c.drop, hash: c.hash, key: c.key, hashLength: c.hashLength };
}

/**
 * Refuses a config naming a field the model does not take (a typo would leave the real field in
 * the clear): one line listing the unknown names and the model's inputs.
 */
export function checkAnonymizedFields(
  config: AnonymizationConfig,
  inputs: readonly string[],
  where: string,
): void {
  const known = new Set(inputs);
  const unknown = [...config.drop, ...config.hash].filter((f) => !known.has(f));
  if (unknown.length > 0)
    throw invalid(
      where,
      `anonymization names ${unknown.map((f) => `"${f}"`).join(', ')}, not among the model's inputs (${inputs.join(', ')})`,
      'anonymize',
    );
}

/** The text a value is hashed as: strings as they are, other values as JSON (1 and "1" differ). */
function canonical(value: unknown): string {
  return typeof value === 'string' ? value : `\u0000${JSON.stringify(value)}`;
}

/**
 * A pure function applying a config to one row of inputs (a new object; the row is not changed).
 * Missing values (null, undefined) stay missing so missing-value rates remain observable.
 *
 * @example anonymizer({ drop: ['name'], hash: ['email'], key: 'k'.repeat(16), hashLength: 16 })({ name: 'Ada', email: 'a@b.c', age: 36 })
 * // { email: '…16 hex digits…', age: 36 }
 */
export function anonymizer(
  config: AnonymizationConfig,
): (inputs: Readonly<Record<string, unknown>>) => Record<string, unknown> {
  const drop = new Set(config.drop);
  const hash = new Set(config.hash);
  if (drop.size === 0 && hash.size === 0) return (inputs) => ({ ...inputs });
  const key = config.key ?? '';
  const length = config.hashLength;
  const digest = (value: unknown) =>
    createHmac('sha256', key).update(canonical(value)).digest('hex').slice(0, length);
  return (inputs) => {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(inputs)) {
      if (drop.has(name)) continue;
      const value = inputs[name];
      out[name] = hash.has(name) && value !== null && value !== undefined ? digest(value) : value;
    }
    return out;
  };
}
