import { CelInput, isCelError } from '@bufbuild/cel';
import { compile } from './program';
import { SchemaNode } from './schema-tree';

/**
 * A scalar as the API server hands it to CEL for its schema: `integer` as int (bigint),
 * `number` as double, int-or-string (no `type`) as int or string by its JSON value, and
 * strings of format date, date-time, duration and byte as timestamp, duration and bytes.
 */
export function scalarToCel(node: SchemaNode | undefined, value: unknown): CelInput {
  if (typeof value === 'number') {
    if (node?.type === 'number') return value;
    return Number.isInteger(value) ? BigInt(value) : value;
  }
  if (typeof value === 'string' && node?.type === 'string' && node.format) return formatted(node.format, value);
  return plainToCel(value);
}

/** A value without a schema (x-kubernetes-preserve-unknown-fields): JSON's integers as int. */
export function plainToCel(value: unknown): CelInput {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(plainToCel);
  if (typeof value === 'object' && value !== null) {
    const out = new Map<string, CelInput>();
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out.set(k, plainToCel(v));
    return out;
  }
  return (value ?? null) as CelInput;
}

/** Parsed with CEL's own conversions; an unparseable value stays a string (schema validation reports it). */
function formatted(format: string, value: string): CelInput {
  const convert = (fn: string, arg: string): CelInput => {
    const program = compile(`${fn}(self)`);
    const result = program.ok ? program.run({ self: arg }) : undefined;
    return result === undefined || isCelError(result) ? value : result as CelInput;
  };
  switch (format) {
    case 'date-time':
      return convert('timestamp', value);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? convert('timestamp', `${value}T00:00:00Z`) : value;
    case 'duration':
      return convert('duration', value);
    case 'byte':
      return /^[A-Za-z0-9+/]*={0,2}$/.test(value) ? new Uint8Array(Buffer.from(value, 'base64')) : value;
    default:
      return value;
  }
}
