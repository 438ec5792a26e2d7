import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random/index.js';
import { createHyperLogLog, HyperLogLog } from './hyperloglog.js';

/** n distinct doubles, different for each `offset`. */
function distinct(n: number, offset: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = offset * 1e7 + i * 0.5;
  return x;
}

describe('HyperLogLog', () => {
  it('is exactly 0 when empty and close to n for small n (no bias at small cardinalities)', () => {
    expect(createHyperLogLog().estimate()).toBe(0);
    for (const n of [1, 2, 5, 10, 50, 200, 1000, 5000]) {
      for (let seed = 0; seed < 5; seed++) {
        const h = createHyperLogLog({ seed });
        h.addNumbers(distinct(n, seed));
        // Below ~m/10 the estimator behaves like linear counting: error far below 1.04/√m.
        expect(Math.abs(h.estimate() - n), `n=${n} seed=${seed}`).toBeLessThan(Math.max(0.5, 0.02 * n));
      }
    }
  });

  it('has relative error within the stated standard error at 1e6 distinct values (p = 14)', () => {
    const n = 1_000_000;
    const rse = createHyperLogLog().relativeStandardError();
    expect(rse).toBeCloseTo(1.04 / 128, 12);
    const errors: number[] = [];
    for (let seed = 0; seed < 12; seed++) {
      const h = createHyperLogLog({ seed });
      h.addNumbers(distinct(n, 1));
      errors.push(h.estimate() / n - 1);
    }
    const rms = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length);
    expect(rms).toBeLessThan(1.5 * rse);
    for (const e of errors) expect(Math.abs(e)).toBeLessThan(3.5 * rse);
  });

  it('counts repeated values once, with +0/-0 and all NaNs as one value each', () => {
    const h = createHyperLogLog();
    for (let r = 0; r < 5; r++) h.addNumbers([0, -0, Number.NaN, 1, 2, 3]);
    const other = createHyperLogLog();
    other.addNumbers([0, Number.NaN, 1, 2, 3]);
    expect(h.toJSON()).toEqual(other.toJSON());
    expect(Math.round(h.estimate())).toBe(5);
  });

  it('addNumbers sets the registers add does, over random bit patterns and special values', () => {
    const rng = createRandom(11);
    const bits = new Uint32Array(2 * 20_003); // past two kernel chunks, not a multiple of 4
    for (let i = 0; i < bits.length; i++) bits[i] = rng.uint32();
    const x = new Float64Array(bits.buffer);
    x.set([0, -0, Number.NaN, -Number.NaN, Infinity, -Infinity, 5e-324, -5e-324, 1, -1], 0);
    for (const [seed, p] of [
      [0, 8],
      [7, 4],
      [-3, 14],
      [1, 18],
    ] as const) {
      const bulk = createHyperLogLog({ p, seed });
      const single = createHyperLogLog({ p, seed });
      // Registers already set before a bulk add are kept where they are higher.
      for (const v of x.subarray(0, 3000)) bulk.add(v);
      bulk.addNumbers(x.subarray(1000));
      for (const v of x) single.add(v);
      expect(bulk.toJSON()).toEqual(single.toJSON());
    }
  });

  it('keeps numbers and strings apart, and add agrees with the bulk forms', () => {
    const a = createHyperLogLog({ p: 10 });
    const b = createHyperLogLog({ p: 10 });
    const xs = [1, 2.5, -0, Number.NaN, 1e300];
    const ss = ['1', 'a', '', 'été'];
    for (const v of [...xs, ...ss]) a.add(v);
    b.addNumbers(new Float64Array(xs));
    b.addStrings(ss);
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(Math.round(a.estimate())).toBe(9);
    expect(() => a.add(true as unknown as number)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('merges to exactly the sketch of the union, for any partition and order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double(), fc.string({ maxLength: 6 })), { maxLength: 300 }),
        fc.array(fc.nat(4), { maxLength: 300 }),
        (values, owners) => {
          const whole = createHyperLogLog({ p: 8 });
          const parts = Array.from({ length: 5 }, () => createHyperLogLog({ p: 8 }));
          values.forEach((v, i) => {
            whole.add(v);
            parts[owners[i] ?? 0]!.add(v);
          });
          const forward = parts.reduce((m, s) => m.merge(s));
          const backward = [...parts].reverse().reduce((m, s) => m.merge(s));
          expect(forward.toJSON()).toEqual(whole.toJSON());
          expect(backward.estimate()).toBe(whole.estimate());
        },
      ),
      { seed: 3 },
    );
  });

  it('leaves merge inputs unchanged and refuses sketches of another p or seed', () => {
    const a = createHyperLogLog();
    a.addNumbers(distinct(1000, 0));
    const before = a.toJSON();
    a.merge(createHyperLogLog());
    expect(a.toJSON()).toEqual(before);
    expect(() => a.merge(createHyperLogLog({ p: 12 }))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => a.merge(createHyperLogLog({ seed: 1 }))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('round-trips through JSON and rejects malformed objects', () => {
    const h = createHyperLogLog({ p: 12, seed: 5 });
    const rng = createRandom(1);
    for (let i = 0; i < 5000; i++) h.add(`k${rng.int(3000)}`);
    const back = HyperLogLog.fromJSON(JSON.parse(JSON.stringify(h.toJSON())));
    expect(back.toJSON()).toEqual(h.toJSON());
    expect(back.estimate()).toBe(h.estimate());
    const good = h.toJSON();
    for (const bad of [
      null,
      { ...good, kind: 'vigie.kll-sketch' },
      { ...good, version: 0 },
      { ...good, p: 3 },
      { ...good, p: 13 },
      { ...good, seed: 2 ** 40 },
      { ...good, registers: 'not base64!' },
      { ...good, registers: btoa(String.fromCharCode(...new Uint8Array(4096).fill(60))) },
    ]) {
      expect(() => HyperLogLog.fromJSON(bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('rejects a bad p or seed', () => {
    for (const options of [{ p: 3 }, { p: 19 }, { p: 10.5 }, { seed: 2 ** 31 }]) {
      expect(() => createHyperLogLog(options)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });
});
