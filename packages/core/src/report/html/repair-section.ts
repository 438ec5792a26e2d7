import type { Report } from '../model.js';
import { esc } from './escape.js';
import { count } from './format.js';
import { numCell, section, thead } from './parts.js';

function parameters(p: Record<string, unknown>): string {
  const entries = Object.entries(p);
  if (entries.length === 0) return '<span class="m">—</span>';
  return entries.map(([k, v]) => `<code>${esc(k)}</code>=${esc(clipJson(v))}`).join(' ');
}

function clipJson(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

/** The repairs applied, in order, with their row counts and parameters. */
export function repairSection(repair: NonNullable<Report['repair']>): string {
  const out =
    repair.output === null
      ? '<p>The repaired data was not written.</p>'
      : `<p>Repaired data written to <code>${esc(repair.output)}</code>.</p>`;
  if (repair.transformations.length === 0)
    return section('repair', 'Repair', `${out}<p class="m">No repair applied.</p>`);
  const rows = repair.transformations
    .map(
      (t) =>
        `<tr><th scope="row">${esc(t.name)}</th><td>${esc(t.action)}</td><td>${t.column === null ? '<span class="m">—</span>' : esc(t.column)}</td>` +
        `${numCell(count(t.rowsIn))}${numCell(count(t.rowsOut))}${numCell(count(t.affected), t.action === 'exclude' ? 'rows removed' : 'cells changed')}<td>${parameters(t.parameters)}</td></tr>`,
    )
    .join('');
  return section(
    'repair',
    'Repair',
    `${out}<div class="scroll"><table class="repair"><caption class="sr">Repairs applied</caption>${thead(['Name', 'Action', 'Column', '#Rows in', '#Rows out', '#Affected', 'Parameters'])}<tbody>${rows}</tbody></table></div>`,
  );
}
