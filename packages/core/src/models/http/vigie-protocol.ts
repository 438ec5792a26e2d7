import { type JsonCell, jsonCells } from './json-cells.js';
import { type HttpProtocol, isObject } from './protocol.js';

/**
 * The Vigie gateway's format: POST `{"rows": [{column: value}]}` to the URL as given; the answer is
 * `{"modelVersion", "predictions": [{"id", "label"?, "probabilities"? (class → p), "value"?}]}`.
 */
export const vigieProtocol: HttpProtocol = {
  endpoint: (url) => url,
  body({ columns, start, n }) {
    const cells = columns.map(jsonCells);
    const rows: Array<Record<string, JsonCell>> = [];
    for (let i = start; i < start + n; i++) {
      const row: Record<string, JsonCell> = {};
      columns.forEach((c, j) => {
        row[c.name] = cells[j]!(i);
      });
      rows.push(row);
    }
    return { rows };
  },
  decode(answer, sink, signature) {
    const predictions = isObject(answer) ? answer.predictions : undefined;
    if (!Array.isArray(predictions)) throw sink.malformed('the answer has no "predictions" list');
    if (predictions.length !== sink.rows)
      throw sink.malformed(`the answer has ${predictions.length} predictions for ${sink.rows} rows`);
    for (let i = 0; i < predictions.length; i++) {
      const p: unknown = predictions[i];
      if (!isObject(p)) throw sink.malformed(`prediction ${i + 1} of the batch is not an object`);
      if (signature.task === 'regression') sink.value(i, p.value);
      else {
        if (p.label !== undefined && p.label !== null) sink.label(i, p.label);
        if (p.probabilities !== undefined && p.probabilities !== null) sink.probabilities(i, p.probabilities);
      }
    }
  },
};
