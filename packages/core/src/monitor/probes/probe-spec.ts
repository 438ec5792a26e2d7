import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** The answer expected for one row: a label exactly, probabilities and a value within tolerance. */
export const probeExpectation = z
  .strictObject({
    label: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /** Expected probability per class; each within `tolerance` (absolute). */
    probabilities: z.record(z.string(), z.number().min(0).max(1)).optional(),
    value: z.number().optional(),
    /** Absolute tolerance on probabilities and values. Default 0.01. */
    tolerance: z.number().min(0).default(0.01),
  })
  .refine((e) => e.label !== undefined || e.probabilities !== undefined || e.value !== undefined, {
    message: 'an expectation needs a label, probabilities or a value',
  });

export const probeSpec = z
  .strictObject({
    name: z.string().min(1),
    model: z.string().min(1),
    rows: z.array(z.record(z.string(), scalar)).min(1).max(100),
    /** One expectation per row, in order. */
    expect: z.array(probeExpectation).min(1),
  })
  .refine((p) => p.expect.length === p.rows.length, {
    message: 'expect needs one entry per row',
    path: ['expect'],
  });

export const probesConfig = z
  .strictObject({
    /** Every probe runs once per interval. */
    intervalSeconds: z.number().positive().default(60),
    /** A probe without an answer within this time fails. */
    timeoutMs: z.number().int().positive().default(2000),
    /** Rate budget over all probes: at most this many probe requests per minute (beyond: skipped and counted). */
    maxPerMinute: z.number().int().positive().default(60),
    items: z.array(probeSpec).min(1),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.items.forEach((p, i) => {
      if (seen.has(p.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'name'],
          message: `duplicate probe name "${p.name}"`,
        });
      }
      seen.add(p.name);
    });
  });

export type ProbeExpectation = z.infer<typeof probeExpectation>;
export type ProbeSpec = z.infer<typeof probeSpec>;
export type ProbesConfig = z.infer<typeof probesConfig>;
