import { IConstruct } from 'constructs';
import * as wire from '../wire/core';
import { checkEnv, EnvMap, renderEnv } from './env';
import { fail, field as join } from './errors';
import { checkImage } from './images';
import { checkName, NameRule } from './names';
import { DEFAULT_GRACE_PERIOD_SECONDS, LifecycleProps, Probe, ProbeKind, renderLifecycle } from './probes';
import { renderResources, ResourcesProps } from './quantities';
import { InheritedSecurity, renderSecurityContext, renderSecurityOverrides, SecurityContextProps } from './security-context';
import { checkMounts, renderVolumeMount, VolumeMount } from './volumes';

/** `imagePullPolicy` of a container. */
export enum ImagePullPolicy {
  ALWAYS = 'Always',
  IF_NOT_PRESENT = 'IfNotPresent',
  NEVER = 'Never',
}

/** A port the container listens on. */
export interface ContainerPort {
  readonly containerPort: number;
  /** @default - unnamed */
  readonly name?: string;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** One container: image, command, env, resources and mounts. */
export interface ContainerProps {
  /** Image reference, `registry/repo:tag` or `…@sha256:<digest>`. Pin a tag or digest: `latest` is not reproducible. */
  readonly image: string;
  /** Replaces the image's ENTRYPOINT. @default - the image's entrypoint */
  readonly command?: string[];
  /** @default - the image's CMD */
  readonly args?: string[];
  /** @default - none */
  readonly env?: EnvMap;
  /** @default - no requests or limits */
  readonly resources?: ResourcesProps;
  /** @default - none */
  readonly mounts?: VolumeMount[];
  /** @default - the image's working directory */
  readonly workingDir?: string;
  /** @default - none */
  readonly ports?: ContainerPort[];
  /** @default - the safe defaults of {@link SecurityContextProps} */
  readonly securityContext?: SecurityContextProps;
  /** @default - Kubernetes' default (Always for `latest`, else IfNotPresent) */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** Restarts the container when it fails, e.g. `Probe.fromHttpGet('/healthz')`. @default - none */
  readonly liveness?: Probe;
  /** Keeps the pod out of its Services until it passes. @default - none */
  readonly readiness?: Probe;
  /** Holds the liveness and readiness probes until it passes, for slow starts such as loading a large model. @default - none */
  readonly startup?: Probe;
  /** Hooks run after the container starts and before it stops. @default - none */
  readonly lifecycle?: LifecycleProps;
}

/** An extra container of a pod: an init container, or a sidecar. */
export interface NamedContainerProps extends ContainerProps {
  /** The container's name, unique among all the pod's containers. */
  readonly name: string;
}

/** What a container is in its pod. @internal */
export type ContainerRole = 'main' | 'init' | 'sidecar';

/** What the pod tells {@link renderContainer}. @internal */
export interface ContainerContext {
  /** @default 'main' */
  readonly role?: ContainerRole;
  /** What the pod's security context sets for its containers. */
  readonly inherited?: InheritedSecurity;
  /** The pod's termination grace period (a preStop sleep must fit in it). @default 30 */
  readonly gracePeriodSeconds?: number;
  /**
   * The controller merges the container field by field into another one (KServe: an
   * InferenceService's model or worker container into the ServingRuntime's), so its security
   * context renders only what the props set: a hardened default would override the other
   * container's own settings (see renderSecurityOverrides).
   * @default false
   */
  readonly merged?: boolean;
}


/**
 * A rendered container: the core type, with the pull policy as the enum Kubernetes documents
 * (the core OpenAPI says only string; some CRDs' copies list the values).
 * @internal
 */
export type RenderedContainer = Omit<wire.Container, 'imagePullPolicy'> & { imagePullPolicy?: `${ImagePullPolicy}` };

/**
 * Validates `props` and renders the container in wire format. `field` prefixes error fields (the
 * props' path in the caller's props; '' for top level). A sidecar renders as a native sidecar
 * (`restartPolicy: Always`, for the pod's initContainers); an init container may have no probes
 * or lifecycle hooks, as the API server requires.
 * @internal
 */
export function renderContainer(scope: IConstruct, field: string, name: string, props: ContainerProps, context: ContainerContext = {}): RenderedContainer {
  const role = context.role ?? 'main';
  checkName(scope, join(field, 'name'), name, NameRule.LABEL);
  checkImage(scope, join(field, 'image'), props.image);
  checkEnv(scope, join(field, 'env'), props.env);
  const mounts = props.mounts ?? [];
  checkMounts(scope, join(field, 'mounts'), mounts);
  for (const p of props.ports ?? []) {
    if (!Number.isInteger(p.containerPort) || p.containerPort < 1 || p.containerPort > 65535) {
      fail(scope, join(field, 'ports'), `port ${p.containerPort} is out of range`, 'use a port between 1 and 65535');
    }
  }
  if (role === 'init') {
    for (const key of ['liveness', 'readiness', 'startup', 'lifecycle'] as const) {
      if (props[key] !== undefined) {
        fail(scope, join(field, key), 'is set on an init container, which runs to completion before the others start (the API server rejects it)',
          'drop it, or make the container a sidecar (`sidecars`), which keeps running and may have probes and hooks');
      }
    }
  }
  const ports = props.ports ?? [];
  const probe = (kind: ProbeKind) => props[kind]?._render(scope, join(field, kind), kind, ports);
  return {
    name,
    image: props.image,
    command: props.command,
    args: props.args,
    env: renderEnv(props.env),
    resources: renderResources(scope, join(field, 'resources'), props.resources),
    volumeMounts: mounts.length
      ? mounts.map(renderVolumeMount)
      : undefined,
    workingDir: props.workingDir,
    ports: props.ports,
    imagePullPolicy: props.imagePullPolicy,
    livenessProbe: probe('liveness'),
    readinessProbe: probe('readiness'),
    startupProbe: probe('startup'),
    lifecycle: renderLifecycle(scope, join(field, 'lifecycle'), props.lifecycle, ports, context.gracePeriodSeconds ?? DEFAULT_GRACE_PERIOD_SECONDS),
    restartPolicy: role === 'sidecar' ? 'Always' : undefined,
    securityContext: context.merged
      ? renderSecurityOverrides(scope, join(field, 'securityContext'), props.securityContext)
      : renderSecurityContext(scope, join(field, 'securityContext'), props.securityContext, context.inherited),
  };
}
