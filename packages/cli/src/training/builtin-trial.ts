import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { VigieError } from '@vigie/core/errors';
import { type BuiltinTrainer, gbdtTrainer, type Params, trainBuiltin } from '@vigie/core/models';
import type { Table } from '@vigie/core/table';
import { VERSION } from '../context.js';

import type { TrialOutcome } from './run-trial.js';

/**
 * One trial of a built-in learner, in process: trains on the train table (the validation table
 * serves early stopping), writes model.onnx and result.json into `dir` as a training command
 * would, and reports the same outcome.
 */
export async function runBuiltinTrial(input: {
  trainer: BuiltinTrainer;
  dir: string;
  train: Table;
  validation: Table | null;
  label: string;
  features?: string[];
  params: Params;
  seed: number;
}): Promise<TrialOutcome> {
  await mkdir(input.dir, { recursive: true });
  const log = join(input.dir, 'train.log');
  const t0 = performance.now();
  try {
    const model = trainBuiltin(
      {
        trainer: input.trainer,
        train: input.train,
        validation: input.validation,
        label: input.label,
        ...(input.features ? { features: input.features } : {}),
        params: input.params,
        seed: input.seed,
        producerVersion: `vigie ${VERSION}`,
      },
      gbdtTrainer,
    );
    const modelPath = join(input.dir, 'model.onnx');
    await writeFile(modelPath, model.onnx);
    const report = { model: 'model.onnx', modelType: model.modelType, params: model.params };
    await writeFile(
      join(input.dir, 'result.json'),
      `${JSON.stringify({ ...report, notes: model.notes }, null, 2)}\n`,
    );
    await writeFile(
      log,
      `${JSON.stringify({ trainer: input.trainer, params: model.params, notes: model.notes })}\n`,
    );
    return { status: 'ok', durationMs: performance.now() - t0, modelPath, report, log };
  } catch (error) {
    if (!(error instanceof VigieError) || error.code === 'INTERNAL') throw error;
    // Bad data or parameters fail every trial the same way: say it once, as an input error.
    throw error;
  }
}
