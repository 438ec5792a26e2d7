import { z } from 'zod';
import { defineRoute } from '../route.js';
import { RegistryEvent } from '../schemas/index.js';
import { positiveInt, versionedKind } from './params.js';

const instant = z
  .string()
  .refine(
    (v) => !Number.isNaN(Date.parse(v)),
    'expected a date and time (ISO 8601, e.g. 2026-11-30T12:00:00Z)',
  );

export const eventRoutes = [
  defineRoute({
    method: 'GET',
    path: '/v1/events',
    operationId: 'listEvents',
    summary: 'The append-only event log, oldest first, filtered',
    tag: 'events',
    scope: 'read',
    query: z.strictObject({
      subject: z.string().optional().describe('events about this record id'),
      type: z.string().optional().describe('e.g. alias.moved'),
      aliasKind: versionedKind.optional(),
      aliasName: z.string().optional(),
      alias: z.string().optional(),
      until: instant.optional().describe('events at or before this time'),
      afterSeq: z.coerce.number().int().min(0).optional().describe('events after this sequence number'),
      limit: positiveInt.optional().describe('at most this many (default 10000)'),
    }),
    responses: { 200: { description: 'events', schema: z.array(RegistryEvent) } },
    async handle({ query, deps }) {
      const { subject, aliasKind, aliasName, alias, ...rest } = query;
      const aliasFilter = {
        ...(aliasKind ? { kind: aliasKind } : {}),
        ...(aliasName !== undefined ? { name: aliasName } : {}),
        ...(alias !== undefined ? { alias } : {}),
      };
      const filter = {
        ...rest,
        ...(subject !== undefined ? { subjectId: subject } : {}),
        ...(Object.keys(aliasFilter).length > 0 ? { alias: aliasFilter } : {}),
      };
      return { status: 200, json: await deps.store.events(filter) };
    },
  }),
];
