import { CelFunc, celFunc, CelScalar } from '@bufbuild/cel';

/**
 * `isQuantity` of Kubernetes' quantity library: whether resource.ParseQuantity accepts the
 * string (`500m`, `1.5Gi`, `1e3`). `quantity()` and its arithmetic need an object type that this
 * evaluator does not have: rules using them are reported as not checked.
 */
export const QUANTITY_FUNCTIONS: CelFunc[] = [
  celFunc('isQuantity', [CelScalar.STRING], CelScalar.BOOL, (s: string) => isQuantity(s)),
];

const SUFFIXES = new Set(['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E']);

/**
 * ParseQuantity's grammar: an optional sign, digits with an optional fraction (either part may
 * be empty: `.5`, `5.`), then a binary or decimal SI suffix or a decimal exponent (`e3`, `E-2`).
 */
export function isQuantity(s: string): boolean {
  const m = /^[+-]?[0-9]*(?:\.[0-9]*)?(.*)$/.exec(s);
  if (s === '' || !m) return false;
  const suffix = m[1];
  if (SUFFIXES.has(suffix)) return true;
  const exponent = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
  return exponent !== null && Math.abs(Number(exponent[1])) <= 2 ** 31 - 1;
}
