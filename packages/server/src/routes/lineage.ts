import { VigieError } from '@vigie/core/errors';
import { z } from 'zod';
import { defineRoute } from '../route.js';
import { Impact, LineageGraph } from '../schemas/index.js';
import { booleanText, idParams } from './params.js';

const tag = 'lineage';

export const lineageRoutes = [
  defineRoute({
    method: 'GET',
    path: '/v1/lineage/{id}',
    operationId: 'lineage',
    summary: 'What a record derives from (up) or what derives from it (down)',
    tag,
    scope: 'read',
    params: idParams,
    query: z.strictObject({ direction: z.enum(['up', 'down']) }),
    responses: { 200: { description: 'the lineage graph', schema: LineageGraph } },
    async handle({ params, query, deps }) {
      return { status: 200, json: await deps.store.lineage(params.id, query.direction) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/impact',
    operationId: 'impact',
    summary: 'Everything derived from a source URI (every retrieval of it), or from all personal data',
    description: 'Give exactly one of `uri` and `personalData=true`.',
    tag,
    scope: 'read',
    query: z.strictObject({
      uri: z.string().optional(),
      personalData: booleanText.optional(),
    }),
    responses: { 200: { description: 'the sources and what derives from them', schema: Impact } },
    async handle({ query, deps }) {
      if ((query.uri === undefined) === (query.personalData !== true))
        throw new VigieError(
          'INVALID_ARGUMENT',
          'give exactly one of the query parameters uri and personalData=true',
          {
            details: { field: 'uri' },
          },
        );
      const what = query.uri !== undefined ? { uri: query.uri } : { personalData: true as const };
      return { status: 200, json: await deps.store.impact(what) };
    },
  }),
];
