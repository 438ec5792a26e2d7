import type { Explanation } from '../../explain/index.js';
import { num, padEnd, padStart, type Style } from './style.js';

const ci = (c: [number, number] | null) => (c ? `[${num(c[0])}, ${num(c[1])}]` : '');

/** Global importance (SHAP and permutation) per column, one row's contributions, LIME's weights. */
export function renderExplanation(e: Explanation, style: Style): string {
  const lines = [`${style.bold(e.model)} (${e.task}) explained on ${e.data}: ${e.rows} rows`];
  const shap = e.shap;
  const perm = e.permutation;
  if (shap || perm) {
    const names = shap ? shap.columns.map((c) => c.column) : perm!.columns.map((c) => c.column);
    const shapOf = (c: string) =>
      shap?.columns.find((x) => x.column === c)?.meanAbs.reduce((a, b) => a + b, 0) ?? null;
    const permOf = (c: string) => perm?.columns.find((x) => x.column === c) ?? null;
    const order = [...names].sort(
      (a, b) => (shapOf(b) ?? permOf(b)?.mean ?? 0) - (shapOf(a) ?? permOf(a)?.mean ?? 0),
    );
    const w0 = Math.max(6, ...names.map((n) => n.length));
    const head = [
      padEnd('column', w0),
      ...(shap ? [padStart('mean|SHAP|', 10)] : []),
      ...(perm ? [padStart(`${perm.metric} lost`, 12), `${Math.round(perm.confidence * 100)}% CI`] : []),
    ];
    lines.push('', style.dim(head.join('  ')));
    for (const c of order) {
      const p = permOf(c);
      lines.push(
        [
          padEnd(c, w0),
          ...(shap ? [padStart(num(shapOf(c)), 10)] : []),
          ...(perm ? [padStart(num(p?.mean), 12), ci(p?.ci ?? null)] : []),
        ].join('  '),
      );
    }
    if (shap)
      lines.push(
        style.dim(
          `SHAP: ${shap.method === 'kernel' ? 'Kernel SHAP' : 'Tree SHAP'} over ${shap.rows} rows, in ${shap.scale}${shap.outputs.length > 1 ? ` (summed over ${shap.outputs.join(', ')})` : ` (${shap.outputs[0]})`}`,
        ),
      );
    if (perm)
      lines.push(
        style.dim(
          `permutation: ${perm.metric} ${num(perm.baseline)} on ${perm.rows} rows, ${perm.nRepeats} shuffles per column (seed ${perm.seed})`,
        ),
      );
  }
  const local = e.local;
  if (local?.shap) {
    const l = local.shap;
    lines.push('', style.bold(`row ${l.row}`) + style.dim(` (SHAP, ${l.scale})`));
    const w0 = Math.max(6, ...l.contributions.map((c) => `${c.column} = ${c.value ?? 'missing'}`.length));
    l.outputs.forEach((o, k) => {
      if (l.outputs.length > 1) lines.push(style.dim(`  ${o}`));
      lines.push(`  ${padEnd('expected value', w0)}  ${padStart(num(l.expectedValue[k]), 10)}`);
      const sorted = [...l.contributions].sort((a, b) => Math.abs(b.shap[k]!) - Math.abs(a.shap[k]!));
      for (const c of sorted) {
        const v = c.shap[k]!;
        lines.push(
          `  ${padEnd(`${c.column} = ${c.value ?? 'missing'}`, w0)}  ${padStart(`${v >= 0 ? '+' : ''}${num(v)}`, 10)}`,
        );
      }
      lines.push(`  ${padEnd('prediction', w0)}  ${padStart(num(l.prediction[k]), 10)}`);
    });
  }
  if (local?.lime) {
    const l = local.lime;
    lines.push(
      '',
      style.bold(`row ${local.row}`) +
        style.dim(` (LIME for ${l.output}: weighted R² ${num(l.score)}, intercept ${num(l.intercept)})`),
    );
    for (const f of l.features) lines.push(`  ${padEnd(f.condition, 40)}  ${padStart(num(f.weight), 10)}`);
  }
  if (e.notes.length > 0) lines.push('', ...e.notes.map((n) => style.dim(`note: ${n}`)));
  return lines.join('\n');
}
