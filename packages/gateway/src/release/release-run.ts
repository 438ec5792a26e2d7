import type { FeedbackRecord, PredictionRecord } from '@vigie/core/monitor';
import type { RegistryStore } from '@vigie/core/registry';
import {
  ArmSamples,
  analyzeCanary,
  type Decision,
  decide,
  formatDuration,
  type ReleaseSpec,
  ShadowComparison,
  shadowVerdicts,
} from '@vigie/core/release';
import type { Verdict } from '@vigie/core/verdict';
import type { Route, ServedModel } from '../routing/route.js';
import type { PredictionFailure } from '../serving/prediction-failure.js';
import { type Analysis, ReleaseRecorder } from './release-recorder.js';
import { FINAL_STATES, type ReleaseState, type ReleaseStatus } from './release-status.js';
import { smokeTest } from './smoke-test.js';

/** What a release needs of the gateway: the route swap and the answers. */
export interface RouteTable {
  setRoute(route: Route): void;
  getRoute(name: string): Route | undefined;
  addObserver(observer: (records: readonly PredictionRecord[]) => void): () => void;
  addFailureObserver(observer: (failure: PredictionFailure) => void): () => void;
}

export interface ReleaseRunDeps {
  gateway: RouteTable;
  /** Where decisions are recorded (events with their analyses); null keeps them in memory. */
  store: RegistryStore | null;
  /** The actor of registry writes. */
  by: string;
  /** How often the running phase is analysed. */
  intervalMs: number;
  now: () => number;
  /** Called once the release reached a final state. */
  onEnd: () => void;
}

type Phase = 'shadow' | 'canary' | 'blue-green' | 'done';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One release applied to a running gateway: the shadow phase, then canary steps or a blue/green
 * switch, analysed every `intervalMs` on the answers the gateway hands its observers. Pass moves
 * on, fail rolls back (automatic by default), inconclusive holds with the reason; every decision
 * is a `release.*` registry event with its analysis attached as evidence.
 */
export class ReleaseRun {
  private state: ReleaseState = 'offline';
  private phase: Phase = 'done';
  private stepIndex = -1;
  private phaseStart = 0;
  private readonly startedAt: number;
  private readonly recorder: ReleaseRecorder;
  private updatedAt: number;
  private latest: (Decision & { at: number }) | null = null;
  private comparison: ShadowComparison | null = null;
  private baselineArm = new ArmSamples();
  private candidateArm = new ArmSamples();
  private rollbackInfo: ReleaseStatus['rollback'] = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private unobserve: Array<() => void> = [];
  private canarySnapshot: ReleaseStatus['canary'] = null;

  constructor(
    readonly id: string,
    readonly spec: ReleaseSpec,
    private readonly original: Route,
    private readonly baseline: ServedModel,
    private readonly candidate: ServedModel,
    private readonly deps: ReleaseRunDeps,
  ) {
    this.recorder = new ReleaseRecorder(id, deps.store, deps.by, deps.now);
    this.startedAt = deps.now();
    this.updatedAt = this.startedAt;
  }

  get final(): boolean {
    return FINAL_STATES.has(this.state);
  }

  /** The routes' model name. */
  get model(): string {
    return this.spec.model;
  }

  /** Starts the first phase, or ends at once when the offline gates failed. */
  start(offline: Verdict[]): void {
    const failed = offline.filter((v) => v.status === 'fail');
    const evidence: Analysis | null =
      offline.length > 0
        ? {
            kind: 'offline-gates',
            status: failed.length > 0 ? 'fail' : 'pass',
            summary: { verdicts: offline },
          }
        : null;
    if (failed.length > 0) {
      this.state = 'failed';
      this.record('release.offline-failed', failed.map((v) => v.reason).join('; '), evidence);
      this.end();
      return;
    }
    this.record(
      'release.started',
      `${this.spec.strategy} release of ${this.candidate.ref} against ${this.baseline.ref}`,
      evidence,
    );
    this.unobserve = [
      this.deps.gateway.addObserver((records) => this.observe(records)),
      this.deps.gateway.addFailureObserver((failure) => this.failure(failure)),
    ];
    this.timer = setInterval(() => this.tick(), this.deps.intervalMs);
    this.timer.unref?.();
    if (this.spec.shadow !== null) this.beginShadow();
    else this.afterShadow();
  }

