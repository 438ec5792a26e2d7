import { describe, expect, it } from 'vitest';
import type { RegisterDatasetInput, RegisterModelInput, RegistryStore } from '../../src/registry/index.js';
import { parseRef } from '../../src/registry/index.js';

/** A clock the test moves by hand, so time travel has exact instants. */
export class TestClock {
  private t: number;
  constructor(start = '2026-11-01T00:00:00.000Z') {
    this.t = Date.parse(start);
  }
  now = (): Date => new Date(this.t);
  advance(ms = 1000): string {
    this.t += ms;
    return new Date(this.t).toISOString();
  }
}

export interface ContractHarness {
  /** A new, empty registry on the given clock. */
  open(clock: TestClock): Promise<RegistryStore>;
  /** Tries to rewrite history directly in the backing database (SQL stores only). */
  tamperWithEvents?: (store: RegistryStore) => Promise<void>;
}

const H = (c: string) => c.repeat(64).slice(0, 64);

function dataset(overrides: Partial<RegisterDatasetInput> = {}): RegisterDatasetInput {
  return {
    name: 'penguins',
    by: 'alice',
    contentHash: H('a'),
    format: 'csv',
    sizeBytes: 1000,
    rows: 10,
    schema: [
      { name: 'species', type: 'categorical' },
      { name: 'mass', type: 'numeric' },
    ],
    ...overrides,
  };
}

function model(overrides: Partial<RegisterModelInput> = {}): RegisterModelInput {
  return {
    name: 'clf',
    by: 'alice',
    modelType: 'gbdt',
    hyperparameters: { depth: 3 },
    artifactHash: H('c'),
    artifactFormat: 'onnx',
    sizeBytes: 500,
    ...overrides,
  };
}

async function ready(store: RegistryStore, name: string) {
  const m = await store.getModel(parseRef(name));
  await store.recordEvaluation({
    by: 'ci',
    model: `${m.name}@${m.version}`,
    split: 'validation',
    metrics: { accuracy: { value: 0.9 } },
    status: 'pass',
  });
  await store.recordEvaluation({
    by: 'ci',
    model: `${m.name}@${m.version}`,
    split: 'test',
    metrics: { accuracy: { value: 0.88 } },
    status: 'pass',
  });
  await store.attachAnalysis(m.id, { by: 'ci', kind: 'gates', status: 'pass', blobHash: null });
}

