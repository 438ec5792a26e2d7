import type { Analysis, DatasetVersion, Evaluation, ModelVersion } from './entities.js';

/**
 * What "check that it was done" requires (FEATURES D8, T4): the analyses a dataset version must
 * have passed before it is marked ready for training, and what a model version needs before any
 * alias is moved to it.
 */
export interface ReadinessPolicy {
  dataset: { required: string[] };
  model: { requiredSplits: string[]; gates: boolean };
}

export const DEFAULT_READINESS_POLICY: ReadinessPolicy = {
  dataset: { required: ['profile', 'checks', 'split'] },
  model: { requiredSplits: ['validation', 'test'], gates: true },
};

export interface Requirement {
  name: string;
  met: boolean;
  /** What was found, or what is missing and how to provide it. */
  detail: string;
  /** The records that satisfy it. */
  evidence: string[];
}

export interface Readiness {
  subjectId: string;
  ready: boolean;
  requirements: Requirement[];
}

const PASSING = new Set(['pass', 'warn']);

/** Readiness of a dataset version from its attached analyses; the newest of each kind counts. */
export function datasetReadiness(
  dataset: DatasetVersion,
  analyses: Analysis[],
  policy: ReadinessPolicy['dataset'],
): Readiness {
  const requirements = policy.required.map((kind): Requirement => {
    const latest = newest(analyses.filter((a) => a.kind === kind));
    if (kind === 'split' && dataset.splits.length === 0)
      return {
        name: kind,
        met: false,
        detail: 'no splits recorded with the version (register it with its split)',
        evidence: [],
      };
    if (!latest)
      return {
        name: kind,
        met: false,
        detail: `no ${kind} analysis attached (${HOW[kind] ?? 'attach one'})`,
        evidence: [],
      };
    const met = PASSING.has(latest.status);
    return {
      name: kind,
      met,
      detail: met ? `${latest.id}: ${latest.status}` : `${latest.id}: ${latest.status}, which is not a pass`,
      evidence: [latest.id],
    };
  });
  return { subjectId: dataset.id, ready: requirements.every((r) => r.met), requirements };
}

const HOW: Record<string, string> = {
  profile: 'registering a data file attaches its profile',
  checks: 'vigie check --register, or vigie dataset register --report',
  split: 'vigie check --register with a split, or vigie dataset register --split-dir',
};

/**
 * Readiness of a model version for promotion: metrics for every required split (recorded with
 * the version or by an evaluation) and, when the policy asks, a passed gate run — the newest
 * "gates" analysis or evaluation.
 */
export function modelReadiness(
  model: ModelVersion,
  analyses: Analysis[],
  evaluations: Evaluation[],
  policy: ReadinessPolicy['model'],
): Readiness {
  const requirements: Requirement[] = policy.requiredSplits.map((split) => {
    const own = Object.keys(model.metrics[split] ?? {});
    const evals = evaluations.filter((e) => e.split === split && Object.keys(e.metrics).length > 0);
    const met = own.length > 0 || evals.length > 0;
    return {
      name: `metrics:${split}`,
      met,
      detail: met
        ? `${own.length > 0 ? `${own.length} metrics recorded with the version` : `${evals.length} evaluation(s)`}`
        : `no metrics on the ${split} split (record them at registration or evaluate the model on it)`,
      evidence: evals.map((e) => e.id),
    };
  });
  if (policy.gates) {
    const gateRuns = [
      ...analyses
        .filter((a) => a.kind === 'gates')
        .map((a) => ({ id: a.id, status: a.status, at: a.createdAt })),
      ...evaluations
        .filter((e) => e.details.gates !== undefined)
        .map((e) => ({ id: e.id, status: e.status, at: e.createdAt })),
    ];
    const latest = newest(gateRuns.map((g) => ({ ...g, createdAt: g.at })));
    requirements.push(
      latest
        ? {
            name: 'gates',
            met: latest.status === 'pass',
            detail: `${latest.id}: ${latest.status}${latest.status === 'pass' ? '' : ', which is not a pass'}`,
            evidence: [latest.id],
          }
        : {
            name: 'gates',
            met: false,
            detail: 'no gate run recorded (vigie evaluate with gates)',
            evidence: [],
          },
    );
  }
  return { subjectId: model.id, ready: requirements.every((r) => r.met), requirements };
}

function newest<T extends { createdAt: string; id: string }>(items: T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) if (!best || item.createdAt >= best.createdAt) best = item;
  return best;
}

/** One line listing what is missing, for a refusal. */
export function describeMissing(readiness: Readiness): string {
  return readiness.requirements
    .filter((r) => !r.met)
    .map((r) => `${r.name}: ${r.detail}`)
    .join('; ');
}
