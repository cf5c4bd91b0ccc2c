import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import {
  checkEnv, checkMetadataMap, checkMounts, checkName, collectVolumes, EnvMap, fail, field as join, NameRule, PodSecurityContextProps, Release,
  renderEnv, renderPodSecurityContext, renderSecurityOverrides, renderTolerations, renderVolumeMount, requireRelease, SecurityContextProps,
  Toleration, Volume, VolumeMount, wholeSeconds,
} from '../core';
import * as wire from '../wire/core';
import { RuntimePatch as RuntimePatchWire } from '../wire/trainer-kubeflow-org';

/** What a runtime patch changes in one container (or init container) of the runtime's pods. */
export interface ContainerPatchProps {
  /**
   * Added to the container's env. Not for the `node`, `dataset-initializer` and
   * `model-initializer` containers, whose env a TrainJob gives in `trainer.env` and the
   * initializers' `env` (synth reports it: rule `trainer/trainjob-runtime-patches`).
   * @default - none
   */
  readonly env?: EnvMap;
  /** Mounted in the container; their volumes join the patch's pod volumes. @default - none */
  readonly mounts?: VolumeMount[];
  /**
   * The container's security settings, rendered in full as for every container of this
   * package (unset fields take the safe defaults), replacing the runtime's. Kubeflow Trainer
   * 2.2.0 or later.
   * @default - the runtime's
   */
  readonly securityContext?: SecurityContextProps;
}

/**
 * Changes a TrainJob makes to the pods of some of its runtime's steps, for this job only:
 * Kubeflow Trainer's `runtimePatches` (2.2.0 and later), `podTemplateOverrides` (2.1) or
 * `podSpecOverrides` (2.0), whichever the stack's release has.
 */
export interface RuntimePatchProps {
  /** The runtime's steps (replicated jobs) to change, e.g. `['node']` or `['dataset-initializer', 'model-initializer']`. */
  readonly steps: string[];
  /** Added to the pods' labels (Kubeflow Trainer 2.1.0 or later). @default - none */
  readonly labels?: Record<string, string>;
  /** Added to the pods' annotations (Kubeflow Trainer 2.1.0 or later). @default - none */
  readonly annotations?: Record<string, string>;
  /** @default - the runtime's */
  readonly serviceAccountName?: string;
  /** @default - the runtime's */
  readonly nodeSelector?: Record<string, string>;
  /** Kubeflow Trainer 2.1.0 or later. @default - the runtime's */
  readonly affinity?: wire.Affinity;
  /** @default - the runtime's */
  readonly tolerations?: Toleration[];
  /** Pod volumes, besides those of the containers' `mounts`. @default - the mounted ones */
  readonly volumes?: Volume[];
  /** Names of Secrets to pull images with (Kubeflow Trainer 2.1.0 or later). @default - the runtime's */
  readonly imagePullSecrets?: string[];
  /** Scheduling gates that hold the pods until a controller removes them. @default - none */
  readonly schedulingGates?: string[];
  /** Pod-level security settings (Kubeflow Trainer 2.2.0 or later). @default - the runtime's */
  readonly securityContext?: PodSecurityContextProps;
  /** Time between SIGTERM and SIGKILL (Kubeflow Trainer 2.3.0 or later). @default - the runtime's */
  readonly terminationGracePeriod?: Duration;
  /** Changes to containers, by name; the runtime must have them. @default - none */
  readonly containers?: Record<string, ContainerPatchProps>;
  /** Changes to init containers, by name; the runtime must have them. @default - none */
  readonly initContainers?: Record<string, ContainerPatchProps>;
}

/** Who owns a TrainJob's patch unless it says otherwise (`runtimePatches[].manager`). */
export const DEFAULT_PATCH_MANAGER = 'cdk8s-kubeflow.io/trainjob';

/** The fields of a TrainJob's spec that carry its patches, for its release. @internal */
export interface RenderedPatches {
  readonly runtimePatches?: RuntimePatchWire[];
  /** Kubeflow Trainer 2.1. */
  readonly podTemplateOverrides?: object[];
  /** Kubeflow Trainer 2.0. */
  readonly podSpecOverrides?: object[];
}

