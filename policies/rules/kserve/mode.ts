// The deployment mode and the autoscaler of an InferenceService or InferenceGraph, read from
// its annotations the way KServe reads them.
import { Manifest } from '../../../manifest';

export const DEPLOYMENT_MODE = 'serving.kserve.io/deploymentMode';
export const AUTOSCALER_CLASS = 'serving.kserve.io/autoscalerClass';
export const KNATIVE_CLASS = 'autoscaling.knative.dev/class';
export const KNATIVE_HPA = 'hpa.autoscaling.knative.dev';

/** A deployment mode as KServe's defaulting webhook leaves it. */
export interface Mode {
  /** `Knative`, `Standard`, or whatever else the annotation says (e.g. `ModelMesh`). */
  readonly name: string;
  /** Whether the annotation names it; otherwise it is the default of KServe's shipped `inferenceservice-config`. */
  readonly explicit: boolean;
}

/**
 * The deployment mode: the annotation, with the legacy names mapped as KServe's defaulter maps
 * them (`Serverless` → `Knative`, `RawDeployment` → `Standard`). Without the annotation KServe
 * uses the cluster's `defaultDeploymentMode`, `Serverless` in the `inferenceservice-config` it
 * ships (and Kubeflow installs); a cluster configured otherwise should name the mode.
 */
export function modeOf(object: Manifest): Mode {
  const value = object.metadata?.annotations?.[DEPLOYMENT_MODE];
  if (value === undefined) return { name: 'Knative', explicit: false };
  return { name: value === 'Serverless' ? 'Knative' : value === 'RawDeployment' ? 'Standard' : value, explicit: true };
}

/** `Standard (raw deployment) mode`, with where the mode came from when it is the default. */
export function describeMode(mode: Mode): string {
  const name = mode.name === 'Knative' ? 'Knative (serverless)' : mode.name === 'Standard' ? 'Standard (raw deployment)' : mode.name;
  return `${name} mode${mode.explicit ? '' : ` (no ${DEPLOYMENT_MODE} annotation: KServe's default)`}`;
}

/** The autoscaler families KServe runs. */
export type AutoscalerKind = 'kpa' | 'hpa' | 'keda' | 'external' | 'none';

/** The autoscaler that scales an object's components: one per object, chosen by its annotations. */
export interface Autoscaler {
  readonly kind: AutoscalerKind | string;
  readonly mode: Mode;
  /** Whether the annotation names it (otherwise it is the mode's default). */
  readonly explicit: boolean;
  /** For messages, e.g. `the HPA (serving.kserve.io/autoscalerClass: hpa)`. */
  readonly description: string;
}

/**
 * The autoscaler that will run: Knative mode's KPA, or Knative's HPA class when
 * `autoscaling.knative.dev/class` says so; Standard mode's `serving.kserve.io/autoscalerClass`,
 * HPA when not set (`constants.DefaultAutoscalerClass`).
 */
export function autoscalerOf(object: Manifest): Autoscaler {
  const mode = modeOf(object);
  const annotations = object.metadata?.annotations ?? {};
  if (mode.name === 'Standard') {
    const value = annotations[AUTOSCALER_CLASS];
    const kind = value ?? 'hpa';
    const description = value === undefined ? `the HPA (Standard mode's default; no ${AUTOSCALER_CLASS} annotation)` : `${kind === 'hpa' ? 'the HPA' : kind === 'keda' ? 'KEDA' : `autoscaler class ${kind}`} (${AUTOSCALER_CLASS}: ${kind})`;
    return { kind, mode, explicit: value !== undefined, description };
  }
  const value = annotations[KNATIVE_CLASS];
  return value === KNATIVE_HPA
    ? { kind: 'hpa', mode, explicit: true, description: `Knative's HPA class (${KNATIVE_CLASS}: ${KNATIVE_HPA})` }
    : { kind: 'kpa', mode, explicit: value !== undefined, description: 'the Knative pod autoscaler (KPA)' };
}

/**
 * The autoscaler KServe's validating webhook checks a component against
 * (`validateAutoScalingCompExtension`): KPA or HPA outside Standard mode; in Standard mode HPA
 * or KEDA only when `serving.kserve.io/autoscalerClass` names them, nothing otherwise.
 */
export function admissionAutoscaler(object: Manifest): Autoscaler | undefined {
  const a = autoscalerOf(object);
  if (a.mode.name !== 'Standard') return a;
  return a.explicit && (a.kind === 'hpa' || a.kind === 'keda') ? a : undefined;
}
