import type { ColumnProfile, DatasetProfile } from '../../profile/index.js';
import { num, type Style, table } from './style.js';

function pct(x: number, n: number): string {
  if (n === 0) return '—';
  const p = (100 * x) / n;
  return p === 0 ? '0%' : `${Number(p.toPrecision(p < 1 ? 2 : 3))}%`;
}

function summary(c: ColumnProfile): string[] {
  if (c.kind === 'numeric') {
    const q = c.quantiles;
    const fmt =
      c.type === 'datetime'
        ? (x: number | null | undefined) =>
            x === null || x === undefined ? '—' : new Date(x).toISOString().slice(0, 10)
        : num;
    return [fmt(c.mean), c.type === 'datetime' ? '' : num(c.std), fmt(c.min), fmt(q['0.5']), fmt(c.max)];
  }
  if (c.kind === 'boolean') return [`true ${c.trueCount}`, `false ${c.falseCount}`, '', '', ''];
  const top = c.top
    .slice(0, 3)
    .map((t) => `${t.value.length > 14 ? `${t.value.slice(0, 13)}…` : t.value} (${t.count})`)
    .join(', ');
  return [top, '', '', '', ''];
}

/** A table of columns: type, missing share, distinct count and the main statistics. */
export function renderProfile(profile: DatasetProfile, style: Style): string {
  const head = `${style.bold(profile.source ?? 'data')}: ${profile.rows} rows × ${profile.columns.length} columns, ${profile.duplicateRows} duplicate rows${profile.contentHash ? `, sha256 ${profile.contentHash.slice(0, 12)}` : ''}`;
  const rows: string[][] = [
    ['column', 'type', 'missing', 'distinct', 'mean / top values', 'std', 'min', 'median', 'max'],
  ];
  for (const c of profile.columns) {
    const distinct = `${c.distinctExact ? '' : '~'}${c.distinct}`;
    const [a, b, d, e, f] = summary(c);
    rows.push([c.name, c.type, pct(c.missing, c.count + c.missing), distinct, a!, b!, d!, e!, f!]);
  }
  const notes: string[] = [];
  for (const c of profile.columns) {
    if (c.kind === 'numeric' && c.infinite > 0)
      notes.push(`${c.name}: ${c.infinite} infinite value(s) left out of the statistics`);
    if (c.count === 0) notes.push(`${c.name}: every value is missing`);
    else if (c.distinct === 1) notes.push(`${c.name}: constant`);
  }
  const accuracy = profile.columns.find((c) => c.kind === 'numeric' && c.quantileAccuracy.method === 'kll');
  if (accuracy && accuracy.kind === 'numeric' && accuracy.quantileAccuracy.method === 'kll') {
    notes.push(`quantiles from KLL sketches (rank error ≤ ${num(accuracy.quantileAccuracy.rankError)})`);
  }
  return [
    head,
    table(rows, style, ['l', 'l', 'r', 'r', 'l', 'r', 'r', 'r', 'r']),
    ...notes.map((n) => style.dim(`note: ${n}`)),
  ].join('\n');
}
