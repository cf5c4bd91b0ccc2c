import { IConstruct } from 'constructs';
import { checkCount, checkName, fail, field as join, NameRule, requireRelease } from '../core';
import { ServingComponentContext, KSERVE_CONTAINER } from './component';
import { ModelProps, PredictorContainerProps, renderPredictor } from './predictor';
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
 * Renders canaries by their shape: one given only a `trafficPercent` is a revision canary
 * (`predictor.canaryTrafficPercent`); one with a name, model, container or replicas is a named
 * canary (`spec.canary`). Checks the typed props (percentages, replicas, names); whether the
 * canaries suit the mode and the stable predictor is the `kserve/canary-specs` and
 * `kserve/canary-traffic-percent` policies' business at synth.
 * @internal
 */
export function renderCanaries(scope: IConstruct, ctx: ServingComponentContext, canaries: CanaryInput[]): RenderedCanaries {
  if (canaries.length === 0) return {};
  for (const c of canaries) checkPercent(scope, join(c.field, 'trafficPercent'), c.props.trafficPercent);
  const isRevision = (c: CanaryInput) => NAMED_FIELDS.every((key) => c.props[key] === undefined);
  const revisions = canaries.filter(isRevision);
  if (revisions.length > 1) {
    fail(scope, revisions[1].field, 'a revision canary splits traffic between the latest and the previous revision, so there is one at most', 'remove the extra canary, or name the candidates (Standard mode\'s named canaries)');
  }
  const named = canaries.filter((c) => !isRevision(c)).map((c) => {
    const { name, model, container, replicas, trafficPercent } = c.props;
    // Older CRDs lack spec.canary: the API server would prune it and the canary would never run.
    requireRelease(scope, c.field, 'kserve', '0.20.0', 'a named canary (spec.canary, Standard mode)');
    if (name !== undefined) checkName(scope, join(c.field, 'name'), name, NameRule.LABEL);
    if (replicas !== undefined) checkCount(scope, join(c.field, 'replicas'), replicas, 1, 'give the canary\'s fixed replicas');
    // Canaries run fixed replicas: KServe zeroes their autoscaling (buildCanaryPredictor).
    const spec = renderPredictor(scope, c.field, ctx, { name, model, container }).spec;
    // The v0.20 CRD requires a container name in a canary's model (the predictor's model has the
    // requirement patched out); the runtime's own container name keeps the merged pod unchanged.
    const withName = spec.model ? { ...spec, model: { ...spec.model, name: KSERVE_CONTAINER } } : spec;
    // The canary's CRD copy of the predictor marks probe ports required; the predictor renders no probes.
    return { predictor: { ...withName, minReplicas: replicas } as CanarySpec['predictor'], trafficPercent };
  });
  return { canaryTrafficPercent: revisions[0]?.props.trafficPercent, canary: named.length ? named : undefined };
}

/** The props only a named (Standard mode) canary has. */
const NAMED_FIELDS = ['name', 'model', 'container', 'replicas'] as const;

function checkPercent(scope: IConstruct, field: string, percent: number): void {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    fail(scope, field, `must be a whole percentage between 0 and 100, got ${percent}`, 'give the share of requests for the candidate, e.g. 10');
  }
}
