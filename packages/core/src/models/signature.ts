import { z } from 'zod';
import { VigieError } from '../errors/index.js';
import type { ModelSignature, Task } from './runtime.js';

/**
 * A signature as a person or a file declares it: every part optional. What is given overrides
 * what the model file says; what is missing is read from the file.
 */
export type DeclaredSignature = Partial<ModelSignature>;

/**
 * The `metadata_props` key of an ONNX file holding a declared signature as JSON, e.g.
 * `{"task": "classification", "inputs": [{"name": "bill_length_mm", "type": "numeric"}], "classes": ["Adelie"]}`.
 */
export const SIGNATURE_METADATA_KEY = 'vigie.signature';

const fieldSchema = z.object({ name: z.string().min(1), type: z.string().min(1) });
const signatureSchema = z.object({
  task: z.enum(['classification', 'regression']).optional(),
  inputs: z.array(fieldSchema).optional(),
  outputs: z.array(fieldSchema).optional(),
  classes: z
    .array(z.union([z.string(), z.number()]))
    .min(1)
    .optional(),
});

/**
 * Checks a declared signature (parsed JSON). `where` names its origin for the message (a file, a
 * flag, a model's metadata). Unknown keys are ignored, so newer signatures stay readable.
 */
export function parseSignature(value: unknown, where: string): DeclaredSignature {
  const parsed = signatureSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new VigieError('INVALID_ARGUMENT', `${where}: invalid signature at ${path}: ${issue.message}`, {
      details: { field: `signature.${path}` },
    });
  }
  const s = parsed.data;
  const out: DeclaredSignature = {};
  if (s.task) out.task = s.task;
  if (s.inputs) out.inputs = s.inputs;
  if (s.outputs) out.outputs = s.outputs;
  if (s.classes) {
    if (new Set(s.classes.map(String)).size !== s.classes.length)
      throw new VigieError('INVALID_ARGUMENT', `${where}: the signature's classes repeat a class`, {
        details: { field: 'signature.classes' },
      });
    out.classes = s.classes;
  }
  return out;
}

/** `parseSignature` over JSON text. */
export function parseSignatureJson(text: string, where: string): DeclaredSignature {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new VigieError(
      'PARSE_ERROR',
      `${where}: the signature is not valid JSON (${(cause as Error).message})`,
      {
        cause,
      },
    );
  }
  return parseSignature(value, where);
}

/** Later signatures override earlier ones, part by part. */
export function mergeSignatures(...parts: ReadonlyArray<DeclaredSignature | undefined>): DeclaredSignature {
  const out: DeclaredSignature = {};
  for (const p of parts) {
    if (!p) continue;
    if (p.task) out.task = p.task;
    if (p.inputs && p.inputs.length > 0) out.inputs = p.inputs;
    if (p.outputs && p.outputs.length > 0) out.outputs = p.outputs;
    if (p.classes && p.classes.length > 0) out.classes = p.classes;
  }
  return out;
}

/** A complete signature: the task defaults to classification when classes are known. */
export function completeSignature(s: DeclaredSignature, where: string): ModelSignature {
  const task: Task | undefined = s.task ?? (s.classes ? 'classification' : undefined);
  if (!task)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${where}: cannot tell whether the model classifies or regresses: declare "task" in the signature`,
      { details: { field: 'signature.task' } },
    );
  if (task === 'classification' && !s.classes)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${where}: the model's classes are not in the file: declare "classes" in the signature (in the order of its probabilities)`,
      { details: { field: 'signature.classes' } },
    );
  return {
    task,
    inputs: s.inputs ?? [],
    outputs: s.outputs ?? [],
    ...(task === 'classification' ? { classes: s.classes } : {}),
  };
}
