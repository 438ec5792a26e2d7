import type { SplitResult } from '../../split/index.js';
import { num, type Style, table } from './style.js';
import { renderVerdicts } from './verdicts.js';

export function renderSplit(result: SplitResult, style: Style): string {
  const how = [
    `method ${result.method}`,
    `seed ${result.seed}`,
    result.label ? `stratified by ${result.label}` : null,
    result.key ? `key ${result.key}` : null,
    result.group ? `group ${result.group}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const rows: string[][] = [['split', 'rows', 'share', 'membership sha256']];
  for (const s of result.splits)
    rows.push([s.name, String(s.rows), `${num(s.share * 100)}%`, s.membershipHash.slice(0, 16)]);
  return [
    `${style.bold('Split')} ${result.source ?? 'data'}: ${result.rows} rows (${how})`,
    table(rows, style, ['l', 'r', 'r', 'l']),
    renderVerdicts(result.verdicts, style),
  ].join('\n');
}
