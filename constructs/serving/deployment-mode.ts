import { IConstruct } from 'constructs';
import { Release } from '../core';

/**
 * How KServe deploys an InferenceService or InferenceGraph, rendered as the
 * `serving.kserve.io/deploymentMode` annotation.
 *
 * KServe v0.16 renamed the modes: `Serverless` became `Knative` and `RawDeployment` became
 * `Standard` (kserve#4608). Both spellings are offered here; the manifest carries the name the
 * target release's KServe knows (see {@link deploymentModeAnnotation}).
 */
export enum DeploymentMode {
  /**
   * Knative Serving: revisions, scale to zero, the Knative pod autoscaler (concurrency, rps) and
   * traffic-split canaries between the latest and the previous revision.
   */
  KNATIVE = 'Knative',
  /** The pre-v0.16 name of {@link DeploymentMode.KNATIVE}. */
  SERVERLESS = 'Knative', // eslint-disable-line @typescript-eslint/no-duplicate-enum-values -- an alias
  /**
   * Plain Deployments, Services and HorizontalPodAutoscalers (or KEDA ScaledObjects): no Knative
   * needed; CPU/memory autoscaling; named canaries with fixed replicas (`spec.canary`).
   */
  STANDARD = 'Standard',
  /** The pre-v0.16 name of {@link DeploymentMode.STANDARD}. */
  RAW_DEPLOYMENT = 'Standard', // eslint-disable-line @typescript-eslint/no-duplicate-enum-values -- an alias
}

/**
 * The `serving.kserve.io/deploymentMode` value for `mode` on the KServe of the scope's release:
 * the current names from 0.16 on; `Serverless`/`RawDeployment` before, which know only those.
 * Never the old names on 0.16 and later: 0.16 rejects updates that carry them (kserve#4798) and
 * 0.17+ rewrites them on admission, which Argo CD would show as drift forever.
 * @internal
 */
export function deploymentModeAnnotation(scope: IConstruct, mode: DeploymentMode): string {
  if (Release.of(scope).atLeast('kserve', '0.16.0')) return mode;
  return mode === DeploymentMode.KNATIVE ? 'Serverless' : 'RawDeployment';
}

/** Annotation keys KServe and Knative read from an InferenceService or InferenceGraph. @internal */
export const SERVING_ANNOTATIONS = {
  deploymentMode: 'serving.kserve.io/deploymentMode',
  /** Standard mode's autoscaler: hpa (default), keda, external or none (`constants.AutoscalerClass`). */
  autoscalerClass: 'serving.kserve.io/autoscalerClass',
  /** Knative's autoscaler class: KPA (default) or HPA (`autoscaling.ClassAnnotationKey`). */
  knativeClass: 'autoscaling.knative.dev/class',
  /** Scales the service to zero and keeps it there (`constants.StopAnnotationKey`). */
  stop: 'serving.kserve.io/stop',
} as const;

/** Knative's HPA autoscaler class (`autoscaling.HPA` in knative.dev/serving). @internal */
export const KNATIVE_HPA_CLASS = 'hpa.autoscaling.knative.dev';
/** Knative's own pod autoscaler class (`autoscaling.KPA`). @internal */
export const KNATIVE_KPA_CLASS = 'kpa.autoscaling.knative.dev';

/** Knative names a Service's first revision `<service>-00001`; the name must fit a 63-character label. @internal */
export const KNATIVE_REVISION_SUFFIX = '-00001';
