import type { Verdict } from '../../verdict/index.js';
import { countVerdicts } from '../../verdict/index.js';
import { esc } from './escape.js';
import { count, num, pct } from './format.js';
import { badge, filters, thead } from './parts.js';

const COMPARISON_TEXT: Record<NonNullable<Verdict['comparison']>, string> = {
  '<=': '≤',
  '<': '<',
  '>=': '≥',
  '>': '>',
  '==': '=',
};

/** Value and threshold read as percentages when the method measures a share and both lie in [0, 1]. */
function asShare(v: Verdict): boolean {
  const inUnit = (x: number | null) => x === null || (x >= 0 && x <= 1);
  return /\b(share|fraction|proportion)\b/i.test(v.method) && inUnit(v.value) && inUnit(v.threshold);
}

function measured(v: Verdict): string {
  const fmt = asShare(v) ? pct : num;
  const val = `<span class="v">${esc(fmt(v.value))}</span>`;
  if (v.threshold === null) return val;
  // Without a stated comparison, say "threshold" rather than guess a direction.
  const cmp = v.comparison ? COMPARISON_TEXT[v.comparison] : 'threshold';
  return `${val} <span class="m">vs ${esc(cmp)} ${esc(fmt(v.threshold))}</span>`;
}

function effect(v: Verdict): string {
  const e = v.effectSize;
  if (!e) return '';
  const level = e.confidenceLevel === undefined ? '' : `${num(e.confidenceLevel * 100)}% `;
  const ci = e.ci
    ? ` <span class="m">[${esc(num(e.ci[0]))}, ${esc(num(e.ci[1]))}] ${esc(level)}CI</span>`
    : '';
  return `<span class="m">${esc(e.name)}</span> ${esc(num(e.value))}${ci}`;
}

function sizes(v: Verdict): string {
  return Object.entries(v.sampleSizes)
    .map(([k, n]) => `${esc(k)} ${esc(count(n))}`)
    .join('<br>');
}

function exampleText(e: NonNullable<Verdict['examples']>[number]): string {
  const parts: string[] = [];
  if (e.row !== undefined) parts.push(`row ${count(e.row)}`);
  if (e.column !== undefined) parts.push(e.column);
  if (e.value !== undefined)
    parts.push(
      e.value === null ? 'missing' : typeof e.value === 'string' ? JSON.stringify(e.value) : num(e.value),
    );
  return parts.join(': ');
}

/** Scalar details only: a detail can hold a whole drift result, which the drift section shows. */
function scalarDetails(v: Verdict): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, x] of Object.entries(v.details ?? {})) {
    if (typeof x === 'number') out.push([k, num(x)]);
    else if (typeof x === 'string') out.push([k, x.length > 120 ? `${x.slice(0, 119)}…` : x]);
    else if (typeof x === 'boolean') out.push([k, String(x)]);
    if (out.length === 12) break;
  }
  return out;
}

function more(v: Verdict): string {
  const examples = v.examples ?? [];
  const details = scalarDetails(v);
  if (examples.length === 0 && details.length === 0) return '';
  const summary = [
    examples.length > 0 ? `${examples.length} example${examples.length === 1 ? '' : 's'}` : '',
    details.length > 0 ? 'details' : '',
  ]
    .filter(Boolean)
    .join(', ');
  const list =
    examples.length > 0 ? `<ul>${examples.map((e) => `<li>${esc(exampleText(e))}</li>`).join('')}</ul>` : '';
  const dl =
    details.length > 0
      ? `<dl>${details.map(([k, x]) => `<dt>${esc(k)}</dt><dd>${esc(x)}</dd>`).join('')}</dl>`
      : '';
  return `<details><summary>${esc(summary)}</summary>${list}${dl}</details>`;
}

function row(v: Verdict): string {
  const decide =
    v.status === 'inconclusive' && v.decideBy
      ? `<div class="decide">Would decide it: ${esc(v.decideBy)}</div>`
      : '';
  const subject = v.subject === undefined ? '<span class="m">—</span>' : esc(v.subject);
  return (
    `<tr data-status="${esc(v.status)}"><td>${badge(v.status)}</td>` +
    `<td><code>${esc(v.check)}</code><div class="m">${esc(v.method)}</div></td>` +
    `<td>${subject}</td><td class="n">${measured(v)}</td><td class="e">${effect(v)}</td><td class="n">${sizes(v)}</td>` +
    `<td>${esc(v.reason)}${decide}</td><td>${more(v)}</td></tr>`
  );
}

/**
 * A verdicts table with status and text filters. `id` must be unique in the page; `caption`
 * names what the verdicts are about.
 */
export function verdictTable(verdicts: readonly Verdict[], id: string, caption: string): string {
  if (verdicts.length === 0) return '<p class="m">No verdicts.</p>';
  const c = countVerdicts(verdicts);
  return (
    filters(id, caption, c) +
    `<div class="scroll"><table id="${id}" class="verdicts"><caption class="sr">${esc(caption)}</caption>` +
    thead([
      'Status',
      'Check',
      'Subject',
      '#Value vs threshold',
      '#Effect size',
      '#Sample sizes',
      'Reason',
      'Examples',
    ]) +
    `<tbody>${verdicts.map(row).join('')}</tbody></table></div>`
  );
}
