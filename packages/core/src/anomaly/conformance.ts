/**
 * The one conformance check run on every detector (test-only: imported by the tests, not exported
 * by index.ts), in the spirit of scikit-learn's check_estimator: fitting twice with the same
 * params and seed gives identical JSON; fit mutates neither the data nor the params; the fitted
 * value is frozen and holds no reference to the caller's data; a JSON round trip gives identical
 * JSON and bit-identical outputs; and, where the detector claims it, permuting the training rows
 * permutes its per-row outputs. Framework-free: it throws an Error listing every failure.
 */
import { isDeepStrictEqual } from 'node:util';
import { isVigieError } from '../errors/index.js';
import { createRandom, shuffleInPlace } from '../random/index.js';
import type { Sample } from '../stats/input.js';
import type { Matrix } from './matrix.js';

type Data = Matrix | Sample;

export type RowOrderClaim<D extends Data, F> =
  | { invariant: false; reason: string }
  | {
      invariant: true;
      /** 'close': equal within 1e-10 relative; 'partition': equal up to renumbering of labels ≥ 0. */
      compare: 'close' | 'partition';
      /** Per-training-row values that must follow the rows. */
      values(fitted: F, data: D): ArrayLike<number>;
    };

export interface DetectorUnderTest<D extends Data, P, F extends { toJSON(): unknown }> {
  name: string;
  fit(data: D, params: P): F;
  fromJSON(json: unknown): F;
  /** Outputs that must survive serialization bit for bit (scores, flags, labels...). */
  outputs(fitted: F, data: D): ArrayLike<number>[];
  rowOrder: RowOrderClaim<D, F>;
}

function isMatrix(d: Data): d is Matrix {
  return typeof d === 'object' && d !== null && 'rows' in d && 'cols' in d && 'data' in d;
}

function snapshot(d: Data): Float64Array {
  return Float64Array.from(isMatrix(d) ? d.data : d);
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function permuteRows<D extends Data>(d: D, perm: Uint32Array): D {
  if (isMatrix(d)) {
    const { data, rows, cols } = d;
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) out.set(data.subarray(perm[i]! * cols, perm[i]! * cols + cols), i * cols);
    return { data: out, rows, cols } as D;
  }
  return Float64Array.from(perm, (p) => (d as Sample)[p]!) as unknown as D;
}

function rowCount(d: Data): number {
  return isMatrix(d) ? d.rows : d.length;
}

function close(a: number, b: number): boolean {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return true;
  return Math.abs(a - b) <= 1e-10 * Math.max(Math.abs(a), Math.abs(b)) || Math.abs(a - b) <= 1e-300;
}

/** Equal values below 0; for values ≥ 0 a one-to-one renumbering must map one onto the other. */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < 0 || y < 0) {
      if (x !== y) return false;
      continue;
    }
    if ((ab.get(x) ?? y) !== y || (ba.get(y) ?? x) !== x) return false;
    ab.set(x, y);
    ba.set(y, x);
  }
  return true;
}

/** Buffers reachable from the fitted value's own properties (one level into plain objects). */
function heldBuffers(value: object): ArrayBufferLike[] {
  const out: ArrayBufferLike[] = [];
  const visit = (v: unknown, depth: number) => {
    if (ArrayBuffer.isView(v)) out.push(v.buffer);
    else if (Array.isArray(v) || (typeof v === 'object' && v !== null && depth < 2)) {
      for (const w of Object.values(v as object)) visit(w, depth + 1);
    }
  };
  for (const v of Object.values(value)) visit(v, 1);
  return out;
}

/** Runs every check on `detector` fitted to `data` with `params`; throws listing all failures. */
export function checkConformance<D extends Data, P, F extends { toJSON(): unknown }>(
  detector: DetectorUnderTest<D, P, F>,
  data: D,
  params: P,
  seed = 1,
): void {
  const failures: string[] = [];
  const dataBefore = snapshot(data);
  const paramsBefore = structuredClone(params);

  const fitted = detector.fit(data, params);
  const json = JSON.stringify(fitted.toJSON());
  if (JSON.stringify(detector.fit(data, params).toJSON()) !== json) failures.push('fit is not idempotent');
  if (!sameBits(snapshot(data), dataBefore)) failures.push('fit mutated the data');
  if (!isDeepStrictEqual(params, paramsBefore)) failures.push('fit mutated the params');
  if (!Object.isFrozen(fitted)) failures.push('the fitted value is not frozen');
  const dataBuffer = isMatrix(data) ? data.data.buffer : ArrayBuffer.isView(data) ? data.buffer : undefined;
  if (dataBuffer !== undefined && heldBuffers(fitted).includes(dataBuffer)) {
    failures.push('the fitted value holds the caller’s data');
  }

  const outputs = detector.outputs(fitted, data);
  if (!sameBits(snapshot(data), dataBefore)) failures.push('scoring mutated the data');
  const restored = detector.fromJSON(JSON.parse(json));
  if (JSON.stringify(restored.toJSON()) !== json) failures.push('JSON round trip changed the JSON');
  const restoredOutputs = detector.outputs(restored, data);
  outputs.forEach((o, i) => {
    if (!sameBits(o, restoredOutputs[i]!)) failures.push(`JSON round trip changed output ${i}`);
  });

  const claim = detector.rowOrder;
  if (claim.invariant) {
    const n = rowCount(data);
    const perm = shuffleInPlace(
      Uint32Array.from({ length: n }, (_, i) => i),
      createRandom(seed),
    );
    const permuted = permuteRows(data, perm);
    const got = claim.values(detector.fit(permuted, params), permuted);
    const want = claim.values(fitted, data);
    const aligned = Float64Array.from(perm, (p) => want[p]!);
    const ok =
      claim.compare === 'partition'
        ? samePartition(got, aligned)
        : got.length === aligned.length && aligned.every((v, i) => close(got[i]!, v));
    if (!ok) failures.push('permuting the training rows did not permute the outputs');
  }

  if (failures.length > 0) throw new Error(`${detector.name}: ${failures.join('; ')}`);
}

/** The VigieError code `fn` throws, 'none' when it returns, 'other' for any other error. */
export function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isVigieError(e) ? e.code : 'other';
  }
  return 'none';
}
