import type { ErrorObject } from 'ajv';
import { closest } from './did-you-mean';
import { childPointer, valueAt } from './json-path';
import { QUANTITY_PATTERN } from './schemagen/openapi';

/** One readable schema problem: where (JSON pointer), what the schema expects, and a fix. */
export interface SchemaIssue {
  readonly pointer: string;
  readonly message: string;
  readonly fix?: string;
}

/**
 * Translates ajv errors (compiled with `allErrors` and `verbose`) into one issue per problem.
 * ajv reports every failed branch of an anyOf/oneOf plus the junctor itself; those are
 * collapsed into a single message about the value (e.g. "expected integer or string, got
 * boolean"), or into the one branch the value was evidently meant for.
 */
export function describeErrors(errors: readonly ErrorObject[], data: unknown): SchemaIssue[] {
  const consumed = new Set<ErrorObject>();
  const issues: SchemaIssue[] = [];
  const junctors = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const junctor of junctors) {
    if (consumed.has(junctor)) continue;
    const branchErrors = branchErrorsOf(junctor, errors);
    [junctor, ...branchErrors].forEach((e) => consumed.add(e));
    issues.push(...describeJunctor(junctor, branchErrors, data));
  }
  for (const e of errors) if (!consumed.has(e)) issues.push(describeOne(e, data));

  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.pointer}\0${i.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * The errors of a junctor's branches: ajv writes them just before the junctor error. Their
 * schema paths start with the junctor's, unless a branch went through a `$ref` (then the path
 * starts at the definition); the run ends at the first error outside the junctor's value.
 */
function branchErrorsOf(junctor: ErrorObject, errors: readonly ErrorObject[]): ErrorObject[] {
  const prefix = `${junctor.schemaPath}/`;
  const out: ErrorObject[] = [];
  for (let i = errors.indexOf(junctor) - 1; i >= 0; i--) {
    const e = errors[i];
    const inside = e.instancePath === junctor.instancePath || e.instancePath.startsWith(`${junctor.instancePath}/`);
    if (!inside || !(e.schemaPath.startsWith(prefix) || e.schemaPath.startsWith('#/definitions/'))) break;
    out.unshift(e);
  }
  return out;
}

function describeJunctor(junctor: ErrorObject, branchErrors: ErrorObject[], data: unknown): SchemaIssue[] {
  const pointer = junctor.instancePath;
  const value = valueAt(data, pointer);
  const branches = Array.isArray(junctor.schema) ? (junctor.schema as Record<string, unknown>[]) : [];
  const exactlyOne = junctor.keyword === 'oneOf';

  // anyOf/oneOf of `required` lists: "set one of these fields".
  if (branches.length > 0 && branches.every((b) => Array.isArray(b.required) && Object.keys(b).every((k) => k === 'required'))) {
    const fields = [...new Set(branches.flatMap((b) => b.required as string[]))];
    const passing = (junctor.params as { passingSchemas?: unknown }).passingSchemas;
    const which = exactlyOne ? (passing ? 'only one of' : 'exactly one of') : 'at least one of';
    return [{ pointer, message: `must set ${which}: ${fields.join(', ')}` }];
  }
  if (branchErrors.length === 0) {
    return [{ pointer, message: exactlyOne ? `matches more than one of the ${branches.length} allowed forms; it must match exactly one` : String(junctor.message) }];
  }

  // Group the branch errors by branch number; errors reached through a $ref count as "not a type mismatch".
  const byBranch = new Map<number, ErrorObject[]>();
  for (const e of branchErrors) {
    const m = new RegExp(`^${escapeRegExp(junctor.schemaPath)}/(\\d+)`).exec(e.schemaPath);
    const n = m ? Number(m[1]) : -1;
    byBranch.set(n, [...(byBranch.get(n) ?? []), e]);
  }
  const isTypeMismatch = (es: ErrorObject[]) => es.every((e) => e.keyword === 'type' && e.instancePath === pointer);
  const meant = [...byBranch.entries()].filter(([, es]) => !isTypeMismatch(es));
  if (meant.length === 0) {
    const types = [...new Set(branchErrors.flatMap((e) => [(e.params as { type: string | string[] }).type].flat()))];
    return [{ pointer, message: `expected ${types.join(' or ')}, got ${describeValue(value)}` }];
  }
  if (meant.length === 1) return describeErrors(meant[0][1], data);
  const [, fewest] = meant.sort((a, b) => a[1].length - b[1].length)[0];
  const first = describeErrors(fewest, data)[0];
  return [{ pointer: first.pointer, message: `matches none of the ${branches.length || meant.length} allowed forms; closest: ${first.message}`, fix: first.fix }];
}

