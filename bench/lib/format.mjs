/**
 * Compact number formatting for CSV cells. CSV size drives ingest time, so numbers keep at most
 * `digits` significant digits and no trailing zeros ("52.3456", "0.00123457", "-1.5").
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * `x` rounded to `digits` significant digits, in the same text JavaScript's String() gives for the
 * rounded value ("52.3456", "0.00123457", "-1.5", "1.23457e-7"). The mantissa is rounded as an
 * integer and the decimal point inserted by hand: integer-to-string is about twice as fast as
 * printing a double, and this runs for every numeric cell.
 */
export function formatSignificant(x, digits = 6) {
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? '0' : String(x);
  const negative = x < 0;
  const abs = negative ? -x : x;
  const decimals = digits - 1 - Math.floor(Math.log10(abs));
  // Outside [1e-6, 1e21) String() switches to exponent notation; keep its form there.
  if (abs < 1e-6 || decimals < 0 || decimals > 22) return shortestRounded(x, digits, decimals);
  let mantissa = Math.round(abs * POW10[decimals]);
  let places = decimals;
  while (places > 0 && mantissa % 10 === 0) {
    mantissa /= 10;
    places--;
  }
  if (mantissa === 0) return '0';
  let text = String(mantissa);
  if (places > 0) {
    text =
      text.length > places
        ? text.slice(0, text.length - places) + '.' + text.slice(text.length - places)
        : '0.' + '0'.repeat(places - text.length) + text;
  }
  return negative ? '-' + text : text;
}

/**
 * Math.round(x * 10^k) / 10^k is an exact integer over an exact power of ten, so the result is the
 * double nearest the rounded decimal and String() prints it with at most `digits` digits.
 */
function shortestRounded(x, digits, decimals) {
  if (decimals >= 0 && decimals <= 22) return String(Math.round(x * POW10[decimals]) / POW10[decimals]);
  if (decimals < 0 && decimals >= -22) return String(Math.round(x / POW10[-decimals]) * POW10[-decimals]);
  return String(Number(x.toPrecision(digits)));
}

/** Zero-padded decimal of a non-negative integer, e.g. padInt(42, 7) === '0000042'. */
export function padInt(n, width) {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** Human-readable byte count (MB = 10^6 bytes, as `ls -h --si` would print). */
export function formatBytes(bytes) {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}
