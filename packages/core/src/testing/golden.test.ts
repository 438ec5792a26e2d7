import { describe, expect, it } from 'vitest';
import type { ModelRuntime, ModelSignature } from '../models/runtime.js';
import { createTable, dictColumnFromStrings, float64Column } from '../table/index.js';
import { buildGoldenSet } from './build-golden.js';
import { checkGoldenSet, goldenVerdicts } from './check-golden.js';
import { createFakeModel } from './fake-model.js';
import { fitFakeModel } from './fit-fake-model.js';
import { parseGoldenSet } from './golden-set.js';
import { checkInferenceShape } from './inference-shape.js';

const signature: ModelSignature = {
  task: 'classification',
  inputs: [{ name: 'length', type: 'numeric' }],
  outputs: [],
  classes: ['short', 'medium', 'long'],
};
const lengths = Array.from({ length: 30 }, (_, i) => 30 + i);
const table = createTable([
  float64Column('length', Float64Array.from(lengths)),
  dictColumnFromStrings(
    'kind',
    lengths.map((l) => (l < 40 ? 'short' : l < 50 ? 'medium' : 'long')),
  ),
]);

describe('golden sets', () => {
  it('keeps the rows that trigger each class most surely, and checks them again', async () => {
    const fake = fitFakeModel(table, { label: 'kind', producerVersion: 'test' });
    const set = await buildGoldenSet(fake.model, table, { model: 'fake', perTarget: 2, createdAt: 'then' });
    expect(set.unreachable).toEqual([]);
    expect(set.classes).toEqual(['long', 'medium', 'short']);
    expect(set.cases.map((c) => c.name)).toEqual([
      'long#1',
      'long#2',
      'medium#1',
      'medium#2',
      'short#1',
      'short#2',
    ]);
    // Each golden row is predicted as its class, more surely than any other row predicted so.
    const p = await fake.model.predict(table);
    set.classes!.forEach((cls, k) => {
      const rows = set.cases.filter((c) => c.target === cls).map((c) => c.row! - 1);
      const others = lengths.map((_, i) => i).filter((i) => p.labels![i] === k && !rows.includes(i));
      for (const r of rows) {
        expect(p.labels![r]).toBe(k);
        for (const o of others)
          expect(p.probabilities![r * 3 + k]).toBeGreaterThanOrEqual(p.probabilities![o * 3 + k]!);
      }
    });
    expect(set.cases[0]!.expected.label).toBe('long');
    const back = parseGoldenSet(JSON.stringify(set), 'golden.json');
    const check = await checkGoldenSet(fake.model, back);
    expect(goldenVerdicts(check, 'fake').every((v) => v.status === 'pass')).toBe(true);
    expect(() => parseGoldenSet('{"kind": "other"}', 'g.json')).toThrow('g.json: not a golden set');
  });

  it('says which class no input reaches', async () => {
    // This rule never answers "long": the search (random rows, as it gives no probabilities) cannot find it.
    const model = createFakeModel(signature, {
      kind: 'rule',
      feature: 'length',
      threshold: 40,
      below: 'short',
      above: 'medium',
      otherwise: 'short',
    });
    const set = await buildGoldenSet(model, table, { model: 'rule', exclude: ['kind'] });
    expect(set.unreachable).toEqual(['long']);
    const withLong = createFakeModel(signature, {
      kind: 'rule',
      feature: 'length',
      threshold: 54,
      below: 'medium',
      above: 'long',
      otherwise: 'short',
    });
    const found = await buildGoldenSet(withLong, table, { model: 'rule', exclude: ['kind'] });
    expect(found.cases.filter((c) => c.target === 'long').map((c) => c.source)).toEqual([
      'data',
      'data',
      'data',
    ]);
    expect(found.unreachable).toEqual(['short']);
  });

  it('finds a class by search when the model gives probabilities', async () => {
    // long needs a long bill AND island B; no row of the data has both.
    const twoFeatures: ModelSignature = {
      task: 'classification',
      inputs: [
        { name: 'length', type: 'numeric' },
        { name: 'island', type: 'categorical' },
      ],
      outputs: [],
      classes: ['short', 'long'],
    };
    const model: ModelRuntime = {
      format: 'test',
      signature: twoFeatures,
      async predict(t) {
        const length = t.columns[0]!;
        const island = t.columns[1]!;
        const n = t.rowCount;
        const probabilities = new Float64Array(2 * n);
        const labels = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const x = length.storage === 'float64' ? length.values[i]! : 0;
          const b = island.storage === 'dict' && island.dictionary[island.codes[i]!] === 'B';
          const q = 1 / (1 + Math.exp(-((x - 45) / 2 + (b ? 2 : -3))));
          probabilities[2 * i] = 1 - q;
          probabilities[2 * i + 1] = q;
          labels[i] = q > 0.5 ? 1 : 0;
        }
        return { task: 'classification', rows: n, classes: ['short', 'long'], labels, probabilities };
      },
      async [Symbol.asyncDispose]() {},
    };
    const data = createTable([
      float64Column('length', Float64Array.from([50, 40, 44])),
      dictColumnFromStrings('island', ['A', 'B', 'A']),
    ]);
    const set = await buildGoldenSet(model, data, { model: 'm' });
    expect(set.unreachable).toEqual([]);
    const long = set.cases.find((c) => c.target === 'long')!;
    expect(long).toMatchObject({ name: 'long#search', source: 'search', expected: { label: 'long' } });
    expect(long.inputs).toEqual({ length: 50, island: 'B' });
    expect((await checkGoldenSet(model, set)).targets.every((t) => t.reachable)).toBe(true);
  });

  it('fails when a class is no longer reachable or an answer moved', async () => {
    const fake = fitFakeModel(table, { label: 'kind', producerVersion: 'test' });
    const set = await buildGoldenSet(fake.model, table, { model: 'fake' });
    const collapsed = createFakeModel(fake.signature, { kind: 'constant', output: 'medium' });
    const check = await checkGoldenSet(collapsed, set);
    expect(check.targets).toEqual([
      { target: 'long', reachable: false, cases: 3 },
      { target: 'medium', reachable: true, cases: 3 },
      { target: 'short', reachable: false, cases: 3 },
    ]);
    const medium = check.cases.find((c) => c.target === 'medium')!;
    expect(medium.passed).toBe(false);
    expect(medium.message).toMatch(/^probability of medium moved by 0\.\d+ \(tolerance 0.0001\)$/);
    const failed = goldenVerdicts(check, 'constant').filter((v) => v.status === 'fail');
    expect(failed.map((v) => v.check).slice(0, 2)).toEqual(['reachable:long', 'reachable:short']);
  });

  it('buckets a regression by its predictions', async () => {
    const reg = createFakeModel(
      { task: 'regression', inputs: [], outputs: [] },
      { kind: 'echo', feature: 'length', otherwise: 0 },
    );
    const set = await buildGoldenSet(reg, table, {
      model: 'echo',
      exclude: ['kind'],
      buckets: 2,
      perTarget: 1,
    });
    expect(set.buckets).toEqual([
      { name: '[30, 44)', lo: 30, hi: 44 },
      { name: '[44, 59]', lo: 44, hi: 59 },
    ]);
    expect(set.cases.map((c) => c.expected.value)).toEqual([37, 51]);
    const shifted = createFakeModel(
      { task: 'regression', inputs: [], outputs: [] },
      { kind: 'echo', feature: 'length', offset: 20, otherwise: 0 },
    );
    const check = await checkGoldenSet(shifted, set);
    expect(check.cases.map((c) => c.message)).toEqual([
      'value 57, golden 37; value 57 left the bucket [30, 44)',
      'value 71, golden 51; value 71 left the bucket [44, 59]',
    ]);
  });
});

describe('checkInferenceShape', () => {
  it('flags a model that answers one class for every row, and checks the latency budget', async () => {
    const many = createTable([
      float64Column(
        'length',
        Float64Array.from({ length: 40 }, (_, i) => 30 + i),
      ),
    ]);
    const constant = createFakeModel(signature, { kind: 'constant', output: 'short' });
    const shape = await checkInferenceShape(constant, many, { latencyBudgetMs: 1000, repeats: 3 });
    const byCheck = new Map(shape.verdicts.map((v) => [v.check, v]));
    expect(byCheck.get('class-collapse')).toMatchObject({
      status: 'warn',
      value: 1,
      reason: '100.0% of the rows are predicted short',
    });
    expect(byCheck.get('classes')!.status).toBe('pass');
    expect(byCheck.get('latency')).toMatchObject({ status: 'pass', sampleSizes: { calls: 3, rows: 40 } });
    const rule = createFakeModel(signature, {
      kind: 'rule',
      feature: 'length',
      threshold: 50,
      below: 'short',
      above: 'long',
      otherwise: 'short',
    });
    expect((await checkInferenceShape(rule, many)).verdicts.every((v) => v.status === 'pass')).toBe(true);
  });
});
