import type { Comparison, EvaluationResult } from '../../evaluation/index.js';
import { num, padEnd, padStart, type Style } from './style.js';

const ci = (c: [number, number] | null) => (c ? `[${num(c[0])}, ${num(c[1])}]` : '');

/** The metrics with their intervals, and the confusion matrix when it is small enough to read. */
export function renderEvaluation(
  model: string,
  split: string | null,
  r: EvaluationResult,
  style: Style,
): string {
  const lines = [
    `${style.bold(model)} on ${split ? `the ${split} split` : 'the data'}: ${r.n} rows (${r.task}${r.task === 'classification' ? `, ${r.classes.length} classes` : ''})${r.missingLabels ? `, ${r.missingLabels} without a label left out` : ''}`,
  ];
  if (r.unseen.length > 0)
    lines.push(
      style.warn(
        `labels the model never saw: ${r.unseen.map(String).join(', ')} (it can never predict them)`,
      ),
    );
  const level = Math.round(r.bootstrap.confidence * 100);
  const rows = Object.entries(r.metrics).map(([name, m]) => [
    name,
    m.value === null ? style.dim('n/a') : num(m.value),
    m.value === null
      ? style.dim(m.error ?? '')
      : m.ci
        ? ci(m.ci)
        : style.dim(`no interval: ${m.error ?? 'undefined'}`),
  ]);
  const w0 = Math.max(6, ...rows.map((x) => x[0]!.length));
  lines.push(
    style.dim(
      `${padEnd('metric', w0)}  ${padStart('value', 8)}  ${level}% CI (bootstrap, ${r.bootstrap.resamples} resamples)`,
    ),
  );
  for (const [name, value, interval] of rows)
    lines.push(`${padEnd(name!, w0)}  ${padStart(value!, 8)}  ${interval}`);
  const cm = r.confusion;
  if (cm && cm.labels.length <= 8) {
    // Columns are numbered; rows carry the numbers and the full class names.
    const labels = cm.labels.map(String);
    const w = Math.max(3, ...cm.matrix.flat().map((v) => String(v).length));
    const head = labels.map((_, j) => padStart(`#${j + 1}`, w)).join('  ');
    lines.push('', style.dim('confusion matrix (rows: true class, columns: predicted class)'));
    lines.push(`${' '.repeat(4)}${head}`);
    for (const [i, row] of cm.matrix.entries())
      lines.push(
        `${padEnd(`#${i + 1}`, 4)}${row.map((v) => padStart(String(v), w)).join('  ')}  ${style.dim(labels[i]!)}`,
      );
  }
  for (const s of r.slices ?? []) {
    lines.push('', style.dim(`by ${s.column} (slices under ${s.result.minRows} rows are not scored)`));
    for (const slice of s.result.slices) {
      const metrics =
        slice.status === 'too-small'
          ? style.dim('too small')
          : Object.entries(slice.metrics)
              .map(([k, m]) => `${k} ${m.value === null ? 'n/a' : num(m.value)}`)
              .join(', ');
      lines.push(`  ${String(slice.slice)} (${slice.n} rows): ${metrics}`);
    }
  }
  return lines.join('\n');
}

/** One line per compared metric: both values, the difference, its interval, the test and p. */
export function renderComparisons(
  candidate: string,
  champion: string,
  comparisons: Comparison[],
  style: Style,
): string {
  const lines = [
    `${style.bold(candidate)} vs ${style.bold(champion)} on the same ${comparisons[0]?.n ?? 0} rows`,
  ];
  for (const c of comparisons) {
    if (c.error) {
      lines.push(`  ${padEnd(c.metric, 16)} ${style.dim(`not compared: ${c.error}`)}`);
      continue;
    }
    lines.push(
      `  ${padEnd(c.metric, 16)} ${num(c.candidate!)} vs ${num(c.champion!)}  difference ${num(c.difference!)} ${ci(c.ci)}  ${c.test}, p = ${num(c.pvalue!)}`,
    );
  }
  return lines.join('\n');
}
