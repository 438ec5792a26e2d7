import { describe, expect, it } from 'vitest';
import { createLogWriter } from './log-writer.js';
import type { PredictionLogStore } from './prediction-log.js';
import type { PredictionRecord } from './prediction-record.js';

function rec(i: number): PredictionRecord {
  return {
    id: `id-${i}`,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
    model: 'm',
    version: '1',
    role: 'primary',
    probe: false,
    inputs: { x: i },
    output: { value: i },
    latencyMs: 1,
  };
}

/** A store whose commits wait for `release()`, recording each batch; `fail` makes the next one throw. */
function gatedStore() {
  const batches: string[][] = [];
  let gate: { promise: Promise<void>; open: () => void } | null = null;
  const state = { fail: false, closed: false };
  const store: PredictionLogStore = {
    location: 'memory:test',
    write: async (records) => {
      if (gate) await gate.promise;
      if (state.fail) throw new Error('disk full');
      batches.push(records.map((r) => r.id));
    },
    writeFeedback: async () => undefined,
    read: async function* () {},
    joined: async function* () {},
    close: async () => {
      state.closed = true;
    },
  };
  return {
    store,
    batches,
    state,
    hold() {
      let open!: () => void;
      const promise = new Promise<void>((r) => {
        open = r;
      });
      gate = { promise, open };
    },
    release() {
      const g = gate;
      gate = null;
      g?.open();
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createLogWriter', () => {
  it('commits a full batch at once and the rest after the interval, in groups', async () => {
    const s = gatedStore();
    const log = createLogWriter(s.store, { batchSize: 3, flushIntervalMs: 20 });
    const first = [0, 1, 2].map((i) => log.append([rec(i)]));
    await Promise.all(first);
    expect(s.batches).toEqual([['id-0', 'id-1', 'id-2']]);
    const late = log.append([rec(3)]);
    await tick();
    expect(s.batches.length).toBe(1); // waits for the interval
    await late;
    expect(s.batches).toEqual([['id-0', 'id-1', 'id-2'], ['id-3']]);
    await log[Symbol.asyncDispose]();
  });

  it('groups what arrives during a commit into the next one', async () => {
    const s = gatedStore();
    const log = createLogWriter(s.store, { batchSize: 100, flushIntervalMs: 0 });
    s.hold();
    const a = log.append([rec(0)]);
    await tick();
    const rest = [1, 2, 3, 4].map((i) => log.append([rec(i)]));
    expect(log.health().queued).toBe(5);
    s.release();
    await Promise.all([a, ...rest]);
    expect(s.batches).toEqual([['id-0'], ['id-1', 'id-2', 'id-3', 'id-4']]);
    expect(log.health()).toMatchObject({ written: 5, queued: 0, lagMs: 0 });
    await log[Symbol.asyncDispose]();
  });

  it("drops and counts what does not fit under the 'drop' policy", async () => {
    const s = gatedStore();
    let now = 1000;
    const log = createLogWriter(s.store, {
      batchSize: 2,
      flushIntervalMs: 0,
      capacity: 4,
      backpressure: 'drop',
      clock: () => now,
    });
    s.hold();
    const kept = [log.append([rec(0), rec(1)]), log.append([rec(2), rec(3)])];
    await expect(log.append([rec(4)])).rejects.toMatchObject({
      code: 'REFUSED',
      details: { reason: 'queue-full' },
    });
    await expect(log.append([rec(5), rec(6)])).rejects.toMatchObject({ code: 'REFUSED' });
    now = 1250;
    expect(log.health()).toEqual({ written: 0, dropped: 3, failed: 0, queued: 4, lagMs: 250 });
    s.release();
    await Promise.all(kept);
    expect(log.health()).toEqual({ written: 4, dropped: 3, failed: 0, queued: 0, lagMs: 0 });
    await log[Symbol.asyncDispose]();
  });

  it("makes appends wait for room under the 'wait' policy, losing nothing", async () => {
    const s = gatedStore();
    const log = createLogWriter(s.store, { batchSize: 2, flushIntervalMs: 0, capacity: 2 });
    s.hold();
    const first = log.append([rec(0), rec(1)]);
    let secondDone = false;
    const second = log.append([rec(2)]).then(() => {
      secondDone = true;
    });
    await tick();
    expect(log.health().queued).toBe(2);
    expect(secondDone).toBe(false);
    s.release();
    await Promise.all([first, second]);
    expect(s.batches.flat()).toEqual(['id-0', 'id-1', 'id-2']);
    expect(log.health()).toMatchObject({ written: 3, dropped: 0 });
    await log[Symbol.asyncDispose]();
  });

  it('rejects every append of a failed commit and counts its records', async () => {
    const s = gatedStore();
    const log = createLogWriter(s.store, { batchSize: 10, flushIntervalMs: 1 });
    s.state.fail = true;
    const results = await Promise.allSettled([log.append([rec(0), rec(1)]), log.append([rec(2)])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'INTERNAL' });
    expect((results[0] as PromiseRejectedResult).reason.message).toMatch(
      /3 records not committed: disk full/,
    );
    s.state.fail = false;
    await log.append([rec(3)]);
    expect(log.health()).toMatchObject({ written: 1, failed: 3, queued: 0 });
    await log[Symbol.asyncDispose]();
  });

  it('commits what is queued when disposed, then closes the store and refuses appends', async () => {
    const s = gatedStore();
    const log = createLogWriter(s.store, { batchSize: 1000, flushIntervalMs: 60_000 });
    const pending = log.append([rec(0), rec(1)]);
    await log[Symbol.asyncDispose]();
    await pending;
    expect(s.batches).toEqual([['id-0', 'id-1']]);
    expect(s.state.closed).toBe(true);
    await expect(log.append([rec(2)])).rejects.toMatchObject({ code: 'REFUSED' });
  });

  it('refuses invalid options with the option named', () => {
    const s = gatedStore();
    expect(() => createLogWriter(s.store, { batchSize: 0 })).toThrow(/batchSize/);
    expect(() => createLogWriter(s.store, { capacity: 1.5 })).toThrow(/capacity/);
    expect(() => createLogWriter(s.store, { flushIntervalMs: -1 })).toThrow(/flushIntervalMs/);
  });
});
