import { UsageError } from '../exit-codes.js';

export type ExplainMethod = 'auto' | 'permutation' | 'kernel' | 'tree' | 'lime';
export const EXPLAIN_METHODS: readonly ExplainMethod[] = ['auto', 'permutation', 'kernel', 'tree', 'lime'];

/** What one `vigie explain` run computes, decided once from the flags. */
export interface ExplainPlan {
  permutation: boolean;
  /** SHAP over a sample of rows (global view) and for --row: by Kernel SHAP, or Tree SHAP when asked or found. */
  shap: 'kernel' | 'tree' | 'tree-or-kernel' | null;
  lime: boolean;
  /** 0-based, when --row is given. */
  row: number | null;
}

/**
 * The plan for a method: auto = permutation importance when the label is known, SHAP (Tree SHAP
 * for a tree ensemble when available, else Kernel SHAP) globally and for --row; each named method
 * alone. Usage errors (one line, exit 2) for what cannot be done.
 */
export function planExplain(
  method: ExplainMethod,
  opts: { label: string | undefined; row: number | undefined; rows: number },
): ExplainPlan {
  if (opts.row !== undefined && (opts.row < 1 || opts.row > opts.rows))
    throw new UsageError(
      `--row ${opts.row}: out of range, the data has ${opts.rows} row${opts.rows === 1 ? '' : 's'} (rows are numbered from 1)`,
    );
  const row = opts.row === undefined ? null : opts.row - 1;
  switch (method) {
    case 'auto':
      return { permutation: opts.label !== undefined, shap: 'tree-or-kernel', lime: false, row };
    case 'permutation':
      if (opts.label === undefined)
        throw new UsageError('permutation importance needs the true labels: give --label COLUMN');
      return { permutation: true, shap: null, lime: false, row: null };
    case 'kernel':
    case 'tree':
      return { permutation: false, shap: method, lime: false, row };
    case 'lime':
      if (row === null) throw new UsageError('--method lime explains one row: give --row N');
      return { permutation: false, shap: null, lime: true, row };
  }
}
