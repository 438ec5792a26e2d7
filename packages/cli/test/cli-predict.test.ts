import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDb, readTable } from '@vigie/core/table';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { openOnnxModel } from '../../core/src/models/onnx/open-onnx-model.js';
import { loadModelFixture } from '../../core/test/support/model-fixtures.js';
import { startModelServer } from '../../core/test/support/model-server.js';
import { registerModelCommands } from '../src/commands/model.js';
import { registerPredict } from '../src/commands/predict.js';
import type { CommandContext } from '../src/context.js';
import { EXIT_USAGE, formatError } from '../src/exit-codes.js';
import { listFiles, runCli } from './support/run-cli.js';

/*
 * `vigie predict` end to end: most cases in process (the command on a fresh program, errors mapped
 * to exit codes as main does, so a registry and a model server can be set up beside it), and the
 * real executable once.
 */

const root = mkdtempSync(join(tmpdir(), 'vigie-cli-predict-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

async function vigie(cwd: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      cwd,
      env: {},
    },
    exitCode: 0,
    debug: false,
  };
  const program = new Command('vigie').exitOverride().configureOutput({
    writeOut: (s) => out.push(s),
    writeErr: (s) => err.push(s),
  });
  registerPredict(program, ctx);
  registerModelCommands(program, ctx);
  let code = 0;
  try {
    await program.parseAsync(args, { from: 'user' });
    code = ctx.exitCode;
  } catch (error) {
    err.push(formatError(error, false));
    code = EXIT_USAGE;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const pipeline = loadModelFixture('penguins-pipeline');
const logreg = loadModelFixture('penguins-logreg');
const diabetes = loadModelFixture('diabetes-gbr');

/** A folder with the fixture's rows as data.csv (with a penguin_id column) and its model. */
function workspace(fixture = pipeline): string {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir, { recursive: true });
  const { table } = fixture;
  const header = ['penguin_id', ...table.columns.map((c) => c.name)];
  const lines = [header.join(',')];
  for (let i = 0; i < table.rowCount; i++)
    lines.push(
      [
        `p${i + 1}`,
        ...table.columns.map((c) => {
          if (c.storage === 'dict') return c.codes[i]! < 0 ? '' : c.dictionary[c.codes[i]!];
          if (c.storage === 'float64') return Number.isNaN(c.values[i]) ? '' : String(c.values[i]);
          return '';
        }),
      ].join(','),
    );
  writeFileSync(join(dir, 'data.csv'), `${lines.join('\n')}\n`);
  copyFileSync(fixture.path, join(dir, 'model.onnx'));
  return dir;
}

function readCsv(path: string): { header: string[]; rows: string[][] } {
  const [head, ...rest] = readFileSync(path, 'utf8').trimEnd().split('\n');
  return { header: head!.split(','), rows: rest.map((l) => l.split(',')) };
}

describe('vigie predict', () => {
  it('writes the id, the label and one probability column per class, as scikit-learn predicts', async () => {
    const dir = workspace();
    const r = await vigie(
      dir,
      'predict',
      '--model',
      'model.onnx',
      '--data',
      'data.csv',
      '--out',
      'out/p.csv',
      '--id',
      'penguin_id',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^wrote 333 predictions \(labels and probabilities of 3 classes\) to out\/p\.csv in \d+\.\d s; model .*model\.onnx\n$/,
    );
    const { header, rows } = readCsv(join(dir, 'out/p.csv'));
    expect(header).toEqual(['penguin_id', 'label', 'proba_Adelie', 'proba_Chinstrap', 'proba_Gentoo']);
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 333 }, (_, i) => `p${i + 1}`));
    expect(rows.map((r) => r[1])).toEqual(pipeline.labels);
    let worst = 0;
    rows.forEach((r, i) => {
      for (let j = 0; j < 3; j++)
        worst = Math.max(worst, Math.abs(Number(r[2 + j]) - pipeline.probabilities![i]![j]!));
    });
    expect(worst).toBeLessThan(1e-5);
    expect(listFiles(dir)).toEqual(['data.csv', 'model.onnx', 'out/', 'out/p.csv']);
  });

  it('writes Parquet, and regression values, with a JSON summary', async () => {
    const dir = workspace(diabetes);
    const r = await vigie(
      dir,
      'predict',
      '--model',
      'model.onnx',
      '--data',
      'data.csv',
      '--out',
      'p.parquet',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      format: 'onnx',
      task: 'regression',
      rows: 442,
      probabilities: false,
      columns: ['value'],
      out: 'p.parquet',
      outputFormat: 'parquet',
    });
    await using db = await openDuckDb();
    const t = await readTable(db, join(dir, 'p.parquet'));
    expect(t.rowCount).toBe(442);
    const values = t.columns[0]!.values as Float64Array;
    diabetes.values!.forEach((v, i) => {
      expect(Math.abs(values[i]! - v) / Math.max(1, Math.abs(v))).toBeLessThan(1e-5);
    });
  });

  it('runs a registered model version with its stored signature, verified from the blob store', async () => {
    const dir = workspace(logreg);
    writeFileSync(
      join(dir, 'signature.json'),
      JSON.stringify({ inputs: logreg.signature!.inputs, outputs: [] }),
    );
    const reg = await vigie(
      dir,
      'model',
      'register',
      'clf',
      'model.onnx',
      '--signature',
      'signature.json',
      '--code',
      dir,
    );
    expect(reg.code).toBe(0);
    const r = await vigie(
      dir,
      'predict',
      '--model',
      'clf@1',
      '--data',
      'data.csv',
      '--out',
      'p.csv',
      '--json',
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({
      model: 'clf@1',
      classes: ['Adelie', 'Chinstrap', 'Gentoo'],
      rows: 342,
    });
    expect(readCsv(join(dir, 'p.csv')).rows.map((row) => row[0])).toEqual(logreg.labels);
  });

  it('calls a model server', async () => {
    const dir = workspace();
    await using model = await openOnnxModel(pipeline.path);
    await using server = await startModelServer(model);
    writeFileSync(join(dir, 'signature.json'), JSON.stringify(model.signature));
    const r = await vigie(
      dir,
      'predict',
      '--model',
      `${server.url}/proba/invocations`,
      '--protocol',
      'mlflow',
      '--signature',
      'signature.json',
      '--data',
      'data.csv',
      '--out',
      'p.csv',
      '--header',
      'Authorization: Bearer secret',
    );
    expect(r.stderr).toBe('');
    expect(readCsv(join(dir, 'p.csv')).rows.map((row) => row[0])).toEqual(pipeline.labels);
    expect(server.requests).toHaveLength(1);
  });

  it('fails in one line, exit 2, leaving nothing behind', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'broken.onnx'), 'not a model');
    writeFileSync(join(dir, 'few.csv'), 'bill_length_mm,island\n39.1,Dream\n');
    const cases: Array<[string[], RegExp]> = [
      [
        ['--model', 'broken.onnx'],
        /^vigie: error: .*broken\.onnx: not an ONNX model \(invalid protobuf: .*\)\n$/,
      ],
      [['--model', 'missing.onnx'], /^vigie: error: .*missing\.onnx: no such file\n$/],
      [
        ['--model', 'model.onnx', '--data', 'few.csv'],
        /^vigie: error: .*few\.csv: missing columns "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex" that .*model\.onnx takes as input \(it takes .*\)\n$/,
      ],
      [
        ['--model', 'model.onnx', '--id', 'nope'],
        /^vigie: error: .*data\.csv: no column "nope" \(columns: .*\)\n$/,
      ],
      [['--model', 'model.onnx', '--id', 'label'], /^vigie: error: .*data\.csv: no column "label"/],
      [['--model', 'model.pkl'], /^vigie: error: .*model\.pkl: a pickle is not a model Vigie can run; .*\n$/],
      [['--model', 'not/a.onnx'], /^vigie: error: .*not\/a\.onnx: no such file\n$/],
      [
        ['--model', 'a b@1'],
        /^vigie: error: --model a b@1: no such file, and not a registry reference \(NAME@VERSION or NAME@ALIAS\)\n$/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await vigie(dir, 'predict', '--data', 'data.csv', '--out', 'p.csv', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(listFiles(dir)).toEqual(['broken.onnx', 'data.csv', 'few.csv', 'model.onnx']);
    }
    const unknown = await vigie(dir, 'predict', '--model', 'clf@2', '--data', 'data.csv', '--out', 'p.csv');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^vigie: error: [^\n]*clf@2[^\n]*\n$/);
    expect(existsSync(join(dir, 'p.csv'))).toBe(false);
  });

  it('explains itself in --help', async () => {
    const r = await vigie(root, 'predict', '--help');
    expect(r.stdout).toContain('Usage: vigie predict [options]');
    expect(r.stdout).toContain('$ vigie predict --model penguin-clf@champion --data penguins.parquet');
    expect(r.stdout).toContain('--protocol <name>');
  });

  it('runs as the real executable', async () => {
    const dir = workspace();
    const ok = await runCli(
      ['predict', '--model', 'model.onnx', '--data', 'data.csv', '--out', 'p.parquet', '--id', 'penguin_id'],
      {
        cwd: dir,
      },
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /^wrote 333 predictions \(labels and probabilities of 3 classes\) to p\.parquet in /,
    );
    writeFileSync(join(dir, 'broken.onnx'), 'not a model');
    const bad = await runCli(['predict', '--model', 'broken.onnx', '--data', 'data.csv', '--out', 'q.csv'], {
      cwd: dir,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'vigie: error: broken.onnx: not an ONNX model (invalid protobuf: unsupported wire type 6 at byte 0)\n',
    );
    expect(existsSync(join(dir, 'q.csv'))).toBe(false);
  });
});
