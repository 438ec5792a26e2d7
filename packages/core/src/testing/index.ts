/**
 * The integration kit: abnormal data from a schema and profile, fake models, class short-circuits,
 * shape-of-inference checks and training/serving skew.
 */
export {};
