// The same features rewritten for the service, with two mistakes that no unit test of either side
// catches: the body mass is rounded to 0.1 kg, and the sex is compared with "Male".
export function features(rows) {
  return rows.map((r) => ({
    bill_ratio: r.bill_length_mm / r.bill_depth_mm,
    body_mass_kg: Math.round(r.body_mass_g / 100) / 10,
    is_male: r.sex === 'Male' ? 1 : 0,
    island_biscoe: r.island === 'Biscoe' ? 1 : 0,
  }));
}
