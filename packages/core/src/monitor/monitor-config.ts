import { z } from 'zod';
import { readYamlDocument } from '../config-schema/index.js';
import { alertsConfig } from './alerts/alert-config.js';
import { probesConfig } from './probes/probe-spec.js';

/** Drift and data quality of one model against its training profile. */
export const driftWatch = z.strictObject({
  /**
   * A saved profile of the training data (`vigie profile DATA --out profile.json`), relative to
   * this file. Default (vigie serve): the profile the registry holds for the dataset version the
   * served model version was trained on.
   */
  profile: z.string().min(1).optional(),
  /** The profile column the predictions are compared with (the training label). */
  labelColumn: z.string().min(1).optional(),
  features: z.array(z.string().min(1)).min(1).optional(),
  windowSeconds: z.number().positive().default(3600),
  buckets: z.number().int().min(1).max(1000).default(12),
  bucketCapacity: z.number().int().min(1).default(2000),
  maxSample: z.number().int().min(1).default(10_000),
  missingRateIncrease: z.number().min(0).max(1).default(0.05),
  outOfRangeShare: z.number().min(0).max(1).default(0.01),
  newCategoryShare: z.number().min(0).max(1).default(0),
  severity: z.enum(['warn', 'fail']).default('warn'),
});

/** The monitoring file given to `vigie serve --monitor` (or `--probes`): probes, alerts and drift watches. */
export const monitorConfig = z.strictObject({
  probes: probesConfig.optional(),
  alerts: alertsConfig.optional(),
  /** Per model name. */
  drift: z.record(z.string().min(1), driftWatch).optional(),
});

export type DriftWatch = z.infer<typeof driftWatch>;
export type MonitorConfig = z.infer<typeof monitorConfig>;

/**
 * Parses and validates a monitoring file (YAML or JSON). Errors are one line naming the file, the
 * line when known and the field: `probes.yaml:12: probes.items[0].expect: expect needs one entry per row`.
 */
export function parseMonitorConfig(text: string, file = 'monitor.yaml'): MonitorConfig {
  const { raw, fail } = readYamlDocument(text, file);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    fail([], 'expected a mapping with probes:, alerts: or drift:');
  }
  const parsed = monitorConfig.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return fail(
    issue.path,
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((k) => `unknown key "${k}"`).join(', ')
      : issue.message,
  );
}
