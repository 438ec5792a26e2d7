// A small prediction service in the gateway's format (POST {"rows": [...]} → {"predictions": [...]}):
// a cleaning step, then a model. The model here is a fake (a rule on the flipper length) from
// @vigie/core/testing, so the service can be tested without the real model.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createFakeModel, rowsTable } from '@vigie/core/testing';

const CLASSES = ['Adelie', 'Chinstrap', 'Gentoo'];
const INPUTS = [
  { name: 'island', type: 'categorical' },
  { name: 'bill_length_mm', type: 'numeric' },
  { name: 'bill_depth_mm', type: 'numeric' },
  { name: 'flipper_length_mm', type: 'numeric' },
  { name: 'body_mass_g', type: 'numeric' },
  { name: 'sex', type: 'categorical' },
  { name: 'year', type: 'integer' },
];

/** A fake penguin classifier: Gentoo above 206 mm of flipper, Adelie below (missing: Adelie). */
export function fakePenguinModel() {
  return createFakeModel(
    { task: 'classification', inputs: INPUTS, outputs: [], classes: CLASSES },
    {
      kind: 'rule',
      feature: 'flipper_length_mm',
      threshold: 206,
      below: 'Adelie',
      above: 'Gentoo',
      otherwise: 'Adelie',
    },
  );
}

const send = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/**
 * The service. `clean` is the cleaning step (rows in, rows out). `strict`: answer 400 when the
 * body is not a list of rows or when cleaning drops a row (one prediction per row, or none);
 * otherwise (the broken version) any exception becomes a 500. `hangOnLongText`: never answer when a
 * text value is longer than 10,000 characters (as a service stuck on a pathological input does).
 */
export function createPenguinService({ clean, strict = false, hangOnLongText = false }) {
  const model = fakePenguinModel();
  return createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        if (req.method !== 'POST') return send(res, 405, { error: { code: 'METHOD', message: 'use POST' } });
        let body;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch (error) {
          if (!strict) throw error;
          return send(res, 400, { error: { code: 'INVALID_JSON', message: 'the body is not valid JSON' } });
        }
        const rows = body?.rows;
        if (
          strict &&
          (!Array.isArray(rows) ||
            rows.length === 0 ||
            rows.some((r) => r === null || typeof r !== 'object' || Array.isArray(r)))
        )
          return send(res, 400, {
            error: { code: 'INVALID_ROWS', message: '"rows" must be a non-empty list of objects' },
          });
        if (
          hangOnLongText &&
          rows.some((r) => Object.values(r).some((v) => typeof v === 'string' && v.length > 10_000))
        )
          return; // stuck: no answer, ever
        const cleaned = clean(rows);
        if (cleaned.length !== rows.length) {
          const bad = strict ? rows.findIndex((r) => clean([r]).length === 0) + 1 : 0;
          return send(res, 400, {
            error: {
              code: 'INVALID_ROW',
              message: `row ${bad}: a value is missing, of the wrong type or out of range`,
            },
          });
        }
        const p = await model.predict(rowsTable(cleaned, INPUTS));
        const k = CLASSES.length;
        send(res, 200, {
          modelVersion: 'penguins-fake@1',
          predictions: cleaned.map((_, i) => ({
            id: randomUUID(),
            label: CLASSES[p.labels[i]],
            probabilities: Object.fromEntries(CLASSES.map((c, j) => [c, p.probabilities[i * k + j]])),
          })),
        });
      } catch {
        send(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
      }
    });
  });
}
