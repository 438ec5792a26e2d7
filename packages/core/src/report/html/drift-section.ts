import type { ColumnDrift, DriftResult } from '../../drift/index.js';
import type { ColumnProfile, DatasetProfile } from '../../profile/index.js';
import { countVerdicts } from '../../verdict/index.js';
import type { Report } from '../model.js';
import { driftPanel } from './drift-plots.js';
import { esc } from './escape.js';
import { count, num, pct } from './format.js';
import { badge, filters, numCell, section, thead, toggleCell } from './parts.js';

const HEAD = [
  '',
  'Status',
  'Column',
  'Type',
  'Method',
  '#Statistic',
  '#p-value',
  '#Adjusted p',
  '#Threshold',
  'Decision',
  '#n ref',
  '#n cur',
  'Reason',
];

/** A bar of the drifted share with the threshold marked, for the dataset-drift headline. */
function shareMeter(share: number, threshold: number, drift: boolean): string {
  const w = 240;
  const x = (s: number) => Math.max(0, Math.min(1, s)) * w;
  const label = `${pct(share)} of columns drifted; threshold ${pct(threshold)}`;
  return (
    `<svg class="meter" viewBox="0 0 ${w} 14" width="${w}" height="14" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>` +
    `<rect class="track" x="0" y="3" width="${w}" height="8" rx="2"/>` +
    `<rect class="${drift ? 'fill fail' : 'fill pass'}" x="0" y="3" width="${x(share).toFixed(1)}" height="8" rx="2"/>` +
    `<line class="thr" x1="${x(threshold).toFixed(1)}" x2="${x(threshold).toFixed(1)}" y1="0" y2="14"/></svg>`
  );
}

export function driftSummary(result: DriftResult): string {
  const d = result.datasetDrift;
  const verdict = d.drift
    ? '<strong class="fail-t">Dataset drift</strong>'
    : '<strong>No dataset drift</strong>';
  const cmp = d.drift ? '≥' : '<';
  return (
    `<p>${esc(result.reference.source ?? 'reference')} (${esc(count(result.reference.rows))} rows) → ` +
    `${esc(result.current.source ?? 'current')} (${esc(count(result.current.rows))} rows); multiple-testing correction ${esc(result.correction)}.</p>` +
    `<p class="summary">${verdict}: ${esc(count(d.driftedColumns))} of ${esc(count(d.evaluatedColumns))} columns drifted ` +
    `(${esc(pct(d.share))} ${esc(cmp)} threshold ${esc(pct(d.threshold))}) ${shareMeter(d.share, d.threshold, d.drift)}</p>`
  );
}

function decision(c: ColumnDrift): string {
  if (c.drift === null) return '<span class="m">undecided</span>';
  return c.drift ? '<strong>drift</strong>' : 'no drift';
}

function row(
  c: ColumnDrift,
  ref: Map<string, ColumnProfile> | null,
  cur: Map<string, ColumnProfile> | null,
): string {
  const panel = driftPanel(c, ref?.get(c.name), cur?.get(c.name));
  return (
    `<tr data-status="${esc(c.status)}">${toggleCell(c.name, panel)}<td>${badge(c.status)}</td><th scope="row">${esc(c.name)}</th>` +
    `<td>${esc(c.type)}</td><td>${esc(c.method)}${c.exact ? '' : ' <span class="m" title="from a profile sketch">≈</span>'}</td>` +
    numCell(num(c.statistic)) +
    numCell(num(c.pvalue)) +
    numCell(num(c.pvalueAdjusted)) +
    numCell(num(c.threshold)) +
    `<td>${decision(c)}</td>` +
    numCell(count(c.referenceSize)) +
    numCell(count(c.currentSize)) +
    `<td class="reason">${esc(c.reason)}</td></tr>`
  );
}

function byName(profile: DatasetProfile | undefined): Map<string, ColumnProfile> | null {
  return profile ? new Map(profile.columns.map((c) => [c.name, c])) : null;
}

/** One drift comparison: the dataset-drift headline and a row per column, opening on plots. */
export function driftBlock(entry: NonNullable<Report['drift']>[number], id: string): string {
  const { result } = entry;
  const ref = byName(entry.reference);
  const cur = byName(entry.current);
  const counts = countVerdicts(result.columns);
  const table =
    result.columns.length === 0
      ? '<p class="m">No column was compared.</p>'
      : filters(id, 'Columns', counts) +
        `<div class="scroll"><table id="${id}" class="drift"><caption class="sr">Drift per column (${esc(entry.name)})</caption>` +
        thead(HEAD) +
        `<tbody>${result.columns.map((c) => row(c, ref, cur)).join('')}</tbody></table></div>`;
  return driftSummary(result) + table;
}

export function driftSection(drift: NonNullable<Report['drift']>): string {
  const blocks = drift.map((entry, i) => {
    const body = driftBlock(entry, `drift-table-${i}`);
    return drift.length > 1 ? `<h3>${esc(entry.name)}</h3>${body}` : body;
  });
  return section('drift', 'Drift', blocks.join(''));
}
