import { defineRoute, type Route } from '../route.js';
import { OpenApiDocument } from '../schemas/index.js';
import { aliasRoutes } from './aliases.js';
import { analysisRoutes } from './analyses.js';
import { blobRoutes } from './blobs.js';
import { datasetRoutes } from './datasets.js';
import { eventRoutes } from './events.js';
import { healthRoutes } from './health.js';
import { lineageRoutes } from './lineage.js';
import { modelRoutes } from './models.js';
import { readinessRoutes } from './readiness.js';
import { recordRoutes } from './records.js';
import { sourceRoutes } from './sources.js';

const domainRoutes: Route[] = [
  ...datasetRoutes,
  ...modelRoutes,
  ...readinessRoutes,
  ...sourceRoutes,
  ...analysisRoutes,
  ...recordRoutes,
  ...aliasRoutes,
  ...eventRoutes,
  ...lineageRoutes,
  ...blobRoutes,
  ...healthRoutes,
];

/** Every route of the API, the document describing them included. */
export const ROUTES: readonly Route[] = [
  ...domainRoutes,
  defineRoute({
    method: 'GET',
    path: '/v1/openapi.json',
    operationId: 'openapi',
    summary: 'This document (no token needed)',
    tag: 'health',
    scope: 'public',
    responses: { 200: { description: 'the OpenAPI 3.1 document', schema: OpenApiDocument } },
    async handle({ deps }) {
      return { status: 200, json: deps.openapi() };
    },
  }),
];
