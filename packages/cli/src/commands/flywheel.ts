import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { VigieError } from '@vigie/core/errors';
import { parseRef } from '@vigie/core/registry';
import type { Command } from 'commander';
import { readConfig } from '../config.js';
import type { CommandContext } from '../context.js';
import { openSession } from '../data.js';
import { EXIT_FAILED, UsageError } from '../exit-codes.js';
import { checkFeedbackRows } from '../flywheel/feedback-checks.js';
import { registerFeedbackDataset } from '../flywheel/feedback-dataset.js';
import { labelledRows, redact } from '../flywheel/labelled-rows.js';
import { type Outcome, print } from '../flywheel/outcome.js';
import { registryArgs, runStep, stepJson } from '../flywheel/run-step.js';
import { shadowReleaseSpec, startShadowRelease } from '../flywheel/start-shadow.js';
import {
  actorOf,
  addRegistryOptions,
  openCliRegistry,
  policyOf,
  type RegistryFlags,
} from '../registry/open.js';

interface FlywheelFlags extends RegistryFlags {
  config: string;
  log?: string;
  route?: string;
  baseline?: string;
  since?: string;
  until?: string;
  minLabels: number;
  requireApproval?: boolean;
  approve?: string;
  gateway?: string;
  adminToken?: string;
  workDir?: string;
  json?: boolean;
}

