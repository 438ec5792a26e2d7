import type { Verdict, VerdictCounts, VerdictStatus } from '../../verdict/index.js';
import { num, padEnd, type Style } from './style.js';

const LABEL: Record<VerdictStatus, string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
};

export function statusLabel(status: VerdictStatus, style: Style): string {
  return style[status](LABEL[status]);
}

function effect(v: Verdict): string {
  if (!v.effectSize?.ci) return '';
  const [lo, hi] = v.effectSize.ci;
  return ` [95% CI ${num(lo)}–${num(hi)}]`;
}

/** One line per verdict, with examples and "what would decide it" indented below. */
export function renderVerdicts(verdicts: readonly Verdict[], style: Style): string {
  const width = Math.min(48, Math.max(0, ...verdicts.map((v) => v.check.length)));
  const lines: string[] = [];
  for (const v of verdicts) {
    lines.push(
      `${padEnd(statusLabel(v.status, style), 12)} ${padEnd(v.check, width)}  ${v.reason}${v.status === 'pass' ? '' : effect(v)}`,
    );
    if (v.status !== 'pass' && v.examples && v.examples.length > 0) {
      const ex = v.examples
        .map((e) =>
          [
            e.row !== undefined ? `row ${e.row}` : '',
            e.value !== undefined && e.value !== null ? JSON.stringify(e.value) : '',
          ]
            .filter(Boolean)
            .join(' '),
        )
        .join(', ');
      lines.push(style.dim(`${' '.repeat(13)}e.g. ${ex}`));
    }
    if (v.status === 'inconclusive' && v.decideBy)
      lines.push(style.dim(`${' '.repeat(13)}would decide it: ${v.decideBy}`));
  }
  return lines.join('\n');
}

export function renderCounts(counts: VerdictCounts, style: Style): string {
  const parts = [
    `${counts.pass} pass`,
    counts.warn > 0 ? style.warn(`${counts.warn} warn`) : `${counts.warn} warn`,
    counts.fail > 0 ? style.fail(`${counts.fail} fail`) : `${counts.fail} fail`,
    counts.inconclusive > 0
      ? style.inconclusive(`${counts.inconclusive} inconclusive`)
      : `${counts.inconclusive} inconclusive`,
  ];
  return `${counts.total} checks: ${parts.join(', ')}`;
}
