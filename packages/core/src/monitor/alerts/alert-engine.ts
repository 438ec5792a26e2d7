import { type AlertsConfig, ruleName } from './alert-config.js';
import { ALERT_SCHEMA_VERSION, type AlertPayload } from './alert-payload.js';
import type { MonitorSnapshot } from './monitor-snapshot.js';
import { ruleConditions } from './rule-conditions.js';

interface Episode {
  startsAt: number;
  /** When a firing notification was last sent (null while held back by the cooldown). */
  lastSent: number | null;
  repeat: number;
}

export interface AlertEngine {
  /**
   * Evaluates every rule on the snapshot and returns the notifications to send: a condition that
   * starts fires (unless the same rule and subject fired within the cooldown), one that lasts
   * fires again once the cooldown has passed, one that clears is resolved (if it was notified).
   */
  evaluate(snapshot: MonitorSnapshot): AlertPayload[];
  /** The (rule, subject) pairs currently firing. */
  firing(): Array<{ rule: string; subject: string; since: string }>;
  /** Notifications held back by the cooldown so far. */
  readonly suppressed: number;
}

/**
 * Alert rules with deduplication: one episode per (rule, subject), notified once, repeated only
 * after `cooldownSeconds`, and resolved once. Pure: time comes from the snapshots.
 *
 * @example
 * const engine = createAlertEngine(parseMonitorConfig(text).alerts!);
 * for (const alert of engine.evaluate(snapshot)) await sendWebhook(url, alert);
 */
export function createAlertEngine(config: AlertsConfig): AlertEngine {
  const cooldownMs = config.cooldownSeconds * 1000;
  const episodes = new Map<string, Episode & { rule: string; subject: string }>();
  /** When each key last sent a firing notification, kept across episodes so flapping is quiet. */
  const lastFired = new Map<string, number>();
  let suppressed = 0;
  return {
    evaluate(snapshot) {
      const out: AlertPayload[] = [];
      const at = snapshot.at;
      for (const rule of config.rules) {
        const name = ruleName(rule);
        for (const c of ruleConditions(rule, snapshot)) {
          const key = `${name}\u0000${c.subject}`;
          const episode = episodes.get(key);
          const payload = (
            status: AlertPayload['status'],
            startsAt: number,
            repeat: number,
          ): AlertPayload => ({
            kind: 'vigie.alert',
            schemaVersion: ALERT_SCHEMA_VERSION,
            id: `${name}/${c.subject}/${new Date(startsAt).toISOString()}`,
            status,
            rule: name,
            ruleKind: rule.kind,
            severity: rule.severity,
            subject: c.subject,
            summary: status === 'resolved' ? `resolved: ${c.summary}` : c.summary,
            value: c.value,
            threshold: c.threshold,
            startsAt: new Date(startsAt).toISOString(),
            at: new Date(at).toISOString(),
            repeat,
            evidence: c.evidence,
          });
          if (c.firing) {
            const e = episode ?? { rule: name, subject: c.subject, startsAt: at, lastSent: null, repeat: 0 };
            episodes.set(key, e);
            const last = lastFired.get(key);
            if (last === undefined || at - last >= cooldownMs) {
              out.push(payload('firing', e.startsAt, e.repeat));
              e.lastSent = at;
              e.repeat++;
              lastFired.set(key, at);
            } else suppressed++;
          } else if (episode) {
            episodes.delete(key);
            if (episode.lastSent !== null) out.push(payload('resolved', episode.startsAt, episode.repeat));
          }
        }
      }
      return out;
    },
    firing() {
      return [...episodes.values()].map((e) => ({
        rule: e.rule,
        subject: e.subject,
        since: new Date(e.startsAt).toISOString(),
      }));
    },
    get suppressed() {
      return suppressed;
    },
  };
}
