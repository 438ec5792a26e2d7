import { z } from 'zod';
import { defineRoute } from '../route.js';
import { Source } from '../schemas/index.js';
import { booleanText, idParams } from './params.js';

const tag = 'sources';

export const sourceRoutes = [
  defineRoute({
    method: 'GET',
    path: '/v1/sources',
    operationId: 'listSources',
    summary: 'Where data came from: every (URI, content hash) registered, oldest first',
    tag,
    scope: 'read',
    query: z.strictObject({
      uri: z.string().optional().describe('only the retrievals of this URI'),
      personalData: booleanText
        .optional()
        .describe('only sources that hold (true) or do not hold personal data'),
    }),
    responses: { 200: { description: 'sources', schema: z.array(Source) } },
    async handle({ query, deps }) {
      return { status: 200, json: await deps.store.listSources(query) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/sources/{id}',
    operationId: 'getSource',
    summary: 'A source by id',
    tag,
    scope: 'read',
    params: idParams,
    responses: { 200: { description: 'the source', schema: Source } },
    async handle({ params, deps }) {
      return { status: 200, json: await deps.store.getSource(params.id) };
    },
  }),
];
