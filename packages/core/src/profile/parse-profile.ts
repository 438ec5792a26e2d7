import { z } from 'zod';
import { VigieError } from '../errors/index.js';
import { type DatasetProfile, PROFILE_SCHEMA_VERSION } from './types.js';

const column = z
  .object({
    name: z.string(),
    type: z.enum(['numeric', 'integer', 'boolean', 'categorical', 'datetime', 'text', 'id']),
    kind: z.enum(['numeric', 'categorical', 'boolean']),
    count: z.number().int().min(0),
    missing: z.number().int().min(0),
  })
  .passthrough();

const profile = z
  .object({
    schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
    kind: z.literal('vigie.profile'),
    rows: z.number().int().min(0),
    columns: z.array(column),
    contentHash: z.string(),
  })
  .passthrough();

/**
 * Parses the text of a saved profile, checking its kind, version and the fields drift relies on.
 * Sketches inside are checked when they are used (KllSketch.fromJSON / HyperLogLog.fromJSON).
 */
export function parseProfile(text: string, file = 'profile.json'): DatasetProfile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new VigieError('PARSE_ERROR', `${file}: not valid JSON (${(cause as Error).message})`, {
      cause,
      details: { file },
    });
  }
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind !== 'vigie.profile') {
    throw new VigieError('PARSE_ERROR', `${file}: not a Vigie profile (expected "kind": "vigie.profile")`, {
      details: { file },
    });
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version !== PROFILE_SCHEMA_VERSION) {
    throw new VigieError(
      'UNSUPPORTED',
      `${file}: profile schema version ${String(version)} is not supported (this Vigie reads ${PROFILE_SCHEMA_VERSION})`,
      { details: { file } },
    );
  }
  const parsed = profile.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new VigieError(
      'PARSE_ERROR',
      `${file}: invalid profile at ${issue.path.join('.') || 'top level'}: ${issue.message}`,
      { details: { file } },
    );
  }
  return parsed.data as unknown as DatasetProfile;
}
