import { countVerdicts } from '../../verdict/index.js';
import type { Report } from '../model.js';
import { renderDrift } from './drift.js';
import { renderComparisons, renderEvaluation } from './evaluation.js';
import { renderExplanation } from './explanation.js';
import { renderProfile } from './profile.js';
import { renderSplit } from './split.js';
import { createStyle } from './style.js';
import { renderCounts, renderVerdicts, statusLabel } from './verdicts.js';

/**
 * The console summary of a report: what was checked, each verdict on one line, the split and its
 * per-split checks, and a last line with the counts and the overall status.
 */
export function renderConsole(report: Report, options: { color?: boolean } = {}): string {
  const style = createStyle(options.color ?? false);
  const out: string[] = [];
  const ds = report.dataset;
  out.push(
    style.bold(`vigie ${report.command}`) +
      (ds ? ` · ${ds.source ?? 'data'} · ${ds.rows} rows × ${ds.columns} columns` : ''),
  );
  if (report.command === 'profile' && report.profile) out.push(renderProfile(report.profile, style));
  if (report.command === 'drift') for (const d of report.drift ?? []) out.push(renderDrift(d.result, style));
  if (report.repair) {
    const lines = report.repair.transformations.map(
      (t) =>
        `repair ${t.name}: ${t.action === 'exclude' ? `${t.affected} rows removed` : `${t.affected} values changed`} (${t.rowsIn} → ${t.rowsOut} rows)`,
    );
    if (report.repair.output) lines.push(`repaired data written to ${report.repair.output}`);
    out.push(style.dim(lines.join('\n')));
  }
  if (report.command === 'check') {
    // Split verdicts are shown with the split below.
    const own = report.verdicts.filter((v) => v.kind !== 'split');
    if (own.length > 0) out.push(renderVerdicts(own, style));
  }
  if (report.evaluation)
    out.push(
      renderEvaluation(report.evaluation.model, report.evaluation.split, report.evaluation.result, style),
    );
  if (report.comparison)
    out.push(
      renderComparisons(
        report.comparison.candidate,
        report.comparison.champion,
        report.comparison.comparisons,
        style,
      ),
    );
  if (report.explanation) out.push(renderExplanation(report.explanation, style));
  if ((report.command === 'evaluate' || report.command === 'compare') && report.verdicts.length > 0)
    out.push(renderVerdicts(report.verdicts, style));
  if (report.split) out.push(renderSplit(report.split, style));
  for (const s of report.splitChecks ?? []) {
    const notPassed = s.verdicts.filter((v) => v.status !== 'pass');
    const head = `checks on the ${s.split} split (${s.rows} rows): ${renderCounts(countVerdicts(s.verdicts), style)}`;
    out.push(notPassed.length === 0 ? head : `${head}\n${renderVerdicts(notPassed, style)}`);
  }
  if (report.counts.total > 0)
    out.push(`${renderCounts(report.counts, style)} → ${statusLabel(report.status, style)}`);
  return `${out.join('\n\n')}\n`;
}
