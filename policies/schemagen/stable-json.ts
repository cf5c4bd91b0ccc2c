export { sortKeys } from '../../manifest';

/** JSON values as they come out of JSON.parse / YAML.toJS. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Compact-indented JSON: a value is written on one line when it fits in `width` columns,
 * otherwise one member per line, indented by one space per level. Schemas nest 20+ levels
 * deep, so wider indents cost far more bytes than they buy in readability; small leaves
 * (`{"type":"string"}`) stay on one line, which keeps `git diff` of a regenerated schema
 * line-oriented without the size of fully pretty-printed JSON.
 */
export function compactJson(value: Json, width = 120): string {
  return write(value, '') + '\n';

  function write(v: Json, indent: string): string {
    const flat = JSON.stringify(v);
    if (v === null || typeof v !== 'object' || indent.length + flat.length <= width) return flat;
    const inner = indent + ' ';
    const members = Array.isArray(v)
      ? v.map((x) => inner + write(x, inner))
      : Object.keys(v).map((k) => `${inner}${JSON.stringify(k)}:${write(v[k], inner)}`);
    if (members.length === 0) return flat;
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    return `${open}\n${members.join(',\n')}\n${indent}${close}`;
  }
}
