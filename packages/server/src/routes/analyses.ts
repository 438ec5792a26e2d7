import { z } from 'zod';
import { actorOf } from '../http/auth.js';
import { defineRoute } from '../route.js';
import { Analysis, AttachAnalysisBody } from '../schemas/index.js';
import { requireBlobs } from './blob-refs.js';

const tag = 'analyses';

export const analysisRoutes = [
  defineRoute({
    method: 'POST',
    path: '/v1/analyses',
    operationId: 'attachAnalysis',
    summary: 'Attach an analysis (profile, checks, split, gates, ...) to a dataset or model version',
    tag,
    scope: 'write',
    body: AttachAnalysisBody,
    responses: { 201: { description: 'the analysis', schema: Analysis } },
    async handle({ body, token, deps }) {
      const { subjectId, ...input } = body;
      await requireBlobs(deps.blobs, [{ hash: input.blobHash, what: `${input.kind} analysis blobHash` }]);
      return {
        status: 201,
        json: await deps.store.attachAnalysis(subjectId, { ...input, by: actorOf(token) }),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/analyses',
    operationId: 'listAnalyses',
    summary: 'The analyses of a dataset or model version, oldest first',
    tag,
    scope: 'read',
    query: z.strictObject({ subject: z.string().describe('the version id, e.g. dataset:penguins@3') }),
    responses: { 200: { description: 'analyses', schema: z.array(Analysis) } },
    async handle({ query, deps }) {
      return { status: 200, json: await deps.store.listAnalyses(query.subject) };
    },
  }),
];
