import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createFakeModel } from '@vigie/core/testing';
import { createGateway, type Gateway, servedModel } from '@vigie/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The example service: the same code `node examples/integration/serve.mjs broken|fixed` runs.
import * as brokenPipeline from '../../../examples/integration/pipeline-broken.mjs';
import * as fixedPipeline from '../../../examples/integration/pipeline-fixed.mjs';
import { createPenguinService } from '../../../examples/integration/service.mjs';
import { main } from '../src/main.js';
import { workspace } from './support/run-cli.js';

const example = (name: string) =>
  fileURLToPath(new URL(`../../../examples/integration/${name}`, import.meta.url));
const PENGUINS = fileURLToPath(new URL('../../../examples/quickstart/data/penguins.csv', import.meta.url));
const ws = workspace('vigie-cli-integration-');
// Small batches and short timeouts keep each run near a second.
const FAST = ['--large-batch', '500', '--long-string', '20000', '--nominal-rows', '8'];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/predict`;
}
async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

describe('vigie test-integration --target', () => {
  const broken = createPenguinService({ clean: brokenPipeline.clean, hangOnLongText: true });
  const fixed = createPenguinService({ clean: fixedPipeline.clean, strict: true });
  let brokenUrl = '';
  let fixedUrl = '';
  beforeAll(async () => {
    brokenUrl = await listen(broken);
    fixedUrl = await listen(fixed);
  });
  afterAll(async () => {
    await close(broken);
    await close(fixed);
  });

  it('exits 1 on the broken service, naming each case that got a 5xx or no answer', async () => {
    const r = await ws.run([
      'test-integration',
      '--target',
      brokenUrl,
      '--data',
      PENGUINS,
      '--label',
      'species',
      '--timeout',
      '500',
      ...FAST,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL +case:null:sex +sex: a null value \(missing\): HTTP 500: internal error/);
    expect(r.stdout).toMatch(
      /FAIL +case:long-string:island +island: a 20000-character string: no answer within 500 ms/,
    );
    expect(r.stdout).toMatch(/FAIL +case:invalid-json .*HTTP 500/);
    expect(r.stdout).toMatch(/checks: \d+ pass, 0 warn, \d+ fail/);
    expect(r.stdout).not.toMatch(/FAIL +case:nominal/);
  });

  it('exits 0 on the fixed service; --json and --junit carry every case', async () => {
    const r = await ws.run([
      'test-integration',
      '--target',
      fixedUrl,
      '--data',
      PENGUINS,
      '--label',
      'species',
      '--json',
      '--junit',
      'cases.xml',
      ...FAST,
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ kind: 'vigie.report', command: 'test-integration', status: 'pass' });
    expect(out.integration).toMatchObject({ mode: 'http', target: fixedUrl, failed: [] });
    // One verdict per case, and the shape of the answers to the nominal rows.
    expect(out.verdicts.length).toBe(out.integration.cases + 1);
    expect(out.verdicts.at(-1)).toMatchObject({ kind: 'inference-shape', check: 'class-collapse' });
    const byCheck = new Map(out.verdicts.map((v: { check: string }) => [v.check, v]));
    expect(byCheck.get('case:null:bill_length_mm')).toMatchObject({
      status: 'pass',
      value: 400,
      details: { outcome: 'reject' },
    });
    expect(byCheck.get('case:nominal:batch')).toMatchObject({
      status: 'pass',
      value: 200,
      details: { outcome: 'succeed', rowsOut: 8 },
    });
    const xml = readFileSync(ws.path('cases.xml'), 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(out.verdicts.length);
  });

  it('--strict and --expect narrow what passes', async () => {
    // The fixed service rejects an unseen island: a rule demanding a repair fails, naming the case.
    const r = await ws.run([
      'test-integration',
      '--target',
      fixedUrl,
      '--data',
      PENGUINS,
      '--label',
      'species',
      '--expect',
      'unseen-category:*=repair',
      ...FAST,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /FAIL +case:unseen-category:island .*rejected \(4xx\), expected answered \(repaired\)/,
    );
    const list = await ws.run([
      'test-integration',
      '--target',
      fixedUrl,
      '--data',
      PENGUINS,
      '--label',
      'species',
      '--strict',
      '--list',
      '--json',
    ]);
    expect(list.code).toBe(0);
    const cases = JSON.parse(list.stdout) as Array<{ name: string; expect: string[] }>;
    expect(cases.find((c) => c.name === 'wrong-type-string:bill_length_mm')!.expect).toEqual([
      'reject',
      'drop',
    ]);
    expect(cases.find((c) => c.name === 'null:sex')!.expect).toEqual(['reject', 'drop', 'repair']);
  });
});

describe('vigie test-integration against the gateway', () => {
  let gateway: Gateway;
  let url = '';
  beforeAll(async () => {
    // A fake model (a rule on the flipper length) served by the real gateway, in place of the real model.
    const signature = {
      task: 'classification' as const,
      inputs: [
        { name: 'island', type: 'categorical' },
        { name: 'bill_length_mm', type: 'numeric' },
        { name: 'bill_depth_mm', type: 'numeric' },
        { name: 'flipper_length_mm', type: 'numeric' },
        { name: 'body_mass_g', type: 'numeric' },
        { name: 'sex', type: 'categorical' },
        { name: 'year', type: 'integer' },
      ],
      outputs: [],
      classes: ['Adelie', 'Chinstrap', 'Gentoo'],
    };
    const fake = createFakeModel(signature, {
      kind: 'rule',
      feature: 'flipper_length_mm',
      threshold: 206,
      below: 'Adelie',
      above: 'Gentoo',
      otherwise: 'Adelie',
    });
    gateway = createGateway({ routes: [{ name: 'penguins', primary: servedModel(fake, 'penguins@fake') }] });
    url = `${await gateway.listen(0, '127.0.0.1')}/v1/models/penguins/predict`;
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('passes: every abnormal case gets a clear 4xx or a well-formed answer, nominal ones 200', async () => {
    const r = await ws.run([
      'test-integration',
      '--target',
      url,
      '--data',
      PENGUINS,
      '--label',
      'species',
      '--json',
      ...FAST,
    ]);
    const out = JSON.parse(r.stdout);
    expect(out.integration.failed).toEqual([]);
    expect(r.code).toBe(0);
    const byCheck = new Map(out.verdicts.map((v: { check: string }) => [v.check, v]));
    expect(byCheck.get('case:nominal:batch')).toMatchObject({ value: 200 });
    expect(byCheck.get('case:invalid-json')).toMatchObject({
      status: 'pass',
      details: { outcome: 'reject' },
    });
  });
});

describe('vigie test-integration --module', () => {
  it('catches the cleaning step that crashes on a null, and passes the fixed one', async () => {
    const broken = await ws.run([
      'test-integration',
      '--module',
      example('pipeline-broken.mjs'),
      '--export',
      'clean',
      '--data',
      PENGUINS,
      '--label',
      'species',
      ...FAST,
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(
      /FAIL +case:null:sex +sex: a null value \(missing\): threw TypeError: Cannot read properties of null \(reading 'toLowerCase'\)/,
    );
    expect(broken.stdout).toMatch(/FAIL +case:nan:bill_length_mm .*output column "bill_length_mm" is NaN/);
    expect(broken.stdout).toMatch(/FAIL +case:above-range:body_mass_g .*outside \[2700, 6300\]/);
    const fixed = await ws.run([
      'test-integration',
      '--module',
      `${example('pipeline-fixed.mjs')}:clean`,
      '--data',
      PENGUINS,
      '--label',
      'species',
      '--json',
      ...FAST,
    ]);
    expect(fixed.code).toBe(0);
    const out = JSON.parse(fixed.stdout);
    const outcome = (name: string) =>
      out.verdicts.find((v: { check: string }) => v.check === `case:${name}`).details.outcome;
    expect(outcome('null:sex')).toBe('repair');
    expect(outcome('nan:bill_length_mm')).toBe('drop');
    expect(outcome('case-variant:island')).toBe('repair');
    // Per row: cleanRow returns null to drop a row.
    const perRow = await ws.run([
      'test-integration',
      '--module',
      example('pipeline-fixed.mjs'),
      '--export',
      'cleanRow',
      '--call',
      'row',
      '--data',
      PENGUINS,
      '--label',
      'species',
      ...FAST,
    ]);
    expect(perRow.code).toBe(0);
  });
});

describe('vigie test-integration --skew', () => {
  it('lists the features computed differently at serving time, per column', async () => {
    const r = await ws.run([
      'test-integration',
      '--skew',
      `${example('features-train.mjs')}:features`,
      `${example('features-serve-broken.mjs')}:features`,
      '--data',
      PENGUINS,
      '--json',
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(
      out.integration.skew.skewed.map((s: { column: string; differing: number }) => [s.column, s.differing]),
    ).toEqual([
      ['body_mass_kg', 179],
      ['is_male', 168],
    ]);
    expect(out.integration.skew.skewed[0].examples[0]).toEqual({ row: 1, training: 3.75, serving: 3.8 });
    const ok = await ws.run([
      'test-integration',
      '--skew',
      `${example('features-train.mjs')}:features`,
      `${example('features-serve-fixed.mjs')}:features`,
      '--data',
      PENGUINS,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/4 checks: 4 pass/);
  });
});

describe('vigie test-integration golden and fake', () => {
  it('fits a fake, builds a golden set on it, checks it, and fails a model that lost a class', async () => {
    const fake = await ws.run([
      'test-integration',
      'fake',
      '--data',
      PENGUINS,
      '--label',
      'species',
      '--out',
      'fake.onnx',
      '--json',
    ]);
    expect(fake.code).toBe(0);
    expect(JSON.parse(fake.stdout)).toMatchObject({
      task: 'classification',
      classes: ['Adelie', 'Chinstrap', 'Gentoo'],
    });
    const build = await ws.run([
      'test-integration',
      'golden',
      'build',
      '--model',
      'fake.onnx',
      '--data',
      PENGUINS,
      '--label',
      'species',
      '--out',
      'golden.json',
      '--latency-budget',
      '5000',
    ]);
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/9 inputs for 3 of 3 classes → golden\.json/);
    const golden = JSON.parse(readFileSync(ws.path('golden.json'), 'utf8'));
    expect(golden.cases.map((c: { target: string }) => c.target)).toEqual([
      'Adelie',
      'Adelie',
      'Adelie',
      'Chinstrap',
      'Chinstrap',
      'Chinstrap',
      'Gentoo',
      'Gentoo',
      'Gentoo',
    ]);
    const check = await ws.run([
      'test-integration',
      'golden',
      'check',
      '--model',
      'fake.onnx',
      '--golden',
      'golden.json',
    ]);
    expect(check.code).toBe(0);
    // Another model, fitted on two columns only, answers differently: the check names what moved.
    await ws.run([
      'test-integration',
      'fake',
      '--data',
      PENGUINS,
      '--label',
      'species',
      '--features',
      'island,sex',
      '--out',
      'weak.onnx',
    ]);
    const moved = await ws.run([
      'test-integration',
      'golden',
      'check',
      '--model',
      'weak.onnx',
      '--golden',
      'golden.json',
      '--json',
    ]);
    expect(moved.code).toBe(1);
    const fails = JSON.parse(moved.stdout).verdicts.filter((v: { status: string }) => v.status === 'fail');
    expect(fails.length).toBeGreaterThan(0);
    expect(fails.some((v: { reason: string }) => /probability of \w+ moved by/.test(v.reason))).toBe(true);
  });
});

describe('vigie test-integration usage errors (exit 2)', () => {
  // In process (main, as bin/vigie.js calls it): the same parsing and error mapping, without a process per case.
  async function vigie(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await main(args, {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      cwd: ws.dir,
      env: {},
    });
    return { code, stdout, stderr };
  }

  it('names what is wrong in one line', async () => {
    const none = await vigie('test-integration', '--data', PENGUINS);
    expect(none).toMatchObject({ code: 2 });
    expect(none.stderr).toMatch(/give one of --target URL, --module FILE or --skew TRAIN SERVE/);
    const noExport = await vigie(
      'test-integration',
      '--module',
      example('pipeline-fixed.mjs'),
      '--export',
      'nope',
      '--data',
      PENGUINS,
    );
    expect(noExport.code).toBe(2);
    expect(noExport.stderr).toMatch(/no exported function "nope" \(functions: clean, cleanRow\)/);
    const noFile = await vigie('test-integration', '--module', 'missing.mjs', '--data', PENGUINS);
    expect(noFile.stderr).toBe('vigie: error: --module missing.mjs: no such file\n');
    const badRule = await vigie(
      'test-integration',
      '--module',
      example('pipeline-fixed.mjs'),
      '--data',
      PENGUINS,
      '--expect',
      'null:*=explode',
    );
    expect(badRule.code).toBe(2);
    expect(badRule.stderr).toMatch(/expectation "null:\*=explode"/);
    const noLabel = await vigie(
      'test-integration',
      '--target',
      'http://127.0.0.1:1/x',
      '--data',
      PENGUINS,
      '--label',
      'kind',
    );
    expect(noLabel.code).toBe(2);
    expect(noLabel.stderr).toMatch(/no column "kind"/);
    const twoModes = await vigie(
      'test-integration',
      '--target',
      'http://127.0.0.1:1/x',
      '--module',
      'a.mjs',
      '--data',
      PENGUINS,
    );
    expect(twoModes.code).toBe(2);
  });

  it('--help explains the modes, outcomes, exit codes and subcommands (the real executable)', async () => {
    const help = await ws.run(['test-integration', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--target <url>/);
    expect(help.stdout).toMatch(/golden/);
    expect(help.stdout).toMatch(/^Exit codes: 0 every case passed, 1 a case failed/m);
    expect(help.stdout).toMatch(/^ {2}\$ vigie test-integration --target /m);
  });
});
