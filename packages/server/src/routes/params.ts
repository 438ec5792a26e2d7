import { z } from 'zod';

// Path and query parameters shared by several routes. Query values arrive as text, so numbers
// and booleans are parsed from it here.

export const refParams = z.strictObject({
  ref: z.string().describe('NAME, NAME@latest, NAME@VERSION (e.g. penguins@3), NAME@SEMVER or NAME@ALIAS'),
});

export const idParams = z.strictObject({
  id: z.string().describe('a record id, e.g. dataset:penguins@3, evaluation:12, source:…'),
});

export const positiveInt = z.coerce.number().int().min(1);

export const booleanText = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listQuery = z.strictObject({
  name: z.string().optional().describe("one name's versions, newest first"),
  limit: positiveInt.max(10_000).optional().describe('at most this many (default 1000)'),
});

export const versionedKind = z.enum(['dataset', 'model']);
