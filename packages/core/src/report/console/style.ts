/** Terminal styling; identity functions when colour is off, so the text reads the same. */
export interface Style {
  pass(s: string): string;
  warn(s: string): string;
  fail(s: string): string;
  inconclusive(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function createStyle(color: boolean): Style {
  if (!color) {
    const id = (s: string) => s;
    return { pass: id, warn: id, fail: id, inconclusive: id, dim: id, bold: id };
  }
  return {
    pass: wrap(32, 39),
    warn: wrap(33, 39),
    fail: wrap(31, 39),
    inconclusive: wrap(36, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}

/** Visible width of a string (ANSI escapes excluded). */
export function visibleLength(s: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI escape sequences
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - visibleLength(s)));
}

export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - visibleLength(s))) + s;
}

/** Compact number: 3 significant digits, exponent notation for the very small and very large. */
export function num(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e6) return String(Number(x.toPrecision(Number.isInteger(x) ? 15 : 4)));
  return x.toExponential(2);
}

/** Renders rows as aligned columns (first row is the header). */
export function table(
  rows: readonly (readonly string[])[],
  style: Style,
  align: readonly ('l' | 'r')[] = [],
): string {
  const widths: number[] = [];
  for (const r of rows) {
    r.forEach((c, j) => {
      widths[j] = Math.max(widths[j] ?? 0, visibleLength(c));
    });
  }
  return rows
    .map((r, i) => {
      const line = r
        .map((c, j) => (align[j] === 'r' ? padStart(c, widths[j]!) : padEnd(c, widths[j]!)))
        .join('  ');
      return i === 0 ? style.bold(line.trimEnd()) : line.trimEnd();
    })
    .join('\n');
}
