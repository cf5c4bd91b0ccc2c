/**
 * What an untagged plain scalar means when YAML is read as kubectl reads it (see KUBE_YAML in
 * `yaml-options.ts`): YAML 1.1 nulls, booleans (`yes`, `on`, …), binary, octal, decimal and
 * hexadecimal integers (with `_` separators), floats, `.inf` and `.nan`; timestamps and
 * sexagesimal numbers stay strings. The fast reader (`fast-yaml.ts`) resolves scalars here
 * instead of loading the `yaml` package; a test checks both agree on every form.
 */

/** The words YAML 1.1 reads as null or booleans (each written in lower, Title or UPPER case). */
const WORDS = new Map<string, null | boolean>([
  ...['~', 'null', 'Null', 'NULL'].map((w) => [w, null] as const),
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((w) => [w, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((w) => [w, false] as const),
]);
const BINARY = /^[-+]?0b[01_]+$/;
const OCTAL = /^[-+]?0[0-7_]+$/;
const DECIMAL = /^[-+]?[0-9][0-9_]*$/;
const HEX = /^[-+]?0x[0-9a-fA-F_]+$/;
const INF_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXPONENT = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;
const FIXED = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/;

/** The value of plain scalar `s` (never empty: an empty value is null, decided by the caller). */
export function resolvePlainScalar(s: string): unknown {
  const first = s.charCodeAt(0);
  // Most scalars are words longer than any of WORDS, or start with a letter no number has: test cheaply first.
  if (!((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46)) {
    if (s.length > 5) return s;
    const word = WORDS.get(s);
    return word === undefined ? s : word;
  }
  if (BINARY.test(s)) return integer(s, 2, 2);
  if (OCTAL.test(s)) return integer(s, 1, 8);
  if (DECIMAL.test(s)) return integer(s, 0, 10);
  if (HEX.test(s)) return integer(s, 2, 16);
  if (INF_NAN.test(s)) return /nan$/i.test(s) ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (EXPONENT.test(s) || FIXED.test(s)) return parseFloat(s.replace(/_/g, ''));
  return s;
}

/** `prefix` is the length of the radix prefix after the sign (`0b`, `0`, `0x`). */
function integer(s: string, prefix: number, radix: number): number {
  const signed = s[0] === '-' || s[0] === '+';
  const n = parseInt(s.slice((signed ? 1 : 0) + prefix).replace(/_/g, ''), radix);
  return s[0] === '-' ? -1 * n : n;
}
