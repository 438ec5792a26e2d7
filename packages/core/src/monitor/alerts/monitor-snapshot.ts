import type { WindowReport } from '../window/window-monitor.js';

/** What the alert rules look at: one evaluation time, per-model windows, probes and the log. */
export interface MonitorSnapshot {
  /** Milliseconds since the epoch. */
  at: number;
  models: ModelSnapshot[];
  probes: ProbeSnapshot[];
  /** The prediction log's health, when there is a log. */
  log: { lagMs: number; dropped: number } | null;
}

export interface ModelSnapshot {
  model: string;
  /** User requests in the window (probes excluded) and how many failed on the server side. */
  requests: number;
  errors: number;
  latencyP99Ms: number | null;
  /** Drift and data quality against the training profile, when a profile is configured. */
  window: WindowReport | null;
}

export interface ProbeSnapshot {
  name: string;
  model: string;
  /** Failures since the last success (0 after a success). */
  consecutiveFailures: number;
  /** Why the last run failed (null after a success or before any run). */
  lastReason: string | null;
  lastRunAt: string | null;
}
