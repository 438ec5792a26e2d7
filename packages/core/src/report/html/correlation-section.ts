import type { Report } from '../model.js';
import { esc } from './escape.js';
import { clip, num } from './format.js';
import { numCell, section, thead } from './parts.js';

/** Most columns drawn in the heatmap; beyond, the most correlated columns are kept. */
export const MAX_HEATMAP_COLUMNS = 60;
const TOP_PAIRS = 15;

/** Diverging scale: blue at −1, neutral at 0, red at +1 (grey for NaN). */
export function divergingColor(r: number): string {
  if (!Number.isFinite(r)) return '#9e9e9e';
  const t = Math.max(-1, Math.min(1, r));
  const [end, mid] =
    t < 0
      ? [
          [33, 102, 172],
          [247, 247, 247],
        ]
      : [
          [178, 24, 43],
          [247, 247, 247],
        ];
  const a = Math.abs(t);
  const mix = (i: number) => Math.round(mid[i]! + (end[i]! - mid[i]!) * a);
  return `#${[mix(0), mix(1), mix(2)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

type Correlation = NonNullable<Report['correlation']>;

/** The columns with the strongest correlation to any other column, in their original order. */
function strongest(c: Correlation, keep: number): number[] {
  const n = c.columns.length;
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const r = Math.abs(c.matrix[i * n + j]!);
      if (i !== j && r > score[i]!) score[i] = r;
    }
  }
  return Array.from({ length: n }, (_, i) => i)
    .sort((a, b) => score[b]! - score[a]! || a - b)
    .slice(0, keep)
    .sort((a, b) => a - b);
}

function heatmap(c: Correlation, idx: readonly number[]): string {
  const n = c.columns.length;
  const k = idx.length;
  const cell = k > 30 ? 12 : k > 15 ? 18 : 26;
  const label = Math.min(160, 8 + 6.5 * Math.max(...idx.map((i) => Math.min(24, c.columns[i]!.length))));
  const size = label + k * cell;
  const out: string[] = [];
  const desc = `${c.method} correlation heatmap of ${k} columns, from −1 (blue) to +1 (red); hover a cell for its value`;
  out.push(
    `<svg class="heat" viewBox="0 0 ${size + 4} ${size + 4}" width="${size + 4}" height="${size + 4}" role="img" aria-label="${esc(desc)}"><title>${esc(desc)}</title>`,
  );
  const fs = Math.min(11, cell - 1);
  idx.forEach((i, a) => {
    const name = esc(clip(c.columns[i]!, 24));
    const y = label + a * cell + cell / 2;
    out.push(
      `<text class="lbl" x="${label - 4}" y="${y}" text-anchor="end" dominant-baseline="middle" font-size="${fs}">${name}</text>`,
    );
    out.push(
      `<text class="lbl" transform="translate(${y} ${label - 4}) rotate(-90)" dominant-baseline="middle" font-size="${fs}">${name}</text>`,
    );
  });
  idx.forEach((i, a) => {
    idx.forEach((j, b) => {
      const r = c.matrix[i * n + j]!;
      const tip = `${c.columns[i]} × ${c.columns[j]}: ${Number.isFinite(r) ? num(r) : 'n/a'}`;
      out.push(
        `<rect x="${label + b * cell}" y="${label + a * cell}" width="${cell}" height="${cell}" fill="${divergingColor(r)}"><title>${esc(tip)}</title></rect>`,
      );
    });
  });
  out.push('</svg>');
  return out.join('');
}

function legend(): string {
  const stops = [-1, -0.5, 0, 0.5, 1]
    .map((r, i) => `<stop offset="${i * 25}%" stop-color="${divergingColor(r)}"/>`)
    .join('');
  return (
    '<svg class="legend" viewBox="0 0 220 30" width="220" height="30" role="img" aria-label="colour scale from −1 (blue) through 0 (white) to +1 (red)">' +
    `<defs><linearGradient id="corr-grad">${stops}</linearGradient></defs>` +
    '<rect x="10" y="2" width="200" height="10" fill="url(#corr-grad)"/>' +
    '<text x="10" y="26" text-anchor="middle">−1</text><text x="110" y="26" text-anchor="middle">0</text><text x="210" y="26" text-anchor="middle">+1</text></svg>'
  );
}

/** The TOP_PAIRS pairs with the largest |r|, kept in a small sorted list (wide matrices have ~10^6 pairs). */
function topPairs(c: Correlation): string {
  const n = c.columns.length;
  const pairs: Array<{ i: number; j: number; r: number }> = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const r = c.matrix[i * n + j]!;
      const a = Math.abs(r);
      if (!Number.isFinite(r) || (pairs.length === TOP_PAIRS && a <= Math.abs(pairs[TOP_PAIRS - 1]!.r)))
        continue;
      // Earlier pairs win ties: insert after every pair at least as strong.
      let k = pairs.length;
      while (k > 0 && Math.abs(pairs[k - 1]!.r) < a) k--;
      pairs.splice(k, 0, { i, j, r });
      if (pairs.length > TOP_PAIRS) pairs.pop();
    }
  }
  if (pairs.length === 0) return '';
  const rows = pairs
    .map(
      (p) => `<tr><td>${esc(c.columns[p.i]!)}</td><td>${esc(c.columns[p.j]!)}</td>${numCell(num(p.r))}</tr>`,
    )
    .join('');
  return `<table class="pairs"><caption>Strongest correlations</caption>${thead(['Column', 'Column', '#r'])}<tbody>${rows}</tbody></table>`;
}

/** Heatmap of the correlation matrix (capped at 60 columns) and the strongest pairs. */
export function correlationSection(c: Correlation): string {
  const n = c.columns.length;
  if (n === 0 || c.matrix.length !== n * n)
    return section('correlation', 'Correlation', '<p class="m">No correlation matrix.</p>');
  const capped = n > MAX_HEATMAP_COLUMNS;
  const idx = capped ? strongest(c, MAX_HEATMAP_COLUMNS) : Array.from({ length: n }, (_, i) => i);
  const note = capped
    ? `<p class="m">Showing the ${MAX_HEATMAP_COLUMNS} of ${n} columns with the strongest correlation to another column.</p>`
    : '';
  const body = `<p>${esc(c.method === 'pearson' ? 'Pearson' : 'Spearman')} correlation of ${n} numeric columns.</p>${note}<div class="corr"><div class="scroll">${heatmap(c, idx)}</div><div>${legend()}${topPairs(c)}</div></div>`;
  return section('correlation', 'Correlation', body);
}
