import type { Verdict, VerdictStatus } from '../../verdict/index.js';
import type { AlertRule } from './alert-config.js';
import type { MonitorSnapshot } from './monitor-snapshot.js';

/** One subject a rule looked at: whether the condition holds, and what was measured. */
export interface Condition {
  subject: string;
  firing: boolean;
  summary: string;
  value: number | null;
  threshold: number | null;
  evidence: Verdict[];
}

const RANK: Record<VerdictStatus, number> = { pass: 0, inconclusive: 1, warn: 2, fail: 3 };

function atLeast(v: Verdict, status: 'warn' | 'fail'): boolean {
  return RANK[v.status] >= RANK[status];
}

function fmt(x: number | null): string {
  return x === null ? 'n/a' : String(Number(x.toPrecision(3)));
}

/** The conditions of one rule on a snapshot: one per model, probe or the log it applies to. */
export function ruleConditions(rule: AlertRule, s: MonitorSnapshot): Condition[] {
  const models = s.models.filter((m) => !rule.model || m.model === rule.model);
  switch (rule.kind) {
    case 'drift':
      return models.flatMap((m) => {
        if (!m.window) return [];
        const verdicts = m.window.verdicts.filter(
          (v) =>
            (rule.on !== 'prediction' && v.check === 'input-drift') ||
            (rule.on !== 'input' && v.check === 'prediction-drift'),
        );
        const hits = verdicts.filter((v) => atLeast(v, rule.status));
        const features = m.window.verdicts.filter(
          (v) => v.check.startsWith('drift:') && atLeast(v, rule.status),
        );
        return [
          {
            subject: m.model,
            firing: hits.length > 0,
            summary:
              hits.length > 0
                ? `${m.model}: ${hits.map((v) => `${v.check} ${v.status} (${v.reason})`).join('; ')}`
                : `${m.model}: no drift`,
            value: hits[0]?.value ?? null,
            threshold: hits[0]?.threshold ?? null,
            evidence: [...hits, ...features].slice(0, 8),
          },
        ];
      });
    case 'data-quality':
      return models.flatMap((m) => {
        if (!m.window) return [];
        const hits = m.window.verdicts.filter(
          (v) =>
            (v.kind === 'missing' || v.kind === 'range' || v.kind === 'new-categories') &&
            atLeast(v, rule.status),
        );
        return [
          {
            subject: m.model,
            firing: hits.length > 0,
            summary:
              hits.length > 0
                ? `${m.model}: ${hits.map((v) => `${v.check}: ${v.reason}`).join('; ')}`
                : `${m.model}: data quality within thresholds`,
            value: hits[0]?.value ?? null,
            threshold: hits[0]?.threshold ?? null,
            evidence: hits.slice(0, 8),
          },
        ];
      });
    case 'error-rate':
      return models.map((m) => {
        const rate = m.requests === 0 ? null : m.errors / m.requests;
        const firing = m.requests >= rule.minRequests && rate !== null && rate > rule.above;
        return {
          subject: m.model,
          firing,
          summary: `${m.model}: error rate ${fmt(rate)} (${m.errors} of ${m.requests} requests) ${firing ? '>' : '≤'} ${rule.above}`,
          value: rate,
          threshold: rule.above,
          evidence: [],
        };
      });
    case 'latency-p99':
      return models.map((m) => {
        const p99 = m.latencyP99Ms;
        const firing = m.requests >= rule.minRequests && p99 !== null && p99 > rule.aboveMs;
        return {
          subject: m.model,
          firing,
          summary: `${m.model}: latency p99 ${fmt(p99)} ms over ${m.requests} requests ${firing ? '>' : '≤'} ${rule.aboveMs} ms`,
          value: p99,
          threshold: rule.aboveMs,
          evidence: [],
        };
      });
    case 'probe-failure':
      return s.probes
        .filter((p) => (!rule.probe || p.name === rule.probe) && (!rule.model || p.model === rule.model))
        .map((p) => {
          const firing = p.consecutiveFailures >= rule.consecutive;
          return {
            subject: p.name,
            firing,
            summary: firing
              ? `probe ${p.name} (${p.model}) failed ${p.consecutiveFailures} time(s) in a row: ${p.lastReason}`
              : `probe ${p.name} (${p.model}) passes`,
            value: p.consecutiveFailures,
            threshold: rule.consecutive,
            evidence: [],
          };
        });
    case 'log-lag': {
      if (!s.log) return [];
      const firing = s.log.lagMs > rule.aboveMs;
      return [
        {
          subject: 'prediction-log',
          firing,
          summary: `prediction log lag ${fmt(s.log.lagMs)} ms ${firing ? '>' : '≤'} ${rule.aboveMs} ms (${s.log.dropped} dropped)`,
          value: s.log.lagMs,
          threshold: rule.aboveMs,
          evidence: [],
        },
      ];
    }
  }
}
