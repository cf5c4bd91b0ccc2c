import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  checkEnv, checkMetadataMap, checkMounts, checkName, collectVolumes, EnvMap, fail, field as join, INamespacedResource, NamedContainerProps, NameRule,
  renderContainer, renderEnv, renderTolerations, renderVolumeMount, resolveNamespace, Resource, ResourceProps, resourceName, Toleration, Volume, VolumeMount,
} from '../core';
import { PodDefault as PodDefaultWire, PodDefaultSpec } from '../wire/kubeflow-org';
import { ITenant } from './tenant';

/** A PodDefault defined in this app, or one that exists outside it. */
export interface IPodDefault extends INamespacedResource {
  /** Pod labels that select it: a pod carrying them all gets the configuration (a notebook that applies it is labelled with them). */
  readonly selectorLabels: Readonly<Record<string, string>>;
}

/** How an existing PodDefault is found and selected. */
export interface ExistingPodDefaultOptions {
  /** Its namespace. */
  readonly namespace: string;
  /** Pod labels its `spec.selector` matches. @default - `{ <name>: "true" }`, as the notebook UI's PodDefaults use */
  readonly selectorLabels?: Record<string, string>;
}

/** One requirement of a label selector (`matchExpressions`). */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** The values for `In` and `NotIn` (at least one); none for `Exists` and `DoesNotExist`. @default - none */
  readonly values?: string[];
}

/** Which pods of its namespace a PodDefault applies to (a label selector). */
export interface PodDefaultSelector {
  /** Labels the pod must carry, with these values. @default - none */
  readonly matchLabels?: Record<string, string>;
  /** Further requirements, all of which must hold. @default - none */
  readonly matchExpressions?: LabelRequirement[];
}

/** Environment variables from every key of a ConfigMap or Secret (`envFrom`). */
export class EnvFrom {
  /** Every key of a ConfigMap, as a variable of its name (after `prefix`). */
  static configMap(configMapName: string, options: EnvFromOptions = {}): EnvFrom {
    return new EnvFrom('configMapRef', configMapName, options);
  }
  /** Every key of a Secret, as a variable of its name (after `prefix`). */
  static secret(secretName: string, options: EnvFromOptions = {}): EnvFrom {
    return new EnvFrom('secretRef', secretName, options);
  }
  private constructor(private readonly kind: 'configMapRef' | 'secretRef', private readonly name: string, private readonly options: EnvFromOptions) {}

  /** Validates the names and renders the `envFrom` entry. @internal */
  public _render(scope: IConstruct, field: string): NonNullable<PodDefaultSpec['envFrom']>[number] {
    checkName(scope, join(field, 'name'), this.name);
    const prefix = this.options.prefix;
    if (prefix !== undefined) checkEnv(scope, join(field, 'prefix'), { [prefix]: '' });
    return { prefix, [this.kind]: { name: this.name, optional: this.options.optional } };
  }
}

/** Options of {@link EnvFrom}. */
export interface EnvFromOptions {
  /** Put before every variable name, e.g. `S3_`. @default - none */
  readonly prefix?: string;
  /** Start the pod even when the ConfigMap or Secret does not exist. @default false */
  readonly optional?: boolean;
}

export interface PodDefaultProps extends ResourceProps {
  /** Shown in the notebook creation form as the configuration's name. */
  readonly description: string;
  /**
   * The pods of its namespace it applies to. The notebook form offers a PodDefault by the first
   * key of `matchLabels` and applies it by labelling the notebook `<key>: "true"`, so another
   * selector is for pods you label yourself (synth warns: `kubeflow/poddefault-selector`).
   * @default - pods labelled `<name>: "true"`, as the notebook form selects
   */
  readonly selector?: PodDefaultSelector;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
  /** The tenant whose namespace holds the PodDefault. @default - `namespace` */
  readonly tenant?: ITenant;
  /** @default - derived from the construct id */
  readonly name?: string;
  /** @default - none */
  readonly env?: EnvMap;
  /** Variables from every key of ConfigMaps or Secrets, added to every container. @default - none */
  readonly envFrom?: EnvFrom[];
  /** Volumes and where every container of the selected pods mounts them. @default - none */
  readonly mounts?: VolumeMount[];
  /** Annotations added to the selected pods. @default - none */
  readonly annotations?: Record<string, string>;
  /** Labels added to the selected pods. @default - none */
  readonly labels?: Record<string, string>;
  /** Replaces the selected pods' service account. @default - unchanged */
  readonly serviceAccountName?: string;
  /** Replaces whether the selected pods get a service-account token. @default - unchanged */
  readonly automountServiceAccountToken?: boolean;
  /** Volumes added to the selected pods without a mount, for their own containers to mount. @default - only the volumes of `mounts` and of the containers */
  readonly volumes?: Volume[];
  /** Names of Secrets added to the selected pods' image pull secrets. @default - none */
  readonly imagePullSecrets?: string[];
  /** The command of every container of the selected pods that has none of its own. @default - unchanged */
  readonly command?: string[];
  /** The args of every container of the selected pods that has none of its own. @default - unchanged */
  readonly args?: string[];
  /** Added to the selected pods; `operator` defaults as in a pod's tolerations. @default - none */
  readonly tolerations?: Toleration[];
  /**
   * Init containers added to the selected pods (e.g. to fetch credentials), with the hardened
   * security defaults; they may have no probes or lifecycle hooks.
   * @default - none
   */
  readonly initContainers?: NamedContainerProps[];
  /**
   * Containers added beside the selected pods' own (`spec.sidecars`, which the webhook appends to
   * the pod's containers): plain containers, so in a Job's pod one that never exits keeps the pod
   * running. Their names must not clash with the selected pods' containers.
   * @default - none
   */
  readonly sidecars?: NamedContainerProps[];
}

