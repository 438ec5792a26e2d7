import fc from 'fast-check';

// Property tests run with one fixed seed so that a CI run is reproducible: a failure seen once is
// seen again. `FC_SEED=random npm test` explores new inputs; `FC_SEED=<n>` replays a reported seed.
const requested = process.env.FC_SEED;
if (requested !== 'random') fc.configureGlobal({ seed: requested ? Number(requested) : 20261201 });
