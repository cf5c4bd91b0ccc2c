// kfp-kubernetes: the Kubernetes settings of a task's pod, emitted as the platform spec document,
// and the PVC create/delete components.
import { ParamChannel } from './channels';
import { ContainerComponent } from './component';
import { Param } from './types';

/** A Secret's keys as environment variables. */
export interface SecretAsEnv {
  readonly secretName: string;
  /** Secret key → environment variable. */
  readonly keyToEnv: Record<string, string>;
  /** Start the pod when the Secret is missing. @default false */
  readonly optional?: boolean;
}

/** A Secret mounted as files. */
export interface SecretAsVolume {
  readonly secretName: string;
  readonly mountPath: string;
  /** @default false */
  readonly optional?: boolean;
}

/** A PersistentVolumeClaim mounted into the task's container. */
export interface PvcMount {
  /** The claim's name: a constant, a pipeline input, or `createPvc(…).outputs.name`. */
  readonly pvcName: string | ParamChannel<'STRING'>;
  readonly mountPath: string;
  /** A path inside the volume. @default - the volume's root */
  readonly subPath?: string;
}

/** A toleration of the task's pod. */
export interface PipelineToleration {
  /** @default - all keys (with operator Exists) */
  readonly key?: string;
  /** @default 'Equal' */
  readonly operator?: 'Equal' | 'Exists';
  /** @default - none */
  readonly value?: string;
  /** @default - all effects */
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  /** @default - forever */
  readonly tolerationSeconds?: number;
}

/** Kubernetes settings of a task's pod (kfp-kubernetes). */
export interface KubernetesTaskOptions {
  /** @default - none */
  readonly secretsAsEnv?: readonly SecretAsEnv[];
  /** @default - none */
  readonly secretsAsVolumes?: readonly SecretAsVolume[];
  /** @default - none */
  readonly pvcMounts?: readonly PvcMount[];
  /** Node labels the pod must match. @default - none */
  readonly nodeSelector?: Record<string, string>;
  /** @default - none */
  readonly tolerations?: readonly PipelineToleration[];
  /** Labels of the pod. @default - none */
  readonly podLabels?: Record<string, string>;
  /** Annotations of the pod. @default - none */
  readonly podAnnotations?: Record<string, string>;
  /** Secrets to pull the image with. @default - none */
  readonly imagePullSecrets?: readonly string[];
}

/** kfp-kubernetes' `CreatePVC` component: a task that creates a claim and outputs its `name`. */
export const CREATE_PVC = ContainerComponent.define({
  name: 'createpvc',
  inputs: {
    access_modes: Param.list(),
    annotations: Param.struct({ optional: true }),
    data_source: Param.struct({ optional: true }),
    pvc_name: Param.string({ optional: true }),
    pvc_name_suffix: Param.string({ optional: true }),
    size: Param.string(),
    storage_class_name: Param.string({ default: '' }),
    volume_name: Param.string({ optional: true }),
  },
  outputs: { name: Param.string() },
  image: 'argostub/createpvc',
});

/** kfp-kubernetes' `DeletePVC` component. */
export const DELETE_PVC = ContainerComponent.define({
  name: 'deletepvc',
  inputs: { pvc_name: Param.string() },
  image: 'argostub/deletepvc',
});

/** The channels a task's Kubernetes settings read (claim names). @internal */
export function platformChannels(options: KubernetesTaskOptions | undefined): ParamChannel[] {
  return (options?.pvcMounts ?? []).map((m) => m.pvcName).filter((n): n is ParamChannel<'STRING'> => n instanceof ParamChannel);
}

/** The executor config of one task (`KubernetesExecutorConfig` as JSON); `ref` renders a channel reference. @internal */
export function executorConfigJson(o: KubernetesTaskOptions, ref: (c: ParamChannel) => Record<string, unknown>): Record<string, unknown> | undefined {
  const named = (name: string) => ({ secretName: name, secretNameParameter: { runtimeValue: { constant: name } } });
  const config: Record<string, unknown> = {
    ...(o.imagePullSecrets?.length ? { imagePullSecret: o.imagePullSecrets.map(named) } : {}),
    ...(o.nodeSelector && Object.keys(o.nodeSelector).length ? { nodeSelector: { labels: o.nodeSelector } } : {}),
    ...(o.podLabels || o.podAnnotations ? {
      podMetadata: {
        ...(o.podAnnotations && Object.keys(o.podAnnotations).length ? { annotations: o.podAnnotations } : {}),
        ...(o.podLabels && Object.keys(o.podLabels).length ? { labels: o.podLabels } : {}),
      },
    } : {}),
    ...(o.pvcMounts?.length ? {
      pvcMount: o.pvcMounts.map((m) => {
        const param = m.pvcName instanceof ParamChannel ? ref(m.pvcName) : { runtimeValue: { constant: m.pvcName } };
        const legacy = m.pvcName instanceof ParamChannel ? param : { constant: m.pvcName };
        return { ...legacy, mountPath: m.mountPath, pvcNameParameter: param, ...(m.subPath ? { subPath: m.subPath } : {}) };
      }),
    } : {}),
    ...(o.secretsAsEnv?.length ? {
      secretAsEnv: o.secretsAsEnv.map((s) => ({
        keyToEnv: Object.entries(s.keyToEnv).map(([secretKey, envVar]) => ({ envVar, secretKey })),
        optional: s.optional ?? false,
        ...named(s.secretName),
      })),
    } : {}),
    ...(o.secretsAsVolumes?.length ? {
      secretAsVolume: o.secretsAsVolumes.map((s) => ({ mountPath: s.mountPath, optional: s.optional ?? false, ...named(s.secretName) })),
    } : {}),
    ...(o.tolerations?.length ? {
      tolerations: o.tolerations.map((t) => ({
        ...(t.effect ? { effect: t.effect } : {}),
        ...(t.key ? { key: t.key } : {}),
        ...(t.operator ? { operator: t.operator } : {}),
        ...(t.tolerationSeconds !== undefined ? { tolerationSeconds: String(t.tolerationSeconds) } : {}),
        ...(t.value ? { value: t.value } : {}),
      })),
    } : {}),
  };
  return Object.keys(config).length ? config : undefined;
}
