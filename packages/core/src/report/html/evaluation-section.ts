import type { Comparison, Curve, EvaluationResult } from '../../evaluation/index.js';
import type { Report } from '../model.js';
import { esc } from './escape.js';
import { count, num } from './format.js';
import { numCell, section, thead, toggleCell } from './parts.js';
import type { PlotPanel, PlotSpec } from './plot-specs.js';

const interval = (ci: [number, number] | null | undefined) => (ci ? `${num(ci[0])} – ${num(ci[1])}` : '');

function metricsTable(r: EvaluationResult): string {
  const level = Math.round(r.bootstrap.confidence * 100);
  const rows = Object.entries(r.metrics)
    .map(
      ([name, m]) =>
        `<tr><td>${esc(name)}</td>${numCell(m.value === null ? '—' : num(m.value))}${numCell(interval(m.ci))}<td class="m">${esc(m.error ?? '')}</td></tr>`,
    )
    .join('');
  return `<table class="pairs"><caption>Metrics with ${level}% bootstrap intervals (${count(r.bootstrap.resamples)} resamples of the ${count(r.n)} rows, seed ${r.bootstrap.seed})</caption>${thead(['Metric', '#Value', `#${level}% CI`, 'Note'])}<tbody>${rows}</tbody></table>`;
}

