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

/** Whether `key` may name an entry of a ConfigMap's or Secret's data, as the API server checks it (IsConfigMapKey). @internal */
export function isDataKey(key: string): boolean {
  return /^[-._a-zA-Z0-9]{1,253}$/.test(key);
}

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
 * The longest DNS-1123 label (k8s.io/apimachinery validation.DNS1123LabelMaxLength): pod and
 * Service names and label values a controller derives from ours must fit in it.
 */
export const DNS_LABEL_MAX = 63;

/** The longest name a controller derives from ours, e.g. the last pod `<name>-worker-3`. @internal */
export interface DerivedName {
  /** What precedes our name in it, e.g. `cache-` of JobSet's claim `cache-<name>`. @default '' */
  readonly prefix?: string;
  /** What follows our name in it, e.g. `-worker-3`. */
  readonly suffix: string;
  /** Who derives it, for the message, e.g. "the operator names a pod and Service". */
  readonly by: string;
  /** @default DNS_LABEL_MAX */
  readonly limit?: number;
}

/** How a construct's name is chosen and checked. @internal */
export interface NameOptions {
  /** @default NameRule.SUBDOMAIN */
  readonly rule?: NameRule;
  /** A controller's own limit on the name itself (e.g. Katib's 40 for experiments). @default - the rule's */
  readonly maxLength?: number;
  /** Longer names controllers derive from it, which must fit their limits too. @default - none */
  readonly derived?: readonly DerivedName[];
}

/** The longest name that `options` allow: the rule's limit, a controller's own, and room for every derived name. @internal */
export function maxNameLength(options: NameOptions = {}): number {
  return Math.min(RULES[options.rule ?? NameRule.SUBDOMAIN].max, options.maxLength ?? Infinity,
    ...(options.derived ?? []).map((d) => (d.limit ?? DNS_LABEL_MAX) - (d.prefix ?? '').length - d.suffix.length));
}

/**
 * The object name of a construct: `explicit` when given, else derived from the construct id
 * (`TeamA` → `team-a`, shortened to fit), checked against the rule and against the names
 * controllers derive from it. Deterministic and readable, unlike cdk8s's hash-suffixed names.
 * @internal
 */
export function resourceName(scope: IConstruct, explicit: string | undefined, options: NameOptions = {}): string {
  const rule = options.rule ?? NameRule.SUBDOMAIN;
  const limit = maxNameLength(options);
  if (explicit === undefined) {
    const derived = suggestName(scope.node.id, limit);
    if (!derived || !RULES[rule].pattern.test(derived)) {
      fail(scope, 'name', `cannot derive a valid ${rule} from the construct id "${scope.node.id}"`, 'pass an explicit name');
    }
    return derived;
  }
  checkName(scope, 'name', explicit, rule, options.maxLength);
  checkDerivedNames(scope, 'name', explicit, options.derived ?? []);
  return explicit;
}

/** Throws unless every name a controller derives from `name` fits its limit; the message names the longest offender. @internal */
export function checkDerivedNames(scope: IConstruct, field: string, name: string, derived: readonly DerivedName[]): void {
  const over = derived
    .map((d) => ({ ...d, full: `${d.prefix ?? ''}${name}${d.suffix}`, limit: d.limit ?? DNS_LABEL_MAX }))
    .filter((d) => d.full.length > d.limit)
    .sort((a, b) => (b.full.length - b.limit) - (a.full.length - a.limit))[0];
  if (over) {
    const fits = over.limit - (over.prefix ?? '').length - over.suffix.length;
    fail(scope, field, `"${name}" is too long: ${over.by} "${over.full}" (${over.full.length} characters), and at most ${over.limit} are allowed`,
      fits > 0 ? `shorten the name to at most ${fits} characters, e.g. "${suggestName(name, fits)}"` : `shorten what follows the name in "${over.full}"`);
  }
}
