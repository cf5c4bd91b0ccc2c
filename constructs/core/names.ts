import { IConstruct } from 'constructs';
import { fail } from './errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Which Kubernetes name rule a name must follow. @internal */
export enum NameRule {
  /** Most objects' names: lower-case alphanumerics, `-` and `.`, ≤ 253 characters. */
  SUBDOMAIN = 'DNS-1123 subdomain',
  /** Namespaces, labels-as-names, container names: lower-case alphanumerics and `-`, ≤ 63 characters. */
  LABEL = 'DNS-1123 label',
  /** Services and things that become Service names: as LABEL, but starting with a letter. */
  LABEL_1035 = 'DNS-1035 label',
}

const RULES: Record<NameRule, { pattern: RegExp; max: number; shape: string }> = {
  [NameRule.SUBDOMAIN]: { pattern: DNS1123_SUBDOMAIN, max: 253, shape: 'lower-case letters, digits, "-" and ".", starting and ending with a letter or digit' },
  [NameRule.LABEL]: { pattern: DNS1123_LABEL, max: 63, shape: 'lower-case letters, digits and "-", starting and ending with a letter or digit' },
  [NameRule.LABEL_1035]: { pattern: DNS1035_LABEL, max: 63, shape: 'lower-case letters, digits and "-", starting with a letter and ending with a letter or digit' },
};

/** Throws unless `name` satisfies `rule`; `maxLength` tightens the limit when a controller derives longer names from it. @internal */
export function checkName(scope: IConstruct, field: string, name: string, rule: NameRule = NameRule.SUBDOMAIN, maxLength?: number): string {
  const { pattern, max, shape } = RULES[rule];
  const limit = Math.min(max, maxLength ?? max);
  if (!pattern.test(name)) {
    fail(scope, field, `"${name}" is not a valid ${rule}: use ${shape}`, `rename it, e.g. "${suggestName(name, limit) || 'my-name'}"`);
  }
  if (name.length > limit) {
    fail(scope, field, `"${name}" is ${name.length} characters long; at most ${limit} are allowed here`, `shorten it, e.g. "${suggestName(name, limit)}"`);
  }
  return name;
}

/** The readable name derived from a construct id: lower-cased, invalid characters replaced by `-`. @internal */
export function suggestName(id: string, maxLength = 63): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
}

/**
 * The object name of a construct: `explicit` when given, else derived from the construct id
 * (`TeamA` → `team-a`), checked against `rule`. Deterministic and readable, unlike cdk8s's
 * hash-suffixed default names.
 * @internal
 */
export function resourceName(scope: IConstruct, explicit: string | undefined, rule: NameRule = NameRule.SUBDOMAIN, maxLength?: number): string {
  if (explicit !== undefined) return checkName(scope, 'name', explicit, rule, maxLength);
  const derived = suggestName(scope.node.id, Math.min(RULES[rule].max, maxLength ?? RULES[rule].max));
  if (!derived || !RULES[rule].pattern.test(derived)) {
    fail(scope, 'name', `cannot derive a valid ${rule} from the construct id "${scope.node.id}"`, 'pass an explicit name');
  }
  return derived;
}

const registries = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Records that `scope` emits `kind` `namespace/name`; the same identity twice in one stack is an
 * error, because the second object would silently overwrite the first in the cluster. Stacks
 * (top-level charts) are separate clusters or environments, so they may reuse names.
 * @internal
 */
export function claimIdentity(scope: IConstruct, apiGroupKind: string, namespace: string | undefined, name: string): void {
  const stack = scope.node.scopes[1] ?? scope.node.root;
  let registry = registries.get(stack);
  if (!registry) registries.set(stack, (registry = new Map()));
  const key = `${apiGroupKind} ${namespace ? `${namespace}/` : ''}${name}`;
  const owner = registry.get(key);
  if (owner === scope.node.path) fail(scope, 'name', `${key} is emitted twice by this construct`, 'give the two objects different names');
  if (owner !== undefined) fail(scope, 'name', `${key} is already defined by ${owner}`, 'give one of them a different construct id or an explicit name');
  registry.set(key, scope.node.path);
}
