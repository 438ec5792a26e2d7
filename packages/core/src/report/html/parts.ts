import type { VerdictCounts, VerdictStatus } from '../../verdict/index.js';
import { esc, scriptJson } from './escape.js';
import type { PlotPanel } from './plot-specs.js';

const LABEL: Record<VerdictStatus, string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
};

/** Statuses worst first, the order of filters and counts. */
const STATUS_ORDER: readonly VerdictStatus[] = ['fail', 'warn', 'inconclusive', 'pass'];

/** A status badge: the word, with a symbol (drawn by the stylesheet) so it reads without colour. */
export function badge(status: VerdictStatus): string {
  // Escaped too: a report read back from JSON could hold any string here.
  return `<span class="b ${esc(status)}">${esc(LABEL[status] ?? String(status))}</span>`;
}

/** One badge per status that occurs, worst first: "3 FAIL", "1 WARN", … */
export function countBadges(counts: VerdictCounts): string {
  return STATUS_ORDER.filter((s) => counts[s] > 0)
    .map((s) => `<span class="b ${s}">${counts[s]} ${LABEL[s]}</span>`)
    .join(' ');
}

/** A table head from column labels; '#label' is right-aligned (numbers), '' heads the details toggles. */
export function thead(labels: readonly string[]): string {
  const cells = labels.map((l) =>
    l === ''
      ? '<th scope="col"><span class="sr">Details</span></th>'
      : l.startsWith('#')
        ? `<th scope="col" class="n">${esc(l.slice(1))}</th>`
        : `<th scope="col">${esc(l)}</th>`,
  );
  return `<thead><tr>${cells.join('')}</tr></thead>`;
}

/** A right-aligned numeric cell (the text is escaped). */
export function numCell(text: string, title?: string): string {
  return title ? `<td class="n" title="${esc(title)}">${esc(text)}</td>` : `<td class="n">${esc(text)}</td>`;
}

/**
 * The first cell of a row whose plots open below it: a toggle button, and the row's plot data as
 * JSON that the page script draws only when the row is first opened.
 */
export function toggleCell(label: string, panel: PlotPanel): string {
  return (
    `<td class="tg"><button type="button" class="tg" aria-expanded="false" aria-label="Show details for ${esc(label)}" title="Show details"></button>` +
    `<script type="application/json">${scriptJson(panel)}</script></td>`
  );
}

/**
 * A tiny histogram drawn as one SVG path (no script needed): bar heights relative to the tallest.
 * Empty when there is nothing to draw.
 */
export function sparkline(counts: readonly number[], label: string): string {
  const max = Math.max(0, ...counts);
  if (counts.length === 0 || max === 0) return '';
  const h = 16;
  const w = Math.max(counts.length, 1);
  let d = `M0 ${h}`;
  counts.forEach((c, i) => {
    const y = Number((h - (h * c) / max).toFixed(1));
    d += `V${y}H${i + 1}`;
  });
  d += `V${h}Z`;
  return `<svg class="spark" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" role="img" aria-label="${esc(label)}"><path d="${d}"/></svg>`;
}

/** A section with a heading, anchored for the navigation bar. */
export function section(id: string, heading: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${esc(heading)}</h2>${body}</section>`;
}

/** Text and status filters for a table (wired by the page script through data-filter). */
export function filters(
  tableId: string,
  label: string,
  statuses: Partial<Record<VerdictStatus, number>> | null,
): string {
  const boxes = statuses
    ? STATUS_ORDER.filter((s) => (statuses[s] ?? 0) > 0)
        .map(
          (s) =>
            `<label class="fs ${s}"><input type="checkbox" value="${s}" checked> ${LABEL[s]} (${statuses[s]})</label>`,
        )
        .join('')
    : '';
  return (
    `<div class="filters" role="search" data-filter="${tableId}">` +
    `<fieldset><legend class="sr">${esc(label)}</legend>${boxes}` +
    `<input type="search" placeholder="Filter ${esc(label.toLowerCase())}…" aria-label="Filter ${esc(label.toLowerCase())} by text">` +
    `<output class="shown" aria-live="polite"></output></fieldset></div>`
  );
}
