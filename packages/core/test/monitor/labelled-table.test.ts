import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anonymizer, labelledTable, openPredictionLog, parseAnonymization } from '../../src/monitor/index.js';
import { getColumn } from '../../src/table/index.js';
import { record } from '../support/prediction-log-contract.js';
import { tempDir } from '../support/temp.js';

const temp = tempDir('vigie-labelled-');
const signature = {
  task: 'classification' as const,
  inputs: [
    { name: 'bill_length_mm', type: 'numeric' },
    { name: 'island', type: 'categorical' },
    { name: 'email', type: 'text' },
    { name: 'tagged', type: 'boolean' },
  ],
};

describe('labelledTable', () => {
  it('turns labelled, anonymized predictions into a table with label, prediction and id', async () => {
    await using log = await openPredictionLog(`sqlite:${join(temp.dir, 'log.db')}`);
    const anonymize = anonymizer(parseAnonymization({ hash: ['email'], key: 'k'.repeat(16) }, 'test'));
    const raw = [
      { bill_length_mm: 39.1, island: 'Biscoe', email: 'ada@example.org', tagged: true },
      { bill_length_mm: 'oops', island: 'Dream', email: 'bob@example.org', tagged: false },
      { bill_length_mm: 45, island: null, email: null },
      { bill_length_mm: 50, island: 'Dream', email: 'eve@example.org', tagged: true },
    ];
    const records = raw.map((inputs, i) =>
      record(i, {
        inputs: anonymize(inputs),
        output: { label: i === 1 ? 'Gentoo' : 'Adelie' },
        probe: i === 3,
      }),
    );
    await log.append(records);
    await log.appendFeedback({ predictionId: records[0]!.id, at: records[0]!.at, label: 'Adelie' });
    await log.appendFeedback({ predictionId: records[1]!.id, at: records[1]!.at, label: 'Chinstrap' });
    await log.appendFeedback({ predictionId: records[2]!.id, at: records[2]!.at, rating: 3 }); // no label
    await log.appendFeedback({ predictionId: records[3]!.id, at: records[3]!.at, label: 'Adelie' }); // probe

    const table = await labelledTable(log, { model: 'penguins' }, signature);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['bill_length_mm', 'numeric'],
      ['island', 'categorical'],
      ['email', 'text'],
      ['tagged', 'boolean'],
      ['label', 'categorical'],
      ['prediction', 'categorical'],
      ['prediction_id', 'id'],
    ]);
    expect(table.rowCount).toBe(2);
    const bill = getColumn(table, 'bill_length_mm');
    expect(bill.storage === 'float64' && [...bill.values]).toEqual([39.1, Number.NaN]);
    const email = getColumn(table, 'email');
    const hashed = email.storage === 'dict' ? [...email.codes].map((c) => email.dictionary[c]) : [];
    expect(hashed).toEqual([anonymize(raw[0]!).email, anonymize(raw[1]!).email]);
    expect(hashed.join()).not.toContain('example.org');
    const label = getColumn(table, 'label');
    expect(label.storage === 'dict' && [...label.codes].map((c) => label.dictionary[c])).toEqual([
      'Adelie',
      'Chinstrap',
    ]);

    const regressionTable = await labelledTable(
      log,
      {},
      { task: 'regression', inputs: [] },
      { idColumn: null },
    );
    expect(regressionTable.rowCount).toBe(0);
    await expect(labelledTable(log, {}, signature, { labelColumn: 'island' })).rejects.toThrow(
      /column "island" would appear twice/,
    );
  });
});