  /** Labels arriving for the release's predictions (through the gateway's prediction log). */
  feedback(f: FeedbackRecord): void {
    if (this.final) return;
    this.comparison?.addFeedback(f);
    if (!this.baselineArm.addFeedback(f)) this.candidateArm.addFeedback(f);
  }

  /**
   * Returns the route to what it was before the release in one swap (the baseline answers every
   * request again) and records why. The swap's duration is measured and reported.
   */
  rollback(reason: string, automatic: boolean): ReleaseStatus {
    const t0 = performance.now();
    this.deps.gateway.setRoute(this.original);
    const swapMs = performance.now() - t0;
    const at = this.deps.now();
    this.rollbackInfo = { at: iso(at), reason, automatic, swapMs };
    this.state = 'rolled-back';
    this.phase = 'done';
    this.record('release.rolled-back', reason, null, { automatic, swapMs, to: this.baseline.ref });
    this.recorder.restoreAlias(this.state);
    this.end();
    return this.status();
  }

  /** Stops analysing (the gateway is closing); the route stays as it is. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const remove of this.unobserve.splice(0)) remove();
  }

  /** Resolves once every registry write so far has finished. */
  settled(): Promise<void> {
    return this.recorder.settled();
  }

  status(): ReleaseStatus {
    const steps = this.spec.canary.steps;
    return {
      id: this.id,
      name: this.spec.name ?? null,
      model: this.spec.model,
      candidate: this.candidate.ref,
      baseline: this.baseline.ref,
      strategy: this.spec.strategy,
      state: this.state,
      step:
        this.stepIndex >= 0
          ? { index: this.stepIndex, percent: steps[this.stepIndex]!, of: [...steps] }
          : null,
      startedAt: iso(this.startedAt),
      updatedAt: iso(this.updatedAt),
      decision: this.latest
        ? { outcome: this.latest.outcome, reason: this.latest.reason, at: iso(this.latest.at) }
        : null,
      verdicts: this.latest?.verdicts ?? [],
      shadow: this.comparison?.summary() ?? null,
      canary: this.canarySnapshot,
      rollback: this.rollbackInfo,
      history: this.recorder.history.map((h) => ({ ...h, evidence: [...h.evidence] })),
      registry: this.deps.store?.location ?? null,
      registryError: this.recorder.lastError,
    };
  }

  private observe(records: readonly PredictionRecord[]): void {
    for (const r of records) {
      if (r.model !== this.spec.model) continue;
      if (this.phase === 'shadow') this.comparison?.add(r);
      else if (this.phase === 'canary') {
        if (r.role === 'primary') this.baselineArm.add(r);
        else if (r.role === 'candidate') this.candidateArm.add(r);
      }
    }
  }

  /** A request a model failed: an error of its arm (canary) or of the shadow. */
  private failure(f: PredictionFailure): void {
    if (f.model !== this.spec.model || f.probe) return;
    if (this.phase === 'shadow' && f.role === 'shadow') this.comparison?.addFailure(f.rows);
    else if (this.phase === 'canary') {
      if (f.role === 'primary') this.baselineArm.addError(f.rows);
      else if (f.role === 'candidate') this.candidateArm.addError(f.rows);
    }
  }

  private tick(): void {
    try {
      if (this.phase === 'shadow') this.tickShadow();
      else if (this.phase === 'canary') this.tickCanary();
    } catch (error) {
      // An analysis that cannot run holds the release (the route stays as it is) and says why.
      const reason = `held: the analysis failed: ${(error as Error).message.split('\n')[0]}`;
      this.latest = { outcome: 'inconclusive', reason, verdicts: [], at: this.deps.now() };
    }
  }