/** The Trainer release of each field and form (kubeflow/trainer pkg/apis/trainer/v1alpha1/trainjob_types.go at each tag). */
const SINCE = { overrides: '2.0.0', templateOverrides: '2.1.0', runtimePatches: '2.2.0', gracePeriod: '2.3.0' } as const;
const MAX = { steps: 100, containers: 64, volumes: 128, tolerations: 128, gates: 16, secrets: 64 } as const;
// A scheduling gate's name is a qualified name, as a label key (ValidateSchedulingGates).
const QUALIFIED = /^(([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * Validates a TrainJob's patches and renders them in the form its release has: one
 * `runtimePatches` entry owned by `manager` (2.2.0 and later), else one override per patch.
 * `field` is where the patches sit in the props (`runtimePatches`). @internal
 */
export function renderRuntimePatches(scope: IConstruct, field: string, patches: readonly RuntimePatchProps[] | undefined, manager: string | undefined): RenderedPatches {
  const release = Release.of(scope);
  if (manager !== undefined) {
    requireRelease(scope, 'runtimePatchManager', 'trainer', SINCE.runtimePatches, 'A runtime patch\'s manager (Kubeflow Trainer runtimePatches)');
    if (!patches?.length) fail(scope, 'runtimePatchManager', 'is set, but there are no runtimePatches', 'add runtimePatches, or remove runtimePatchManager');
  }
  if (!patches?.length) return {};
  const seen = new Map<string, number>();
  const rendered = patches.map((p, i) => {
    const at = `${field}[${i}]`;
    if (p.steps.length === 0) fail(scope, join(at, 'steps'), 'is empty', 'name the runtime steps to change, e.g. [\'node\']');
    for (const step of p.steps) {
      checkName(scope, join(at, 'steps'), step, NameRule.LABEL);
      // One entry per step: the trainer keys runtimePatches' replicated jobs by name.
      if (seen.has(step)) fail(scope, join(at, 'steps'), `step "${step}" is also changed by ${field}[${seen.get(step)}]`, 'change each step in one patch: merge the two');
      seen.set(step, i);
    }
    return { steps: p.steps, ...renderPod(scope, at, p) };
  });
  if (seen.size > MAX.steps) fail(scope, field, `changes ${seen.size} steps; the trainer takes at most ${MAX.steps}`, 'change fewer steps');

  if (release.atLeast('trainer', SINCE.runtimePatches)) {
    const replicatedJobs = rendered.flatMap((r) => r.steps.map((name) => ({ name, template: { spec: { template: { metadata: r.metadata, spec: r.spec } } } })));
    return { runtimePatches: [{ manager: manager ?? DEFAULT_PATCH_MANAGER, trainingRuntimeSpec: { template: { spec: { replicatedJobs } } } }] };
  }
  const targetJobs = (steps: string[]) => steps.map((name) => ({ name }));
  if (release.atLeast('trainer', SINCE.templateOverrides)) {
    return { podTemplateOverrides: rendered.map((r) => ({ targetJobs: targetJobs(r.steps), metadata: r.metadata, spec: r.spec })) };
  }
  return { podSpecOverrides: rendered.map((r) => ({ targetJobs: targetJobs(r.steps), ...r.spec })) };
}

/** One patch's pod metadata and spec; fields the release lacks are errors naming the version that has them. */
function renderPod(scope: IConstruct, at: string, p: RuntimePatchProps): { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Record<string, unknown> } {
  const need = (key: keyof RuntimePatchProps, since: string, what: string) => {
    if (p[key] !== undefined) requireRelease(scope, join(at, key), 'trainer', since, what);
  };
  need('labels', SINCE.templateOverrides, 'Pod labels in a TrainJob\'s patch (podTemplateOverrides)');
  need('annotations', SINCE.templateOverrides, 'Pod annotations in a TrainJob\'s patch (podTemplateOverrides)');
  need('affinity', SINCE.templateOverrides, 'Affinity in a TrainJob\'s patch (podTemplateOverrides)');
  need('imagePullSecrets', SINCE.templateOverrides, 'Image pull secrets in a TrainJob\'s patch (podTemplateOverrides)');
  need('securityContext', SINCE.runtimePatches, 'A pod security context in a TrainJob\'s patch (runtimePatches)');
  need('terminationGracePeriod', SINCE.gracePeriod, 'terminationGracePeriodSeconds in a TrainJob\'s patch (runtimePatches)');

  checkMetadataMap(scope, join(at, 'labels'), p.labels, 'labels');
  checkMetadataMap(scope, join(at, 'annotations'), p.annotations, 'annotations');
  checkMetadataMap(scope, join(at, 'nodeSelector'), p.nodeSelector, 'labels');
  if (p.serviceAccountName !== undefined) checkName(scope, join(at, 'serviceAccountName'), p.serviceAccountName);
  for (const s of p.imagePullSecrets ?? []) checkName(scope, join(at, 'imagePullSecrets'), s);
  for (const g of p.schedulingGates ?? []) {
    if (!QUALIFIED.test(g)) fail(scope, join(at, 'schedulingGates'), `"${g}" is not a qualified name`, 'use an optional DNS-subdomain prefix and "/", then a name, e.g. "example.com/quota-check"');
  }
  if (new Set(p.schedulingGates).size !== (p.schedulingGates ?? []).length) fail(scope, join(at, 'schedulingGates'), 'lists a gate twice', 'list each gate once');

  const containers = renderContainers(scope, join(at, 'containers'), p.containers);
  const initContainers = renderContainers(scope, join(at, 'initContainers'), p.initContainers);
  const mounted = [...Object.values(p.containers ?? {}), ...Object.values(p.initContainers ?? {})].flatMap((c) => (c.mounts ?? []).map((m) => m.volume));
  const volumes = collectVolumes(scope, at, [...(p.volumes ?? []), ...mounted]);
  const tolerations = renderTolerations(scope, join(at, 'tolerations'), p.tolerations);
  for (const [key, n, max] of [['containers', containers.length, MAX.containers], ['initContainers', initContainers.length, MAX.containers], ['volumes', volumes.length, MAX.volumes],
    ['tolerations', tolerations.length, MAX.tolerations], ['schedulingGates', p.schedulingGates?.length ?? 0, MAX.gates], ['imagePullSecrets', p.imagePullSecrets?.length ?? 0, MAX.secrets]] as const) {
    if (n > max) fail(scope, join(at, key), `has ${n} entries; the trainer takes at most ${max}`, 'split the change, or set it in the runtime');
  }

  const spec: Record<string, unknown> = {
    serviceAccountName: p.serviceAccountName,
    nodeSelector: p.nodeSelector,
    affinity: p.affinity,
    tolerations: tolerations.length ? tolerations : undefined,
    volumes: volumes.length ? volumes : undefined,
    imagePullSecrets: p.imagePullSecrets?.map((name) => ({ name })),
    schedulingGates: p.schedulingGates?.map((name) => ({ name })),
    securityContext: renderPodSecurityContext(scope, join(at, 'securityContext'), p.securityContext),
    terminationGracePeriodSeconds: p.terminationGracePeriod === undefined ? undefined : wholeSeconds(scope, join(at, 'terminationGracePeriod'), p.terminationGracePeriod, 0),
    containers: containers.length ? containers : undefined,
    initContainers: initContainers.length ? initContainers : undefined,
  };
  const metadata = p.labels || p.annotations ? { labels: p.labels, annotations: p.annotations } : undefined;
  if (!metadata && Object.values(spec).every((v) => v === undefined)) {
    fail(scope, at, 'changes nothing', 'set what the steps\' pods should have (serviceAccountName, nodeSelector, tolerations, containers, …), or remove the patch');
  }
  return { metadata, spec };
}

function renderContainers(scope: IConstruct, field: string, containers: Record<string, ContainerPatchProps> | undefined) {
  return Object.keys(containers ?? {}).sort().map((name) => {
    const c = containers![name];
    const at = join(field, name);
    checkName(scope, at, name, NameRule.LABEL);
    checkEnv(scope, join(at, 'env'), c.env);
    checkMounts(scope, join(at, 'mounts'), c.mounts ?? []);
    if (c.securityContext !== undefined) requireRelease(scope, join(at, 'securityContext'), 'trainer', SINCE.runtimePatches, 'A container security context in a TrainJob\'s patch (runtimePatches)');
    if (!c.env && !c.mounts?.length && !c.securityContext) fail(scope, at, 'changes nothing', 'give env, mounts or securityContext, or leave the container out');
    return {
      name,
      env: renderEnv(c.env),
      volumeMounts: c.mounts?.length ? c.mounts.map(renderVolumeMount) : undefined,
      // Merged into the runtime's container: only what the patch sets, so the runtime's own settings stay (as for KServe's model containers).
      securityContext: renderSecurityOverrides(scope, join(at, 'securityContext'), c.securityContext),
    };
  });
}
