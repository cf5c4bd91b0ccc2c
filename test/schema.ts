import { stackRelease, stackSchemaFindings } from '../cli/synthesize';
import { Stack } from '../constructs/core/stack';
import { Finding, formatFinding, Manifest } from '../manifest';
import { resolveRelease } from '../policies/schema-dir';

/** Schema findings (errors and warnings) for every object a stack synthesizes, against its release's schemas, as synth validates them. */
export function schemaFindings(stack: Stack): Finding[] {
  const sources = (stack.toJson() as Manifest[]).map((object) => ({ object }));
  return stackSchemaFindings(stack.stackName, sources, stackRelease(stack), resolveRelease(undefined));
}

/** Fails the test, listing the findings, unless every object of the stack validates against its upstream schema. */
export function expectSchemaValid(stack: Stack): void {
  const findings = schemaFindings(stack).map(formatFinding);
  expect(findings).toEqual([]);
}