  private beginShadow(): void {
    const phase = this.spec.shadow!;
    this.phase = 'shadow';
    this.state = 'shadow';
    this.phaseStart = this.deps.now();
    this.comparison = new ShadowComparison({
      valueTolerance: phase.value_tolerance,
      ...(phase.slice_by !== undefined ? { sliceBy: phase.slice_by } : {}),
      confidence: phase.confidence,
    });
    this.deps.gateway.setRoute(this.route(this.baseline, { shadow: this.candidate }));
    this.record(
      'release.shadow-started',
      `mirroring ${this.spec.model} traffic to ${this.candidate.ref}`,
      null,
    );
  }

  private tickShadow(): void {
    const phase = this.spec.shadow!;
    const summary = this.comparison!.summary();
    const decision = this.withMinimumDuration(
      decide(shadowVerdicts(summary, phase, this.spec.online_gates)),
      phase.min_duration,
    );
    const analysis = (): Analysis => ({
      kind: 'shadow-comparison',
      status: decision.outcome,
      summary: { reason: decision.reason, comparison: summary, verdicts: decision.verdicts },
    });
    if (decision.outcome === 'fail') {
      this.failed('shadow', decision.reason, analysis());
      return;
    }
    if (decision.outcome === 'pass') {
      this.record('release.shadow-passed', decision.reason, analysis());
      if (this.spec.strategy === 'shadow') {
        this.deps.gateway.setRoute(this.original);
        this.state = 'shadow-passed';
        this.phase = 'done';
        this.end();
        return;
      }
      this.afterShadow();
      return;
    }
    this.maybeHold(phase.max_duration, decision.reason, analysis);
  }

  private afterShadow(): void {
    if (this.spec.strategy === 'blue-green') {
      this.phase = 'blue-green';
      void this.blueGreen();
      return;
    }
    this.beginStep(0);
  }

  private beginStep(index: number): void {
    const percent = this.spec.canary.steps[index]!;
    this.stepIndex = index;
    if (percent >= 100) {
      this.promote(`every canary step before 100% passed`);
      return;
    }
    this.phase = 'canary';
    this.state = 'canary';
    this.phaseStart = this.deps.now();
    this.baselineArm = new ArmSamples();
    this.candidateArm = new ArmSamples();
    this.deps.gateway.setRoute(
      this.route(this.baseline, {
        candidate: { model: this.candidate, weight: percent / 100 },
      }),
    );
    this.record(
      'release.step-started',
      `${percent}% of ${this.spec.model} traffic on ${this.candidate.ref}`,
      null,
      {
        step: index,
        percent,
      },
    );
  }

  private tickCanary(): void {
    const percent = this.spec.canary.steps[this.stepIndex]!;
    const analysis0 = analyzeCanary({
      baseline: this.baselineArm,
      candidate: this.candidateArm,
      weight: percent / 100,
      minRequests: this.spec.canary.min_requests,
      gates: this.spec.online_gates,
    });
    const decision = this.withMinimumDuration(analysis0, this.spec.canary.min_duration);
    this.canarySnapshot = {
      weight: analysis0.weight,
      sampleSizes: analysis0.sampleSizes,
      outcome: decision.outcome,
      reason: decision.reason,
    };
    const analysis = (): Analysis => ({
      kind: 'canary-analysis',
      status: decision.outcome,
      summary: {
        reason: decision.reason,
        percent,
        step: this.stepIndex,
        sampleSizes: analysis0.sampleSizes,
        verdicts: decision.verdicts,
      },
    });
    if (decision.outcome === 'fail') {
      this.failed('step', decision.reason, analysis(), { percent });
      return;
    }
    if (decision.outcome === 'pass') {
      this.record('release.step-passed', `${percent}%: ${decision.reason}`, analysis(), {
        step: this.stepIndex,
        percent,
      });
      this.beginStep(this.stepIndex + 1);
      return;
    }
    this.maybeHold(this.spec.canary.max_duration, decision.reason, analysis);
  }

