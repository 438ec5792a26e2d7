// A cleaning step as it is often first written: it trusts its input.
// - `sex.toLowerCase()` crashes on a null (TypeError), the bug the integration kit finds first;
// - numbers pass through unchecked, so NaN, Infinity and values far out of range reach the model.

/** Rows of raw penguin measurements in, cleaned rows out. */
export function clean(rows) {
  return rows.map((r) => ({
    island: r.island.trim(),
    bill_length_mm: r.bill_length_mm,
    bill_depth_mm: r.bill_depth_mm,
    flipper_length_mm: r.flipper_length_mm,
    body_mass_g: r.body_mass_g,
    sex: r.sex.toLowerCase(),
    year: r.year,
  }));
}
