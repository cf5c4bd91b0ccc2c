/** Client-side evaluation of the CEL rules (`x-kubernetes-validations`) of our schemas. */
export { CelValidator } from './cel-validator';
export type { CelResult, CelViolation } from './cel-validator';
