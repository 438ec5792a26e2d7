import type { Tensor } from 'onnxruntime-node';
import { VigieError } from '../../errors/index.js';
import { argmaxRow } from '../predictions.js';
import type { Predictions } from '../runtime.js';
import { createClassIndex } from '../validate-predictions.js';
import type { OutputPlan } from './onnx-plan.js';

/** Writes one batch's outputs into predictions allocated for the whole table. */
export type OutputDecoder = (results: Record<string, Tensor>, start: number, n: number) => void;

function malformed(label: string, output: string, message: string): VigieError {
  return new VigieError('PARSE_ERROR', `${label}: output "${output}" ${message}`, {
    details: { file: label },
  });
}

/**
 * The decoder for a plan: labels mapped to class indices (an unknown label is an error naming the
 * row), probabilities copied as float64, values likewise. Without a label output the label is the
 * most probable class.
 */
export function createOutputDecoder(
  plan: OutputPlan,
  predictions: Predictions,
  label: string,
): OutputDecoder {
  const classes = predictions.classes ?? [];
  const k = classes.length;
  const named = plan.labelClasses ?? classes;
  const classIndex = createClassIndex(named, label);
  const byString = new Map(named.map((c, i) => [String(c), i]));
  const byInteger = new Map(
    named.flatMap((c, i) => (Number.isInteger(Number(c)) ? [[BigInt(Number(c)), i] as const] : [])),
  );
  return (results, start, n) => {
    if (plan.probabilities && predictions.probabilities) {
      const data = results[plan.probabilities]!.data as Float32Array | Float64Array;
      if (data.length !== n * k)
        throw malformed(
          label,
          plan.probabilities,
          `holds ${data.length} probabilities for ${n} rows × ${k} classes`,
        );
      predictions.probabilities.set(data, start * k);
    }
    const labels = predictions.labels;
    if (labels && plan.label) {
      const data = results[plan.label]!.data as string[] | BigInt64Array | Int32Array;
      if (data.length !== n) throw malformed(label, plan.label, `holds ${data.length} labels for ${n} rows`);
      if (plan.labelIsIndex) {
        // Vigie's LabelEncoder: the class index, or -1 for a label that is not a class.
        for (let i = 0; i < n; i++) {
          const index = Number(data[i]!);
          if (index < 0)
            throw new VigieError(
              'PARSE_ERROR',
              `${label}: invalid prediction at row ${start + i + 1}: the model's label is not one of the classes (${named.join(', ')})`,
              { details: { row: start + i + 1, file: label } },
            );
          labels[start + i] = index;
        }
      } else
        for (let i = 0; i < n; i++) {
          const v = data[i]!;
          // The common case first: a label already seen; anything else goes through the checked
          // path, which names the row when the label is not a class.
          const known =
            typeof v === 'bigint' ? byInteger.get(v) : byString.get(typeof v === 'string' ? v : String(v));
          labels[start + i] = known ?? classIndex(v, start + i + 1);
        }
    } else if (labels && predictions.probabilities) {
      for (let i = 0; i < n; i++) labels[start + i] = argmaxRow(predictions.probabilities, start + i, k);
    }
    if (plan.value && predictions.values) {
      const data = results[plan.value]!.data as Float32Array | Float64Array;
      if (data.length !== n) throw malformed(label, plan.value, `holds ${data.length} values for ${n} rows`);
      predictions.values.set(data, start);
    }
  };
}
