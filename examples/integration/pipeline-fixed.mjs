// The same cleaning step, fixed: every value is checked against the rules below. A row that breaks
// one is dropped; a value that can be repaired safely (case, spaces, a missing sex) is repaired.

const NUMBERS = {
  bill_length_mm: [30, 60],
  bill_depth_mm: [13, 22],
  flipper_length_mm: [170, 235],
  body_mass_g: [2700, 6300],
  year: [2007, 2009],
};
const ISLANDS = ['Biscoe', 'Dream', 'Torgersen'];
const SEXES = ['female', 'male'];

const text = (v) => (typeof v === 'string' ? v.normalize('NFC').trim().toLowerCase() : null);

/** One raw row in, the cleaned row out, or null when the row cannot be used. */
export function cleanRow(r) {
  if (r === null || typeof r !== 'object') return null;
  const out = {};
  for (const [column, [lo, hi]] of Object.entries(NUMBERS)) {
    const v = r[column];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) return null;
    out[column] = column === 'year' ? Math.round(v) : v;
  }
  const island = ISLANDS.find((i) => i.toLowerCase() === text(r.island));
  if (!island) return null;
  out.island = island;
  // A missing or unknown sex is repaired to "unknown" (the model has a category for it).
  const sex = text(r.sex);
  out.sex = SEXES.includes(sex) ? sex : 'unknown';
  return out;
}

/** Rows of raw penguin measurements in, cleaned rows out (unusable rows dropped). */
export function clean(rows) {
  return rows.map(cleanRow).filter((r) => r !== null);
}
