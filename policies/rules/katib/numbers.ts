// How Katib's suggestion services read the strings of settings and feasible spaces: Python's
// int() and float() in the Python services, Go's strconv in goptuna and the controller.

const PY_DIGITS = /^\d+(_\d+)*$/;
const PY_FLOAT = /^(\d+(_\d+)*)?(\.(\d+(_\d+)*)?)?([eE][+-]?\d+(_\d+)*)?$/;

/** Python's int(s), or undefined where it raises ValueError. */
export function pyInt(s: string): number | undefined {
  const t = s.trim().replace(/^[+-]/, '');
  if (!PY_DIGITS.test(t)) return undefined;
  return Number((s.trim().startsWith('-') ? '-' : '') + t.replace(/_/g, ''));
}

/** Python's float(s), or undefined where it raises ValueError. */
export function pyFloat(s: string): number | undefined {
  const trimmed = s.trim();
  const t = trimmed.replace(/^[+-]/, '');
  const sign = trimmed.startsWith('-') ? -1 : 1;
  if (/^(inf|infinity)$/i.test(t)) return sign * Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (!PY_FLOAT.test(t) || !/\d/.test(t.split(/[eE]/)[0])) return undefined;
  return sign * Number(t.replace(/_/g, ''));
}

/** Go's strconv.Atoi(s), or undefined where it returns an error. */
export function goAtoi(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

/** Go's strconv.ParseFloat(s, 64) for decimal input, or undefined where it returns an error. */
export function goParseFloat(s: string): number | undefined {
  const t = s.replace(/^[+-]/, '');
  const sign = s.startsWith('-') ? -1 : 1;
  if (/^(inf|infinity)$/i.test(t)) return sign * Infinity;
  if (/^nan$/i.test(t)) return NaN;
  return /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? sign * Number(t) : undefined;
}
