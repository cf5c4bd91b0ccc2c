import { Construct } from 'constructs';
import {
  checkEnv, checkMetadataMap, checkMounts, checkName, collectVolumes, emit, EnvMap, fail, renderEnv, renderTolerations, renderVolumeMount,
  resolveNamespace, resourceName, Toleration, VolumeMount,
} from '../core';
import { Tenant } from './tenant';

export interface PodDefaultProps {
  /** Shown in the notebook creation form as the configuration's name. */
  readonly description: string;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
  /** The tenant whose namespace holds the PodDefault. @default - `namespace` */
  readonly tenant?: Tenant;
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
export class PodDefault extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  /** The pod label that selects this PodDefault. */
  public readonly selectorLabel: { readonly key: string; readonly value: string };

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
    emit(this, 'Resource', { apiVersion: 'kubeflow.org/v1alpha1', kind: 'PodDefault' },
      { name: this.name, namespace: this.namespace, appName: 'poddefault', component: 'configuration' },
      {
        spec: {
          desc: props.description,
          selector: { matchLabels: { [this.selectorLabel.key]: this.selectorLabel.value } },
          env: renderEnv(props.env),
          volumes: volumes.length ? volumes : undefined,
          volumeMounts: mounts.length ? mounts.map(renderVolumeMount) : undefined,
          annotations: props.annotations,
          labels: props.labels,
          serviceAccountName: props.serviceAccountName,
          tolerations: tolerations.length ? tolerations : undefined,
        },
      });
  }
}
