import { type JsonCell, jsonCells } from './json-cells.js';
import { type HttpProtocol, isObject } from './protocol.js';

const LABEL_KEYS = ['label', 'prediction', 'predicted_label'];

/**
 * MLflow's scoring server: POST `{"dataframe_split": {"columns", "data"}}` to `/invocations`; the
 * answer is `{"predictions": [...]}` (or, from MLflow 1, the bare list). Each prediction is a label
 * or value, a list of probabilities in class order (`predict_proba`), or an object with
 * `label`/`prediction`, `probabilities` and `value`.
 */
export const mlflowProtocol: HttpProtocol = {
  endpoint(url) {
    if (url.pathname.endsWith('/invocations')) return url;
    const out = new URL(url);
    out.pathname = `${url.pathname.replace(/\/+$/, '')}/invocations`;
    return out;
  },
  body({ columns, start, n }) {
    const cells = columns.map(jsonCells);
    const data: JsonCell[][] = [];
    for (let i = start; i < start + n; i++) data.push(cells.map((cell) => cell(i)));
    return { dataframe_split: { columns: columns.map((c) => c.name), data } };
  },
  decode(answer, sink, signature) {
    const predictions = Array.isArray(answer) ? answer : isObject(answer) ? answer.predictions : undefined;
    if (!Array.isArray(predictions)) throw sink.malformed('the answer has no "predictions" list');
    if (predictions.length !== sink.rows)
      throw sink.malformed(`the answer has ${predictions.length} predictions for ${sink.rows} rows`);
    const regression = signature.task === 'regression';
    for (let i = 0; i < predictions.length; i++) {
      const p: unknown = predictions[i];
      if (Array.isArray(p)) {
        // A one-column DataFrame or an [N, 1] array comes back as one-element lists.
        if (p.length === 1 && (regression || typeof p[0] !== 'number')) one(i, p[0]);
        else if (regression) throw sink.malformed(`prediction ${i + 1} of the batch is a list, not a value`);
        else sink.probabilities(i, p);
      } else if (isObject(p)) {
        if (regression) sink.value(i, p.value ?? p.prediction);
        else {
          const label = LABEL_KEYS.map((k) => p[k]).find((v) => v !== undefined && v !== null);
          if (label !== undefined) sink.label(i, label);
          if (p.probabilities !== undefined && p.probabilities !== null)
            sink.probabilities(i, p.probabilities);
        }
      } else one(i, p);
    }
    function one(i: number, value: unknown) {
      if (regression) sink.value(i, value);
      else sink.label(i, value);
    }
  },
};
