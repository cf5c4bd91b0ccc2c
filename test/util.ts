import { App, Testing } from 'cdk8s';
import { ConstructError } from '../constructs/core/errors';
import { Stack, StackProps } from '../constructs/core/stack';
import { Tenant } from '../constructs/tenancy/tenant';
import { isInventory, Manifest } from '../manifest';

/** A fresh app with one stack (`test`, namespace `team` unless props say otherwise). */
export function testStack(props: StackProps = { namespace: 'team' }): Stack {
  const app: App = Testing.app();
  return new Stack(app, 'test', props);
}

/** The tenant whose namespace is the test stack's (`team`): what experiments and others label and run in. */
export function testTenant(stack: Stack): Tenant {
  return new Tenant(stack, 'team', { owner: 'owner@example.com' });
}

/** The manifests the stack's constructs synthesize (standard labels and content hash included), without the stack's own Inventory (tested in stack.test.ts). */
export function manifests(stack: Stack): any[] {
  return stack.toJson().filter((m: Manifest) => !isInventory(m));
}

/** The one manifest of `kind` (and `name`, when several) in a stack. */
export function manifest(stack: Stack, kind: string, name?: string): any {
  const found = manifests(stack).filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0];
}

/** Runs `fn` and returns the ConstructError it throws (fails the test when it throws nothing or something else). */
export function constructError(fn: () => unknown): ConstructError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConstructError) return e;
    throw e;
  }
  throw new Error('expected a ConstructError, but nothing was thrown');
}
