import { IConstruct } from 'constructs';
import { checkName, fail, field as join, NameRule, checkCount } from '../core';
import { Autoscaler } from './autoscaling';
import { ServingComponentContext, KSERVE_CONTAINER } from './component';
import { DeploymentMode } from './deployment-mode';
import { ModelProps, PredictorContainerProps, PredictorProps, renderPredictor } from './predictor';
import { CanarySpec } from './wire';

/**
 * A canary: a share of the traffic goes to a candidate model. KServe v0.20 has two kinds, one
 * per deployment mode:
 *
 * - **Knative**: the predictor as written *is* the candidate. Knative creates a new revision for it
 *   and sends `trafficPercent` to it, the rest to the previously rolled-out revision
 *   (`canaryTrafficPercent`). Give only `trafficPercent`.
 * - **Standard**: the predictor stays the stable model and the candidate runs beside it with fixed
 *   replicas (`spec.canary`). Give `name`, the candidate's `model` (or `container`) and `trafficPercent`.
 *   Promote by making the candidate the predictor, named `name`, and removing the canary.
 */
export interface CanaryProps {
  /**
   * Percent of requests for the candidate, 0–100. In Standard mode 0 sends it none, and with the
   * default `replicas` (a share of the predictor's) it then runs no pods either.
   */
  readonly trafficPercent: number;
  /** Standard mode: the candidate's name (its Deployment is `<service>-<name>-predictor`). @default - none (Knative canary) */
  readonly name?: string;
  /** Standard mode: the candidate model. @default - none (Knative canary) */
  readonly model?: ModelProps;
  /** Standard mode: the candidate as a custom server. @default - none */
  readonly container?: PredictorContainerProps;
  /**
   * Standard mode: the candidate's fixed replicas, at most the predictor's minReplicas.
   * @default - KServe's share: ceil(predictor minReplicas × trafficPercent / 100)
   */
  readonly replicas?: number;
}

/** One canary and where it sits in the user's props (`canary`, or `canary[1]` for added ones). @internal */
export interface CanaryInput {
  readonly field: string;
  readonly props: CanaryProps;
}

/** The fields canaries add: `predictor.canaryTrafficPercent` (Knative) or `spec.canary` (Standard). @internal */
export interface RenderedCanaries {
  readonly canaryTrafficPercent?: number;
  readonly canary?: CanarySpec[];
}

/**
 * Validates canaries against the mode and renders them. The Standard-mode rules mirror KServe's
 * `validateCanarySpecs` (inference_service_validation.go): Standard mode only, the stable predictor
 * has a model, each canary is named (uniquely, not as the predictor), 0–100 % each and ≤ 100 % in
 * total, exactly one implementation, no autoscaling and no more replicas than the predictor's
 * minimum. Knative canaries follow the ksvc reconciler, which honours `canaryTrafficPercent`.
 * @internal
 */
export function renderCanaries(scope: IConstruct, ctx: ServingComponentContext, predictor: PredictorProps, stableStorageUri: string | undefined, canaries: CanaryInput[]): RenderedCanaries {
  if (canaries.length === 0) return {};
  for (const c of canaries) checkPercent(scope, join(c.field, 'trafficPercent'), c.props.trafficPercent);
  if (ctx.mode === DeploymentMode.KNATIVE) {
    if (canaries.length > 1) {
      fail(scope, canaries[1].field, 'Knative mode splits traffic between two revisions only, so it has one canary', 'remove the extra canary, or use DeploymentMode.STANDARD for several named canaries');
    }
    const c = canaries[0];
    for (const key of ['name', 'model', 'container', 'replicas'] as const) {
      if (c.props[key] !== undefined) {
        fail(scope, join(c.field, key), 'is for Standard mode\'s named canaries; KServe: "canary is only supported in Standard deployment mode"',
          'in Knative mode the predictor is the candidate: put the new model in `predictor` and give the canary only trafficPercent (or use DeploymentMode.STANDARD)');
      }
    }
    return { canaryTrafficPercent: c.props.trafficPercent };
  }

  if (!predictor.model && !stableStorageUri) {
    fail(scope, 'predictor', 'canary requires a stable predictor with a model (KServe)', 'serve the stable predictor from `model`, or from a container with a storageUri');
  }
  const names = new Set<string>();
  let total = 0;
  const rendered = canaries.map((c) => {
    const { name, model, container, replicas, trafficPercent } = c.props;
    if (name === undefined || (model === undefined && container === undefined)) {
      fail(scope, join(c.field, name === undefined ? 'name' : 'model'),
        'Standard mode has no revisions to split traffic between (KServe\'s raw deployment ignores canaryTrafficPercent): a canary needs a name and the candidate model',
        'give the canary `name` and `model` (the candidate), or use DeploymentMode.KNATIVE for a revision canary');
    }
    checkName(scope, join(c.field, 'name'), name, NameRule.LABEL);
    if (names.has(name)) fail(scope, join(c.field, 'name'), `canary predictor.name "${name}" is duplicated`, 'give each canary its own name');
    if (name === predictor.name) fail(scope, join(c.field, 'name'), `canary predictor.name "${name}" conflicts with stable predictor name`, 'give the canary another name');
    names.add(name);
    total += trafficPercent;
    const stableMin = predictor.autoscaling?.minReplicas ?? 1;
    if (replicas !== undefined) {
      checkCount(scope, join(c.field, 'replicas'), replicas, 1, 'give the canary\'s fixed replicas');
      if (replicas > stableMin) {
        fail(scope, join(c.field, 'replicas'), `canary replicas (${replicas}) must not exceed stable predictor minReplicas (${stableMin})`, `lower replicas to at most ${stableMin}, or raise predictor.autoscaling.minReplicas`);
      }
    }
    // Canaries run fixed replicas: KServe zeroes their autoscaling (buildCanaryPredictor), so the
    // canary renders with no metric whatever the service's autoscaler is.
    const spec = renderPredictor(scope, c.field, { ...ctx, autoscaler: Autoscaler.HPA }, { name, model, container }).spec;
    // The v0.20 CRD requires a container name in a canary's model (the predictor's model has the
    // requirement patched out); the runtime's own container name keeps the merged pod unchanged.
    const withName = spec.model ? { ...spec, model: { ...spec.model, name: KSERVE_CONTAINER } } : spec;
    // The canary's CRD copy of the predictor marks probe ports required; the predictor renders no probes.
    return { predictor: { ...withName, minReplicas: replicas } as CanarySpec['predictor'], trafficPercent };
  });
  if (total > 100) {
    fail(scope, canaries[canaries.length - 1].field, `sum of canary trafficPercent values (${total}) must be <= 100`, 'lower the canaries\' shares');
  }
  return { canary: rendered };
}

function checkPercent(scope: IConstruct, field: string, percent: number): void {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    fail(scope, field, `must be a whole percentage between 0 and 100, got ${percent}`, 'give the share of requests for the candidate, e.g. 10');
  }
}
