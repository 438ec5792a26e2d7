// The features as the training job computes them (from raw rows).
export function features(rows) {
  return rows.map((r) => ({
    bill_ratio: r.bill_length_mm / r.bill_depth_mm,
    body_mass_kg: r.body_mass_g / 1000,
    is_male: r.sex === 'male' ? 1 : 0,
    island_biscoe: r.island === 'Biscoe' ? 1 : 0,
  }));
}
