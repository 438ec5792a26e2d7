import type { Verdict } from '../../verdict/index.js';

export const ALERT_SCHEMA_VERSION = 1;

/**
 * The JSON body a webhook receives. One per state change of a (rule, subject) pair: `firing` when
 * the condition starts (and again after the cooldown while it lasts), `resolved` when it clears.
 */
export interface AlertPayload {
  kind: 'vigie.alert';
  schemaVersion: typeof ALERT_SCHEMA_VERSION;
  /** Stable for one episode of one rule on one subject: rule, subject and when it started. */
  id: string;
  status: 'firing' | 'resolved';
  rule: string;
  ruleKind: string;
  severity: 'warning' | 'critical';
  /** A model name, a probe name, or "prediction-log". */
  subject: string;
  /** One line a person can act on. */
  summary: string;
  value: number | null;
  threshold: number | null;
  startsAt: string;
  at: string;
  /** Repeated notifications of the same episode (after the cooldown) count up from 1. */
  repeat: number;
  /** The verdicts behind it (drift, data quality), at most a few. */
  evidence: Verdict[];
}
