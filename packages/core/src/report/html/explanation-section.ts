import type { Explanation, GlobalShap, LimeResult, LocalShap } from '../../explain/index.js';
import { esc } from './escape.js';
import { count, num } from './format.js';
import { numCell, section, thead, toggleCell } from './parts.js';
import { MAX_BARS, type PlotPanel } from './plot-specs.js';

const interval = (ci: [number, number] | null) => (ci ? `${num(ci[0])} – ${num(ci[1])}` : '');

/** One row per column: mean |SHAP| per output and the permutation importance with its interval. */
function importanceTable(e: Explanation): string {
  const shap = e.shap;
  const perm = e.permutation;
  const names = shap ? shap.columns.map((c) => c.column) : (perm?.columns.map((c) => c.column) ?? []);
  const total = (column: string) =>
    shap?.columns.find((c) => c.column === column)?.meanAbs.reduce((a, b) => a + b, 0) ??
    perm?.columns.find((c) => c.column === column)?.mean ??
    0;
  const order = [...names].sort((a, b) => total(b) - total(a));
  const outputs = shap && shap.outputs.length <= 6 ? shap.outputs : [];
  const heads = [
    'Column',
    ...(shap ? (outputs.length > 1 ? outputs.map((o) => `#|SHAP| ${o}`) : ['#mean |SHAP|']) : []),
    ...(perm ? [`#Importance (${perm.metric})`, `#${Math.round(perm.confidence * 100)}% CI`, '#std'] : []),
  ];
  const rows = order
    .map((column) => {
      const s = shap?.columns.find((c) => c.column === column);
      const p = perm?.columns.find((c) => c.column === column);
      const shapCells = shap
        ? outputs.length > 1
          ? outputs.map((_, k) => numCell(num(s?.meanAbs[k]))).join('')
          : numCell(num(s?.meanAbs.reduce((a, b) => a + b, 0)))
        : '';
      const permCells = perm
        ? numCell(num(p?.mean)) + numCell(interval(p?.ci ?? null)) + numCell(num(p?.std))
        : '';
      return `<tr><td>${esc(column)}</td>${shapCells}${permCells}</tr>`;
    })
    .join('');
  const caption = [
    shap
      ? `mean |SHAP value| over ${count(shap.rows)} rows (${shap.method === 'kernel' ? 'Kernel SHAP' : 'Tree SHAP'}, in ${shap.scale})`
      : '',
    perm
      ? `permutation importance: ${perm.metric} lost when the column is shuffled (${perm.nRepeats} shuffles of ${count(perm.rows)} rows, baseline ${num(perm.baseline)})`
      : '',
  ]
    .filter(Boolean)
    .join('; ');
  return `<table class="pairs"><caption>Importance per column: ${esc(caption)}</caption>${thead(heads)}<tbody>${rows}</tbody></table>`;
}

function globalPanel(shap: GlobalShap): PlotPanel {
  const top = [...shap.columns]
    .sort((a, b) => b.meanAbs.reduce((x, y) => x + y, 0) - a.meanAbs.reduce((x, y) => x + y, 0))
    .slice(0, MAX_BARS);
  return {
    p: [
      {
        k: 'hbar',
        title: 'Mean |SHAP value| per column',
        x: `mean |SHAP| (${shap.scale})`,
        c: top.map((c) => c.column),
        s: shap.outputs.map((o, k) => ({ n: o, v: top.map((c) => c.meanAbs[k]!) })),
      },
    ],
  };
}

function permutationPanel(perm: NonNullable<Explanation['permutation']>): PlotPanel {
  const top = [...perm.columns].sort((a, b) => b.mean - a.mean).slice(0, MAX_BARS);
  return {
    p: [
      {
        k: 'hbar',
        title: 'Permutation importance',
        x: `${perm.metric} lost when shuffled`,
        c: top.map((c) => c.column),
        s: [{ n: perm.metric, v: top.map((c) => c.mean) }],
      },
    ],
  };
}

function localPanel(l: LocalShap): PlotPanel {
  const total = (c: LocalShap['contributions'][number]) => c.shap.reduce((a, b) => a + Math.abs(b), 0);
  const top = [...l.contributions].sort((a, b) => total(b) - total(a)).slice(0, MAX_BARS);
  return {
    p: [
      {
        k: 'hbar',
        title: `Contributions to row ${l.row}`,
        x: `SHAP value (${l.scale})`,
        c: top.map((c) => `${c.column} = ${c.value ?? 'missing'}`),
        s: l.outputs.map((o, k) => ({ n: o, v: top.map((c) => c.shap[k]!) })),
      },
    ],
    s: l.outputs.map((o, k) => [
      o,
      `expected ${num(l.expectedValue[k])} + contributions ${num(l.prediction[k]! - l.expectedValue[k]!)} = prediction ${num(l.prediction[k])}`,
    ]),
  };
}

function limeTable(l: LimeResult): string {
  const rows = l.features
    .map((f) => `<tr><td>${esc(f.condition)}</td>${numCell(num(f.weight))}</tr>`)
    .join('');
  return `<table class="pairs"><caption>LIME (${esc(l.output)}): local linear model on ${count(l.nSamples)} neighbours, intercept ${num(l.intercept)}, weighted R² ${num(l.score)}, local prediction ${num(l.localPrediction)} (model ${num(l.prediction)})</caption>${thead(['Condition', '#Weight'])}<tbody>${rows}</tbody></table>`;
}

export function explanationSection(e: Explanation): string {
  const intro = `<p>${esc(e.model)} (${esc(e.task)}) explained on ${esc(e.data)}: ${esc(count(e.rows))} rows.</p>`;
  const notes = e.notes.length
    ? `<ul class="notes">${e.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`
    : '';
  const plots: Array<[string, string, PlotPanel]> = [];
  if (e.shap) plots.push(['Mean |SHAP|', 'per column, global', globalPanel(e.shap)]);
  if (e.permutation)
    plots.push(['Permutation importance', 'per column, global', permutationPanel(e.permutation)]);
  if (e.local?.shap)
    plots.push([`Row ${e.local.row}`, 'SHAP contributions of one row', localPanel(e.local.shap)]);
  const plotRows = plots
    .map(
      ([name, note, panel]) =>
        `<tr>${toggleCell(name, panel)}<td>${esc(name)}</td><td class="m">${esc(note)}</td></tr>`,
    )
    .join('');
  const plotTable = plotRows
    ? `<table class="pairs"><caption>Charts (open a row to draw it)</caption>${thead(['', 'Chart', 'About'])}<tbody>${plotRows}</tbody></table>`
    : '';
  return section(
    'explanation',
    'Explanation',
    intro +
      notes +
      (e.shap || e.permutation ? importanceTable(e) : '') +
      plotTable +
      (e.local?.lime ? limeTable(e.local.lime) : ''),
  );
}
