import { Stack } from '../constructs/core/stack';
import { Finding, formatFinding } from '../manifest';
import { SchemaValidator } from '../policies/schema-validator';

/** Schema findings (errors and warnings) for every object a stack synthesizes. */
export function schemaFindings(stack: Stack): Finding[] {
  // One validator per process: each kind's schema is compiled once, on first use.
  const validator = SchemaValidator.for();
  return stack.toJson().flatMap((object) => validator.validate({ object }));
}

/** Fails the test, listing the findings, unless every object of the stack validates against its upstream schema. */
export function expectSchemaValid(stack: Stack): void {
  const findings = schemaFindings(stack).map(formatFinding);
  expect(findings).toEqual([]);
}
