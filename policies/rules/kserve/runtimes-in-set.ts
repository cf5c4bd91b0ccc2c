// The ServingRuntimes an InferenceService can use: those of the set, and those KServe installs.
import { Manifest } from '../../../manifest';
import { asObject } from '../json';
import { RuleContext } from '../rule';
import { BUILT_IN_RUNTIMES } from './built-in-runtimes';
import { CLUSTER_SERVING_RUNTIME, SERVING_RUNTIME } from './kinds';
import { RuntimeFacts, runtimeFacts } from './runtime-match';

export interface KnownRuntime {
  readonly name: string;
  /** `ServingRuntime`, `ClusterServingRuntime`, or `built-in ClusterServingRuntime`. */
  readonly kind: string;
  readonly facts: RuntimeFacts;
  readonly builtIn: boolean;
}

/** The runtimes of the set an InferenceService in `namespace` sees: its namespace's ServingRuntimes first, then ClusterServingRuntimes. */
export function runtimesInSet(ctx: RuleContext<object>, namespace: string | undefined): KnownRuntime[] {
  const of = (kind: string, ns?: string) => ctx.objectsOf(SERVING_RUNTIME.group, kind, ns).map((s) => known(s.object));
  return [...(namespace ? of(SERVING_RUNTIME.kind, namespace) : []), ...of(CLUSTER_SERVING_RUNTIME.kind)];
}

/** The runtime a model's `runtime` names, as KServe looks it up (`GetServingRuntime`), falling back on the built-in ones. */
export function lookupRuntime(ctx: RuleContext<object>, namespace: string | undefined, name: string): KnownRuntime | undefined {
  const found = runtimesInSet(ctx, namespace).find((r) => r.name === name);
  if (found) return found;
  const builtIn = BUILT_IN_RUNTIMES.get(name);
  return builtIn ? { name, kind: 'built-in ClusterServingRuntime', facts: builtIn, builtIn: true } : undefined;
}

function known(o: Manifest): KnownRuntime {
  return { name: o.metadata?.name ?? '', kind: o.kind, facts: runtimeFacts(asObject(o.spec) ?? {}), builtIn: false };
}
