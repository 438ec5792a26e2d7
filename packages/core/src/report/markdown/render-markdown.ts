import type { DriftResult } from '../../drift/index.js';
import type { SplitResult } from '../../split/index.js';
import type { Verdict, VerdictCounts, VerdictStatus } from '../../verdict/index.js';
import { count, num, pct, pctOf } from '../html/format.js';
import type { Report } from '../model.js';
import { md, mdHead, mdRow } from './escape-markdown.js';

export interface MarkdownOptions {
  /** Most rows per table (worst first); the rest are counted in a line below. Default 50. */
  maxRows?: number;
}

const LABEL: Record<VerdictStatus, string> = {
  fail: '❌ FAIL',
  warn: '⚠️ WARN',
  inconclusive: '❔ INCONCLUSIVE',
  pass: '✅ PASS',
};
const RANK: Record<VerdictStatus, number> = { fail: 0, warn: 1, inconclusive: 2, pass: 3 };
const ORDER: readonly VerdictStatus[] = ['fail', 'warn', 'inconclusive', 'pass'];
const COMPARISON: Record<NonNullable<Verdict['comparison']>, string> = {
  '<=': '≤',
  '<': '<',
  '>=': '≥',
  '>': '>',
  '==': '=',
};

function countsText(c: VerdictCounts): string {
  const parts = ORDER.filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`);
  return `${c.total} verdict${c.total === 1 ? '' : 's'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** Worst first, keeping the report's order within a status. */
function worstFirst<T extends { status: VerdictStatus }>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => RANK[a.item.status] - RANK[b.item.status] || a.i - b.i)
    .map((x) => x.item);
}

function omitted<T extends { status: VerdictStatus }>(rest: readonly T[], what: string): string {
  if (rest.length === 0) return '';
  const byStatus = ORDER.filter((s) => rest.some((r) => r.status === s)).map(
    (s) => `${rest.filter((r) => r.status === s).length} ${s}`,
  );
  return `\n\n_${rest.length} more ${what} not shown (${byStatus.join(', ')})._`;
}

function asShare(v: Verdict): boolean {
  const inUnit = (x: number | null) => x === null || (x >= 0 && x <= 1);
  return /\b(share|fraction|proportion)\b/i.test(v.method) && inUnit(v.value) && inUnit(v.threshold);
}

function verdictTable(verdicts: readonly Verdict[], maxRows: number): string {
  const sorted = worstFirst(verdicts);
  const rows = sorted.slice(0, maxRows).map((v) => {
    const fmt = asShare(v) ? pct : num;
    const check =
      v.subject !== undefined && !v.check.includes(v.subject)
        ? `${md(v.check)} (${md(v.subject)})`
        : md(v.check);
    const threshold =
      v.threshold === null
        ? '—'
        : `${v.comparison ? md(COMPARISON[v.comparison]) : 'threshold'} ${fmt(v.threshold)}`;
    const reason =
      v.status === 'inconclusive' && v.decideBy
        ? `${md(v.reason)} — would decide it: ${md(v.decideBy)}`
        : md(v.reason);
    return mdRow([LABEL[v.status], check, fmt(v.value), threshold, reason]);
  });
  return `${mdHead(['Status', 'Check', '#Value', 'Threshold', 'Reason'])}\n${rows.join('\n')}${omitted(sorted.slice(maxRows), 'verdicts')}`;
}

function driftBlock(name: string, result: DriftResult, maxRows: number, titled: boolean): string {
  const d = result.datasetDrift;
  const head = titled ? `#### Drift: ${md(name)}\n\n` : '#### Drift\n\n';
  const line =
    `${d.drift ? '**Dataset drift**' : '**No dataset drift**'}: ${d.driftedColumns} of ${d.evaluatedColumns} columns drifted ` +
    `(${pct(d.share)} ${d.drift ? '≥' : '&lt;'} ${pct(d.threshold)}) · ${md(result.reference.source ?? 'reference')} → ${md(result.current.source ?? 'current')} · correction ${md(result.correction)}`;
  if (result.columns.length === 0) return `${head}${line}`;
  const sorted = worstFirst(result.columns);
  const rows = sorted
    .slice(0, maxRows)
    .map((c) =>
      mdRow([
        LABEL[c.status],
        md(c.name),
        md(c.method),
        num(c.statistic),
        c.pvalueAdjusted === null ? num(c.pvalue) : `${num(c.pvalue)} (${num(c.pvalueAdjusted)})`,
        num(c.threshold),
      ]),
    );
  return `${head}${line}\n\n${mdHead(['Status', 'Column', 'Method', '#Statistic', '#p-value (adjusted)', '#Threshold'])}\n${rows.join('\n')}${omitted(sorted.slice(maxRows), 'columns')}`;
}

