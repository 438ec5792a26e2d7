import { writeFileAtomic } from '@vigie/core/fs';
import { type Report, renderJunit } from '@vigie/core/report';
import { renderHtml } from '@vigie/core/report/html';
import type { CliIo } from './io.js';

export interface ReportFlags {
  json?: boolean;
  junit?: string;
  html?: string;
  markdown?: string;
}

/** Writes the requested report files (each atomically) and, with --json, the JSON on stdout. */
export async function emitReports(
  io: CliIo,
  report: Report,
  flags: ReportFlags,
  json: unknown = report,
): Promise<void> {
  if (flags.junit) await writeFileAtomic(flags.junit, renderJunit(report));
  if (flags.html) await writeFileAtomic(flags.html, renderHtml(report));
  if (flags.json) io.stdout.write(`${JSON.stringify(json, jsonReplacer, 2)}\n`);
}

/** JSON has no NaN or infinities: they are written as null (fields that can be so are documented). */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
