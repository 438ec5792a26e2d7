import type { ColumnProfile, DatasetProfile, NumericColumnProfile } from '../../profile/index.js';
import { esc } from './escape.js';
import { clip, count, dateTime, duration, num, pct, pctOf, shortHash } from './format.js';
import { filters, numCell, section, sparkline, thead, toggleCell } from './parts.js';
import { columnPanel } from './plot-specs.js';

/** Quantile levels shown in the table; the others are in each column's details and quantile plot. */
const TABLE_QUANTILES = ['0.25', '0.5', '0.75'] as const;
const HEAD = [
  '',
  'Column',
  'Type',
  '#Count',
  '#Missing',
  '#Distinct',
  '#Mean',
  '#Std',
  '#Min',
  '#25%',
  '#Median',
  '#75%',
  '#Max',
  'Distribution',
];
/** Cells from Mean to Max, replaced by one "top values" cell for non-numeric columns. */
const SUMMARY_SPAN = 7;

/** Datetimes show their day in the table (the full time on hover) to keep the columns narrow. */
function dateCell(ms: number | null | undefined): string {
  const full = dateTime(ms);
  return numCell(full.slice(0, 10), full.length > 10 ? full : undefined);
}

function numericCells(c: NumericColumnProfile): string {
  const values = [c.mean, c.min, ...TABLE_QUANTILES.map((q) => c.quantiles[q]), c.max];
  const cells = c.type === 'datetime' ? values.map(dateCell) : values.map((x) => numCell(num(x)));
  cells.splice(1, 0, numCell(c.type === 'datetime' ? duration(c.std) : num(c.std)));
  return cells.join('');
}

function topValues(c: ColumnProfile): string {
  if (c.kind === 'boolean') {
    const n = c.trueCount + c.falseCount;
    return `<td colspan="${SUMMARY_SPAN}" class="top"><div>true ${esc(pctOf(c.trueCount, n))} · false ${esc(pctOf(c.falseCount, n))}</div></td>`;
  }
  if (c.kind !== 'categorical') return '';
  const shown = c.top.slice(0, 4).map((t) => {
    const label = `“${clip(t.value, 28)}”`;
    return `<span title="${esc(t.value)}: ${esc(count(t.count))}">${esc(label)} ${esc(pctOf(t.count, c.count))}</span>`;
  });
  const rest =
    c.distinct > shown.length ? ` <span class="m">+${esc(count(c.distinct - shown.length))} more</span>` : '';
  return `<td colspan="${SUMMARY_SPAN}" class="top"><div>${shown.join(' · ') || '<span class="m">—</span>'}${rest}</div></td>`;
}

function spark(c: ColumnProfile): string {
  if (c.kind === 'numeric') return sparkline(c.histogram.counts, `histogram of ${c.name}`);
  if (c.kind === 'boolean')
    return sparkline([c.trueCount, c.falseCount], `true and false counts of ${c.name}`);
  return sparkline(
    c.top.slice(0, 12).map((t) => t.count),
    `counts of the most frequent values of ${c.name}`,
  );
}

function row(c: ColumnProfile): string {
  const distinct = `${c.distinctExact ? '' : '~'}${count(c.distinct)}`;
  const missing = pctOf(c.missing, c.count + c.missing);
  const summary = c.kind === 'numeric' ? numericCells(c) : topValues(c);
  return (
    `<tr>${toggleCell(c.name, columnPanel(c))}<th scope="row">${esc(c.name)}</th><td>${esc(c.type)}</td>` +
    numCell(count(c.count)) +
    numCell(missing, `${count(c.missing)} missing`) +
    numCell(
      distinct,
      c.distinctExact ? undefined : `HyperLogLog estimate, relative error ${pct(c.distinctError)}`,
    ) +
    `${summary}<td>${spark(c)}</td></tr>`
  );
}

function notes(profile: DatasetProfile): string[] {
  const out: string[] = [];
  const sketched = profile.columns.filter(
    (c) => c.kind === 'numeric' && c.quantileAccuracy.method === 'kll',
  ).length;
  if (sketched > 0)
    out.push(
      `${sketched} column(s) have quantiles from a KLL sketch (approximate; see each column's details).`,
    );
  if (profile.columns.some((c) => !c.distinctExact))
    out.push('Distinct counts marked ~ are HyperLogLog estimates.');
  if (!profile.duplicateRowsExact) out.push('Duplicate rows are counted within each merged partition only.');
  return out;
}

/** One row per column with its main statistics; each row opens on plots drawn on demand. */
export function profileSection(profile: DatasetProfile): string {
  const head =
    `<p>${esc(profile.source ?? 'data')}: ${esc(count(profile.rows))} rows × ${esc(count(profile.columns.length))} columns, ` +
    `${esc(count(profile.duplicateRows))} duplicate rows (${esc(pctOf(profile.duplicateRows, profile.rows))})` +
    (profile.contentHash
      ? `, content hash <code title="SHA-256 ${esc(profile.contentHash)}">${esc(shortHash(profile.contentHash))}</code>`
      : '') +
    '.</p>';
  const notesHtml = notes(profile)
    .map((n) => `<p class="m">${esc(n)}</p>`)
    .join('');
  const table =
    filters('profile-table', 'Columns', null) +
    '<div class="scroll"><table id="profile-table" class="profile"><caption class="sr">Column profiles</caption>' +
    thead(HEAD) +
    `<tbody>${profile.columns.map(row).join('')}</tbody></table></div>`;
  return section('profile', 'Profile', head + notesHtml + table);
}
