import type { CommandContext } from '../context.js';
import { EXIT_FAILED } from '../exit-codes.js';
import { jsonReplacer } from '../outputs.js';

/** Where a flywheel run stopped. */
export type Status =
  | 'not-enough-labels'
  | 'checks-failed'
  | 'gates-failed'
  | 'awaiting-approval'
  | 'candidate-registered'
  | 'shadow-started';

/** What `vigie flywheel --json` prints. */
export interface Outcome {
  kind: 'vigie.flywheel';
  status: Status;
  reason: string;
  route: string;
  baseline: string | null;
  labelled: number | null;
  dataset: {
    id: string;
    semver: string;
    bump: string;
    reason: string;
    /** Labelled rows appended to the train split, and those left out for equalling a validation or test row. */
    appended: number;
    overlapping: number;
    checks: string;
    skippedChecks: string[];
  } | null;
  candidate: { id: string; semver: string } | null;
  evaluation: {
    id: string | null;
    status: string;
    gates: Array<{ check: string; status: string; reason: string }>;
  } | null;
  release: Record<string, unknown> | null;
  next: string | null;
}

const EXIT: Record<Status, number> = {
  'not-enough-labels': 0,
  'checks-failed': EXIT_FAILED,
  'gates-failed': EXIT_FAILED,
  'awaiting-approval': 0,
  'candidate-registered': 0,
  'shadow-started': 0,
};

/** Prints the outcome (JSON or lines) and sets the exit code: 1 when checks or gates failed. */
export function print(ctx: CommandContext, o: Outcome, json: boolean): void {
  ctx.exitCode = EXIT[o.status];
  if (json) {
    const ordered: Outcome = {
      kind: o.kind,
      status: o.status,
      reason: o.reason,
      route: o.route,
      baseline: o.baseline,
      labelled: o.labelled,
      dataset: o.dataset,
      candidate: o.candidate,
      evaluation: o.evaluation,
      release: o.release,
      next: o.next,
    };
    ctx.io.stdout.write(`${JSON.stringify(ordered, jsonReplacer, 2)}\n`);
    return;
  }
  const lines = [`flywheel: ${o.status}: ${o.reason}`];
  if (o.dataset) {
    lines.push(
      `  dataset ${o.dataset.id} (semver ${o.dataset.semver}, ${o.dataset.bump}: ${o.dataset.reason}): ${o.dataset.appended} rows appended to train${o.dataset.overlapping > 0 ? `, ${o.dataset.overlapping} equal to validation or test rows left out` : ''}; checks of the new rows: ${o.dataset.checks}`,
    );
  }
  if (o.candidate) lines.push(`  candidate ${o.candidate.id} (semver ${o.candidate.semver})`);
  for (const g of o.evaluation?.gates ?? []) lines.push(`  gate ${g.check}: ${g.status} (${g.reason})`);
  if (o.release)
    lines.push(`  release ${String(o.release.id ?? '')} ${String(o.release.status ?? '')}`.trimEnd());
  if (o.next) lines.push(`  next: ${o.next}`);
  ctx.io.stdout.write(`${lines.join('\n')}\n`);
}
