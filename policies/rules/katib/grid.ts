import { Parameter } from './experiment';
import { pyFloat, pyInt } from './numbers';

/**
 * How many values Katib's grid search takes from a parameter (convert_to_combinations in
 * pkg/suggestion/v1beta1/internal/search_space.py: Python's range for ints, numpy.arange up to
 * max for doubles), or a reason it has none.
 */
export function gridValues(p: Parameter): number | { readonly missingStep: true } | undefined {
  if (p.type === 'categorical' || p.type === 'discrete') return p.list.length;
  if (p.type === 'int') {
    const [min, max, step] = [pyInt(p.min), pyInt(p.max), p.step === '' ? 1 : pyInt(p.step)];
    if (min === undefined || max === undefined || step === undefined || step <= 0) return undefined;
    return Math.max(0, Math.ceil((max + 1 - min) / step));
  }
  if (p.type === 'double') {
    if (p.step === '') return { missingStep: true };
    const [min, max, step] = [pyFloat(p.min), pyFloat(p.max), pyFloat(p.step)];
    if (min === undefined || max === undefined || step === undefined || !(step > 0)) return undefined;
    let n = Math.max(0, Math.ceil((max + step - min) / step));
    if (n > 0 && min + (n - 1) * step > max) n -= 1;
    return n;
  }
  return undefined;
}
