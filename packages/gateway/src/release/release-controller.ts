import { VigieError } from '@vigie/core/errors';
import type { FeedbackRecord } from '@vigie/core/monitor';
import type { RegistryStore } from '@vigie/core/registry';
import { checkOfflineGates, type ReleaseSpec, validateReleaseSpec } from '@vigie/core/release';
import type { Verdict } from '@vigie/core/verdict';
import type { ServedModel } from '../routing/route.js';
import { ReleaseRun, type RouteTable } from './release-run.js';
import type { ReleaseStatus } from './release-status.js';

export interface ReleaseControllerOptions {
  /** The running gateway (createGateway's result). */
  gateway: RouteTable & { resolveModel(ref: string): Promise<ServedModel> };
  /** Where each release and its decisions are recorded; without one they live in memory only. */
  store?: RegistryStore | null;
  /** The actor of the registry writes. Default 'gateway'. */
  by?: string;
  /** How often a running phase is analysed. Default 1000 ms. */
  intervalMs?: number;
  /** The clock (ms since the epoch); injectable for tests. */
  now?: () => number;
}

export interface ReleaseController extends AsyncDisposable {
  /** Validates and starts a release (the offline gates first); resolves with its first status. */
  apply(spec: unknown): Promise<ReleaseStatus>;
  get(id: string): ReleaseStatus;
  list(): ReleaseStatus[];
  /** Returns the route to its baseline in one swap; the reason is recorded. */
  rollback(id: string, reason?: string): ReleaseStatus;
  /** Labels from the prediction log (see tapFeedback), for labelled quality. */
  feedback(f: FeedbackRecord): void;
  /** Resolves once a release's registry writes so far are done. */
  settled(id: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Applies release specs to a running gateway: one active release per model name, each a
 * ReleaseRun (shadow, canary steps or blue/green, rollback) whose decisions are registry events.
 *
 * @example
 *   const releases = createReleaseController({ gateway, store });
 *   const status = await releases.apply(parseReleaseSpec(text));
 */
export function createReleaseController(options: ReleaseControllerOptions): ReleaseController {
  const store = options.store ?? null;
  const runs = new Map<string, ReleaseRun>();
  const active = new Map<string, ReleaseRun>();
  let local = 0;
  const find = (id: string): ReleaseRun => {
    const run = runs.get(id);
    if (!run) throw new VigieError('NOT_FOUND', `no release "${id.slice(0, 80)}" on this gateway`);
    return run;
  };

  return {
    async apply(raw) {
      const spec: ReleaseSpec = validateReleaseSpec(raw);
      const route = options.gateway.getRoute(spec.model);
      if (!route)
        throw new VigieError('NOT_FOUND', `the gateway serves no model named "${spec.model.slice(0, 80)}"`);
      const running = active.get(spec.model);
      if (running)
        throw new VigieError(
          'CONFLICT',
          `release ${running.id} of ${spec.model} is still ${running.status().state}; roll it back or wait for it to end`,
        );
      const baseline = route.primary;
      if (spec.baseline !== undefined && spec.baseline !== baseline.ref)
        throw new VigieError(
          'CONFLICT',
          `baseline: the route ${spec.model} serves ${baseline.ref}, not ${spec.baseline.slice(0, 80)}`,
        );
      if (spec.candidate === baseline.ref)
        throw new VigieError(
          'INVALID_ARGUMENT',
          `candidate: ${spec.candidate} is already what ${spec.model} serves`,
        );
      const candidate = await options.gateway.resolveModel(spec.candidate);
      let id: string;
      let offline: Verdict[] = [];
      if (store) {
        const release = await store.recordRelease({
          by: options.by ?? 'gateway',
          candidate: spec.candidate,
          baseline: baseline.ref,
          spec: raw as Record<string, unknown>,
          status: 'offline',
        });
        id = release.id;
        offline = await checkOfflineGates(store, spec);
      } else {
        if (spec.promote_alias !== undefined)
          throw new VigieError(
            'INVALID_ARGUMENT',
            'promote_alias: aliases live in a registry, and this gateway has none (vigie serve --registry)',
          );
        if (spec.offline && (spec.offline.require_ready || spec.offline.gates.length > 0))
          throw new VigieError(
            'INVALID_ARGUMENT',
            'offline: offline gates are checked in a registry, and this gateway has none (vigie serve --registry)',
          );
        id = `local-${++local}`;
      }
      const run = new ReleaseRun(id, spec, route, baseline, candidate, {
        gateway: options.gateway,
        store,
        by: options.by ?? 'gateway',
        intervalMs: options.intervalMs ?? 1000,
        now: options.now ?? Date.now,
        onEnd: () => {
          if (active.get(spec.model) === run) active.delete(spec.model);
        },
      });
      runs.set(id, run);
      active.set(spec.model, run);
      run.start(offline);
      return run.status();
    },
    get: (id) => find(id).status(),
    list: () => [...runs.values()].map((r) => r.status()),
    rollback(id, reason) {
      const run = find(id);
      const state = run.status().state;
      if (state === 'rolled-back') throw new VigieError('CONFLICT', `release ${id} is already rolled back`);
      if (run.final && active.get(run.model) !== undefined)
        throw new VigieError(
          'CONFLICT',
          `release ${id} has ended and ${active.get(run.model)!.id} now runs on ${run.model}; roll that one back`,
        );
      const current = active.get(run.model);
      if (current && current !== run) current.stop();
      active.delete(run.model);
      return run.rollback(reason ?? 'rolled back on request', false);
    },
    feedback(f) {
      for (const run of active.values()) run.feedback(f);
    },
    settled: (id) => find(id).settled(),
    async close() {
      for (const run of runs.values()) run.stop();
      await Promise.all([...runs.values()].map((r) => r.settled()));
    },
    [Symbol.asyncDispose]() {
      return this.close();
    },
  };
}
