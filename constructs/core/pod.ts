import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { canonicalJson } from '../../manifest';
import * as wire from '../wire/core';
import { ContainerProps, ContainerRole, NamedContainerProps, renderContainer } from './container';
import { wholeSeconds } from './durations';
import { fail, field as join } from './errors';
import { checkMetadataMap } from './labels';
import { checkName } from './names';
import { DEFAULT_GRACE_PERIOD_SECONDS } from './probes';
import { requireRelease } from './release';
import { PodSecurityContextProps, renderPodSecurityContext } from './security-context';
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
  /**
   * Pod-level security settings (`fsGroup`, `runAsUser`, `seccompProfile`, `sysctls`, …): the
   * defaults of every container, which a container's own `securityContext` overrides.
   * @default - none
   */
  readonly securityContext?: PodSecurityContextProps;
  /**
   * Containers that run to completion, one after the other, before the others start (e.g. to
   * fetch data or fix permissions). Validated as every container is, with the same hardened
   * security defaults; they may have no probes or lifecycle hooks.
   * @default - none
   */
  readonly initContainers?: NamedContainerProps[];
  /**
   * Containers that run beside the main one for the pod's whole life (log shippers, proxies,
   * metrics exporters). Where the kind allows, they are native sidecars (init containers with
   * `restartPolicy: Always`, Kubernetes 1.29 and later): they start after the init containers and
   * before the main container, and stop after it, so a Job's pod still completes. Where the kind's
   * pod template has no such field (a Notebook, a ServingRuntime, an InferenceService component)
   * they are plain containers after the main one.
   * @default - none
   */
  readonly sidecars?: NamedContainerProps[];
  /** Time between SIGTERM and SIGKILL when the pod stops; preStop hooks run within it. @default - Kubernetes' 30 s */
  readonly terminationGracePeriod?: Duration;
}

/** What a construct passes to {@link renderPodTemplate}. @internal */
export interface PodTemplateInput {
  /**
   * Containers; the first is the main one. `field` is where the container's props sit in the
   * construct's own props, so errors name what the user wrote ('' for top-level props); `merged`
   * marks one the controller merges into another container (ContainerContext.merged).
   */
  readonly containers: Array<{ name: string; props: ContainerProps; field: string; merged?: boolean }>;
  readonly pod?: PodProps;
  /** Labels the construct itself needs on the pod (selectors, framework labels). */
  readonly labels?: Record<string, string>;
  /** @default - the Kubernetes default */
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  /**
   * How the kind runs `pod.sidecars`: as native sidecars in `initContainers` (the default), or as
   * plain containers after the main ones, for kinds whose template has no init-container
   * `restartPolicy` (Notebook), no init containers at all (ServingRuntime), or whose controller
   * treats init containers specially.
   * @default 'native'
   */
  readonly sidecars?: 'native' | 'containers';
  /** Whether the kind's pod template has `initContainers`; when false, `pod.initContainers` is an error. @default true */
  readonly initContainers?: boolean;
}


/** Validates and renders a pod template; `field` prefixes errors about pod-level props (e.g. `pod`). @internal */
export function renderPodTemplate(scope: IConstruct, field: string, input: PodTemplateInput): wire.PodTemplateSpec & { spec: wire.PodSpec } {
  const pod = input.pod ?? {};
  if (input.containers.length === 0) fail(scope, field, 'a pod needs at least one container', 'add a container');
  const nativeSidecars = (input.sidecars ?? 'native') === 'native';
  if (input.initContainers === false && pod.initContainers?.length) {
    fail(scope, join(field, 'initContainers'), 'is set, but this kind\'s pod template has no init containers', 'move the work into the main container\'s command, or into a PodDefault\'s initContainers');
  }
  if (nativeSidecars && pod.sidecars?.length) requireRelease(scope, join(field, 'sidecars'), 'kubernetes', '1.29', 'native sidecar containers');
  const extra = (key: 'initContainers' | 'sidecars', role: ContainerRole) => (pod[key] ?? []).map((c, i) => {
    const { name, ...props } = c;
    return { name, props, field: join(field, `${key}[${i}]`), role };
  });
  const all = [
    ...input.containers.map((c) => ({ ...c, role: 'main' as ContainerRole })),
    ...extra('initContainers', 'init'),
    ...extra('sidecars', nativeSidecars ? 'sidecar' : 'main'),
  ];
  const names = new Set<string>();
  for (const c of all) {
    // The API server requires names unique across containers and init containers.
    if (names.has(c.name)) fail(scope, join(c.field, 'name'), `two containers are named "${c.name}"`, 'give each container (main, init and sidecar) its own name');
    names.add(c.name);
  }
  const gracePeriodSeconds = pod.terminationGracePeriod === undefined ? undefined : wholeSeconds(scope, join(field, 'terminationGracePeriod'), pod.terminationGracePeriod, 0);
  const context = {
    inherited: { seccompProfile: pod.securityContext?.seccompProfile !== undefined },
    gracePeriodSeconds: gracePeriodSeconds ?? DEFAULT_GRACE_PERIOD_SECONDS,
  };
  const render = (c: typeof all[number]) => renderContainer(scope, c.field, c.name, c.props, { ...context, role: c.role, merged: 'merged' in c && c.merged });
  const main = all.filter((c) => c.role === 'main').map(render);
  const init = [...all.filter((c) => c.role === 'init'), ...all.filter((c) => c.role === 'sidecar')].map(render);
  const volumes = collectVolumes(scope, field, [...(pod.volumes ?? []), ...all.flatMap((c) => (c.props.mounts ?? []).map((m) => m.volume))]);
  const gpuResources = [...new Set(all.flatMap((c) => (c.props.resources?.gpu ? [c.props.resources.gpu.resource] : [])))].sort();
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
      initContainers: init.length ? init : undefined,
      containers: main,
      volumes: volumes.length ? volumes : undefined,
      restartPolicy: input.restartPolicy,
      serviceAccountName: pod.serviceAccountName,
      imagePullSecrets: pod.imagePullSecrets?.map((name) => ({ name })),
      nodeSelector: pod.nodeSelector,
      tolerations: tolerations.length ? tolerations : undefined,
      priorityClassName: pod.priorityClassName,
      affinity: pod.affinity,
      securityContext: renderPodSecurityContext(scope, join(field, 'securityContext'), pod.securityContext),
      terminationGracePeriodSeconds: gracePeriodSeconds,
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
    v._validate(scope, join(field, 'volumes', v.name));
    const rendered = v._render();
    const existing = byName.get(v.name);
    if (existing && canonicalJson(existing) !== canonicalJson(rendered)) {
      fail(scope, join(field, 'volumes'), `two different volumes are named "${v.name}"`, 'give each volume its own name (the `name` option of Volume.from…)');
    }
    byName.set(v.name, rendered);
  }
  return [...byName.values()];
}
