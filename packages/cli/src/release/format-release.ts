import type { Verdict } from '@vigie/core/verdict';
import type { ReleaseStatus } from '@vigie/gateway';
import { type Colors, statusColor } from '../registry/format.js';

/** A share as a percentage; below 0.0001% it is 0% (an interval's bound at 0 is ~1e-18). */
const pct = (x: number) =>
  !Number.isFinite(x) ? 'n/a' : Math.abs(x) < 1e-6 ? '0%' : `${Number((100 * x).toPrecision(3))}%`;

function stateColor(c: Colors, state: ReleaseStatus['state']): string {
  if (state === 'promoted' || state === 'shadow-passed') return c.green(state);
  if (state === 'rolled-back' || state === 'failed') return c.red(state);
  if (state === 'held') return c.yellow(state);
  return c.bold(state);
}

function verdictLine(c: Colors, v: Verdict): string {
  const mark = v.status === 'pass' ? c.green('✓') : v.status === 'fail' ? c.red('✗') : c.yellow('?');
  return `    ${mark} ${v.check} ${statusColor(c, v.status)} ${c.dim('—')} ${v.reason}`;
}

/** A release's status for people: where it is, the latest decision and its verdicts, the history. */
export function formatRelease(c: Colors, s: ReleaseStatus): string {
  const lines = [
    `${c.bold(`release ${s.id}`)}${s.name ? ` (${s.name})` : ''} of ${s.model}: ${s.candidate} against ${s.baseline}, ${s.strategy}`,
    `  state: ${stateColor(c, s.state)}${s.step ? `, canary step ${s.step.index + 1} of ${s.step.of.length} (${s.step.percent}% on the candidate)` : ''}`,
  ];
  if (s.decision) lines.push(`  decision: ${statusColor(c, s.decision.outcome)} — ${s.decision.reason}`);
  if (s.shadow && s.shadow.pairs > 0) {
    const d = s.shadow.disagreement;
    const sd = s.shadow.scoreDifference;
    lines.push(
      `  shadow: ${s.shadow.pairs} compared requests, disagreement ${pct(d.rate)} [${pct(d.ci[0])}, ${pct(d.ci[1])}]${sd ? `, score difference median ${sd.quantiles.p50.toPrecision(3)}, |p95| ${sd.absoluteP95.toPrecision(3)}` : ''}`,
    );
    const worst = s.shadow.slices[0];
    if (worst && s.shadow.sliceBy)
      lines.push(
        `    most divergent slice: ${s.shadow.sliceBy}=${worst.value}, ${worst.count} of ${worst.n} (${pct(worst.rate)})`,
      );
    if (s.shadow.labelled)
      lines.push(
        `    labelled: ${s.shadow.labelled.n}, ${s.shadow.labelled.metric} ${s.shadow.labelled.candidate.toPrecision(3)} (candidate) vs ${s.shadow.labelled.primary.toPrecision(3)} (primary)`,
      );
  }
  if (s.canary)
    lines.push(
      `  canary: ${s.canary.sampleSizes.candidate} candidate and ${s.canary.sampleSizes.baseline} baseline requests at ${pct(s.canary.weight)}`,
    );
  if (s.verdicts.length > 0) {
    lines.push('  checks:');
    for (const v of s.verdicts) lines.push(verdictLine(c, v));
  }
  if (s.rollback)
    lines.push(
      `  rollback: ${s.rollback.automatic ? 'automatic' : 'on request'} at ${s.rollback.at}, route swapped in ${s.rollback.swapMs.toFixed(3)} ms — ${s.rollback.reason}`,
    );
  lines.push('  history:');
  for (const h of s.history)
    lines.push(
      `    ${c.dim(h.at)} ${c.bold(h.type)} ${h.reason}${h.evidence.length > 0 ? c.dim(` [${h.evidence.join(', ')}]`) : ''}`,
    );
  lines.push(
    `  registry: ${s.registry ?? 'none (decisions kept by the gateway only)'}${s.registryError ? c.red(` — last write failed: ${s.registryError}`) : ''}`,
  );
  return lines.join('\n');
}
