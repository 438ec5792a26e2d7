import type { DriftResult } from '../../drift/index.js';
import { num, type Style, table } from './style.js';
import { statusLabel } from './verdicts.js';

/** Dataset drift headline, then one row per column. */
export function renderDrift(result: DriftResult, style: Style): string {
  const d = result.datasetDrift;
  const head = `${style.bold('Drift')} ${result.reference.source ?? 'reference'} (${result.reference.rows} rows) → ${result.current.source ?? 'current'} (${result.current.rows} rows)`;
  const verdict = d.drift
    ? style.fail(
        `dataset drift: ${d.driftedColumns} of ${d.evaluatedColumns} columns drifted (${num(d.share * 100)}% ≥ ${num(d.threshold * 100)}%)`,
      )
    : `no dataset drift: ${d.driftedColumns} of ${d.evaluatedColumns} columns drifted (${num(d.share * 100)}% < ${num(d.threshold * 100)}%)`;
  const rows: string[][] = [
    ['status', 'column', 'type', 'method', 'statistic', 'p-value', 'adjusted', 'threshold', 'n ref', 'n cur'],
  ];
  for (const c of result.columns) {
    rows.push([
      statusLabel(c.status, style),
      c.name,
      c.type,
      c.method,
      num(c.statistic),
      c.pvalue === null ? '—' : num(c.pvalue),
      c.pvalueAdjusted === null ? '—' : num(c.pvalueAdjusted),
      num(c.threshold),
      String(c.referenceSize),
      String(c.currentSize),
    ]);
  }
  const notes = result.columns
    .filter((c) => c.status === 'inconclusive' || (c.newCategories && c.newCategories.length > 0) || !c.exact)
    .map((c) => {
      if (c.status === 'inconclusive') return `${c.name}: ${c.reason}`;
      if (c.newCategories && c.newCategories.length > 0)
        return `${c.name}: new categories ${c.newCategories
          .slice(0, 5)
          .map((x) => JSON.stringify(x))
          .join(', ')}`;
      return `${c.name}: computed from a profile sketch (approximate)`;
    });
  return [
    head,
    verdict,
    table(rows, style, ['l', 'l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r']),
    ...notes.map((n) => style.dim(`note: ${n}`)),
  ].join('\n');
}
