import { defineRoute } from '../route.js';
import { Health } from '../schemas/index.js';

export const healthRoutes = [
  defineRoute({
    method: 'GET',
    path: '/v1/health',
    operationId: 'health',
    summary: 'Liveness, with a query to the registry database (no token needed)',
    tag: 'health',
    scope: 'public',
    responses: { 200: { description: 'the server and its registry answer', schema: Health } },
    async handle({ deps }) {
      await deps.store.events({ limit: 1 });
      return { status: 200, json: { status: 'ok' } };
    },
  }),
];
