import type { ColumnProfile } from '../profile/index.js';
import type { Row } from './case.js';

/** One abnormal value for one column: what it is and what it exercises. */
export interface ValueCase {
  kind: string;
  exercises: string;
  /** The value to put in the row; `MISSING_FIELD` removes the field instead. */
  value: unknown;
  /** The value breaks the column's type (wrong type, non-finite number, missing field). */
  invalid: boolean;
}

/** Marks a case that leaves the field out of the row rather than setting it. */
export const MISSING_FIELD: unique symbol = Symbol('missing field');

export interface ValueCaseOptions {
  longStringLength: number;
}

const common = (): ValueCase[] => [
  { kind: 'null', exercises: 'a null value (missing)', value: null, invalid: false },
  { kind: 'missing-field', exercises: 'the field left out of the row', value: MISSING_FIELD, invalid: true },
];

function numericCases(p: ColumnProfile, base: unknown, integer: boolean): ValueCase[] {
  const min = p.min ?? 0;
  const max = p.max ?? 0;
  const span = Math.max(max - min, Math.abs(max), 1);
  const out: ValueCase[] = [
    ...common(),
    {
      kind: 'nan',
      exercises: 'NaN (sent as the bare token NaN over HTTP)',
      value: Number.NaN,
      invalid: true,
    },
    { kind: 'infinity', exercises: '+Infinity', value: Number.POSITIVE_INFINITY, invalid: true },
    { kind: 'negative-infinity', exercises: '-Infinity', value: Number.NEGATIVE_INFINITY, invalid: true },
    {
      kind: 'below-range',
      exercises: `a value far below the observed minimum ${min}`,
      value: min - 10 * span,
      invalid: false,
    },
    {
      kind: 'above-range',
      exercises: `a value far above the observed maximum ${max}`,
      value: max + 10 * span,
      invalid: false,
    },
    {
      kind: 'extreme-large',
      exercises: 'the largest double (1.8e308)',
      value: Number.MAX_VALUE,
      invalid: false,
    },
    {
      kind: 'extreme-negative',
      exercises: 'the most negative double',
      value: -Number.MAX_VALUE,
      invalid: false,
    },
    { kind: 'zero', exercises: 'zero', value: 0, invalid: false },
    {
      kind: 'wrong-type-string',
      exercises: 'text where a number is expected',
      value: 'not a number',
      invalid: true,
    },
    {
      kind: 'numeric-string',
      exercises: `the number as text (${JSON.stringify(String(base ?? min))} instead of ${String(base ?? min)})`,
      value: String(base ?? min),
      invalid: true,
    },
    {
      kind: 'wrong-type-boolean',
      exercises: 'a boolean where a number is expected',
      value: true,
      invalid: true,
    },
    {
      kind: 'wrong-type-object',
      exercises: 'an object where a number is expected',
      value: { value: 1 },
      invalid: true,
    },
    {
      kind: 'wrong-type-array',
      exercises: 'a list where a number is expected',
      value: [1, 2],
      invalid: true,
    },
  ];
  if (integer)
    out.push({
      kind: 'fractional',
      exercises: 'a fraction in an integer column',
      value: Math.floor(min) + 0.5,
      invalid: false,
    });
  return out;
}

function categoricalCases(p: ColumnProfile, base: unknown, o: ValueCaseOptions): ValueCase[] {
  const known = p.kind === 'categorical' ? p.top.map((t) => t.value) : [];
  const sample = typeof base === 'string' ? base : (known[0] ?? 'value');
  let unseen = '__vigie_unseen__';
  while (known.includes(unseen)) unseen = `_${unseen}`;
  const out: ValueCase[] = [
    ...common(),
    { kind: 'empty-string', exercises: 'an empty string', value: '', invalid: false },
    { kind: 'whitespace', exercises: 'only whitespace', value: ' \t ', invalid: false },
    {
      kind: 'long-string',
      exercises: `a ${o.longStringLength}-character string`,
      value: 'x'.repeat(o.longStringLength),
      invalid: false,
    },
    {
      kind: 'unseen-category',
      exercises: 'a category never seen in the data',
      value: unseen,
      invalid: false,
    },
    {
      kind: 'case-variant',
      exercises: `a known value in another case ("${sample.toUpperCase()}")`,
      value: sample === sample.toUpperCase() ? sample.toLowerCase() : sample.toUpperCase(),
      invalid: false,
    },
    {
      kind: 'padded',
      exercises: 'a known value with surrounding spaces',
      value: ` ${sample} `,
      invalid: false,
    },
    {
      kind: 'unicode-emoji',
      exercises: 'emoji and astral-plane characters',
      value: `${sample} 🐧🏳️‍🌈`,
      invalid: false,
    },
    {
      kind: 'unicode-control',
      exercises: 'control characters (NUL, right-to-left override, zero-width space)',
      value: `${sample}\u0000\u202e\u200b`,
      invalid: false,
    },
    {
      kind: 'unicode-combining',
      exercises: 'combining marks (a decomposed accent after the value)',
      value: `${sample}e\u0301\u0308`,
      invalid: false,
    },
    {
      kind: 'lone-surrogate',
      exercises: 'an unpaired UTF-16 surrogate',
      value: `${sample}\ud800`,
      invalid: false,
    },
    { kind: 'wrong-type-number', exercises: 'a number where text is expected', value: 42, invalid: true },
    {
      kind: 'wrong-type-object',
      exercises: 'an object where text is expected',
      value: { value: sample },
      invalid: true,
    },
  ];
  return out;
}

function booleanCases(): ValueCase[] {
  return [
    ...common(),
    {
      kind: 'wrong-type-string',
      exercises: 'text ("yes") where a boolean is expected',
      value: 'yes',
      invalid: true,
    },
    {
      kind: 'wrong-type-number',
      exercises: 'a number (2) where a boolean is expected',
      value: 2,
      invalid: true,
    },
  ];
}

function datetimeCases(): ValueCase[] {
  return [
    ...common(),
    { kind: 'invalid-date', exercises: 'text that is not a date', value: 'not a date', invalid: true },
    {
      kind: 'far-future',
      exercises: 'a date in the year 9999',
      value: '9999-12-31T23:59:59.999Z',
      invalid: false,
    },
    { kind: 'epoch', exercises: 'the Unix epoch', value: '1970-01-01T00:00:00.000Z', invalid: false },
  ];
}

/** The abnormal values for a column, per its type (`base` is the value of the base row). */
export function valueCases(p: ColumnProfile, base: unknown, o: ValueCaseOptions): ValueCase[] {
  switch (p.type) {
    case 'numeric':
      return numericCases(p, base, false);
    case 'integer':
      return numericCases(p, base, true);
    case 'datetime':
      return datetimeCases();
    case 'boolean':
      return booleanCases();
    default:
      return categoricalCases(p, base, o);
  }
}

/** A copy of `row` with the case's value in `column` (or the field removed). */
export function applyValue(row: Row, column: string, value: unknown): Row {
  const out: Row = { ...row };
  if (value === MISSING_FIELD) delete out[column];
  else out[column] = value;
  return out;
}