/**
 * A PodDefault: configuration (env, volumes, labels, containers, …) that Kubeflow's admission
 * webhook injects into every pod of its namespace its selector matches, by default those
 * labelled `<name>: "true"`. Select it from a Notebook with `podDefaults: [...]`.
 */
export class PodDefault extends Resource implements IPodDefault {
  /** A PodDefault that exists outside this app (e.g. installed with Kubeflow), to select from notebooks and jobs. */
  public static fromName(scope: Construct, id: string, name: string, options: ExistingPodDefaultOptions): IPodDefault {
    return new ExistingPodDefault(scope, id, name, options);
  }

  public readonly apiVersion = 'kubeflow.org/v1alpha1';
  public readonly kind = 'PodDefault';
  public readonly name: string;
  public readonly namespace: string;
  /** Pod labels that select this PodDefault (labels that satisfy its selector). */
  public readonly selectorLabels: Readonly<Record<string, string>>;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PodDefaultProps) {
    super(scope, id);
    this.name = resourceName(this, props.name);
    this.namespace = resolveNamespace(this, props);
    if (!props.description.trim()) fail(this, 'description', 'is empty', 'describe what selecting this configuration gives the pod');
    const selector = props.selector ?? { matchLabels: { [this.name]: 'true' } };
    // The default's one label is the name, which the metadata checks (as the instance label).
    this.selectorLabels = props.selector ? labelsSelectedBy(this, 'selector', selector) : { ...selector.matchLabels };
    // The webhook merges all this into pods as they are created: a mistake would only show
    // there, as pods the API server rejects, so it is checked as for a pod of our own.
    checkEnv(this, 'env', props.env);
    const envFrom = (props.envFrom ?? []).map((e, i) => e._render(this, `envFrom[${i}]`));
    for (const s of props.imagePullSecrets ?? []) checkName(this, 'imagePullSecrets', s);
    const mounts = props.mounts ?? [];
    checkMounts(this, 'mounts', mounts);
    const names = new Set<string>();
    const containers = (key: 'initContainers' | 'sidecars') => (props[key] ?? []).map(({ name, ...c }, i) => {
      if (names.has(name)) fail(this, `${key}[${i}].name`, `two containers are named "${name}"`, 'give each container its own name');
      names.add(name);
      return renderContainer(this, `${key}[${i}]`, name, c, { role: key === 'initContainers' ? 'init' : 'main' });
    });
    const initContainers = containers('initContainers');
    const sidecars = containers('sidecars');
    const containerVolumes = [...props.initContainers ?? [], ...props.sidecars ?? []].flatMap((c) => (c.mounts ?? []).map((m) => m.volume));
    const volumes = collectVolumes(this, '', [...props.volumes ?? [], ...mounts.map((m) => m.volume), ...containerVolumes]);
    checkMetadataMap(this, 'labels', props.labels, 'labels');
    checkMetadataMap(this, 'annotations', props.annotations, 'annotations');
    if (props.serviceAccountName !== undefined) checkName(this, 'serviceAccountName', props.serviceAccountName);
    const tolerations = renderTolerations(this, 'tolerations', props.tolerations);
    const spec: PodDefaultWire['spec'] = {
      desc: props.description,
      selector: { matchLabels: selector.matchLabels, matchExpressions: selector.matchExpressions },
      env: renderEnv(props.env),
      envFrom: envFrom.length ? envFrom : undefined,
      volumes: volumes.length ? volumes : undefined,
      volumeMounts: mounts.length ? mounts.map(renderVolumeMount) : undefined,
      annotations: props.annotations,
      labels: props.labels,
      serviceAccountName: props.serviceAccountName,
      automountServiceAccountToken: props.automountServiceAccountToken,
      imagePullSecrets: props.imagePullSecrets?.map((name) => ({ name })),
      command: props.command,
      args: props.args,
      tolerations: tolerations.length ? tolerations : undefined,
      initContainers: initContainers.length ? initContainers : undefined,
      sidecars: sidecars.length ? sidecars : undefined,
    };
    this.apiObject = this.emitResource({ name: this.name, namespace: this.namespace, appName: 'poddefault', component: 'configuration', ...props.metadata }, { spec });
  }
}

