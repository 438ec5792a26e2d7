import type { Analysis, DatasetVersion, ModelVersion, Readiness, RegistryEvent } from '@vigie/core/registry';
import pc from 'picocolors';

export type Paint = (s: string) => string;
export interface Colors {
  bold: Paint;
  dim: Paint;
  green: Paint;
  red: Paint;
  yellow: Paint;
}

export function colors(enabled: boolean): Colors {
  const c = pc.createColors(enabled);
  return { bold: c.bold, dim: c.dim, green: c.green, red: c.red, yellow: c.yellow };
}

/** Bytes in a readable decimal unit. */
export function formatSize(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  const [unit, size] = bytes < 1e6 ? ['kB', 1e3] : bytes < 1e9 ? ['MB', 1e6] : ['GB', 1e9];
  const v = bytes / (size as number);
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${unit}`;
}

export function refOf(v: DatasetVersion | ModelVersion): string {
  return `${v.name}@${v.version}`;
}

export function statusColor(c: Colors, status: string): string {
  return status === 'pass' ? c.green(status) : status === 'fail' ? c.red(status) : c.yellow(status);
}

export function readinessLines(c: Colors, r: Readiness, title: string): string[] {
  const lines = [`${title}: ${r.ready ? c.green('yes') : c.red('no')}`];
  for (const req of r.requirements)
    lines.push(`  ${req.met ? c.green('✓') : c.red('✗')} ${req.name}: ${req.detail}`);
  return lines;
}

export function analysisLine(c: Colors, a: Analysis): string {
  const blob = a.blobHash ? c.dim(` sha256:${a.blobHash.slice(0, 12)}`) : '';
  return `    ${a.id} ${a.kind} ${statusColor(c, a.status)} ${c.dim(`${a.createdAt} by ${a.createdBy}`)}${blob}`;
}

export function eventLine(c: Colors, e: RegistryEvent): string {
  const alias = e.alias
    ? ` ${e.alias.kind}:${e.alias.name}@${e.alias.alias} ${e.alias.from ?? '∅'} → ${e.alias.to ?? '∅'}`
    : '';
  const subject = !e.alias && e.subjectId ? ` ${e.subjectId}` : '';
  const reason = e.reason ? ` — ${e.reason}` : '';
  const action =
    typeof e.payload.action === 'string' && e.payload.action !== 'set' ? ` (${e.payload.action})` : '';
  return `${c.dim(`#${e.seq} ${e.at}`)} ${e.actor} ${c.bold(e.type)}${action}${alias}${subject}${reason}`;
}

/** Left-aligned columns. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => stripAnsi(r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell + ' '.repeat(widths[i]! - stripAnsi(cell).length))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function stripAnsi(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
  return s.replace(/\u001b\[[0-9;]*m/g, '');
}
