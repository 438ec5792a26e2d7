import { describe, expect, it } from 'vitest';
import { parseMonitorConfig } from '../monitor-config.js';
import { createAlertEngine } from './alert-engine.js';
import type { MonitorSnapshot } from './monitor-snapshot.js';

const config = parseMonitorConfig(`
alerts:
  cooldownSeconds: 60
  rules:
    - kind: error-rate
      above: 0.1
      minRequests: 10
    - kind: probe-failure
      consecutive: 2
      severity: warning
    - kind: log-lag
      aboveMs: 5000
`).alerts!;

function snapshot(at: number, errors: number, probeFailures = 0, lagMs = 0): MonitorSnapshot {
  return {
    at,
    models: [{ model: 'penguins', requests: 100, errors, latencyP99Ms: 3, window: null }],
    probes: [
      {
        name: 'adelie',
        model: 'penguins',
        consecutiveFailures: probeFailures,
        lastReason: 'row 1: label "Gentoo", expected "Adelie"',
        lastRunAt: null,
      },
    ],
    log: { lagMs, dropped: 0 },
  };
}

const T = Date.parse('2026-12-01T10:00:00Z');

describe('createAlertEngine', () => {
  it('fires once per episode, repeats after the cooldown, resolves once', () => {
    const engine = createAlertEngine(config);
    expect(engine.evaluate(snapshot(T, 1))).toEqual([]);
    const first = engine.evaluate(snapshot(T + 1000, 20));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      kind: 'vigie.alert',
      status: 'firing',
      rule: 'error-rate',
      subject: 'penguins',
      value: 0.2,
      threshold: 0.1,
      repeat: 0,
      summary: 'penguins: error rate 0.2 (20 of 100 requests) > 0.1',
    });
    // Still firing within the cooldown: deduplicated.
    expect(engine.evaluate(snapshot(T + 30_000, 20))).toEqual([]);
    expect(engine.suppressed).toBe(1);
    const again = engine.evaluate(snapshot(T + 61_000, 25));
    expect(again.map((a) => [a.status, a.repeat, a.id])).toEqual([['firing', 1, first[0]!.id]]);
    expect(engine.firing()).toEqual([
      { rule: 'error-rate', subject: 'penguins', since: new Date(T + 1000).toISOString() },
    ]);
    const resolved = engine.evaluate(snapshot(T + 62_000, 0));
    expect(resolved.map((a) => [a.status, a.id])).toEqual([['resolved', first[0]!.id]]);
    expect(engine.firing()).toEqual([]);
  });

  it('keeps a flapping condition quiet within the cooldown', () => {
    const engine = createAlertEngine(config);
    expect(engine.evaluate(snapshot(T, 50))).toHaveLength(1);
    expect(engine.evaluate(snapshot(T + 1000, 0)).map((a) => a.status)).toEqual(['resolved']);
    expect(engine.evaluate(snapshot(T + 2000, 50))).toEqual([]);
    // Cleared before the cooldown: nothing was notified for that episode, so nothing to resolve.
    expect(engine.evaluate(snapshot(T + 3000, 0))).toEqual([]);
    expect(engine.evaluate(snapshot(T + 61_000, 50))).toHaveLength(1);
  });

  it('needs enough requests, and consecutive probe failures', () => {
    const engine = createAlertEngine(config);
    const few: MonitorSnapshot = {
      ...snapshot(T, 0),
      models: [{ model: 'penguins', requests: 5, errors: 5, latencyP99Ms: null, window: null }],
    };
    expect(engine.evaluate(few)).toEqual([]);
    expect(engine.evaluate(snapshot(T + 1, 0, 1))).toEqual([]);
    const alerts = engine.evaluate(snapshot(T + 2, 0, 2, 9000));
    expect(alerts.map((a) => [a.rule, a.subject, a.severity])).toEqual([
      ['probe-failure', 'adelie', 'warning'],
      ['log-lag', 'prediction-log', 'critical'],
    ]);
    expect(alerts[0]!.summary).toBe(
      'probe adelie (penguins) failed 2 time(s) in a row: row 1: label "Gentoo", expected "Adelie"',
    );
  });
});

describe('parseMonitorConfig', () => {
  it('names the file, line and field of a bad setting', () => {
    expect(() =>
      parseMonitorConfig('alerts:\n  rules:\n    - kind: error-rate\n      above: 2\n', 'alerts.yaml'),
    ).toThrow(/^alerts\.yaml:4: alerts\.rules\[0\]\.above: Too big: expected number to be <=1$/);
    expect(() => parseMonitorConfig('alerts:\n  rules:\n    - kind: latency\n', 'a.yaml')).toThrow(
      /^a\.yaml:3: alerts\.rules\[0\]\.kind: /,
    );
    expect(() =>
      parseMonitorConfig(
        'probes:\n  items:\n    - name: x\n      model: m\n      rows: [{a: 1}]\n      expect: []\n',
        'p.yaml',
      ),
    ).toThrow(/^p\.yaml:6: probes\.items\[0\]\.expect: /);
    expect(() => parseMonitorConfig('alerts: [', 'b.yaml')).toThrow(/^b\.yaml:1: invalid YAML/);
    expect(() => parseMonitorConfig('alert:\n  rules: []\n', 'c.yaml')).toThrow(
      'c.yaml:1: unknown key "alert"',
    );
    expect(() =>
      parseMonitorConfig(
        'alerts:\n  rules:\n    - kind: log-lag\n      aboveMs: 1\n    - kind: log-lag\n      aboveMs: 2\n',
      ),
    ).toThrow(/duplicate rule name "log-lag"/);
  });
});
