/**
 * Compact number: 4 significant digits in [1e-3, 1e6), exponent notation outside (1e-30, 2.5e7),
 * integers below 1e15 in full; '—' for null, 'NaN', '∞' / '-∞'.
 *
 * @example num(0.012345); // '0.01235'   num(1e-30); // '1e-30'
 */
export function num(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e15) return String(x);
  if (a >= 1e-3 && a < 1e6) return String(Number(x.toPrecision(4)));
  return exponent(x);
}

/** Exponent notation with up to 3 significant digits and no '+' or trailing zeros: 1.5e6, 1e-30. */
function exponent(x: number): string {
  const [mantissa, power] = x.toExponential(2).split('e') as [string, string];
  const m = mantissa.replace(/\.?0+$/, '');
  return `${m}e${power.replace('+', '')}`;
}

/**
 * A count with thousands separators (commas), for row and sample sizes.
 *
 * @example count(1234567); // '1,234,567'
 */
export function count(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (!Number.isFinite(n) || !Number.isInteger(n)) return num(n);
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A share in [0, 1] as a percentage: 3 significant digits, 2 below 1%, '<0.001%' for tiny ones.
 *
 * @example pct(0.1234); // '12.3%'   pct(0.5); // '50%'
 */
export function pct(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  const p = share * 100;
  if (p === 0) return '0%';
  if (Math.abs(p) < 0.001) return p > 0 ? '<0.001%' : '>-0.001%';
  return `${Number(p.toPrecision(Math.abs(p) < 1 ? 2 : 3))}%`;
}

/** Share of `part` in `whole` as a percentage ('—' when whole is 0). */
export function pctOf(part: number, whole: number): string {
  return whole === 0 ? '—' : pct(part / whole);
}

/** First 12 hex digits of a hash ('—' when there is none). */
export function shortHash(hash: string | null | undefined): string {
  return hash ? hash.slice(0, 12) : '—';
}

const DAY_MS = 86_400_000;

/**
 * Epoch milliseconds as an ISO date ('2024-03-01'), with the UTC time when it is not midnight
 * (to the minute, second or millisecond as needed).
 *
 * @example dateTime(Date.UTC(2024, 2, 1)); // '2024-03-01'
 */
export function dateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return num(ms);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return num(ms);
  const iso = d.toISOString();
  if (ms % DAY_MS === 0) return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, ms % 60_000 === 0 ? 16 : ms % 1000 === 0 ? 19 : 23)}`;
}

/** A duration in milliseconds in the largest fitting unit (for the spread of datetime columns). */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return num(ms);
  const a = Math.abs(ms);
  if (a >= DAY_MS) return `${num(Number((ms / DAY_MS).toPrecision(3)))} d`;
  if (a >= 3_600_000) return `${num(Number((ms / 3_600_000).toPrecision(3)))} h`;
  if (a >= 60_000) return `${num(Number((ms / 60_000).toPrecision(3)))} min`;
  if (a >= 1000) return `${num(Number((ms / 1000).toPrecision(3)))} s`;
  return `${num(ms)} ms`;
}

/**
 * Rounds to 1e-5 of `span` (the range the value is plotted on), keeping the JSON of plot data
 * short without moving points on the plot: unlike significant digits, this keeps epoch
 * milliseconds and values with a large offset and a small spread exact enough.
 *
 * @example roundIn(1704067212345, 1e10); // 1704067200000
 */
export function roundIn(x: number, span: number): number {
  if (!Number.isFinite(x) || !(span > 0) || !Number.isFinite(span)) return x;
  const step = 10 ** (Math.floor(Math.log10(span)) - 5);
  return Number((Math.round(x / step) * step).toPrecision(15));
}

/** Rounds to `digits` significant digits, keeping the JSON of plot data short. */
export function round(x: number, digits = 6): number {
  return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(digits)) : x;
}

/** Truncates long text for a table cell, with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
