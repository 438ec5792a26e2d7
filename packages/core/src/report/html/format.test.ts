import { describe, expect, it } from 'vitest';
import { count, dateTime, duration, num, pct, pctOf, round, roundIn, shortHash } from './format.js';

describe('num', () => {
  it('keeps 4 significant digits in the ordinary range', () => {
    expect(num(0.012345)).toBe('0.01235');
    expect(num(1.23456)).toBe('1.235');
    expect(num(123456.7)).toBe('123500');
    expect(num(-0.5)).toBe('-0.5');
  });
  it('writes integers in full and tiny or huge values in exponent notation', () => {
    expect(num(480)).toBe('480');
    expect(num(1e-30)).toBe('1e-30');
    expect(num(2.2e-31)).toBe('2.2e-31');
    expect(num(1.234e-5)).toBe('1.23e-5');
    expect(num(2.5e7 + 0.5)).toBe('2.5e7');
  });
  it('names the values that are not numbers', () => {
    expect(num(null)).toBe('—');
    expect(num(undefined)).toBe('—');
    expect(num(Number.NaN)).toBe('NaN');
    expect(num(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(num(Number.NEGATIVE_INFINITY)).toBe('-∞');
    expect(num(0)).toBe('0');
  });
});

describe('count, pct and the others', () => {
  it('groups thousands', () => {
    expect(count(1234567)).toBe('1,234,567');
    expect(count(999)).toBe('999');
    expect(count(-1000)).toBe('-1,000');
    expect(count(null)).toBe('—');
  });
  it('writes shares as percentages', () => {
    expect(pct(0.1234)).toBe('12.3%');
    expect(pct(0.5)).toBe('50%');
    expect(pct(1)).toBe('100%');
    expect(pct(0.00123)).toBe('0.12%');
    expect(pct(0)).toBe('0%');
    expect(pct(1e-9)).toBe('<0.001%');
    expect(pctOf(1, 3)).toBe('33.3%');
    expect(pctOf(1, 0)).toBe('—');
  });
  it('formats datetimes and durations', () => {
    expect(dateTime(Date.UTC(2024, 2, 1))).toBe('2024-03-01');
    expect(dateTime(Date.UTC(2024, 2, 1, 13, 5))).toBe('2024-03-01 13:05');
    expect(dateTime(Date.UTC(2024, 2, 1, 13, 5, 7))).toBe('2024-03-01 13:05:07');
    expect(dateTime(null)).toBe('—');
    expect(duration(86_400_000 * 33.5)).toBe('33.5 d');
    expect(duration(5400_000)).toBe('1.5 h');
    expect(duration(2_550_000)).toBe('42.5 min');
    expect(duration(250)).toBe('250 ms');
  });
  it('shortens hashes and rounds plot numbers', () => {
    expect(shortHash('0123456789abcdef')).toBe('0123456789ab');
    expect(shortHash('')).toBe('—');
    expect(round(1.2345678)).toBe(1.23457);
    expect(round(1.2345678, 3)).toBe(1.23);
    expect(round(0)).toBe(0);
  });
});

describe('roundIn', () => {
  it('keeps 5 digits of the plotted range, whatever the offset', () => {
    expect(roundIn(1704067212345, 1e10)).toBe(1704067200000);
    expect(roundIn(1000000.123456, 0.1)).toBe(1000000.123456);
    expect(roundIn(1000000.1234567, 0.1)).toBe(1000000.123457);
    expect(roundIn(1.234567, 10)).toBe(1.2346);
    expect(roundIn(5, 0)).toBe(5);
  });
});
