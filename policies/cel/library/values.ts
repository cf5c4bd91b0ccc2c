import { CelList, CelMap, CelValue, isCelList, isCelMap, isCelUint } from '@bufbuild/cel';

/**
 * Equality and ordering of CEL values for the library functions (the evaluator keeps its own
 * private). Numbers compare across int, uint and double, as CEL's heterogeneous equality does;
 * strings order by code point, as Go compares UTF-8 bytes.
 */
export function celEquals(a: CelValue, b: CelValue): boolean {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined || y !== undefined) return x !== undefined && y !== undefined && x <= y && x >= y; // bigint and number compare by value
  if (isCelList(a) || isCelList(b)) return isCelList(a) && isCelList(b) && listEquals(a, b);
  if (isCelMap(a) || isCelMap(b)) return isCelMap(a) && isCelMap(b) && mapEquals(a, b);
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((v, i) => v === b[i]);
  }
  if (typeof a === 'object' && a !== null) throw new Error(`unsupported: equality of ${String(a)} in a library function`);
  return a === b;
}

/** Negative, zero or positive; throws for values CEL cannot order. */
export function celCompare(a: CelValue, b: CelValue): number {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new Error(`no such overload: cannot compare ${typeName(a)} and ${typeName(b)}`);
}

export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function numeric(v: CelValue): bigint | number | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  return isCelUint(v) ? v.value : undefined;
}

function listEquals(a: CelList, b: CelList): boolean {
  if (a.size !== b.size) return false;
  for (let i = 0; i < a.size; i++) if (!celEquals(a.get(i)!, b.get(i)!)) return false;
  return true;
}

function mapEquals(a: CelMap, b: CelMap): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || !celEquals(v, w)) return false;
  }
  return true;
}

function typeName(v: CelValue): string {
  return v === null ? 'null' : isCelList(v) ? 'list' : isCelMap(v) ? 'map' : typeof v;
}