/** The behaviour every RegistryStore must have; run against SQLite, Postgres and HTTP. */
export function registryContract(label: string, harness: ContractHarness): void {
  const withStore = async (fn: (store: RegistryStore, clock: TestClock) => Promise<void>) => {
    const clock = new TestClock();
    const store = await harness.open(clock);
    try {
      await fn(store, clock);
    } finally {
      await store[Symbol.asyncDispose]();
    }
  };

  describe(`RegistryStore contract: ${label}`, () => {
    it('registers versions with gapless numbers and a policy semver, and resolves every kind of reference', () =>
      withStore(async (store, clock) => {
        const v1 = await store.registerDataset(dataset());
        expect(v1.created).toBe(true);
        expect(v1.version).toMatchObject({
          id: 'dataset:penguins@1',
          version: 1,
          semver: '1.0.0',
          createdBy: 'alice',
        });
        expect(v1.version.semverDecision.bump).toBe('initial');
        clock.advance();
        const v2 = await store.registerDataset(dataset({ contentHash: H('b') }));
        expect(v2.version).toMatchObject({ version: 2, semver: '1.0.1' });
        expect(v2.version.semverDecision).toEqual({ bump: 'patch', reason: 'data changed: content' });
        const v3 = await store.registerDataset(
          dataset({ contentHash: H('c'), schema: [{ name: 'species', type: 'categorical' }] }),
        );
        expect(v3.version).toMatchObject({ version: 3, semver: '2.0.0' });
        expect(v3.version.semverDecision.reason).toMatch(/columns removed \(mass\)/);
        const v4 = await store.registerDataset(
          dataset({
            contentHash: H('d'),
            schema: [{ name: 'species', type: 'categorical' }],
            transformations: [
              {
                name: 'impute:mass',
                codeRef: null,
                parameters: { strategy: 'median' },
                rowsIn: 10,
                rowsOut: 10,
              },
            ],
          }),
        );
        expect(v4.version).toMatchObject({ version: 4, semver: '3.0.0' });
        expect(v4.version.semverDecision.reason).toMatch(/transformations/);

        expect((await store.getDataset(parseRef('penguins'))).version).toBe(4);
        expect((await store.getDataset(parseRef('penguins@latest'))).version).toBe(4);
        expect((await store.getDataset(parseRef('penguins@2'))).contentHash).toBe(H('b'));
        expect((await store.getDataset(parseRef('penguins@2.0.0'))).version).toBe(3);
        expect((await store.listDatasets({ name: 'penguins' })).map((d) => d.version)).toEqual([4, 3, 2, 1]);
        await store.registerDataset(dataset({ name: 'other' }));
        expect((await store.listDatasets()).map((d) => `${d.name}@${d.version}`)).toEqual([
          'other@1',
          'penguins@4',
        ]);
      }));

    it('returns the newest version unchanged for an identical registration, attaching only new analyses', () =>
      withStore(async (store) => {
        const first = await store.registerDataset(
          dataset({ analyses: [{ kind: 'profile', status: 'pass', blobHash: H('p') }] }),
        );
        const again = await store.registerDataset(
          dataset({
            analyses: [
              { kind: 'profile', status: 'pass', blobHash: H('p') },
              { kind: 'checks', status: 'pass', blobHash: H('e') },
            ],
          }),
        );
        expect(again.created).toBe(false);
        expect(again.version.id).toBe(first.version.id);
        expect(again.analyses.map((a) => a.kind)).toEqual(['checks']);
        expect((await store.listAnalyses(first.version.id)).map((a) => a.kind)).toEqual([
          'profile',
          'checks',
        ]);
        expect((await store.listDatasets({ name: 'penguins' })).length).toBe(1);
      }));

    it('applies a semver override only with a reason and only forwards', () =>
      withStore(async (store) => {
        await store.registerDataset(dataset());
        await expect(
          store.registerDataset(dataset({ contentHash: H('b'), semver: { to: 'major', reason: ' ' } })),
        ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
        await expect(
          store.registerDataset(dataset({ contentHash: H('b'), semver: { to: '0.9.0', reason: 'why not' } })),
        ).rejects.toMatchObject({ code: 'CONFLICT' });
        const v = await store.registerDataset(
          dataset({ contentHash: H('b'), semver: { to: 'minor', reason: 'relabelled by hand' } }),
        );
        expect(v.version.semver).toBe('1.1.0');
        expect(v.version.semverDecision).toEqual({
          bump: 'override',
          reason: 'relabelled by hand (policy said patch: data changed: content)',
        });
        // the refused attempts used no version number
        expect(v.version.version).toBe(2);
      }));

    it('derives model semver from the lineage diff: pipeline major, model minor, data patch', () =>
      withStore(async (store) => {
        await store.registerDataset(dataset());
        await store.registerDataset(dataset({ contentHash: H('b') }));
        await store.registerDataset(
          dataset({ contentHash: H('c'), schema: [{ name: 'mass', type: 'numeric' }] }),
        );
        const m1 = await store.registerModel(model({ dataset: 'penguins@1' }));
        expect(m1.version).toMatchObject({ semver: '1.0.0', datasetId: 'dataset:penguins@1' });
        const m2 = await store.registerModel(
          model({ dataset: 'penguins@1', hyperparameters: { depth: 4 }, artifactHash: H('d') }),
        );
        expect(m2.version.semver).toBe('1.1.0');
        expect(m2.version.semverDecision.reason).toBe('model changed: hyperparameters (depth)');
        const m3 = await store.registerModel(
          model({ dataset: 'penguins@2', hyperparameters: { depth: 4 }, artifactHash: H('e') }),
        );
        expect(m3.version.semver).toBe('1.1.1');
        expect(m3.version.semverDecision.bump).toBe('patch');
        const m4 = await store.registerModel(
          model({ dataset: 'penguins@3', hyperparameters: { depth: 4 }, artifactHash: H('f') }),
        );
        expect(m4.version.semver).toBe('2.0.0');
        expect(m4.version.semverDecision.reason).toMatch(
          /feature pipeline changed: columns removed \(species\)/,
        );
        const same = await store.registerModel(
          model({ dataset: 'penguins@3', hyperparameters: { depth: 4 }, artifactHash: H('f') }),
        );
        expect(same.created).toBe(false);
        expect((await store.getModel(parseRef('clf'))).version).toBe(4);
      }));

    it('answers NOT_FOUND for unknown references, saying what exists', () =>
      withStore(async (store) => {
        await store.registerDataset(dataset());
        await expect(store.getDataset(parseRef('penguins@9'))).rejects.toMatchObject({
          code: 'NOT_FOUND',
          message: expect.stringMatching(/penguins@9 not found: the newest is penguins@1 \(1\.0\.0\)/),
        });
        await expect(store.getDataset(parseRef('nope'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(store.getModel(parseRef('penguins'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(store.registerModel(model({ dataset: 'missing@1' }))).rejects.toMatchObject({
          code: 'NOT_FOUND',
        });
        await expect(store.registerDataset(dataset({ parents: ['ghost@2'] }))).rejects.toMatchObject({
          code: 'NOT_FOUND',
        });
        await expect(store.lineage('dataset:nope@1', 'up')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }));

    it('rejects invalid names and hashes', () =>
      withStore(async (store) => {
        await expect(store.registerDataset(dataset({ name: 'bad name' }))).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        });
        await expect(store.registerDataset(dataset({ contentHash: 'abc' }))).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        });
        await expect(
          store.moveAlias({ kind: 'dataset', name: 'penguins', alias: 'bad alias', to: '1', by: 'a' }),
        ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      }));

    it('refuses to mark a dataset ready until its required analyses passed, listing what is missing', () =>
      withStore(async (store) => {
        const { version } = await store.registerDataset(
          dataset({ analyses: [{ kind: 'profile', status: 'pass', blobHash: H('p') }] }),
        );
        const before = await store.datasetReadiness(parseRef('penguins@1'));
        expect(before.ready).toBe(false);
        expect(before.requirements.map((r) => [r.name, r.met])).toEqual([
          ['profile', true],
          ['checks', false],
          ['split', false],
        ]);
        await expect(store.markDatasetReady(parseRef('penguins@1'), { by: 'alice' })).rejects.toMatchObject({
          code: 'REFUSED',
          message: expect.stringMatching(
            /not ready for training: checks: no checks analysis attached.*; split: no splits recorded/,
          ),
        });
        const splits = [{ name: 'train', rows: 8, membershipHash: H('1'), blobHash: null }];
        await store.registerDataset(
          dataset({
            contentHash: H('b'),
            splits,
            analyses: [
              { kind: 'profile', status: 'pass', blobHash: H('p') },
              { kind: 'checks', status: 'fail', blobHash: H('q') },
              { kind: 'split', status: 'pass', blobHash: H('r') },
            ],
          }),
        );
        await expect(store.markDatasetReady(parseRef('penguins@2'), { by: 'alice' })).rejects.toMatchObject({
          code: 'REFUSED',
          message: expect.stringMatching(/checks: analysis:\d+: fail, which is not a pass/),
        });
        await store.attachAnalysis('dataset:penguins@2', {
          by: 'alice',
          kind: 'checks',
          status: 'warn',
          blobHash: H('s'),
        });
        const event = await store.markDatasetReady(parseRef('penguins@2'), {
          by: 'alice',
          reason: 'reviewed',
        });
        expect(event).toMatchObject({
          type: 'dataset.ready',
          subjectId: 'dataset:penguins@2',
          actor: 'alice',
          reason: 'reviewed',
        });
        expect(event.evidence).toHaveLength(3);
        expect(version.id).toBe('dataset:penguins@1');
      }));

    it('promotes a model only with metrics on the required splits and passed gates', () =>
      withStore(async (store) => {
        await store.registerModel(model());
        await expect(
          store.moveAlias({ kind: 'model', name: 'clf', alias: 'champion', to: '1', by: 'alice' }),
        ).rejects.toMatchObject({
          code: 'REFUSED',
          message: expect.stringMatching(
            /metrics:validation: no metrics.*metrics:test: no metrics.*gates: no gate run/,
          ),
        });
        await store.recordEvaluation({
          by: 'ci',
          model: 'clf@1',
          split: 'validation',
          metrics: { accuracy: { value: 0.9 } },
          status: 'pass',
        });
        await store.recordEvaluation({
          by: 'ci',
          model: 'clf@1',
          split: 'test',
          metrics: { accuracy: { value: 0.88 } },
          status: 'pass',
        });
        await store.attachAnalysis('model:clf@1', {
          by: 'ci',
          kind: 'gates',
          status: 'fail',
          blobHash: null,
        });
        await expect(
          store.moveAlias({ kind: 'model', name: 'clf', alias: 'champion', to: '1', by: 'alice' }),
        ).rejects.toMatchObject({
          code: 'REFUSED',
          message: expect.stringMatching(/gates: analysis:\d+: fail/),
        });
        await store.attachAnalysis('model:clf@1', {
          by: 'ci',
          kind: 'gates',
          status: 'pass',
          blobHash: null,
        });
        const moved = await store.moveAlias({
          kind: 'model',
          name: 'clf',
          alias: 'champion',
          to: '1',
          by: 'alice',
          action: 'promote',
          evidence: ['evaluation:1'],
        });
        expect(moved.status).toBe('moved');
        if (moved.status !== 'moved') return;
        expect(moved.event).toMatchObject({
          type: 'alias.moved',
          actor: 'alice',
          alias: { from: null, to: 'model:clf@1' },
          evidence: ['evaluation:1'],
          payload: { action: 'promote' },
        });
        expect((await store.getModel(parseRef('clf@champion'))).version).toBe(1);
      }));

    it('protected aliases wait for the approval of someone else', () =>
      withStore(async (store) => {
        await store.registerModel(model());
        await ready(store, 'clf@1');
        await store.protectAlias({
          kind: 'model',
          name: 'clf',
          alias: 'production',
          protect: true,
          by: 'lead',
        });
        const move = await store.moveAlias({
          kind: 'model',
          name: 'clf',
          alias: 'production',
          to: '1',
          by: 'alice',
          reason: 'ship it',
        });
        expect(move.status).toBe('pending');
        if (move.status !== 'pending') return;
        await expect(store.getModel(parseRef('clf@production'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
        expect((await store.listAliasRequests({ status: 'pending' })).map((r) => r.id)).toEqual([
          move.request.id,
        ]);
        await expect(store.approveAlias(move.request.id, { by: 'alice' })).rejects.toMatchObject({
          code: 'REFUSED',
        });
        const approved = await store.approveAlias(move.request.id, { by: 'bob', reason: 'looks good' });
        expect(approved.status).toBe('moved');
        expect((await store.getModel(parseRef('clf@production'))).id).toBe('model:clf@1');
        await expect(store.approveAlias(move.request.id, { by: 'carol' })).rejects.toMatchObject({
          code: 'CONFLICT',
        });
        const types = (
          await store.events({ alias: { kind: 'model', name: 'clf', alias: 'production' } })
        ).map((e) => [e.type, e.actor]);
        expect(types).toEqual([
          ['alias.protected', 'lead'],
          ['alias.requested', 'alice'],
          ['alias.approved', 'bob'],
          ['alias.moved', 'bob'],
        ]);
        const aliases = await store.listAliases('model', 'clf');
        expect(aliases).toMatchObject([{ alias: 'production', targetId: 'model:clf@1', protected: true }]);
      }));

    it('keeps an append-only history that answers what an alias pointed at, at any time', () =>
      withStore(async (store, clock) => {
        await store.registerDataset(dataset());
        await store.registerDataset(dataset({ contentHash: H('b') }));
        const t0 = clock.advance();
        clock.advance();
        await store.moveAlias({ kind: 'dataset', name: 'penguins', alias: 'gold', to: '1', by: 'alice' });
        const t1 = clock.advance();
        clock.advance();
        await store.moveAlias({
          kind: 'dataset',
          name: 'penguins',
          alias: 'gold',
          to: '2',
          by: 'bob',
          reason: 'fresh data',
        });
        const t2 = clock.advance();
        clock.advance();
        await store.moveAlias({
          kind: 'dataset',
          name: 'penguins',
          alias: 'gold',
          to: '1',
          by: 'carol',
          action: 'rollback',
          reason: 'bad rows',
        });
        const t3 = clock.advance();
        const target = { kind: 'dataset' as const, name: 'penguins', alias: 'gold' };
        expect(await store.aliasAt(target, t0)).toBeNull();
        expect(await store.aliasAt(target, t1)).toBe('dataset:penguins@1');
        expect(await store.aliasAt(target, t2)).toBe('dataset:penguins@2');
        expect(await store.aliasAt(target, t3)).toBe('dataset:penguins@1');
        await expect(store.aliasAt(target, 'yesterday')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
        const history = await store.events({ alias: target });
        expect(history.map((e) => [e.actor, e.alias?.from, e.alias?.to, e.payload.action])).toEqual([
          ['alice', null, 'dataset:penguins@1', 'set'],
          ['bob', 'dataset:penguins@1', 'dataset:penguins@2', 'set'],
          ['carol', 'dataset:penguins@2', 'dataset:penguins@1', 'rollback'],
        ]);
        const seqs = (await store.events()).map((e) => e.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(new Set(seqs).size).toBe(seqs.length);
      }));

    if (harness.tamperWithEvents) {
      it('refuses to rewrite the event log, even by direct SQL', () =>
        withStore(async (store) => {
          await store.registerDataset(dataset());
          await expect(harness.tamperWithEvents!(store)).rejects.toThrow(/append-only/);
          expect((await store.events()).length).toBe(1);
        }));
    }

    it('answers lineage both ways and the impact of a source', () =>
      withStore(async (store) => {
        const raw = {
          uri: 'https://example.org/raw.csv',
          contentHash: H('1'),
          owner: 'data-team',
          licence: 'CC0',
          personalData: true,
        };
        await store.registerDataset(dataset({ name: 'raw', sources: [raw] }));
        await store.registerDataset(
          dataset({
            name: 'clean',
            parents: ['raw@1'],
            sources: [{ uri: 'file:///labels.csv', contentHash: H('2') }],
            contentHash: H('b'),
          }),
        );
        await store.registerDataset(dataset({ name: 'unrelated', contentHash: H('c') }));
        await store.registerModel(model({ dataset: 'clean@1' }));
        const deployment = await store.recordDeployment({
          by: 'ops',
          model: 'clf@1',
          target: 'gateway:local',
          status: 'active',
        });
        expect(deployment.id).toMatch(/^deployment:\d+$/);

        const down = await store.lineage('dataset:raw@1', 'down');
        expect(down.root).toMatchObject({ id: 'dataset:raw@1', kind: 'dataset', ref: 'raw@1' });
        expect(down.nodes.map((n) => n.ref)).toEqual(['raw@1', 'clean@1', 'clf@1', deployment.id]);
        expect(down.edges).toContainEqual({ from: 'dataset:raw@1', to: 'dataset:clean@1' });
        expect(down.edges).toContainEqual({ from: 'model:clf@1', to: deployment.id });

        const up = await store.lineage(deployment.id, 'up');
        expect(up.nodes.map((n) => `${n.kind}:${n.ref}`).sort()).toEqual(
          [
            `deployment:${deployment.id}`,
            'model:clf@1',
            'dataset:clean@1',
            'dataset:raw@1',
            'source:https://example.org/raw.csv',
            'source:file:///labels.csv',
          ].sort(),
        );

        const impact = await store.impact({ uri: 'https://example.org/raw.csv' });
        expect(impact.source).toBe('https://example.org/raw.csv');
        expect(impact.sources).toMatchObject([{ owner: 'data-team', licence: 'CC0', personalData: true }]);
        expect(impact.affected.map((n) => `${n.kind}:${n.ref}`)).toEqual([
          'dataset:clean@1',
          'dataset:raw@1',
          'model:clf@1',
          `deployment:${deployment.id}`,
        ]);
        const personal = await store.impact({ personalData: true });
        expect(personal.affected.map((n) => n.id)).toEqual(impact.affected.map((n) => n.id));
        await expect(store.impact({ uri: 'file:///never.csv' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }));

    it('records evaluations, releases and deployments, all readable by id', () =>
      withStore(async (store) => {
        await store.registerModel(model());
        const evaluation = await store.recordEvaluation({
          by: 'ci',
          model: 'clf@latest',
          split: 'test',
          metrics: { f1: { value: 0.8, ci: [0.7, 0.9] } },
          status: 'pass',
          details: { n: 120 },
        });
        const release = await store.recordRelease({
          by: 'ops',
          candidate: 'clf@1',
          spec: { canary: [1, 5, 25] },
          status: 'planned',
        });
        const deployment = await store.recordDeployment({
          by: 'ops',
          model: 'clf@1',
          release: release.id,
          target: 'gw',
          status: 'active',
        });
        expect(await store.getRecord(evaluation.id)).toMatchObject({
          kind: 'evaluation',
          modelId: 'model:clf@1',
          metrics: { f1: { value: 0.8, ci: [0.7, 0.9] } },
        });
        expect(await store.getRecord(release.id)).toMatchObject({
          kind: 'release',
          candidateId: 'model:clf@1',
          spec: { canary: [1, 5, 25] },
        });
        expect(await store.getRecord(deployment.id)).toMatchObject({
          kind: 'deployment',
          releaseId: release.id,
        });
        expect(await store.getRecord('model:clf@1')).toMatchObject({ kind: 'model', semver: '1.0.0' });
        expect((await store.listEvaluations('model:clf@1')).map((e) => e.id)).toEqual([evaluation.id]);
        await expect(store.getRecord('evaluation:999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(
          store.recordDeployment({
            by: 'ops',
            model: 'clf@1',
            release: 'release:999',
            target: 'gw',
            status: 'x',
          }),
        ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }));

    it('records release decisions as release.* events with their evidence, and the release status', () =>
      withStore(async (store, clock) => {
        await store.registerModel(model());
        await store.registerModel(model({ artifactHash: H('d') }));
        const release = await store.recordRelease({
          by: 'ops',
          candidate: 'clf@2',
          baseline: 'clf@1',
          spec: { canary: { steps: [5, 100] } },
          status: 'planned',
        });
        clock.advance();
        const analysis = await store.attachAnalysis(release.id, {
          by: 'gateway',
          kind: 'canary-analysis',
          status: 'pass',
          blobHash: null,
          summary: { weight: 0.05, candidate: 212 },
        });
        expect(analysis).toMatchObject({ subjectId: release.id, kind: 'canary-analysis' });
        expect((await store.listAnalyses(release.id)).map((a) => a.id)).toEqual([analysis.id]);
        const passed = await store.recordReleaseEvent({
          by: 'gateway',
          release: release.id,
          type: 'release.step-passed',
          status: 'canary',
          reason: 'all 5 checks passed at 5%',
          evidence: [analysis.id],
          payload: { weight: 0.05 },
        });
        expect(passed).toMatchObject({
          type: 'release.step-passed',
          subjectId: release.id,
          actor: 'gateway',
          reason: 'all 5 checks passed at 5%',
          evidence: [analysis.id],
          payload: { weight: 0.05, status: 'canary' },
        });
        expect(await store.getRecord(release.id)).toMatchObject({ status: 'canary' });
        await store.recordReleaseEvent({
          by: 'ops',
          release: release.id,
          type: 'release.rolled-back',
          status: 'rolled-back',
        });
        const events = await store.events({ subjectId: release.id });
        expect(events.map((e) => e.type)).toEqual([
          'analysis.attached',
          'release.step-passed',
          'release.rolled-back',
        ]);
        expect(await store.getRecord(release.id)).toMatchObject({ status: 'rolled-back' });
        await expect(
          store.recordReleaseEvent({ by: 'ops', release: release.id, type: 'alias.moved' }),
        ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
        await expect(
          store.recordReleaseEvent({ by: 'ops', release: 'release:999', type: 'release.held' }),
        ).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(
          store.attachAnalysis('release:999', {
            by: 'x',
            kind: 'canary-analysis',
            status: 'pass',
            blobHash: null,
          }),
        ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }));
  });
}
