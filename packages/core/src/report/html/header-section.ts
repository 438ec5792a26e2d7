import type { Report } from '../model.js';
import { esc } from './escape.js';
import { count } from './format.js';
import { badge, countBadges } from './parts.js';

function created(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return esc(iso);
  return `<time datetime="${esc(d.toISOString())}">${esc(d.toISOString().replace('T', ' ').slice(0, 19))} UTC</time>`;
}

/** Title, overall status and counts, and what was analysed (source, shape, content hash, time, version). */
export function headerSection(report: Report, title: string): string {
  const ds = report.dataset;
  const facts: Array<[string, string]> = [['command', `<code>vigie ${esc(report.command)}</code>`]];
  if (ds) {
    facts.push([
      'source',
      ds.source === null ? '<span class="m">—</span>' : `<code>${esc(ds.source)}</code>`,
    ]);
    facts.push(['shape', `${esc(count(ds.rows))} rows × ${esc(count(ds.columns))} columns`]);
    facts.push([
      'content hash',
      ds.contentHash
        ? `<code title="SHA-256 ${esc(ds.contentHash)}">${esc(ds.contentHash.slice(0, 12))}</code>`
        : '<span class="m">not computed</span>',
    ]);
  }
  facts.push(['created', created(report.createdAt)]);
  facts.push(['Vigie', esc(report.vigieVersion)]);
  const counts =
    report.counts.total > 0
      ? `<p class="counts">${countBadges(report.counts)} <span class="m">of ${count(report.counts.total)} verdicts</span></p>`
      : '';
  // A run without verdicts (a plain profile) has nothing to pass: say so rather than show PASS.
  const overall =
    report.counts.total > 0 ? `Overall ${badge(report.status)}` : '<span class="m">no checks run</span>';
  return (
    `<header class="top"><div class="title"><h1>${esc(title)}</h1><div class="overall">${overall}</div></div>` +
    `${counts}<dl class="facts">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join('')}</dl></header>`
  );
}
