import { describe, expect, it } from 'vitest';
import {
  bumpSemver,
  canonicalJson,
  datasetBump,
  decideSemver,
  type ModelLineage,
  modelBump,
} from './semver.js';

const dataset = {
  schema: [
    { name: 'a', type: 'numeric' },
    { name: 'b', type: 'categorical' },
  ],
  transformations: [
    { name: 'impute:a', codeRef: 'vigie@0.1.0', parameters: { strategy: 'median' }, rowsIn: 10, rowsOut: 10 },
  ],
  contentHash: 'x',
  sourceIds: ['source:1'],
};

const model: ModelLineage = {
  modelType: 'gbdt',
  hyperparameters: { depth: 3, lr: 0.1 },
  trainingCode: { gitCommit: 'abc', command: 'python train.py', path: '/repo' },
  artifactHash: 'm1',
  inputs: [{ name: 'a', type: 'numeric' }],
  dataset: { ...dataset, id: 'dataset:d@1' },
};

describe('the semver policy (pipeline → major, model → minor, data → patch)', () => {
  it('datasets: schema and transformations are the pipeline; content and sources are data', () => {
    expect(datasetBump(dataset, { ...dataset, contentHash: 'y' })).toEqual({
      bump: 'patch',
      reason: 'data changed: content',
    });
    expect(datasetBump(dataset, { ...dataset, sourceIds: ['source:2'] }).bump).toBe('patch');
    expect(
      datasetBump(dataset, { ...dataset, schema: [{ name: 'a', type: 'integer' }, dataset.schema[1]!] }),
    ).toEqual({
      bump: 'major',
      reason: 'feature pipeline changed: types changed (a: numeric → integer)',
    });
    const retuned = [{ ...dataset.transformations[0]!, parameters: { strategy: 'mean' } }];
    expect(datasetBump(dataset, { ...dataset, transformations: retuned }).bump).toBe('major');
    // row counts are outcomes, not the pipeline
    const recounted = [{ ...dataset.transformations[0]!, rowsIn: 12, rowsOut: 12 }];
    expect(datasetBump(dataset, { ...dataset, transformations: recounted, contentHash: 'z' }).bump).toBe(
      'patch',
    );
  });

  it('models: input signature and training pipeline major; type, hyperparameters, code minor; data patch', () => {
    expect(modelBump(model, { ...model, inputs: [{ name: 'b', type: 'numeric' }] }).bump).toBe('major');
    expect(modelBump(model, { ...model, dataset: { ...model.dataset!, schema: [] } }).bump).toBe('major');
    expect(modelBump(model, { ...model, hyperparameters: { lr: 0.1, depth: 4 } })).toEqual({
      bump: 'minor',
      reason: 'model changed: hyperparameters (depth)',
    });
    expect(modelBump(model, { ...model, hyperparameters: { depth: 3, lr: 0.1 } }).reason).toBe(
      'no lineage change',
    );
    expect(modelBump(model, { ...model, modelType: 'logistic' }).reason).toBe(
      'model changed: type gbdt → logistic',
    );
    expect(
      modelBump(model, { ...model, trainingCode: { ...model.trainingCode!, gitCommit: 'def' } }).bump,
    ).toBe('minor');
    expect(
      modelBump(model, { ...model, dataset: { ...model.dataset!, id: 'dataset:d@2', contentHash: 'y' } }),
    ).toEqual({
      bump: 'patch',
      reason: 'training data changed: training dataset version',
    });
  });

  it('decides the semver: initial, policy bump, or a forward override with its reason', () => {
    expect(decideSemver(null, null, undefined)).toEqual({
      semver: '1.0.0',
      decision: { bump: 'initial', reason: 'first version' },
    });
    expect(decideSemver('1.4.2', { bump: 'minor', reason: 'r' }, undefined).semver).toBe('1.5.0');
    expect(
      decideSemver('1.4.2', { bump: 'patch', reason: 'r' }, { to: '3.0.0', reason: 'marketing' }),
    ).toEqual({
      semver: '3.0.0',
      decision: { bump: 'override', reason: 'marketing (policy said patch: r)' },
    });
    expect(() => decideSemver('1.4.2', null, { to: '1.4.2', reason: 'x' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(() => decideSemver('1.4.2', null, { to: 'huge', reason: 'x' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(bumpSemver('1.9.9', 'major')).toBe('2.0.0');
  });

  it('compares JSON regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(
      '{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}',
    );
  });
});