function describeOne(e: ErrorObject, data: unknown): SchemaIssue {
  const value = valueAt(data, e.instancePath);
  const params = e.params as Record<string, unknown>;
  const oneof = e.keyword === 'not' ? oneofMembers(e.schema) : undefined;
  if (oneof) {
    const set = oneof.filter((m) => typeof value === 'object' && value !== null && m in value);
    return {
      pointer: e.instancePath,
      message: `sets ${set.map((m) => `"${m}"`).join(' and ')}, but only one of ${oneof.join(', ')} may be set`,
      fix: 'keep one of them: they are alternatives (a protobuf oneof), and readers of the format reject a second',
    };
  }
  switch (e.keyword) {
    case 'required':
      return { pointer: childPointer(e.instancePath, String(params.missingProperty)), message: `missing required field "${String(params.missingProperty)}"` };
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const known = Object.keys((e.parentSchema?.properties as object | undefined) ?? {}).sort();
      const guess = closest(field, known);
      const fix = guess
        ? `did you mean "${guess}"?`
        : known.length > 0
          ? `remove it; known fields here: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}`
          : 'remove it; no fields are allowed here';
      return { pointer: childPointer(e.instancePath, field), message: `unknown field "${field}"`, fix };
    }
    case 'type':
      return { pointer: e.instancePath, message: `expected ${[params.type].flat().join(' or ')}, got ${describeValue(value)}` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const guess = typeof value === 'string' ? closest(value, allowed.filter((a): a is string => typeof a === 'string')) : undefined;
      return {
        pointer: e.instancePath,
        message: `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; got ${JSON.stringify(value)}`,
        ...(guess ? { fix: `did you mean ${JSON.stringify(guess)}?` } : {}),
      };
    }
    case 'const':
      return { pointer: e.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}; got ${JSON.stringify(value)}` };
    case 'pattern':
      if (params.pattern === QUANTITY_PATTERN) {
        return { pointer: e.instancePath, message: `${JSON.stringify(value)} is not a valid quantity`, fix: 'write a number with an optional unit suffix, e.g. 500m, 2, 1.5, 512Mi, 10Gi, 1G' };
      }
      return { pointer: e.instancePath, message: `${JSON.stringify(value)} does not match the pattern ${String(params.pattern)}` };
    case 'format':
      return { pointer: e.instancePath, message: `${JSON.stringify(value)} is not a valid ${String(params.format)}` };
    case 'additionalItems':
    case 'maxItems':
    case 'minItems':
    case 'maxLength':
    case 'minLength':
    case 'maxProperties':
    case 'minProperties':
    case 'uniqueItems':
      return { pointer: e.instancePath, message: String(e.message) };
    default:
      // minimum, maximum, multipleOf, not, …: ajv's message is already specific ("must be >= 1").
      return { pointer: e.instancePath, message: `${String(e.message)}${isScalar(value) ? `; got ${JSON.stringify(value)}` : ''}` };
  }
}

/** The members of a protobuf oneof, from its schema `not: {anyOf: [{required: [a, b]}, …]}` (schemagen/proto.ts), else undefined. */
function oneofMembers(schema: unknown): string[] | undefined {
  const pairs = (schema as { anyOf?: unknown } | undefined)?.anyOf;
  if (!Array.isArray(pairs) || pairs.length === 0) return undefined;
  const isPair = (b: unknown) => typeof b === 'object' && b !== null && Object.keys(b).length === 1 && Array.isArray((b as { required?: unknown }).required) && (b as { required: unknown[] }).required.length === 2;
  if (!pairs.every(isPair)) return undefined;
  return [...new Set(pairs.flatMap((b) => (b as { required: string[] }).required))];
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'number') return `${Number.isInteger(value) ? 'integer' : 'number'} ${value}`;
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function isScalar(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
