import { formatValue, getColumn, type Table } from '@vigie/core/table';
import type { IntegrationCase } from '@vigie/core/testing';
import { UsageError } from '../exit-codes.js';

export function labelClasses(data: Table, label: string): string[] {
  const col = getColumn(data, label);
  const set = new Set<string>();
  for (let i = 0; i < data.rowCount; i++) {
    const v = formatValue(col, i);
    if (v !== null) set.add(v);
  }
  return [...set].sort();
}

export function parseRange(text: string): [string, [number, number]] {
  const m = /^(.+)=(-?[\d.e+-]+):(-?[\d.e+-]+)$/i.exec(text);
  if (!m || !Number.isFinite(Number(m[2])) || !Number.isFinite(Number(m[3])))
    throw new UsageError(`--range ${text}: expected COLUMN=LO:HI`);
  return [m[1]!, [Number(m[2]), Number(m[3])]];
}

export function headersOf(lines: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    lines.map((line) => {
      const at = line.indexOf(':');
      if (at <= 0) throw new UsageError(`--header: expected "Name: value", got "${line.slice(0, 40)}"`);
      return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()];
    }),
  );
}

export function listCases(cases: readonly IntegrationCase[], json: boolean): string {
  if (json)
    return `${JSON.stringify(
      cases.map((c) => ({
        name: c.name,
        exercises: c.exercises,
        expect: c.expect,
        rows: c.rows.length,
        invalid: c.invalid,
      })),
      null,
      2,
    )}\n`;
  return `${cases.map((c) => `${c.name}: ${c.exercises} → ${c.expect.join(' | ')}`).join('\n')}\n`;
}
