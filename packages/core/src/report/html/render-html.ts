import { createHash } from 'node:crypto';
import type { Verdict } from '../../verdict/index.js';
import type { Report } from '../model.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { correlationSection } from './correlation-section.js';
import { driftSection } from './drift-section.js';
import { esc } from './escape.js';
import { comparisonSection, evaluationSection } from './evaluation-section.js';
import { explanationSection } from './explanation-section.js';
import { headerSection } from './header-section.js';
import { section } from './parts.js';
import { profileSection } from './profile-section.js';
import { repairSection } from './repair-section.js';
import { splitSection } from './split-section.js';
import { STYLES } from './styles.js';
import { verdictTable } from './verdicts-section.js';

export interface HtmlOptions {
  /** Page title; the report's title by default. */
  title?: string;
}

/**
 * The page may load nothing: no network, no other origin; only its own stylesheet and the one
 * script whose hash is stated, so markup that slipped into the data could not run either.
 */
function contentSecurityPolicy(script: string): string {
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/**
 * Renders a report as one self-contained HTML page: inline CSS, inline SVG and one small inline
 * script, no external resource. Sections appear when the report holds them: header and status,
 * verdicts (filterable), profile, drift, correlation heatmap, split, repair. Profile and drift
 * rows carry their plot data as JSON and draw it only when opened, so a report with thousands of
 * columns stays light. Every string from the data is escaped.
 *
 * @example await writeFile('report.html', renderHtml(report, { title: 'Nightly checks' }));
 */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const title = options.title ?? report.title;
  const nav: Array<[string, string]> = [];
  const body: string[] = [];
  const add = (id: string, label: string, html: string) => {
    nav.push([id, label]);
    body.push(html);
  };

  if (report.verdicts.length > 0) {
    add(
      'verdicts',
      `Verdicts (${report.verdicts.length})`,
      section('verdicts', 'Verdicts', verdictTable(report.verdicts, 'verdict-table', 'Verdicts')),
    );
  }
  if (report.evaluation) add('evaluation', 'Evaluation', evaluationSection(report.evaluation));
  if (report.comparison) add('comparison', 'Comparison', comparisonSection(report.comparison));
  if (report.explanation) add('explanation', 'Explanation', explanationSection(report.explanation));
  if (report.profile)
    add('profile', `Profile (${report.profile.columns.length})`, profileSection(report.profile));
  if (report.drift && report.drift.length > 0) add('drift', 'Drift', driftSection(report.drift));
  if (report.correlation) add('correlation', 'Correlation', correlationSection(report.correlation));
  if (report.split || (report.splitChecks && report.splitChecks.length > 0)) {
    const shown = new Set<Verdict>(report.verdicts);
    add('split', 'Split', splitSection(report.split, report.splitChecks, shown));
  }
  if (report.repair) add('repair', 'Repair', repairSection(report.repair));

  const navHtml =
    nav.length > 1
      ? `<nav aria-label="Sections">${nav.map(([id, label]) => `<a href="#${id}">${esc(label)}</a>`).join('')}</nav>`
      : '';
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(CLIENT_SCRIPT)}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<meta name="generator" content="Vigie ${esc(report.vigieVersion)}">` +
    `<title>${esc(title)}</title><style>${STYLES}</style></head>\n<body>` +
    headerSection(report, title) +
    navHtml +
    `<main>${body.join('\n') || '<p class="m">This report holds no verdicts, profile or analysis.</p>'}</main>` +
    `<script>${CLIENT_SCRIPT}</script></body></html>\n`
  );
}