export function registerFlywheel(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('flywheel')
    .summary(
      'turn labelled production feedback into a new dataset version, retrain, gate, and shadow the result',
    )
    .description(
      'Reads the labelled predictions of a route from the prediction log (feedback joined to predictions, probes ' +
        'and shadow answers left out), checks them with the checks of vigie.yaml that apply to them, appends them to ' +
        "the train split of the baseline model's dataset version as a new version (a patch: same pipeline, one more " +
        'source, the prediction log), retrains with the same recipe (training: in vigie.yaml, as vigie train), ' +
        'evaluates the result on the unchanged test split with the gates (as vigie evaluate) and, when they pass, ' +
        'starts a shadow release at the gateway. Runs unattended: exit 0 when it did what it could (including "not ' +
        'enough labels yet" and "awaiting approval"), 1 when checks or gates failed, 2 on usage or input errors. ' +
        'Details: docs/flywheel.md.',
    )
    .option('-c, --config <file>', 'the vigie.yaml with the training recipe, label and gates', 'vigie.yaml')
    .option('--log <url>', 'the prediction log: sqlite:PATH, postgres://... or nats://HOST:PORT/STREAM')
    .option(
      '--route <name>',
      "the gateway's route (model name) whose predictions are read (default: training.model)",
    )
    .option('--baseline <ref>', 'the model version in production (default: MODEL@champion)')
    .option('--since <iso>', 'only predictions made at or after this instant')
    .option('--until <iso>', 'only predictions made before this instant')
    .option('--min-labels <n>', 'do nothing below this many labelled predictions', (v) => Number(v), 30)
    .option(
      '--require-approval',
      'stop once the gates pass and print the command that approves the candidate',
    )
    .option(
      '--approve <ref>',
      'approve a candidate a previous run left awaiting approval: start its shadow release',
    )
    .option(
      '--gateway <url>',
      'the gateway where the shadow release starts (without it: stop at "candidate registered")',
    )
    .option('--admin-token <token>', "the gateway's admin token (default: VIGIE_GATEWAY_TOKEN)")
    .option('--work-dir <dir>', 'working folder (default: .vigie/flywheel/ROUTE)')
    .option('--json', 'print the outcome as JSON');
  addRegistryOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ vigie flywheel --log sqlite:predictions.db --gateway http://127.0.0.1:7800
  $ vigie flywheel --log sqlite:predictions.db --since 2026-11-01T00:00:00Z --require-approval --json
  $ vigie flywheel --approve penguin-clf@4 --gateway http://127.0.0.1:7800`,
  );
  cmd.action(async (flags: FlywheelFlags) => {
    const configPath = resolve(ctx.io.cwd, flags.config);
    const config = await readConfig(configPath);
    const modelName = config.training?.model;
    if (!modelName)
      throw new UsageError(`${flags.config}: no training.model: the flywheel retrains that model`);
    const label = config.split?.label ?? config.label;
    if (!label) throw new UsageError(`${flags.config}: no label column (label or split.label)`);
    const route = flags.route ?? modelName;
    const baselineRef = flags.baseline ?? `${modelName}@champion`;
    const token = flags.adminToken ?? ctx.io.env.VIGIE_GATEWAY_TOKEN;
    const json = flags.json === true;
    const empty = {
      route,
      labelled: null,
      dataset: null,
      candidate: null,
      evaluation: null,
      release: null,
      next: null,
    };

    if (flags.approve) {
      if (!flags.gateway) throw new UsageError('--approve starts the shadow release: give --gateway URL');
      await using registry = await openCliRegistry(ctx, flags, policyOf(config.registry?.readiness));
      const candidate = await registry.store.getModel(parseRef(flags.approve));
      const gates = (await registry.store.listAnalyses(candidate.id)).filter((a) => a.kind === 'gates');
      const latest = gates.at(-1);
      if (latest?.status !== 'pass')
        throw new VigieError(
          'REFUSED',
          `${candidate.name}@${candidate.version} has no passed gate run to approve`,
          {
            details: { ref: candidate.id },
          },
        );
      const baseline = await registry.store.getModel(parseRef(baselineRef));
      const spec = shadowReleaseSpec(
        route,
        `${candidate.name}@${candidate.version}`,
        `${baseline.name}@${baseline.version}`,
      );
      const release = await startShadowRelease({ gateway: flags.gateway, token, spec });
      print(
        ctx,
        {
          kind: 'vigie.flywheel',
          ...empty,
          status: 'shadow-started',
          reason: `approved by ${actorOf(ctx, flags)}: shadow release of ${candidate.name}@${candidate.version} started`,
          baseline: baseline.id,
          candidate: { id: candidate.id, semver: candidate.semver },
          release,
        },
        json,
      );
      return;
    }

    if (!flags.log) throw new UsageError('give --log URL: the prediction log with the feedback');
    if (!(flags.minLabels >= 1)) throw new UsageError('--min-labels must be a positive number');
    for (const [option, value] of [
      ['--since', flags.since],
      ['--until', flags.until],
    ] as const)
      if (value !== undefined && Number.isNaN(Date.parse(value)))
        throw new UsageError(`${option} ${value}: expected an ISO 8601 instant such as 2026-11-01T00:00:00Z`);
    // The log compares instants as ISO text in UTC: normalize what was given.
    if (flags.since) flags.since = new Date(flags.since).toISOString();
    if (flags.until) flags.until = new Date(flags.until).toISOString();
    const work = resolve(ctx.io.cwd, flags.workDir ?? join('.vigie', 'flywheel', route));
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });

    // 1. The labelled rows and the new dataset version (the registry is closed before the steps run).
    let phase1: { outcome: Outcome } | { datasetRef: string; baselineId: string; outcome: Outcome };
    {
      await using registry = await openCliRegistry(ctx, flags, policyOf(config.registry?.readiness));
      const baseline = await registry.store.getModel(parseRef(baselineRef));
      if (!baseline.datasetId || !baseline.signature)
        throw new VigieError(
          'REFUSED',
          `${baseline.name}@${baseline.version} records no dataset or signature to retrain from`,
          {
            details: { ref: baseline.id },
          },
        );
      const base = await registry.store.getDataset(parseRef(baseline.datasetId));
      const { rows, ids } = await labelledRows(
        flags.log,
        ctx.io.cwd,
        {
          model: route,
          ...(flags.since ? { since: flags.since } : {}),
          ...(flags.until ? { until: flags.until } : {}),
        },
        { task: baseline.signature.task ?? 'classification', inputs: baseline.signature.inputs },
        label,
      );
      const common = {
        kind: 'vigie.flywheel' as const,
        ...empty,
        baseline: baseline.id,
        labelled: rows.rowCount,
      };
      if (rows.rowCount < flags.minLabels) {
        phase1 = {
          outcome: {
            ...common,
            status: 'not-enough-labels',
            reason: `${rows.rowCount} labelled predictions of route ${route}, fewer than --min-labels ${flags.minLabels}: nothing to do yet`,
          },
        };
      } else {
        await using db = await openSession();
        const { report, skipped } = await checkFeedbackRows({
          db,
          config,
          baseDir: dirname(configPath),
          rows,
        });
        const { registered, appended, overlapping } = await registerFeedbackDataset({
          db,
          registry,
          base,
          rows,
          origin: {
            log: redact(flags.log),
            route,
            since: flags.since ?? null,
            until: flags.until ?? null,
            predictionIds: ids,
          },
          checks: report,
          dir: work,
          by: actorOf(ctx, flags),
        });
        const v = registered.version;
        const dataset = {
          id: v.id,
          semver: v.semver,
          bump: v.semverDecision.bump,
          reason: v.semverDecision.reason,
          appended,
          overlapping,
          checks: report.status,
          skippedChecks: skipped,
        };
        if (report.status === 'fail') {
          const failed = report.verdicts.filter((x) => x.status === 'fail').map((x) => x.check);
          phase1 = {
            outcome: {
              ...common,
              dataset,
              status: 'checks-failed',
              reason: `the labelled rows failed ${failed.join(', ')}: ${v.name}@${v.version} is registered but not marked ready`,
            },
          };
        } else {
          await registry.store.markDatasetReady(parseRef(v.id), {
            by: actorOf(ctx, flags),
            reason: `vigie flywheel: ${rows.rowCount} labelled predictions of ${route} passed the applicable checks`,
          });
          phase1 = {
            datasetRef: `${v.name}@${v.version}`,
            baselineId: baseline.id,
            outcome: { ...common, dataset, status: 'candidate-registered', reason: '' },
          };
        }
      }
    }
    if (!('datasetRef' in phase1)) {
      print(ctx, phase1.outcome, json);
      return;
    }
    const outcome = phase1.outcome;

    // 2. Retrain with the same recipe, as `vigie train` does.
    const train = await runStep(ctx, [
      'train',
      '--config',
      configPath,
      '--dataset',
      phase1.datasetRef,
      '--work-dir',
      join(work, 'train'),
      '--json',
      ...registryArgs(flags),
    ]);
    const trained = stepJson<{ id: string; name: string; version: number; semver: string }>(train);
    if (train.code !== 0 || !trained)
      throw new VigieError(
        'INVALID_ARGUMENT',
        `retraining failed: ${(train.stderr.trim() || train.stdout.trim()).split('\n').at(-1)}`,
      );
    outcome.candidate = { id: trained.id, semver: trained.semver };
    const candidateRef = `${trained.name}@${trained.version}`;

    // 3. Evaluate on the unchanged test split with the gates, as `vigie evaluate` does.
    const evaluation = await runStep(ctx, [
      'evaluate',
      '--config',
      configPath,
      '--model',
      candidateRef,
      '--dataset',
      phase1.datasetRef,
      '--split',
      'test',
      '--json',
      ...registryArgs(flags),
    ]);
    const evaluated = stepJson<{
      status: string;
      evaluation?: string;
      verdicts: Array<{ kind: string; check: string; status: string; reason: string }>;
    }>(evaluation);
    if (!evaluated || (evaluation.code !== 0 && evaluation.code !== EXIT_FAILED))
      throw new VigieError(
        'INVALID_ARGUMENT',
        `evaluation failed: ${(evaluation.stderr.trim() || evaluation.stdout.trim()).split('\n').at(-1)}`,
      );
    const gates = evaluated.verdicts.filter((v) => v.kind === 'gate');
    outcome.evaluation = {
      id: evaluated.evaluation ?? null,
      status: evaluated.status,
      gates: gates.map((g) => ({ check: g.check, status: g.status, reason: g.reason })),
    };
    const failed = gates.filter((g) => g.status === 'fail');
    if (failed.length > 0 || gates.length === 0) {
      outcome.status = 'gates-failed';
      outcome.reason =
        gates.length === 0
          ? `no gates in ${flags.config} apply to the test split: the flywheel never ships an ungated model`
          : `${candidateRef} failed ${failed.map((g) => g.check).join(', ')}; nothing released`;
      if (gates.length === 0) outcome.status = 'gates-failed';
      print(ctx, outcome, json);
      return;
    }

    // 4. Approval, then the shadow release.
    const approveCmd = [
      'vigie flywheel',
      `--config ${flags.config}`,
      `--approve ${candidateRef}`,
      `--gateway ${flags.gateway ?? 'URL'}`,
      ...(flags.route ? [`--route ${flags.route}`] : []),
      ...(flags.baseline ? [`--baseline ${flags.baseline}`] : []),
      ...(flags.registry ? [`--registry ${flags.registry}`] : []),
    ].join(' ');
    if (flags.requireApproval) {
      outcome.status = 'awaiting-approval';
      outcome.reason = `${candidateRef} passed the gates; approval required before its shadow release`;
      outcome.next = approveCmd;
      print(ctx, outcome, json);
      return;
    }
    if (!flags.gateway) {
      outcome.status = 'candidate-registered';
      outcome.reason = `${candidateRef} passed the gates; no --gateway given, so no shadow release was started`;
      outcome.next = approveCmd;
      print(ctx, outcome, json);
      return;
    }
    const baselineName = phase1.baselineId.replace(/^model:/, '');
    outcome.release = await startShadowRelease({
      gateway: flags.gateway,
      token,
      spec: shadowReleaseSpec(route, candidateRef, baselineName),
    });
    outcome.status = 'shadow-started';
    outcome.reason = `${candidateRef} passed the gates; its shadow release started at ${flags.gateway}`;
    print(ctx, outcome, json);
  });
}
