import { formatLabels, type Label, type LabelArray } from './labels.js';
import { invalid } from './validate.js';

/**
 * The distinct labels of `y` in ascending order when there are at most `limit`, else null (one
 * cheap pass, no encoding). Labels must be integers or strings, as for the other metrics.
 */
export function fewLabels(fn: string, y: LabelArray, limit: number): Label[] | null {
  const seen: Label[] = [];
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    let known = false;
    for (let j = 0; j < seen.length; j++) {
      if (seen[j] === v) {
        known = true;
        break;
      }
    }
    if (known) continue;
    checkLabel(fn, v);
    if (seen.length > 0 && typeof seen[0] !== typeof v) invalid(fn, 'mix of string and number labels');
    if (seen.length === limit) return null;
    seen.push(v);
  }
  return seen.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function checkLabel(fn: string, v: unknown): void {
  if (typeof v === 'string') return;
  if (typeof v !== 'number' || Math.floor(v) !== v || !Number.isFinite(v)) {
    invalid(fn, `labels must be integers or strings, got ${String(v)}`);
  }
}

/**
 * The positive label as scikit-learn's _check_pos_label_consistency: the given one, or 1 when
 * the labels of yTrue are {0, 1}, {-1, 1} or a single one of 0, -1, 1; otherwise posLabel is
 * required.
 */
export function resolvePosLabel(fn: string, classes: readonly Label[], posLabel: Label | undefined): Label {
  if (posLabel !== undefined) return posLabel;
  const key = classes.join(',');
  if (
    classes.every((c) => typeof c === 'number') &&
    (key === '0,1' || key === '-1,1' || key === '0' || key === '-1' || key === '1')
  ) {
    return 1;
  }
  return invalid(
    fn,
    `yTrue takes values in ${formatLabels(classes)} and posLabel is not specified: make yTrue take values in {0, 1} or {-1, 1} or pass posLabel`,
  );
}

/** 1 where y equals `posLabel`, else 0. */
export function binarize(y: LabelArray, posLabel: Label): Uint8Array {
  const out = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i] === posLabel ? 1 : 0;
  return out;
}
