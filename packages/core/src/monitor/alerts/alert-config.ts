import { z } from 'zod';

const ruleBase = {
  /** Unique name (default: the kind, plus the model when given). */
  name: z.string().min(1).optional(),
  /** Only this model (default: every model). */
  model: z.string().min(1).optional(),
  severity: z.enum(['warning', 'critical']).default('critical'),
};

const driftRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('drift'),
  /** Input drift (the dataset drift decision), prediction drift, or either. */
  on: z.enum(['input', 'prediction', 'any']).default('any'),
  /** Fire on this verdict status or worse. */
  status: z.enum(['warn', 'fail']).default('fail'),
});

const dataQualityRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('data-quality'),
  status: z.enum(['warn', 'fail']).default('warn'),
});

const errorRateRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('error-rate'),
  /** Share of requests that failed on the server side (a 5xx answer or an invalid model output). */
  above: z.number().min(0).max(1),
  minRequests: z.number().int().min(1).default(20),
});

const latencyRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('latency-p99'),
  aboveMs: z.number().positive(),
  minRequests: z.number().int().min(1).default(20),
});

const probeRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('probe-failure'),
  /** Only this probe (default: every probe). */
  probe: z.string().min(1).optional(),
  /** Fire after this many failures in a row. */
  consecutive: z.number().int().min(1).default(1),
});

const logLagRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('log-lag'),
  aboveMs: z.number().positive(),
});

export const alertRule = z.discriminatedUnion('kind', [
  driftRule,
  dataQualityRule,
  errorRateRule,
  latencyRule,
  probeRule,
  logLagRule,
]);

export const alertsConfig = z
  .strictObject({
    webhook: z
      .strictObject({
        url: z.url({ protocol: /^https?$/ }),
        timeoutMs: z.number().int().positive().default(5000),
        /** Extra headers (an authorization token, say). */
        headers: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
    /** A firing alert is not sent again for the same rule and subject within this time. */
    cooldownSeconds: z.number().min(0).default(600),
    /** How often the rules are evaluated. */
    evaluateEverySeconds: z.number().positive().default(30),
    rules: z.array(alertRule).min(1),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.rules.forEach((rule, i) => {
      const name = ruleName(rule);
      if (seen.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'name'],
          message: `duplicate rule name "${name}" (give each rule a distinct name)`,
        });
      }
      seen.add(name);
    });
  });

export type AlertRule = z.infer<typeof alertRule>;
export type AlertsConfig = z.infer<typeof alertsConfig>;

export function ruleName(rule: AlertRule): string {
  return rule.name ?? (rule.model ? `${rule.kind}:${rule.model}` : rule.kind);
}
