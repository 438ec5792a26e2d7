import { type ErrorCode, VigieError } from '../../errors/index.js';

interface Rule {
  test: RegExp;
  code: ErrorCode;
  message: (m: RegExpExecArray, first: string) => string;
}

const RULES: Rule[] = [
  {
    test: /not utf-8 encoded/i,
    code: 'PARSE_ERROR',
    message: () => 'invalid UTF-8 byte sequence: the file is not UTF-8 (set encoding to latin-1 or utf-16)',
  },
  {
    test: /too small to be a Parquet file|No magic bytes found|not a parquet file/i,
    code: 'PARSE_ERROR',
    message: () => 'not a Parquet file, or a truncated one',
  },
  {
    test: /Malformed JSON.*?line (\d+): (.*?)\.?\s*$/i,
    code: 'PARSE_ERROR',
    message: (m) => `malformed JSON: ${m[2]}`,
  },
  { test: /No files found that match the pattern/i, code: 'FILE_NOT_FOUND', message: () => 'no such file' },
  {
    test: /Extension Autoloading Error.*?extension '(\w+)'/i,
    code: 'UNSUPPORTED',
    message: (m) =>
      `reading this location needs DuckDB's ${m[1]} extension, which could not be installed here (no network?); ` +
      `install it once with DuckDB ("INSTALL ${m[1]}") or copy it into the extension directory`,
  },
  {
    test: /Could not convert string "(.*?)" to '(\w+)'/i,
    code: 'TYPE_MISMATCH',
    message: (m) => `value "${m[1]}" cannot be read as ${m[2]}`,
  },
  { test: /Out of Memory Error/i, code: 'INTERNAL', message: () => 'not enough memory to load the data' },
];

/** The line number DuckDB reports, when it reports one. */
function lineOf(text: string): number | undefined {
  const m = /(?:CSV Error on Line|\bline)[: ]+(\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** DuckDB's first line without its "X Error: " prefix. */
function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.replace(/^[A-Za-z ]+Error:\s*/, '').trim();
}

/**
 * Turns a DuckDB error about reading `file` into a one-line VigieError naming the file and,
 * where DuckDB knows it, the line. The DuckDB error is kept as the cause.
 */
export function duckDbReadError(cause: unknown, file: string): VigieError {
  if (cause instanceof VigieError) return cause;
  // DuckDB appends the SQL with a caret ("LINE 1: SELECT ..."): not the user's line.
  const text = (cause instanceof Error ? cause.message : String(cause)).split(/\n\s*LINE \d+:/)[0]!;
  const line = lineOf(text);
  const where = line === undefined ? file : `${file}:${line}`;
  const details = { file, ...(line === undefined ? {} : { line }) };
  for (const rule of RULES) {
    const m = rule.test.exec(text);
    if (m)
      return new VigieError(rule.code, `${where}: ${rule.message(m, firstLine(text))}`, { cause, details });
  }
  return new VigieError('PARSE_ERROR', `${where}: ${firstLine(text)}`, { cause, details });
}
