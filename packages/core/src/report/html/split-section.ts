import type { SplitResult } from '../../split/index.js';
import type { Verdict } from '../../verdict/index.js';
import type { Report } from '../model.js';
import { esc } from './escape.js';
import { count, num, pct, pctOf } from './format.js';
import { numCell, section, thead } from './parts.js';
import { verdictTable } from './verdicts-section.js';

const SPLITS = ['train', 'validation', 'test'] as const;

function parts(s: SplitResult): string {
  const rows = s.splits
    .map(
      (p) =>
        `<tr><th scope="row">${esc(p.name)}</th>${numCell(count(p.rows))}${numCell(pct(p.share))}${numCell(pct(s.ratios[p.name]))}` +
        `<td><code title="SHA-256 ${esc(p.membershipHash)}">${esc(p.membershipHash.slice(0, 16))}</code></td></tr>`,
    )
    .join('');
  return `<table class="parts"><caption>Splits</caption>${thead(['Split', '#Rows', '#Share', '#Target', 'Membership SHA-256'])}<tbody>${rows}</tbody></table>`;
}

function how(s: SplitResult): string {
  const items: Array<[string, string]> = [
    ['method', s.method],
    ['seed', String(s.seed)],
    ['rows', count(s.rows)],
  ];
  if (s.label) items.push(['stratified by', s.label]);
  if (s.key) items.push(['key', s.key]);
  if (s.group) items.push(['group', s.group]);
  return `<dl class="facts">${items.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`;
}

function stratification(s: SplitResult): string {
  const st = s.stratification;
  if (!st) return '';
  const rows = st.classes
    .map((c) => {
      const cells = SPLITS.map((name) =>
        numCell(`${count(c.counts[name])} (${pctOf(c.counts[name], c.total)})`),
      ).join('');
      return `<tr><th scope="row">${esc(c.value)}</th>${numCell(count(c.total))}${cells}${numCell(num(c.maxDeviation))}</tr>`;
    })
    .join('');
  return (
    `<h3>Stratification by ${esc(st.column)}</h3><p>Largest deviation of a class count from its target: ${esc(num(st.maxDeviation))} row(s).</p>` +
    `<div class="scroll"><table class="strata"><caption class="sr">Class counts per split</caption>${thead(['Class', '#Total', '#Train', '#Validation', '#Test', '#Max deviation'])}<tbody>${rows}</tbody></table></div>`
  );
}

function representativeness(s: SplitResult): string {
  if (s.representativeness.length === 0) return '';
  const rows = s.representativeness
    .map(({ split, drift }) => {
      const d = drift.datasetDrift;
      const drifted = drift.columns.filter((c) => c.drift).map((c) => c.name);
      const names =
        drifted.length === 0
          ? '<span class="m">none</span>'
          : esc(
              drifted.slice(0, 8).join(', ') + (drifted.length > 8 ? ` and ${drifted.length - 8} more` : ''),
            );
      return (
        `<tr><th scope="row">${esc(split)}</th>${numCell(`${count(d.driftedColumns)} of ${count(d.evaluatedColumns)}`)}` +
        `${numCell(pct(d.share))}${numCell(pct(d.threshold))}<td>${d.drift ? '<strong>drift</strong>' : 'no drift'}</td><td>${names}</td></tr>`
      );
    })
    .join('');
  return (
    '<h3>Representativeness</h3><p>Each split compared with the rest of the data, feature by feature.</p>' +
    `<table class="repr"><caption class="sr">Drift of each split against the rest</caption>${thead(['Split', '#Drifted columns', '#Share', '#Threshold', 'Decision', 'Drifted'])}<tbody>${rows}</tbody></table>`
  );
}

function leakage(s: SplitResult): string {
  if (s.leakage.length === 0)
    return '<h3>Leakage</h3><p>No row, key, group or id is shared between splits.</p>';
  const rows = s.leakage
    .map((l) => {
      const ex = l.examples
        .map((e) => `row ${count(e.row)}${e.value === undefined ? '' : `: ${JSON.stringify(e.value)}`}`)
        .join(', ');
      return `<tr><td>${esc(l.kind)}</td><td>${l.column === null ? '<span class="m">—</span>' : esc(l.column)}</td><td>${esc(l.between.join(' ↔ '))}</td>${numCell(count(l.rows))}<td>${esc(ex)}</td></tr>`;
    })
    .join('');
  return `<h3>Leakage</h3><table class="leaks"><caption class="sr">Leakage between splits</caption>${thead(['Kind', 'Column', 'Between', '#Rows', 'Examples'])}<tbody>${rows}</tbody></table>`;
}

/**
 * Split sizes and membership hashes, stratification, representativeness and leakage, then the
 * split's own verdicts (unless the main table already lists them) and the checks run per split.
 */
export function splitSection(
  split: SplitResult | undefined,
  splitChecks: Report['splitChecks'],
  shown: ReadonlySet<Verdict>,
): string {
  const out: string[] = [];
  if (split) {
    out.push(
      `<p>${esc(split.source ?? 'data')}: ${esc(count(split.rows))} rows.</p>`,
      how(split),
      parts(split),
      stratification(split),
      representativeness(split),
      leakage(split),
    );
    const own = split.verdicts.filter((v) => !shown.has(v));
    if (own.length > 0)
      out.push('<h3>Split verdicts</h3>', verdictTable(own, 'split-verdicts', 'Split verdicts'));
  }
  (splitChecks ?? []).forEach((s, i) => {
    out.push(
      `<h3>Checks on the ${esc(s.split)} split (${esc(count(s.rows))} rows)</h3>`,
      verdictTable(s.verdicts, `split-checks-${i}`, `Checks on ${s.split}`),
    );
  });
  return section('split', 'Split', out.join(''));
}
