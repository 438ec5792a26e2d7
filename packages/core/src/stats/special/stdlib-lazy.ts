import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The @stdlib special functions this folder wraps, each loaded on its first call: together they
 * are some 430 CommonJS files (about 0.1 s to load), which commands that compute no p-value or
 * interval never need.
 */
function lazy<F extends (...args: never[]) => number>(id: string): F {
  let f: F | undefined;
  return ((...args: Parameters<F>) => (f ??= require(id) as F)(...args)) as F;
}

export const stdlib = {
  betaln: lazy<(a: number, b: number) => number>('@stdlib/math-base-special-betaln'),
  digamma: lazy<(x: number) => number>('@stdlib/math-base-special-digamma'),
  erf: lazy<(x: number) => number>('@stdlib/math-base-special-erf'),
  erfc: lazy<(x: number) => number>('@stdlib/math-base-special-erfc'),
  erfcinv: lazy<(p: number) => number>('@stdlib/math-base-special-erfcinv'),
  gammaln: lazy<(x: number) => number>('@stdlib/math-base-special-gammaln'),
  betainc: lazy<(x: number, a: number, b: number, regularized: boolean, upper: boolean) => number>(
    '@stdlib/math-base-special-betainc',
  ),
  betaincinv: lazy<(p: number, a: number, b: number, upper: boolean) => number>(
    '@stdlib/math-base-special-betaincinv',
  ),
  gammaincinv: lazy<(p: number, a: number, upper: boolean) => number>(
    '@stdlib/math-base-special-gammaincinv',
  ),
};
