import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../routes/index.js';
import { openApiDocument, openApiText } from './index.js';

/** Every method of the RegistryStore interface, each of which must have an endpoint. */
const STORE_METHODS = [
  'registerDataset',
  'getDataset',
  'listDatasets',
  'registerModel',
  'getModel',
  'listModels',
  'getSource',
  'listSources',
  'attachAnalysis',
  'listAnalyses',
  'datasetReadiness',
  'markDatasetReady',
  'modelReadiness',
  'recordEvaluation',
  'listEvaluations',
  'recordRelease',
  'recordReleaseEvent',
  'recordDeployment',
  'getRecord',
  'moveAlias',
  'approveAlias',
  'protectAlias',
  'listAliases',
  'listAliasRequests',
  'aliasAt',
  'events',
  'lineage',
  'impact',
];

describe('OpenAPI document', () => {
  it('matches the checked-in schemas/registry-openapi.json (run `npm run openapi` after changing routes)', () => {
    const file = new URL('../../../../schemas/registry-openapi.json', import.meta.url);
    expect(readFileSync(file, 'utf8')).toBe(openApiText());
  });

  it('describes every route, and every RegistryStore method has one', () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { operationId: string }>> };
    const operations = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((o) => o.operationId),
    );
    for (const route of ROUTES) expect(operations).toContain(route.operationId);
    const called = new Set(
      ROUTES.flatMap((r) => [...r.handle.toString().matchAll(/deps\.store\.(\w+)\(/g)].map((m) => m[1])),
    );
    expect(STORE_METHODS.filter((m) => !called.has(m))).toEqual([]);
    expect(new Set(operations).size).toBe(operations.length);
  });

  it('names components only that resolve', () => {
    const text = openApiText();
    const doc = JSON.parse(text) as { components: { schemas: Record<string, unknown> } };
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/(\w+)"/g))
      expect(doc.components.schemas).toHaveProperty(name!);
  });
});
