import { totalmem } from 'node:os';
import { SEMANTIC_TYPES, type SemanticType } from '@vigie/core/table';
import { InvalidArgumentError } from 'commander';

/** Parses sizes like 512MB, 4GB, 1.5G, 100000 (bytes). */
export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`expected a size such as 512MB or 4GB, got "${value}"`);
  const unit = { '': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Number(m[1]) * unit;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

export function parseInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected an integer, got "${value}"`);
  return n;
}

export function parseShare(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1))
    throw new InvalidArgumentError(`expected a number between 0 and 1, got "${value}"`);
  return n;
}

export function parseNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got "${value}"`);
  return n;
}

export function parseList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `--type col=numeric` (repeatable) into a map of overrides. */
export function collectType(
  value: string,
  previous: Record<string, SemanticType> = {},
): Record<string, SemanticType> {
  const i = value.lastIndexOf('=');
  const name = value.slice(0, i);
  const type = value.slice(i + 1) as SemanticType;
  if (i <= 0 || !SEMANTIC_TYPES.includes(type)) {
    throw new InvalidArgumentError(
      `expected COLUMN=TYPE with TYPE one of ${SEMANTIC_TYPES.join(', ')}, got "${value}"`,
    );
  }
  return { ...previous, [name]: type };
}

/** Default memory budget for loaded data: half of the machine's memory. */
export function defaultMaxMemory(): number {
  return Math.floor(totalmem() / 2);
}

/** Options every data-reading command accepts. */
export interface ReadFlags {
  format?: 'csv' | 'parquet' | 'json';
  delimiter?: string;
  encoding?: 'utf-8' | 'latin-1' | 'utf-16';
  type?: Record<string, SemanticType>;
  sample?: number;
  seed?: number;
  maxMemory?: number;
}
