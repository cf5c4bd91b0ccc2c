import { IConstruct } from 'constructs';
import { Finding } from '../../manifest';

/**
 * The one error type every construct throws for bad input. Its message names the construct
 * path, the field, what is wrong and how to fix it, so that a failing `synth` points straight
 * at the line to change.
 */
export class ConstructError extends Error {
  constructor(
    /** Construct path, e.g. `dev/team-a/jupyter`. */
    public readonly constructPath: string,
    /** The prop (dotted for nested props), e.g. `resources.gpu`. */
    public readonly field: string,
    /** What is wrong. */
    public readonly problem: string,
    /** How to fix it. */
    public readonly fix: string,
  ) {
    super(`${constructPath}: ${field}: ${problem}\n  fix: ${fix}`);
    this.name = 'ConstructError';
  }

  /** The error as a finding of the `construct` rule, as synth reports it. */
  public toFinding(): Finding {
    return { severity: 'error', rule: 'construct', resource: this.constructPath, path: this.field, message: this.problem, fix: this.fix };
  }
}

/** Throws a {@link ConstructError} for `scope`. @internal */
export function fail(scope: IConstruct, field: string, problem: string, fix: string): never {
  throw new ConstructError(scope.node.path || '<app>', field, problem, fix);
}

/** Joins prop-path segments, skipping empty ones: `field('', 'resources')` → `resources`. @internal */
export function field(...parts: Array<string | undefined>): string {
  // A loop, not filter/join: called for every prop of every construct.
  let out = '';
  for (const p of parts) if (p) out = out ? `${out}.${p}` : p;
  return out;
}

/** Throws unless `n` is a whole number ≥ `min` (replica, retry and trial counts, sizes in items). @internal */
export function checkCount(scope: IConstruct, field: string, n: number, min: number, fix: string): number {
  if (!Number.isInteger(n) || n < min) fail(scope, field, `must be a whole number ≥ ${min}, got ${n}`, fix);
  return n;
}
