import { VigieError } from '../../errors/index.js';

export function missingColumn(
  label: string,
  name: string,
  names: readonly string[],
  why: string,
): VigieError {
  const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')}, ...` : names.join(', ');
  return new VigieError('COLUMN_NOT_FOUND', `${label}: no column "${name}" (${why}); columns: ${shown}`, {
    details: { file: label, column: name },
  });
}

export function tooLarge(label: string, bytes: number, budget: number): VigieError {
  return new VigieError(
    'INPUT_TOO_LARGE',
    `${label}: needs about ${formatBytes(bytes)} of memory, more than the ${formatBytes(budget)} allowed; read a sample (--sample N) or raise --max-memory`,
    { details: { file: label } },
  );
}

/** Bytes in the decimal unit that keeps the number readable: 950 bytes, 12 kB, 3.4 MB, 1.5 GB. */
function formatBytes(b: number): string {
  if (b < 1e3) return `${Math.round(b)} bytes`;
  const [unit, size] = b < 1e6 ? ['kB', 1e3] : b < 1e9 ? ['MB', 1e6] : b < 1e12 ? ['GB', 1e9] : ['TB', 1e12];
  const v = b / (size as number);
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${unit}`;
}
