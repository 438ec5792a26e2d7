import { VigieError } from '../errors/index.js';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The pattern a duration string follows: a number and a unit (ms, s, m, h), e.g. `30s`, `1.5m`. */
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

/**
 * Milliseconds of a duration: a number of seconds, or a string with a unit (`250ms`, `30s`, `5m`,
 * `2h`). Throws INVALID_ARGUMENT for anything else.
 *
 * @example parseDuration('5m'); // 300000
 */
export function parseDuration(value: number | string): number {
  if (typeof value === 'number') {
    if (!(value >= 0) || !Number.isFinite(value))
      throw new VigieError(
        'INVALID_ARGUMENT',
        `a duration must be a non-negative number of seconds, got ${value}`,
      );
    return value * 1000;
  }
  const m = DURATION_PATTERN.exec(value.trim());
  if (!m)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `"${value.slice(0, 40)}" is not a duration (expected a number and a unit: 250ms, 30s, 5m, 2h)`,
    );
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** A duration for people: `850 ms`, `12 s`, `3.5 min`, `2 h`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toPrecision(3))} s`;
  if (ms < 3_600_000) return `${Number((ms / 60_000).toPrecision(3))} min`;
  return `${Number((ms / 3_600_000).toPrecision(3))} h`;
}
