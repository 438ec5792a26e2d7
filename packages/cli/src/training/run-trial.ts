import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { VigieError } from '@vigie/core/errors';
import type { Params } from '@vigie/core/models';

/** What a training command is given: the files and settings, through environment variables. */
export interface TrialInput {
  command: string;
  cwd: string;
  dir: string;
  train: string;
  validation: string;
  label: string;
  params: Params;
  seed: number;
  timeoutMs: number;
  env: Readonly<Record<string, string | undefined>>;
}

/** What the command reported in `$VIGIE_OUTPUT/result.json` (every field optional). */
export interface TrialReport {
  model?: string;
  modelType?: string;
  params?: Record<string, unknown>;
  metrics?: Record<string, Record<string, number>>;
  signature?: unknown;
}

export interface TrialOutcome {
  status: 'ok' | 'failed';
  /** Why it failed: the exit code and the last lines of its output, or the missing model file. */
  error?: string;
  durationMs: number;
  modelPath?: string;
  report: TrialReport;
  log: string;
}

/**
 * Runs the training command once in `dir`, the contract of docs/evaluation.md:
 * VIGIE_TRAIN and VIGIE_VALIDATION (CSV files; the test split is never given), VIGIE_LABEL,
 * VIGIE_PARAMS (a JSON file of hyperparameters), VIGIE_PARAMS_JSON (the same inline), VIGIE_SEED,
 * and VIGIE_OUTPUT, the folder where it writes the model (`model.onnx` unless result.json names
 * another file) and, optionally, result.json. Its output goes to `train.log`.
 */
export async function runTrial(input: TrialInput): Promise<TrialOutcome> {
  await mkdir(input.dir, { recursive: true });
  const paramsFile = join(input.dir, 'params.json');
  await writeFile(paramsFile, `${JSON.stringify(input.params, null, 2)}\n`);
  const logPath = join(input.dir, 'train.log');
  const log = createWriteStream(logPath);
  const tail: string[] = [];
  const keep = (b: Buffer) => {
    log.write(b);
    tail.push(...b.toString().split('\n'));
    if (tail.length > 40) tail.splice(0, tail.length - 40);
  };
  const t0 = performance.now();
  const code = await new Promise<number | string>((done, fail) => {
    const child = spawn(input.command, {
      shell: true,
      cwd: input.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...input.env,
        VIGIE_TRAIN: input.train,
        VIGIE_VALIDATION: input.validation,
        VIGIE_LABEL: input.label,
        VIGIE_PARAMS: paramsFile,
        VIGIE_PARAMS_JSON: JSON.stringify(input.params),
        VIGIE_SEED: String(input.seed),
        VIGIE_OUTPUT: resolve(input.dir),
      },
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), input.timeoutMs);
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(
        new VigieError(
          'INVALID_ARGUMENT',
          `cannot run the training command "${input.command}": ${e.message}`,
          { cause: e },
        ),
      );
    });
    child.on('close', (c, signal) => {
      clearTimeout(timer);
      done(
        c ??
          (signal === 'SIGKILL'
            ? `killed after the ${input.timeoutMs / 1000} s timeout`
            : `killed by ${signal}`),
      );
    });
  });
  await new Promise((r) => log.end(r));
  const durationMs = performance.now() - t0;
  const lastLines = tail
    .filter((l) => l.trim())
    .slice(-5)
    .join(' | ');
  if (code !== 0)
    return {
      status: 'failed',
      error: `${typeof code === 'number' ? `exit code ${code}` : code}${lastLines ? `: ${lastLines}` : ''}`,
      durationMs,
      report: {},
      log: logPath,
    };
  const report = await readReport(join(input.dir, 'result.json'));
  const modelPath = resolve(input.dir, report.model ?? 'model.onnx');
  if (!existsSync(modelPath))
    return {
      status: 'failed',
      error: `the command succeeded but wrote no model at ${modelPath} (write $VIGIE_OUTPUT/model.onnx, or name the file in result.json)`,
      durationMs,
      report,
      log: logPath,
    };
  return { status: 'ok', durationMs, modelPath, report, log: logPath };
}

async function readReport(path: string): Promise<TrialReport> {
  if (!existsSync(path)) return {};
  const text = await readFile(path, 'utf8');
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as TrialReport;
  } catch (cause) {
    throw new VigieError(
      'PARSE_ERROR',
      `${path}: the training command wrote invalid JSON (${(cause as Error).message})`,
      {
        cause,
        details: { file: path },
      },
    );
  }
}
