// The policy findings a change brings and the ones it fixes: the policy rules (one
// implementation, as `synth` and `validate` run them) over both sides, compared by rule,
// object and field, so that a finding that only moved to a new apiVersion or a renamed object
// is neither new nor fixed.
import { Finding, groupOf, ManifestSource, PolicyConfig, stackOfFile } from '../manifest';
import { RULES, runPolicies } from '../policies/rules';

export interface PolicyChanges {
  /** Findings of the new side that the base did not have. */
  readonly new: readonly Finding[];
  /** Findings of the base that the new side no longer has. */
  readonly fixed: readonly Finding[];
}

export interface PolicyDiffOptions {
  /**
   * Each stack's configuration (by the first segment of the object's file), as synth runs the
   * rules per stack; both sides are checked with the configuration of now.
   * @default - one configuration (`config`) for all objects together
   */
  readonly stacks?: ReadonlyMap<string, PolicyConfig | undefined>;
  /** The configuration when there are no stacks. @default - the rules' defaults */
  readonly config?: PolicyConfig;
  /** Old resource (`apiVersion Kind ns/name`) → new, for renamed objects. @default none */
  readonly renamed?: ReadonlyMap<string, string>;
  /** The day waivers are compared with. @default today */
  readonly today?: string;
}

export function policyChanges(before: readonly ManifestSource[], after: readonly ManifestSource[], options: PolicyDiffOptions = {}): PolicyChanges {
  const old = findingsOf(before, options);
  const now = findingsOf(after, options);
  const renamed = new Map([...(options.renamed ?? new Map<string, string>())].map(([o, n]) => [sameObject(o), sameObject(n)]));
  const key = (f: Finding, map = false) => {
    const resource = sameObject(f.resource);
    return [f.rule, map ? renamed.get(resource) ?? resource : resource, f.path].join('\0');
  };
  const oldKeys = new Set(old.map((f) => key(f, true)));
  const nowKeys = new Set(now.map((f) => key(f)));
  return { new: now.filter((f) => !oldKeys.has(key(f))), fixed: old.filter((f) => !nowKeys.has(key(f, true))) };
}

function findingsOf(sources: readonly ManifestSource[], options: PolicyDiffOptions): Finding[] {
  const run = (subset: readonly ManifestSource[], config: PolicyConfig | undefined, configSource: string) =>
    runPolicies(subset, { rules: RULES, config, configSource, today: options.today }).findings;
  if (!options.stacks) return run(sources, options.config, 'policy configuration');
  const byStack = new Map<string, ManifestSource[]>();
  for (const s of sources) {
    const stack = stackOfFile(s.file ?? '');
    byStack.set(stack, [...(byStack.get(stack) ?? []), s]);
  }
  // A stack that is gone is checked with the defaults: its configuration went with it.
  return [...byStack].flatMap(([stack, subset]) => run(subset, options.stacks!.get(stack), `stack ${stack}`));
}

/** `apiVersion Kind ns/name` with the apiVersion's version left out: a new version is the same object. */
function sameObject(resource: string): string {
  const space = resource.indexOf(' ');
  return space === -1 ? resource : `${groupOf(resource.slice(0, space))}${resource.slice(space)}`;
}