class ExistingPodDefault extends Construct implements IPodDefault {
  public readonly namespace: string;
  public readonly selectorLabels: Readonly<Record<string, string>>;
  constructor(scope: Construct, id: string, public readonly name: string, options: ExistingPodDefaultOptions) {
    super(scope, id);
    checkName(this, 'name', name);
    this.namespace = checkName(this, 'namespace', options.namespace, NameRule.LABEL);
    this.selectorLabels = { ...options.selectorLabels ?? { [name]: 'true' } };
    checkMetadataMap(this, 'selectorLabels', this.selectorLabels, 'labels');
  }
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * Checks a label selector as the webhook's `LabelSelectorAsSelector` does (a selector it cannot
 * convert breaks the webhook for every pod of the namespace) and returns labels that satisfy it:
 * its matchLabels, a value of each `In` not excluded by a `NotIn`, and "true" for `Exists`.
 * A selector no labels satisfy (a key both required and forbidden) is an error.
 */
function labelsSelectedBy(scope: IConstruct, field: string, selector: PodDefaultSelector): Record<string, string> {
  checkMetadataMap(scope, join(field, 'matchLabels'), selector.matchLabels, 'labels');
  const requirements = selector.matchExpressions ?? [];
  requirements.forEach((r, i) => {
    const f = join(field, `matchExpressions[${i}]`);
    if (!OPERATORS.includes(r.operator)) fail(scope, join(f, 'operator'), `"${r.operator}" is not a selector operator`, `use ${OPERATORS.join(', ')}`);
    checkMetadataMap(scope, join(f, 'key'), { [r.key]: '' }, 'labels');
    const values = r.values ?? [];
    const takesValues = r.operator === 'In' || r.operator === 'NotIn';
    if (takesValues && values.length === 0) fail(scope, join(f, 'values'), `is empty; operator ${r.operator} needs at least one value`, `list the values, or use operator ${r.operator === 'In' ? 'Exists' : 'DoesNotExist'}`);
    if (!takesValues && values.length > 0) fail(scope, join(f, 'values'), `is set; operator ${r.operator} takes no values`, `drop the values, or use operator ${r.operator === 'Exists' ? 'In' : 'NotIn'}`);
    for (const v of values) checkMetadataMap(scope, join(f, 'values'), { [r.key]: v }, 'labels');
  });
  const labels: Record<string, string> = { ...selector.matchLabels };
  const excluded = (key: string, value: string) => requirements.some((r) => r.key === key && r.operator === 'NotIn' && r.values!.includes(value));
  for (const r of requirements) {
    if (labels[r.key] !== undefined) continue;
    if (r.operator === 'In') labels[r.key] = r.values!.find((v) => !excluded(r.key, v)) ?? r.values![0];
    if (r.operator === 'Exists') labels[r.key] = excluded(r.key, 'true') ? 'enabled' : 'true';
  }
  const unmet = requirements.find((r) => {
    const value = labels[r.key];
    switch (r.operator) {
      case 'In': return value === undefined || !r.values!.includes(value);
      case 'NotIn': return value !== undefined && r.values!.includes(value);
      case 'Exists': return value === undefined;
      case 'DoesNotExist': return value !== undefined;
    }
    return false;
  });
  if (unmet) {
    fail(scope, field, `selects no pod: no labels meet both "${r2s(unmet)}" and the selector's other requirements on "${unmet.key}"`, 'drop one of the contradicting requirements');
  }
  return labels;
}

function r2s(r: LabelRequirement): string {
  return `${r.key} ${r.operator}${r.values ? ` (${r.values.join(', ')})` : ''}`;
}
