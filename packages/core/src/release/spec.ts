import { z } from 'zod';
import { METRIC_NAMES } from '../config-schema/index.js';
import { DURATION_PATTERN, parseDuration } from './duration.js';

/** A duration: seconds as a number, or a string with a unit (`250ms`, `30s`, `5m`, `2h`); milliseconds once parsed. */
const duration = z
  .union([
    z.number().nonnegative(),
    z.string().regex(DURATION_PATTERN, 'expected a duration such as 250ms, 30s, 5m or 2h'),
  ])
  .transform((v) => parseDuration(v));

const share = z.number().min(0).max(1);
const alpha = z.number().gt(0).lt(1);

const offlineGate = z
  .strictObject({
    metric: z.enum(METRIC_NAMES),
    split: z.string().min(1).default('test'),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((g) => g.min !== undefined || g.max !== undefined, 'an offline gate needs "min" or "max"')
  .describe("An absolute gate on the candidate's recorded metrics, as vigie.yaml's gates.");

const shadowPhase = z
  .strictObject({
    min_requests: z.number().int().positive().default(200).describe('Compared pairs needed before deciding.'),
    min_duration: duration.default(0).describe('The phase lasts at least this long.'),
    max_duration: duration.optional().describe('Undecided after this long: inconclusive (held).'),
    max_disagreement: share
      .default(0.05)
      .describe('Largest acceptable share of requests answered differently.'),
    max_score_difference: z
      .number()
      .nonnegative()
      .optional()
      .describe('Largest acceptable 95th percentile of |candidate score − primary score|.'),
    value_tolerance: z
      .number()
      .nonnegative()
      .default(0)
      .describe('Regression: answers closer than this agree.'),
    slice_by: z.string().min(1).optional().describe('An input field whose values slice the comparison.'),
    min_slice_requests: z.number().int().positive().default(30),
    confidence: z.number().gt(0).lt(1).default(0.95),
  })
  .default({
    min_requests: 200,
    min_duration: 0,
    max_disagreement: 0.05,
    value_tolerance: 0,
    min_slice_requests: 30,
    confidence: 0.95,
  });

const canaryPhase = z
  .strictObject({
    steps: z
      .array(z.number().gt(0).max(100))
      .min(1)
      .default([1, 5, 25, 50, 100])
      .refine((s) => s.every((x, i) => i === 0 || x > s[i - 1]!), 'steps must increase')
      .refine((s) => s.at(-1) === 100, 'the last step must be 100 (all traffic on the candidate)')
      .describe('Percent of traffic on the candidate at each step.'),
    min_requests: z
      .number()
      .int()
      .positive()
      .default(200)
      .describe('Candidate (and baseline) requests needed at each step before it is analysed.'),
    min_duration: duration.default(0).describe('Each step lasts at least this long.'),
    max_duration: duration.optional().describe('A step undecided after this long is inconclusive (held).'),
  })
  .default({ steps: [1, 5, 25, 50, 100], min_requests: 200, min_duration: 0 });

const blueGreen = z
  .strictObject({
    smoke: z
      .array(z.record(z.string(), z.unknown()))
      .min(1)
      .describe('Rows the candidate must answer (valid outputs) before traffic switches.'),
    keep_warm: duration.default(600).describe('How long the old version stays loaded for a rollback.'),
  })
  .optional();

const onlineGates = z
  .strictObject({
    error_rate: z
      .strictObject({ max_increase: share.default(0.01), alpha: alpha.default(0.05) })
      .default({ max_increase: 0.01, alpha: 0.05 }),
    latency: z
      .strictObject({
        max_p95_ratio: z.number().positive().default(1.5),
        max_p99_ratio: z.number().positive().default(2),
        alpha: alpha.default(0.05),
      })
      .default({ max_p95_ratio: 1.5, max_p99_ratio: 2, alpha: 0.05 }),
    prediction_drift: z
      .strictObject({
        method: z.enum(['auto', 'ks', 'wasserstein', 'psi', 'jensenshannon', 'chisquare']).default('auto'),
        threshold: z.number().positive().optional(),
      })
      .default({ method: 'auto' }),
    quality: z
      .strictObject({
        max_regression: share.default(0.02).describe('Accuracy (or relative MAE) the candidate may lose.'),
        min_labels: z.number().int().positive().default(100),
        alpha: alpha.default(0.05),
        required: z.boolean().default(false).describe('Hold a step until enough labels arrived.'),
      })
      .default({ max_regression: 0.02, min_labels: 100, alpha: 0.05, required: false }),
    sample_ratio: z.strictObject({ alpha: alpha.default(0.001) }).default({ alpha: 0.001 }),
  })
  .default({
    error_rate: { max_increase: 0.01, alpha: 0.05 },
    latency: { max_p95_ratio: 1.5, max_p99_ratio: 2, alpha: 0.05 },
    prediction_drift: { method: 'auto' },
    quality: { max_regression: 0.02, min_labels: 100, alpha: 0.05, required: false },
    sample_ratio: { alpha: 0.001 },
  });

/** The declarative release: one YAML document (docs/releases.md). */
export const releaseSpecSchema = z
  .strictObject({
    version: z.literal(1).default(1),
    name: z.string().min(1).optional().describe('A name for people; the registry gives the release an id.'),
    model: z.string().min(1).describe('The route (model name) at the gateway.'),
    candidate: z
      .string()
      .min(1)
      .describe('The candidate version: a registry reference (name@version or alias).'),
    baseline: z
      .string()
      .min(1)
      .optional()
      .describe("The version compared with (default: the route's current primary)."),
    strategy: z.enum(['canary', 'blue-green', 'shadow']).default('canary'),
    promote_alias: z
      .string()
      .regex(/^[A-Za-z][\w.-]*$/, 'expected an alias name such as champion')
      .optional()
      .describe(
        "When the candidate takes all traffic, move this alias of its model to it (e.g. champion), with the release's analyses as evidence; a rollback moves it back.",
      ),
    offline: z
      .strictObject({
        require_ready: z
          .boolean()
          .default(false)
          .describe('The candidate must be ready for promotion (metrics and a passed gate run).'),
        gates: z.array(offlineGate).default([]),
      })
      .optional(),
    shadow: shadowPhase.nullable().describe('The shadow phase; null skips it.'),
    canary: canaryPhase,
    blue_green: blueGreen,
    online_gates: onlineGates,
    rollback: z
      .strictObject({
        on_fail: z.enum(['automatic', 'manual']).default('automatic'),
        on_inconclusive: z.enum(['hold', 'rollback']).default('hold'),
      })
      .default({ on_fail: 'automatic', on_inconclusive: 'hold' }),
  })
  .refine((s) => s.strategy !== 'blue-green' || s.blue_green !== undefined, {
    message: 'the blue-green strategy needs a "blue_green" section with smoke rows',
    path: ['blue_green'],
  })
  .refine((s) => s.strategy !== 'shadow' || s.shadow !== null, {
    message: 'the shadow strategy needs a shadow phase',
    path: ['shadow'],
  });

export type ReleaseSpec = z.infer<typeof releaseSpecSchema>;
export type ReleaseSpecInput = z.input<typeof releaseSpecSchema>;
export type ShadowPhase = NonNullable<ReleaseSpec['shadow']>;
export type CanaryPhase = ReleaseSpec['canary'];
export type OnlineGates = ReleaseSpec['online_gates'];
export type OfflineGate = z.infer<typeof offlineGate>;
