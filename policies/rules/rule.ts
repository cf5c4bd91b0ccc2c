import { Manifest, ManifestSource, RuleId, Severity } from '../../manifest';
import { documentKind, documentTypeOf } from '../kfp-documents';

/** Where a rule comes from, which decides whether it is on by default. */
export type RuleCategory =
  | 'admission' // mirrors an upstream admission webhook: the cluster would reject the object
  | 'cel' // an x-kubernetes-validations rule of the upstream schema
  | 'runtime' // nobody rejects the object, but it fails when it runs
  | 'platform'; // a policy the platform team chooses (off until configured)

/**
 * The kinds a rule looks at: group (`''` for core) and kind, optionally only some versions. A
 * document kfp writes is selected by its protobuf package and message: `{ group: 'ml_pipelines', kind: 'PipelineSpec' }`.
 */
export interface KindSelector {
  readonly group: string;
  readonly kind: string;
  /** @default - every version */
  readonly versions?: readonly string[];
}

/** One problem a rule found in one object. */
export interface Violation {
  /** JSON path into the object, e.g. `.spec.pytorchReplicaSpecs.Master.replicas`; `.` for the whole object. */
  readonly path: string;
  readonly message: string;
  readonly fix: string;
  /** @default the rule's (or the configured) severity */
  readonly severity?: Severity;
}

/** What a rule's check sees. */
export interface RuleContext<P> {
  /** The rule's parameters: its defaults, overridden by configuration. */
  readonly params: P;
  /** Every object of the set (a stack, or the files validated), for rules that look across objects. */
  readonly objects: readonly ManifestSource[];
  /** The objects of a kind (`group`/`kind`), optionally in one namespace. */
  objectsOf(group: string, kind: string, namespace?: string): readonly ManifestSource[];
  /** The object of a kind with a name (in a namespace, for a namespaced kind), if the set has it. */
  objectNamed(group: string, kind: string, name: string, namespace?: string): ManifestSource | undefined;
  /** The objects of a namespace, of every kind. */
  objectsIn(namespace: string): readonly ManifestSource[];
  /**
   * What `compute` returns, computed once per set of objects (per run) under `key`: for a rule
   * that would otherwise recompute an index of the whole set for every object it checks.
   */
  memo<T>(key: string, compute: () => T): T;
}

/** A policy rule: metadata for the docs and the report, and a check over plain manifests. */
export interface Rule<P extends object = Record<string, unknown>> {
  readonly id: RuleId;
  readonly category: RuleCategory;
  readonly severity: Severity;
  readonly appliesTo: readonly KindSelector[];
  /** One line: what the rule requires. */
  readonly summary: string;
  /** Why it matters: what goes wrong otherwise. */
  readonly why: string;
  /** The upstream code the rule mirrors (file and function), when it mirrors one. */
  readonly source?: string;
  /** Parameters and their defaults (platform policies). */
  readonly defaults?: P;
  /**
   * What is wrong with configured parameter values beyond their type (a pattern that does not
   * compile, a size that does not parse), one message each; the rule does not run with them.
   * @default - any value of the default's type
   */
  checkParams?(params: P): readonly string[];
  /**
   * Also check the kind where another object embeds it as a template: a Katib Experiment's trial
   * job, which the cluster checks only when Katib creates a trial, so the experiment fails late.
   * Not for rules about names (Katib names trial jobs) or about what a trial does not own.
   * @default false
   */
  readonly checksTemplates?: boolean;
  check(object: Manifest, context: RuleContext<P>): Iterable<Violation>;
}

/** Whether `rule` looks at `object`. */
export function appliesTo(rule: Rule<object>, object: Manifest): boolean {
  const { group, version, kind } = kindOf(object);
  return rule.appliesTo.some((k) => k.group === group && k.kind === kind && (!k.versions || (version !== undefined && k.versions.includes(version))));
}

/**
 * What rules select an object by: the group, version and kind of its apiVersion and kind, or,
 * for a document kfp writes (pipeline IR), its protobuf message's package and name
 * (`{ group: 'ml_pipelines', kind: 'PipelineSpec' }`), without a version.
 */
export function kindOf(object: Manifest): { group: string; version?: string; kind: string } {
  const document = documentTypeOf(object);
  if (document) return documentKind(document);
  const slash = object.apiVersion.indexOf('/');
  return { group: slash === -1 ? '' : object.apiVersion.slice(0, slash), version: object.apiVersion.slice(slash + 1), kind: object.kind };
}

/** Whether a rule is on when no configuration names it. */
export function enabledByDefault(rule: Rule<object>): boolean {
  return rule.category !== 'platform';
}