/** The confusion matrix as a table, cells shaded by their share of the true class. */
function confusionTable(cm: NonNullable<EvaluationResult['confusion']>): string {
  const labels = cm.labels.map(String);
  const head = `<tr><th scope="col">true \\ predicted</th>${labels.map((l) => `<th scope="col" class="n">${esc(l)}</th>`).join('')}</tr>`;
  const body = cm.matrix
    .map((row, i) => {
      const total = row.reduce((a, b) => a + b, 0) || 1;
      const cells = row
        .map((v, j) => {
          const share = v / total;
          const shade = Math.round(255 - share * 140);
          const color =
            i === j ? `rgb(${shade}, 255, ${shade})` : v > 0 ? `rgb(255, ${shade}, ${shade})` : 'transparent';
          return `<td class="n" style="background:${color}" title="${esc(`${labels[i]} predicted as ${labels[j]}: ${v} (${num(share * 100)}% of ${labels[i]})`)}">${esc(count(v))}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${esc(labels[i]!)}</th>${cells}</tr>`;
    })
    .join('');
  return `<table class="pairs"><caption>Confusion matrix (rows: true class)</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function line(title: string, x: string, y: string, curves: Curve[], diag: boolean): PlotSpec {
  return {
    k: 'line',
    title,
    x,
    y,
    ...(diag ? { diag: 1 as const } : {}),
    s: curves.map((c) => ({ n: c.name, p: c.x.map((v, i) => [v, c.y[i]!] as [number, number]) })),
  };
}

function residualHistogram(r: NonNullable<EvaluationResult['residuals']>): PlotSpec {
  const res = r.predicted.map((p, i) => p - r.actual[i]!);
  const lo = Math.min(...res);
  const hi = Math.max(...res);
  const bins = 20;
  const width = hi > lo ? (hi - lo) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of res) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]!++;
  return {
    k: 'hist',
    title: 'Residuals (predicted − actual)',
    x: 'residual',
    y: 'rows',
    s: [{ n: 'residuals', e: [lo, lo + bins * width], v: counts }],
  };
}

/** One row per plot; its chart is drawn when the row is opened. */
function plotsTable(r: EvaluationResult): string {
  const plots: Array<[string, string, PlotPanel]> = [];
  if (r.roc?.length)
    plots.push([
      'ROC',
      'one-vs-rest per class; the diagonal is chance',
      { p: [line('ROC curve', 'false positive rate', 'true positive rate', r.roc, true)] },
    ]);
  if (r.pr?.length)
    plots.push([
      'Precision-recall',
      'per class',
      { p: [line('Precision-recall curve', 'recall', 'precision', r.pr, false)] },
    ]);
  if (r.calibration)
    plots.push([
      'Calibration',
      'share of positives per bin of predicted probability; the diagonal is perfect calibration',
      {
        p: [
          line(
            'Calibration (reliability) curve',
            'mean predicted probability',
            'share of positives',
            [r.calibration],
            true,
          ),
        ],
      },
    ]);
  if (r.residuals) {
    const res = r.residuals;
    const points = res.predicted
      .map((p, i) => [p, res.actual[i]!] as [number, number])
      .sort((a, b) => a[0] - b[0]);
    plots.push([
      'Residuals',
      `${count(res.predicted.length)} rows (thinned)`,
      {
        p: [
          residualHistogram(res),
          {
            k: 'line',
            title: 'Actual against predicted',
            x: 'predicted',
            y: 'actual',
            diag: 1,
            s: [{ n: 'rows', p: points }],
          },
        ],
      },
    ]);
  }
  if (plots.length === 0) return '';
  const rows = plots
    .map(
      ([name, note, panel]) =>
        `<tr>${toggleCell(name, panel)}<td>${esc(name)}</td><td class="m">${esc(note)}</td></tr>`,
    )
    .join('');
  return `<table class="pairs"><caption>Curves (open a row to draw it)</caption>${thead(['', 'Plot', 'About'])}<tbody>${rows}</tbody></table>`;
}

function slicesTable(r: EvaluationResult): string {
  return (r.slices ?? [])
    .map((s) => {
      const names = Object.keys(s.result.overall.metrics);
      const rows = s.result.slices
        .map(
          (sl) =>
            `<tr><td>${esc(String(sl.slice))}</td>${numCell(count(sl.n))}${names
              .map((n) => {
                const m = sl.metrics[n];
                return sl.status === 'too-small'
                  ? '<td class="m">too small</td>'
                  : numCell(m?.value === null || m === undefined ? '—' : num(m.value), interval(m?.ci));
              })
              .join('')}</tr>`,
        )
        .join('');
      return `<table class="pairs"><caption>By ${esc(s.column)} (slices under ${s.result.minRows} rows are not scored; hover a value for its interval)</caption>${thead([s.column, '#Rows', ...names.map((n) => `#${n}`)])}<tbody>${rows}</tbody></table>`;
    })
    .join('');
}

export function evaluationSection(e: NonNullable<Report['evaluation']>): string {
  const r = e.result;
  const intro = `<p>${esc(e.model)} on ${esc(e.split ? `the ${e.split} split` : 'the data')}: ${esc(count(r.n))} rows, ${esc(r.task)}${r.task === 'classification' ? `, ${r.classes.length} classes` : ''}${r.missingLabels ? `; ${esc(count(r.missingLabels))} rows without a label left out` : ''}.</p>`;
  const unseen = r.unseen.length
    ? `<p class="fail-t">Labels the model never saw: ${esc(r.unseen.map(String).join(', '))}.</p>`
    : '';
  return section(
    'evaluation',
    'Evaluation',
    intro +
      unseen +
      metricsTable(r) +
      (r.confusion && r.confusion.labels.length <= 30 ? confusionTable(r.confusion) : '') +
      plotsTable(r) +
      slicesTable(r),
  );
}

export function comparisonSection(c: NonNullable<Report['comparison']>): string {
  const rows = c.comparisons
    .map(
      (x: Comparison) =>
        `<tr><td>${esc(x.metric)}</td>${numCell(x.candidate === null ? '—' : num(x.candidate))}${numCell(x.champion === null ? '—' : num(x.champion))}${numCell(x.difference === null ? '—' : num(x.difference))}${numCell(interval(x.ci))}<td>${esc(x.test)}</td>${numCell(x.pvalue === null ? '—' : num(x.pvalue))}<td class="m">${esc(x.error ?? '')}</td></tr>`,
    )
    .join('');
  return section(
    'comparison',
    'Comparison',
    `<p>${esc(c.candidate)} (candidate) against ${esc(c.champion)} (champion) on the same ${esc(count(c.comparisons[0]?.n ?? 0))} rows.</p><table class="pairs">${thead(['Metric', '#Candidate', '#Champion', '#Difference', '#CI', 'Test', '#p', 'Note'])}<tbody>${rows}</tbody></table>`,
  );
}
