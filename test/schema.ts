import { stackRelease } from '../cli/synthesize';
import { Stack } from '../constructs/core/stack';
import { Finding, formatFinding } from '../manifest';
import { packageSchemasDir, releaseSchemasDir } from '../policies/schema-dir';
import { SchemaValidator } from '../policies/schema-validator';

/** Schema findings (errors and warnings) for every object a stack synthesizes, against its release's schemas (as synth validates). */
export function schemaFindings(stack: Stack): Finding[] {
  // One validator per folder and process: each kind's schema is compiled once, on first use.
  const release = stackRelease(stack);
  const validator = SchemaValidator.for(release ? releaseSchemasDir(release.schemas) : packageSchemasDir());
  return stack.toJson().flatMap((object) => validator.validate({ object }));
}

/** Fails the test, listing the findings, unless every object of the stack validates against its upstream schema. */
export function expectSchemaValid(stack: Stack): void {
  const findings = schemaFindings(stack).map(formatFinding);
  expect(findings).toEqual([]);
}
