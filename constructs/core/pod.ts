import { IConstruct } from 'constructs';
import { canonicalJson } from '../../manifest';
import * as wire from '../wire/core';
import { ContainerProps, renderContainer } from './container';
import { fail, field as join } from './errors';
import { checkMetadataMap } from './labels';
import { checkName, NameRule } from './names';
import { Volume } from './volumes';

/** A pod toleration of a node taint. */
export interface Toleration {
  /** @default - all taints (with operator Exists) */
  readonly key?: string;
  /** @default 'Equal' when a value is given, else 'Exists' */
  readonly operator?: 'Exists' | 'Equal';
  /** @default - none */
  readonly value?: string;
  /** @default - all effects */
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  /** @default - tolerate forever */
  readonly tolerationSeconds?: number;
}

/** Where pods run. */
export interface SchedulingProps {
  /** @default - any node */
  readonly nodeSelector?: Record<string, string>;
  /**
   * Tolerations, in addition to the one added for each GPU resource the pod requests
   * (`<resource>:NoSchedule`, the taint GPU node pools carry).
   * @default - only the GPU tolerations
   */
  readonly tolerations?: Toleration[];
  /** @default - the cluster default priority */
  readonly priorityClassName?: string;
  /** Node and pod (anti-)affinity, as in a pod spec. @default - none */
  readonly affinity?: wire.Affinity;
}

/** Pod-level settings shared by every construct that renders pods. */
export interface PodProps extends SchedulingProps {
  /** @default - the namespace's `default` service account (in a tenant: `default-editor`) */
  readonly serviceAccountName?: string;
  /** Names of Secrets used to pull images. @default - none */
  readonly imagePullSecrets?: string[];
  /** Extra pod labels (PodDefaults select pods by label). @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly annotations?: Record<string, string>;
  /** Volumes to declare even if no container mounts them. @default - only the mounted ones */
  readonly volumes?: Volume[];
  /** Group that owns mounted volumes, so a non-root user can write them. @default - none */
  readonly fsGroup?: number;
}

/** What a construct passes to {@link renderPodTemplate}. @internal */
export interface PodTemplateInput {
  /**
   * Containers; the first is the main one. `field` is where the container's props sit in the
   * construct's own props, so errors name what the user wrote ('' for top-level props).
   */
  readonly containers: Array<{ name: string; props: ContainerProps; field: string }>;
  readonly pod?: PodProps;
  /** Labels the construct itself needs on the pod (selectors, framework labels). */
  readonly labels?: Record<string, string>;
  /** @default - the Kubernetes default */
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
}


/** Validates and renders a pod template; `field` prefixes errors about pod-level props (e.g. `pod`). @internal */
export function renderPodTemplate(scope: IConstruct, field: string, input: PodTemplateInput): wire.PodTemplateSpec & { spec: wire.PodSpec } {
  const pod = input.pod ?? {};
  if (input.containers.length === 0) fail(scope, field, 'a pod needs at least one container', 'add a container');
  const names = new Set<string>();
  for (const c of input.containers) {
    if (names.has(c.name)) fail(scope, join(field, 'containers'), `two containers are named "${c.name}"`, 'give each container its own name');
    names.add(c.name);
  }
  const containers = input.containers.map((c) => renderContainer(scope, c.field, c.name, c.props));
  const volumes = collectVolumes(scope, field, [...(pod.volumes ?? []), ...input.containers.flatMap((c) => (c.props.mounts ?? []).map((m) => m.volume))]);
  const gpuResources = [...new Set(input.containers.flatMap((c) => (c.props.resources?.gpu ? [c.props.resources.gpu.resource] : [])))].sort();
  const tolerations = [
    ...gpuResources.map((key): Toleration => ({ key, operator: 'Exists', effect: 'NoSchedule' })),
    ...renderTolerations(scope, join(field, 'tolerations'), pod.tolerations),
  ];
  for (const s of pod.imagePullSecrets ?? []) checkName(scope, join(field, 'imagePullSecrets'), s);
  if (pod.serviceAccountName !== undefined) checkName(scope, join(field, 'serviceAccountName'), pod.serviceAccountName);
  if (pod.priorityClassName !== undefined) checkName(scope, join(field, 'priorityClassName'), pod.priorityClassName);
  checkMetadataMap(scope, join(field, 'labels'), pod.labels, 'labels');
  checkMetadataMap(scope, join(field, 'annotations'), pod.annotations, 'annotations');
  const labels = { ...pod.labels, ...input.labels };
  return {
    metadata: Object.keys(labels).length || pod.annotations ? { labels: Object.keys(labels).length ? labels : undefined, annotations: pod.annotations } : undefined,
    spec: {
      containers,
      volumes: volumes.length ? volumes : undefined,
      restartPolicy: input.restartPolicy,
      serviceAccountName: pod.serviceAccountName,
      imagePullSecrets: pod.imagePullSecrets?.map((name) => ({ name })),
      nodeSelector: pod.nodeSelector,
      tolerations: tolerations.length ? tolerations : undefined,
      priorityClassName: pod.priorityClassName,
      affinity: pod.affinity,
      securityContext: pod.fsGroup !== undefined ? { fsGroup: pod.fsGroup } : undefined,
    },
  };
}

/** Validates tolerations as the API server does and renders them with the default operator made explicit. @internal */
export function renderTolerations(scope: IConstruct, field: string, tolerations: readonly Toleration[] = []): wire.Toleration[] {
  return tolerations.map((t) => {
    const operator = t.operator ?? (t.value !== undefined ? 'Equal' : 'Exists');
    const which = JSON.stringify(t.key ?? '');
    if (operator === 'Exists' && t.value !== undefined) fail(scope, field, `toleration ${which} has operator Exists and a value`, 'drop the value, or use operator Equal');
    if (t.key === undefined && operator !== 'Exists') fail(scope, field, 'a toleration without a key must use operator Exists', 'give the key of the taint, or use operator Exists to tolerate every taint');
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      fail(scope, field, `toleration ${which} has tolerationSeconds but effect ${t.effect ?? '(all)'}`, 'tolerationSeconds applies only to effect NoExecute: set effect: \'NoExecute\' or drop tolerationSeconds');
    }
    return { ...t, operator };
  });
}

/** Volumes by name, each once; the same name for two different sources is an error. @internal */
export function collectVolumes(scope: IConstruct, field: string, volumes: Volume[]): wire.Volume[] {
  const byName = new Map<string, wire.Volume>();
  for (const v of volumes) {
    checkName(scope, join(field, 'volumes'), v.name, NameRule.LABEL);
    const rendered = v._render();
    const existing = byName.get(v.name);
    if (existing && canonicalJson(existing) !== canonicalJson(rendered)) {
      fail(scope, join(field, 'volumes'), `two different volumes are named "${v.name}"`, 'give each volume its own name (the `name` option of Volume.from…)');
    }
    byName.set(v.name, rendered);
  }
  return [...byName.values()];
}