  private async blueGreen(): Promise<void> {
    const bg = this.spec.blue_green!;
    const smoke = await smokeTest(this.candidate, bg.smoke);
    if (this.final) return;
    const analysis: Analysis = { kind: 'smoke-test', status: smoke.status, summary: { verdicts: [smoke] } };
    this.latest = {
      outcome: smoke.status === 'pass' ? 'pass' : 'fail',
      reason: smoke.reason,
      verdicts: [smoke],
      at: this.deps.now(),
    };
    if (smoke.status !== 'pass') {
      this.state = 'failed';
      this.phase = 'done';
      this.record('release.smoke-failed', smoke.reason, analysis);
      this.end();
      return;
    }
    this.deps.gateway.setRoute(this.route(this.candidate));
    this.state = 'switched';
    this.record(
      'release.switched',
      `${smoke.reason}; all traffic on ${this.candidate.ref}, ${this.baseline.ref} kept warm for ${formatDuration(bg.keep_warm)}`,
      analysis,
    );
    this.promoteAlias();
    const warm = setTimeout(() => {
      if (this.state !== 'switched') return;
      this.state = 'promoted';
      this.phase = 'done';
      this.record('release.promoted', `${this.baseline.ref} no longer kept for a rollback`, null);
      this.end();
    }, bg.keep_warm);
    warm.unref?.();
  }

  private promote(reason: string): void {
    this.deps.gateway.setRoute(this.route(this.candidate));
    this.state = 'promoted';
    this.phase = 'done';
    this.record(
      'release.promoted',
      `${reason}; ${this.candidate.ref} answers all ${this.spec.model} traffic`,
      null,
    );
    this.promoteAlias();
    this.end();
  }

  private failed(
    what: 'shadow' | 'step',
    reason: string,
    analysis: Analysis,
    payload: Record<string, unknown> = {},
  ): void {
    this.record(`release.${what}-failed`, reason, analysis, payload);
    if (this.spec.rollback.on_fail === 'automatic') {
      this.rollback(`automatic: ${reason}`, true);
      return;
    }
    this.state = 'failed';
    this.phase = 'done';
    this.end();
  }

  /** Inconclusive past the phase's maximum duration: hold (once, recorded) or roll back. */
  private maybeHold(maxMs: number | undefined, reason: string, analysis: () => Analysis): void {
    if (maxMs === undefined || this.deps.now() - this.phaseStart < maxMs || this.state === 'held') return;
    if (this.spec.rollback.on_inconclusive === 'rollback') {
      this.record('release.inconclusive', reason, analysis());
      this.rollback(`inconclusive after ${formatDuration(maxMs)}: ${reason}`, true);
      return;
    }
    this.state = 'held';
    this.record('release.held', reason, analysis(), this.stepIndex >= 0 ? { step: this.stepIndex } : {});
  }

  /** A pass before the phase's minimum duration is still a wait. */
  private withMinimumDuration(decision: Decision, minMs: number): Decision & { at: number } {
    const now = this.deps.now();
    const elapsed = now - this.phaseStart;
    const d =
      decision.outcome === 'pass' && elapsed < minMs
        ? {
            ...decision,
            outcome: 'inconclusive' as const,
            reason: `held: the phase lasts at least ${formatDuration(minMs)} (${formatDuration(elapsed)} so far)`,
          }
        : decision;
    this.latest = { ...d, at: now };
    this.updatedAt = now;
    return this.latest;
  }

  /** `promote_alias`: the candidate's model alias moves to it (recorded, possibly pending approval). */
  private promoteAlias(): void {
    const alias = this.spec.promote_alias;
    if (alias === undefined) return;
    const ref = this.candidate.ref;
    this.recorder.promoteAlias(ref.slice(0, ref.lastIndexOf('@')), alias, this.candidate.version, this.state);
  }

  /** The route of the release's model: the original one's name and beta flag, with these models. */
  private route(primary: ServedModel, extra: Pick<Route, 'candidate' | 'shadow'> = {}): Route {
    return {
      name: this.original.name,
      primary,
      ...(this.original.beta !== undefined ? { beta: this.original.beta } : {}),
      ...extra,
    };
  }

  private end(): void {
    this.stop();
    this.deps.onEnd();
  }

  /** Appends to the history at once, and to the registry in order (analysis first, as evidence). */
  private record(
    type: string,
    reason: string,
    analysis: Analysis | null,
    payload: Record<string, unknown> = {},
  ): void {
    const now = this.deps.now();
    this.updatedAt = now;
    this.recorder.record(iso(now), type, this.state, reason, analysis, payload);
  }
}
