import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail } from './errors';

/** A duration as whole seconds ≥ `min`, or an error naming `field`. @internal */
export function wholeSeconds(scope: IConstruct, field: string, d: Duration, min: number): number {
  const s = d.toSeconds({ integral: false });
  if (!Number.isInteger(s) || s < min) {
    fail(scope, field, `must be a whole number of seconds ≥ ${min}, got ${s}s`, `use e.g. Duration.minutes(10)${min === 0 ? ' or Duration.seconds(0)' : ''}`);
  }
  return s;
}
