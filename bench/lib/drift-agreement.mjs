/**
 * Compares Vigie's per-column drift decisions with Evidently's (bench/peers/evidently_drift.py)
 * and with the drift the generator planted (manifest.json), for the dataset benchmark.
 *
 * At more than 1,000 reference rows both tools pick the same kind of measure per column, with
 * threshold 0.1: Wasserstein distance in units of the reference standard deviation (Vigie: sd with
 * ddof 1; Evidently: np.std, ddof 0, a relative difference of 5e-7 at 1M rows) and the
 * Jensen-Shannon distance (Vigie: base 2; Evidently: natural log). A base-2 distance is the
 * natural-log one divided by √ln 2, so Vigie's is multiplied by √ln 2 before scores are compared;
 * decisions are compared as each tool makes them.
 */
import { printTable } from './table.mjs';

const JS_BASE2_TO_E = Math.sqrt(Math.LN2);

function comparableScore(column) {
  if (column.statistic === null) return Number.NaN;
  return column.method === 'jensenshannon' ? column.statistic * JS_BASE2_TO_E : column.statistic;
}

/**
 * @param vigie a DriftResult of computeDrift
 * @param evidently the JSON printed by evidently_drift.py, or null
 * @param manifest the generator's manifest.json
 */
export function compareDrift(vigie, evidently, manifest) {
  const planted = new Map(manifest.columns.map((c) => [c.name, c.drift?.kind ?? null]));
  const columns = vigie.columns.map((c) => {
    const ev = evidently?.columns?.[c.name] ?? null;
    const score = comparableScore(c);
    return {
      name: c.name,
      planted: planted.get(c.name) ?? null,
      vigie: { method: c.method, statistic: c.statistic, score, drift: c.drift },
      evidently: ev && { method: ev.method, score: ev.score, drift: ev.drift },
      relativeDifference: ev ? Math.abs(score - ev.score) / Math.max(Math.abs(ev.score), 1e-300) : Number.NaN,
    };
  });
  const onlyEvidently = evidently
    ? Object.keys(evidently.columns).filter((name) => !columns.some((c) => c.name === name))
    : [];
  return {
    columns,
    onlyEvidently,
    vigie: vigie.datasetDrift,
    evidently: evidently?.dataset ?? null,
    manifest,
  };
}

const mark = (drift) => (drift === null || drift === undefined ? '?' : drift ? 'drift' : 'no');
const fmt = (x) => (Number.isFinite(x) ? x.toPrecision(4) : '-');
const names = (cols) => cols.map((c) => c.name).join(', ') || '(none)';

export function printDriftComparison(comparison, { allColumns = false } = {}) {
  const { columns, onlyEvidently } = comparison;
  const planted = columns.filter((c) => c.planted !== null);
  const vigieFlagged = columns.filter((c) => c.vigie.drift);
  const sameAsPlanted = (flagged) =>
    flagged.length === planted.length && flagged.every((c) => c.planted !== null)
      ? 'exactly the planted ones'
      : 'DIFFERS from the planted ones';
  console.log('drift decisions (Vigie auto: Wasserstein / sd and Jensen-Shannon base 2, threshold 0.1)');
  console.log(`  planted:   ${planted.length} columns: ${names(planted)}`);
  console.log(
    `  Vigie:     ${vigieFlagged.length} of ${columns.length} columns drifted, ${sameAsPlanted(vigieFlagged)}; dataset drift ${comparison.vigie.drift} (share ${comparison.vigie.share.toFixed(3)})`,
  );
  const withEvidently = columns.filter((c) => c.evidently !== null);
  if (withEvidently.length > 0) {
    const evFlagged = withEvidently.filter((c) => c.evidently.drift);
    const agree = withEvidently.filter((c) => c.evidently.drift === c.vigie.drift).length;
    const worst = withEvidently.reduce(
      (w, c) => (c.relativeDifference > (w?.relativeDifference ?? -1) ? c : w),
      null,
    );
    console.log(
      `  Evidently: ${evFlagged.length} of ${withEvidently.length} columns drifted, ${sameAsPlanted(evFlagged)}; dataset drift ${comparison.evidently?.drift} (share ${comparison.evidently?.share?.toFixed(3)})`,
    );
    console.log(
      `  Vigie and Evidently agree on ${agree} of ${withEvidently.length} columns; worst relative score difference ${worst.relativeDifference.toExponential(1)} (${worst.name}, ${worst.vigie.method})`,
    );
  } else {
    console.log('  Evidently: not run');
  }
  if (onlyEvidently.length > 0) console.log(`  compared by Evidently only: ${onlyEvidently.join(', ')}`);

  const disagreeing = columns.filter(
    (c) =>
      c.vigie.drift !== (c.planted !== null) || (c.evidently !== null && c.evidently.drift !== c.vigie.drift),
  );
  const shown = allColumns ? columns : disagreeing;
  if (shown.length === 0) {
    console.log('  no disagreements (--all-columns prints every column)');
    return;
  }
  console.log(allColumns ? '' : '\ndisagreements:');
  printTable(
    [
      { header: 'column', align: 'left' },
      { header: 'planted', align: 'left' },
      { header: 'Vigie method', align: 'left' },
      'Vigie score',
      'as Evidently',
      { header: 'Vigie', align: 'left' },
      { header: 'Evidently method', align: 'left' },
      'Evidently score',
      { header: 'Evidently', align: 'left' },
      'rel. diff',
    ],
    shown.map((c) => [
      c.name,
      c.planted ?? '-',
      c.vigie.method,
      fmt(c.vigie.statistic),
      fmt(c.vigie.score),
      mark(c.vigie.drift),
      c.evidently?.method ?? '-',
      fmt(c.evidently?.score),
      c.evidently ? mark(c.evidently.drift) : '-',
      c.evidently ? c.relativeDifference.toExponential(1) : '-',
    ]),
  );
}