function splitBlock(s: SplitResult): string {
  const how = [
    s.method,
    `seed ${s.seed}`,
    s.label ? `stratified by ${md(s.label)}` : null,
    s.key ? `key ${md(s.key)}` : null,
    s.group ? `group ${md(s.group)}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const parts = s.splits.map((p) =>
    mdRow([p.name, count(p.rows), pct(p.share), `\`${p.membershipHash.slice(0, 12)}\``]),
  );
  const lines = [
    `${md(s.source ?? 'data')}: ${count(s.rows)} rows (${how})`,
    '',
    mdHead(['Split', '#Rows', '#Share', 'Membership SHA-256']),
    ...parts,
    '',
  ];
  if (s.stratification)
    lines.push(
      `- Stratification by ${md(s.stratification.column)}: largest deviation ${num(s.stratification.maxDeviation)} row(s) over ${s.stratification.classes.length} classes`,
    );
  for (const { split, drift } of s.representativeness) {
    const d = drift.datasetDrift;
    const drifted = drift.columns.filter((c) => c.drift).map((c) => md(c.name));
    lines.push(
      `- Representativeness of ${split}: ${d.driftedColumns} of ${d.evaluatedColumns} features differ from the rest${drifted.length > 0 ? ` (${drifted.slice(0, 6).join(', ')}${drifted.length > 6 ? ', …' : ''})` : ''}`,
    );
  }
  lines.push(
    s.leakage.length === 0
      ? '- Leakage: none'
      : `- Leakage: ${s.leakage.map((l) => `${count(l.rows)} rows (${l.kind}${l.column ? ` on ${md(l.column)}` : ''}, ${l.between[0]} ↔ ${l.between[1]})`).join('; ')}`,
  );
  return `#### Split\n\n${lines.join('\n')}`;
}

function splitChecksBlock(checks: NonNullable<Report['splitChecks']>): string {
  const rows = checks.map((c) => {
    const worst = worstFirst(c.verdicts)[0]?.status ?? 'pass';
    const counts = ORDER.filter((s) => c.verdicts.some((v) => v.status === s)).map(
      (s) => `${c.verdicts.filter((v) => v.status === s).length} ${s}`,
    );
    const notPass = c.verdicts.filter((v) => v.status !== 'pass').map((v) => md(v.check));
    return mdRow([
      md(c.split),
      count(c.rows),
      LABEL[worst],
      counts.join(', '),
      notPass.slice(0, 6).join(', ') + (notPass.length > 6 ? ', …' : ''),
    ]);
  });
  return `#### Checks per split\n\n${mdHead(['Split', '#Rows', 'Status', 'Verdicts', 'Not passing'])}\n${rows.join('\n')}`;
}

function profileBlock(report: Report, maxRows: number): string {
  const p = report.profile!;
  const rows = p.columns.slice(0, maxRows).map((c) => {
    const summary =
      c.kind === 'numeric'
        ? `mean ${num(c.mean)}, median ${num(c.quantiles['0.5'])}, [${num(c.min)}, ${num(c.max)}]`
        : c.kind === 'boolean'
          ? `true ${pctOf(c.trueCount, c.count)}`
          : c.top
              .slice(0, 3)
              .map(
                (t) =>
                  `${md(t.value.length > 24 ? `${t.value.slice(0, 23)}…` : t.value)} ${pctOf(t.count, c.count)}`,
              )
              .join(', ');
    return mdRow([
      md(c.name),
      c.type,
      pctOf(c.missing, c.count + c.missing),
      `${c.distinctExact ? '' : '~'}${count(c.distinct)}`,
      summary,
    ]);
  });
  const more =
    p.columns.length > maxRows ? `\n\n_${p.columns.length - maxRows} more columns not shown._` : '';
  return `#### Profile\n\n${count(p.rows)} rows, ${count(p.duplicateRows)} duplicate rows\n\n${mdHead(['Column', 'Type', '#Missing', '#Distinct', 'Summary'])}\n${rows.join('\n')}${more}`;
}

/**
 * A compact Markdown summary for CI comments and pull requests: a header line with the status and
 * counts, the verdicts (worst first), the drift summary, the split summary and, for a profile
 * run, the columns. No plots; tables are capped at `maxRows` rows.
 *
 * @example await writeFile('summary.md', renderMarkdown(report));
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxRows = options.maxRows ?? 50;
  const out: string[] = [];
  const status = report.counts.total > 0 ? `${LABEL[report.status]} · ` : '';
  out.push(`### ${status}${md(report.title)}`);
  const ds = report.dataset;
  const facts = [`\`vigie ${report.command}\``];
  if (ds) facts.push(md(ds.source ?? 'data'), `${count(ds.rows)} rows × ${count(ds.columns)} columns`);
  if (report.counts.total > 0) facts.push(countsText(report.counts));
  facts.push(`Vigie ${md(report.vigieVersion)}`);
  out.push(facts.join(' · '));
  if (report.verdicts.length > 0) out.push(`#### Verdicts\n\n${verdictTable(report.verdicts, maxRows)}`);
  const drift = report.drift ?? [];
  for (const d of drift) out.push(driftBlock(d.name, d.result, maxRows, drift.length > 1));
  if (report.split) out.push(splitBlock(report.split));
  if (report.splitChecks && report.splitChecks.length > 0) out.push(splitChecksBlock(report.splitChecks));
  if (report.command === 'profile' && report.profile) out.push(profileBlock(report, maxRows));
  if (report.repair && report.repair.transformations.length > 0) {
    const lines = report.repair.transformations.map(
      (t) =>
        `- ${md(t.name)}: ${t.action === 'exclude' ? `${count(t.affected)} rows removed` : `${count(t.affected)} values changed`} (${count(t.rowsIn)} → ${count(t.rowsOut)} rows)`,
    );
    out.push(`#### Repair\n\n${lines.join('\n')}`);
  }
  return `${out.join('\n\n')}\n`;
}
