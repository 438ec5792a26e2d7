import { afterEach, describe, expect, it } from 'vitest';
import type { PredictionLog, PredictionRecord } from '../../src/monitor/index.js';

/** Opens a fresh, empty log (its own file, schema or stream) for one test. */
export type OpenLog = (options?: { batchSize?: number; flushIntervalMs?: number }) => Promise<PredictionLog>;

/** A prediction record; `i` orders ids and instants. */
export function record(i: number, over: Partial<PredictionRecord> = {}): PredictionRecord {
  const at = new Date(Date.UTC(2026, 11, 2, 3, 0, 0, i)).toISOString();
  return {
    id: `0190-${String(i).padStart(8, '0')}`,
    at,
    model: 'penguins',
    version: '1.0.0',
    role: 'primary',
    probe: false,
    inputs: { bill_length_mm: 39.1 + i, island: i % 2 === 0 ? 'Biscoe' : 'Dream', note: null },
    output: { label: i % 3 === 0 ? 'Adelie' : 'Gentoo', probabilities: { Adelie: 0.7, Gentoo: 0.3 } },
    latencyMs: 0.25,
    ...over,
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

/** The same behaviour from every prediction log store. */
export function predictionLogContract(name: string, open: OpenLog): void {
  describe(`PredictionLog contract: ${name}`, () => {
    const opened: PredictionLog[] = [];
    const fresh: OpenLog = async (options) => {
      const log = await open(options);
      opened.push(log);
      return log;
    };
    afterEach(async () => {
      for (const log of opened.splice(0)) await log[Symbol.asyncDispose]();
    });

    // SQL stores read in (at, id) order, NATS in publish order: the same when appends come in time order.
    it('reads back what it appended, every field, oldest first', async () => {
      const log = await fresh();
      const shadow = record(2, {
        role: 'shadow',
        pairedWith: record(1).id,
        version: '1.1.0',
        requestKey: 'user-7',
        output: { value: 3.5 },
      });
      await log.append([record(1), shadow]);
      await log.append([record(3), record(4, { probe: true, output: { label: true } })]);
      const all = await collect(log.read());
      expect(all.map((r) => r.id)).toEqual([1, 2, 3, 4].map((i) => record(i).id));
      expect(all[0]).toEqual(record(1));
      expect(all[1]).toEqual(shadow);
      expect(all[3]!.output).toEqual({ label: true });
      expect(log.health()).toMatchObject({ written: 4, dropped: 0, failed: 0, queued: 0, lagMs: 0 });
    });

    it('filters on model, version, role, probe, time and limit', async () => {
      const log = await fresh();
      const records = Array.from({ length: 30 }, (_, i) =>
        record(i, {
          model: i < 20 ? 'penguins' : 'houses',
          version: i % 2 === 0 ? '1.0.0' : '2.0.0',
          role: i % 5 === 0 ? 'candidate' : 'primary',
          probe: i === 7,
        }),
      );
      await log.append(records);
      const ids = async (f: Parameters<PredictionLog['read']>[0]) =>
        (await collect(log.read(f))).map((r) => r.id);
      const expected = (keep: (r: PredictionRecord) => boolean) => records.filter(keep).map((r) => r.id);
      expect(await ids({ model: 'houses' })).toEqual(expected((r) => r.model === 'houses'));
      expect(await ids({ model: 'penguins', version: '2.0.0' })).toEqual(
        expected((r) => r.model === 'penguins' && r.version === '2.0.0'),
      );
      expect(await ids({ role: 'candidate' })).toEqual(expected((r) => r.role === 'candidate'));
      expect(await ids({ probe: true })).toEqual([record(7).id]);
      expect(await ids({ probe: false, limit: 3 })).toEqual([0, 1, 2].map((i) => record(i).id));
      expect(await ids({ since: record(10).at, until: record(13).at })).toEqual(
        [10, 11, 12].map((i) => record(i).id),
      );
      expect(await ids({ limit: 0 })).toEqual([]);
    });

    it('pages through more records than one read page', async () => {
      const log = await fresh();
      const records = Array.from({ length: 2500 }, (_, i) => record(i));
      await log.append(records);
      const all = await collect(log.read());
      expect(all.length).toBe(2500);
      expect(all[2499]).toEqual(records[2499]);
      expect((await collect(log.read({ limit: 1500 }))).length).toBe(1500);
    });

    it('joins feedback to its prediction, merging several feedbacks field by field', async () => {
      const log = await fresh();
      await log.append([record(1), record(2), record(3, { version: '2.0.0' })]);
      await log.appendFeedback({
        predictionId: record(1).id,
        at: '2026-12-03T00:00:00.000Z',
        label: 'Adelie',
      });
      await log.appendFeedback({ predictionId: record(3).id, at: '2026-12-03T00:00:01.000Z', value: 4.25 });
      await log.appendFeedback({ predictionId: record(1).id, at: '2026-12-04T00:00:00.000Z', rating: 5 });
      await log.appendFeedback({
        predictionId: record(3).id,
        at: '2026-12-04T00:00:01.000Z',
        interaction: 'ignored',
      });
      const joined = await collect(log.joined());
      expect(joined.map((j) => j.prediction.id)).toEqual([record(1).id, record(3).id]);
      expect(joined[0]).toEqual({
        prediction: record(1),
        feedback: { predictionId: record(1).id, at: '2026-12-04T00:00:00.000Z', label: 'Adelie', rating: 5 },
      });
      expect(joined[1]!.feedback).toEqual({
        predictionId: record(3).id,
        at: '2026-12-04T00:00:01.000Z',
        value: 4.25,
        interaction: 'ignored',
      });
      const v2 = await collect(log.joined({ version: '2.0.0' }));
      expect(v2.map((j) => j.prediction.id)).toEqual([record(3).id]);
    });

    it('joins more labelled predictions than one read page', async () => {
      const log = await fresh();
      const records = Array.from({ length: 1300 }, (_, i) => record(i));
      await log.append(records);
      const labelled = records.filter((_, i) => i % 10 !== 3);
      await Promise.all(
        labelled.map((r) => log.appendFeedback({ predictionId: r.id, at: r.at, label: 'Adelie' })),
      );
      const joined = await collect(log.joined());
      expect(joined.map((j) => j.prediction.id)).toEqual(labelled.map((r) => r.id));
      expect(joined.every((j) => j.feedback.predictionId === j.prediction.id)).toBe(true);
      expect((await collect(log.joined({ limit: 1001 }))).length).toBe(1001);
    });

    it('gives a shadow answer the feedback on the primary prediction it mirrors', async () => {
      const log = await fresh();
      const shadow = record(2, { role: 'shadow', version: '2.0.0', pairedWith: record(1).id });
      await log.append([record(1), shadow, record(3)]);
      await log.appendFeedback({ predictionId: record(1).id, at: record(3).at, label: 'Gentoo' });
      const joined = await collect(log.joined());
      expect(joined.map((j) => [j.prediction.id, j.feedback.label])).toEqual([
        [record(1).id, 'Gentoo'],
        [shadow.id, 'Gentoo'],
      ]);
      expect((await collect(log.joined({ role: 'shadow' }))).map((j) => j.prediction.id)).toEqual([
        shadow.id,
      ]);
    });

    it('keeps a label as the type it was given', async () => {
      const log = await fresh();
      await log.append([record(1), record(2), record(3)]);
      await log.appendFeedback({ predictionId: record(1).id, at: record(1).at, label: 3 });
      await log.appendFeedback({ predictionId: record(2).id, at: record(2).at, label: false });
      await log.appendFeedback({ predictionId: record(3).id, at: record(3).at, label: '3' });
      const labels = (await collect(log.joined())).map((j) => j.feedback.label);
      expect(labels).toEqual([3, false, '3']);
    });

    it('refuses feedback on an unknown prediction id with NOT_FOUND', async () => {
      const log = await fresh();
      await log.append([record(1)]);
      await expect(
        log.appendFeedback({ predictionId: 'no-such-id', at: record(1).at, label: 'Adelie' }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'predictionId' } });
      expect(await collect(log.joined())).toEqual([]);
    });

    it('accepts feedback on a prediction appended but not yet committed', async () => {
      const log = await fresh({ batchSize: 10_000, flushIntervalMs: 1000 });
      const appended = log.append([record(1)]);
      await log.appendFeedback({ predictionId: record(1).id, at: record(1).at, label: 'Gentoo' });
      await appended;
      expect((await collect(log.joined())).length).toBe(1);
    });

    it('commits concurrent appends in groups, each resolving once its records are in', async () => {
      const log = await fresh({ batchSize: 64, flushIntervalMs: 5 });
      const appends = Array.from({ length: 200 }, (_, i) => log.append([record(i)]));
      expect(log.health().queued).toBeGreaterThan(0);
      await Promise.all(appends);
      expect(log.health()).toMatchObject({ written: 200, queued: 0, lagMs: 0 });
      expect((await collect(log.read())).length).toBe(200);
    });

    it('rejects a duplicate id without losing the batch silently', async () => {
      const log = await fresh();
      await log.append([record(1)]);
      await expect(log.append([record(2), record(1)])).rejects.toMatchObject({ code: 'INTERNAL' });
      expect(log.health()).toMatchObject({ written: 1, failed: 2 });
    });
  });
}
