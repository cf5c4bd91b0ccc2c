import { IConstruct } from 'constructs';
import * as wire from '../wire/core';
import { checkEnv, EnvMap, renderEnv } from './env';
import { fail, field as join } from './errors';
import { checkName, NameRule } from './names';
import { renderResources, ResourcesProps } from './quantities';
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

/**
 * Container security settings. Unset fields take the safe defaults: no privilege escalation,
 * all capabilities dropped, the runtime's default seccomp profile.
 */
export interface SecurityContextProps {
  /** @default - as the image says, unless the construct requires non-root */
  readonly runAsNonRoot?: boolean;
  /** @default - the image's user */
  readonly runAsUser?: number;
  /** @default - the image's group */
  readonly runAsGroup?: number;
  /** @default false */
  readonly readOnlyRootFilesystem?: boolean;
  /** @default false */
  readonly allowPrivilegeEscalation?: boolean;
  /** @default false */
  readonly privileged?: boolean;
  /** Capabilities to add back after dropping ALL. @default - none */
  readonly addCapabilities?: string[];
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
}


/**
 * A rendered container: the core type, with the pull policy as the enum Kubernetes documents
 * (the core OpenAPI says only string; some CRDs' copies list the values).
 * @internal
 */
export type RenderedContainer = Omit<wire.Container, 'imagePullPolicy'> & { imagePullPolicy?: `${ImagePullPolicy}` };

// name[:port]/path components, then :tag and/or @digest (the distribution reference grammar, simplified).
const IMAGE = /^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** Throws unless `image` is a valid image reference. @internal */
export function checkImage(scope: IConstruct, field: string, image: string): void {
  if (!IMAGE.test(image)) {
    fail(scope, field, `"${image}" is not a valid image reference`, 'use registry/repository:tag or registry/repository@sha256:<digest>, e.g. "ghcr.io/org/trainer:1.2.0"');
  }
}

/** Validates `props` and renders the container in wire format. `field` prefixes error fields (the props' path in the caller's props; '' for top level). @internal */
export function renderContainer(scope: IConstruct, field: string, name: string, props: ContainerProps): RenderedContainer {
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
  const sc = props.securityContext ?? {};
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
    securityContext: {
      allowPrivilegeEscalation: sc.allowPrivilegeEscalation ?? false,
      privileged: sc.privileged ?? false,
      readOnlyRootFilesystem: sc.readOnlyRootFilesystem ?? false,
      runAsNonRoot: sc.runAsNonRoot,
      runAsUser: sc.runAsUser,
      runAsGroup: sc.runAsGroup,
      capabilities: { drop: ['ALL'], add: sc.addCapabilities },
      seccompProfile: { type: 'RuntimeDefault' },
    },
  };
}
