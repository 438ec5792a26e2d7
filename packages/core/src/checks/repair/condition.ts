import type { RepairCondition } from '../../config-schema/index.js';
import { VigieError } from '../../errors/index.js';
import { duplicateMask, rowHashes } from '../../profile/index.js';
import { DICT_MISSING, formatValue, getColumn, isMissing, type Table } from '../../table/index.js';
import { univariateOutliers } from '../outlier-flags.js';

/** A readable name for a condition, used in transformation names. */
export function describeCondition(when: RepairCondition): string {
  if ('duplicate' in when) return 'duplicate';
  if ('is_missing' in when) return `${when.column}:is_missing`;
  if ('outside' in when)
    return `${when.column}:outside[${when.outside.min ?? '-∞'},${when.outside.max ?? '∞'}]`;
  if ('not_in' in when) return `${when.column}:not_in`;
  if ('not_matching' in when) return `${when.column}:not_matching`;
  return `${when.column}:outlier:${when.outlier.method}`;
}

/** 1 for each row where the condition holds. */
export function conditionMask(table: Table, when: RepairCondition): Uint8Array {
  const n = table.rowCount;
  const mask = new Uint8Array(n);
  if ('duplicate' in when) return duplicateMask(rowHashes(table));
  const col = getColumn(table, when.column);
  if ('is_missing' in when) {
    for (let i = 0; i < n; i++) if (isMissing(col, i)) mask[i] = 1;
    return mask;
  }
  if ('outside' in when || 'outlier' in when) {
    if (col.storage !== 'float64') {
      throw new VigieError('TYPE_MISMATCH', `repair rule: column "${col.name}" is ${col.type}, not numeric`, {
        details: { column: col.name },
      });
    }
    if ('outside' in when) {
      const lo = when.outside.min ?? Number.NEGATIVE_INFINITY;
      const hi = when.outside.max ?? Number.POSITIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        const v = col.values[i]!;
        if (v === v && (v < lo || v > hi)) mask[i] = 1;
      }
      return mask;
    }
    const { method, threshold } = when.outlier;
    return univariateOutliers(col.values, method, threshold).isOutlier;
  }
  if ('not_in' in when) {
    const allowed = new Set(when.not_in.map((v) => String(v)));
    for (let i = 0; i < n; i++) {
      const s = formatValue(col, i);
      if (s !== null && !allowed.has(s)) mask[i] = 1;
    }
    return mask;
  }
  const re = new RegExp(`^(?:${when.not_matching})$`, 'u');
  if (col.storage === 'dict') {
    const ok = col.dictionary.map((s) => re.test(s));
    for (let i = 0; i < n; i++) {
      const c = col.codes[i]!;
      if (c !== DICT_MISSING && !ok[c]) mask[i] = 1;
    }
    return mask;
  }
  for (let i = 0; i < n; i++) {
    const s = formatValue(col, i);
    if (s !== null && !re.test(s)) mask[i] = 1;
  }
  return mask;
}
