import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  checkEnv, checkMetadataMap, checkMounts, checkName, collectVolumes, EnvMap, fail, INamespacedResource, NameRule, renderEnv, renderTolerations,
  renderVolumeMount, resolveNamespace, Resource, ResourceProps, resourceName, Toleration, VolumeMount,
} from '../core';
import { PodDefault as PodDefaultWire } from '../wire/kubeflow-org';
import { ITenant } from './tenant';

/** A PodDefault defined in this app, or one that exists outside it. */
export interface IPodDefault extends INamespacedResource {
  /** The pod label that selects it. */
  readonly selectorLabel: { readonly key: string; readonly value: string };
}

/** How an existing PodDefault is found and selected. */
export interface ExistingPodDefaultOptions {
  /** Its namespace. */
  readonly namespace: string;
  /** The pod label its `spec.selector` matches. @default - `<name>: "true"`, as the notebook UI's PodDefaults use */
  readonly selectorLabel?: { readonly key: string; readonly value: string };
}

export interface PodDefaultProps extends ResourceProps {
  /** Shown in the notebook creation form as the configuration's name. */
  readonly description: string;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
  /** The tenant whose namespace holds the PodDefault. @default - `namespace` */
  readonly tenant?: ITenant;
  /** @default - derived from the construct id */
  readonly name?: string;
  /** @default - none */
  readonly env?: EnvMap;
  /** Volumes and where every container of the selected pods mounts them. @default - none */
  readonly mounts?: VolumeMount[];
  /** Annotations added to the selected pods. @default - none */
  readonly annotations?: Record<string, string>;
  /** Labels added to the selected pods. @default - none */
  readonly labels?: Record<string, string>;
  /** Replaces the selected pods' service account. @default - unchanged */
  readonly serviceAccountName?: string;
  /** Added to the selected pods; `operator` defaults as in a pod's tolerations. @default - none */
  readonly tolerations?: Toleration[];
}

/**
 * A PodDefault: configuration (env, volumes, labels, …) that Kubeflow's admission webhook
 * injects into every pod of its namespace carrying the label `<name>: "true"`. Select it from a
 * Notebook with `podDefaults: [...]`.
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
  /** The pod label that selects this PodDefault. */
  public readonly selectorLabel: { readonly key: string; readonly value: string };
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PodDefaultProps) {
    super(scope, id);
    this.name = resourceName(this, props.name);
    this.namespace = resolveNamespace(this, props);
    if (!props.description.trim()) fail(this, 'description', 'is empty', 'describe what selecting this configuration gives the pod');
    this.selectorLabel = { key: this.name, value: 'true' };
    // The webhook merges all this into pods as they are created: a mistake would only show
    // there, as pods the API server rejects, so it is checked as for a pod of our own.
    checkEnv(this, 'env', props.env);
    const mounts = props.mounts ?? [];
    checkMounts(this, 'mounts', mounts);
    const volumes = collectVolumes(this, '', mounts.map((m) => m.volume));
    checkMetadataMap(this, 'labels', props.labels, 'labels');
    checkMetadataMap(this, 'annotations', props.annotations, 'annotations');
    if (props.serviceAccountName !== undefined) checkName(this, 'serviceAccountName', props.serviceAccountName);
    const tolerations = renderTolerations(this, 'tolerations', props.tolerations);
    const spec: PodDefaultWire['spec'] = {
      desc: props.description,
      selector: { matchLabels: { [this.selectorLabel.key]: this.selectorLabel.value } },
      env: renderEnv(props.env),
      volumes: volumes.length ? volumes : undefined,
      volumeMounts: mounts.length ? mounts.map(renderVolumeMount) : undefined,
      annotations: props.annotations,
      labels: props.labels,
      serviceAccountName: props.serviceAccountName,
      tolerations: tolerations.length ? tolerations : undefined,
    };
    this.apiObject = this.emitResource({ name: this.name, namespace: this.namespace, appName: 'poddefault', component: 'configuration', ...props.metadata }, { spec });
  }
}

class ExistingPodDefault extends Construct implements IPodDefault {
  public readonly namespace: string;
  public readonly selectorLabel: { readonly key: string; readonly value: string };
  constructor(scope: Construct, id: string, public readonly name: string, options: ExistingPodDefaultOptions) {
    super(scope, id);
    checkName(this, 'name', name);
    this.namespace = checkName(this, 'namespace', options.namespace, NameRule.LABEL);
    this.selectorLabel = options.selectorLabel ?? { key: name, value: 'true' };
    checkMetadataMap(this, 'selectorLabel', { [this.selectorLabel.key]: this.selectorLabel.value }, 'labels');
  }
}
