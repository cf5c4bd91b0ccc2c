import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { emit, fail, field as join, lazy, NameRule, resolveNamespace, resourceName } from '../core';
import { Tenant } from '../tenancy';
import { autoscalerAnnotations, defaultAutoscaler, resolveAutoscaler } from './autoscaling';
import { CanaryInput, CanaryProps, renderCanaries } from './canary';
import { ServingComponentContext } from './component';
import { DeploymentMode, KNATIVE_REVISION_SUFFIX, SERVING_ANNOTATIONS } from './deployment-mode';
import { ExplainerProps, renderExplainer } from './explainer';
import { PredictorProps, renderPredictor } from './predictor';
import { RolloutProps } from './rollout-plan';
import { renderTransformer, TransformerProps } from './transformer';

export interface InferenceServiceProps {
  /** The model server. */
  readonly predictor: PredictorProps;
  /** Pre/post-processing in front of the predictor. @default - none */
  readonly transformer?: TransformerProps;
  /** Explanations of the predictor's answers. @default - none */
  readonly explainer?: ExplainerProps;
  /**
   * @default DeploymentMode.KNATIVE (the mode Kubeflow installs KServe in, and the default of
   * KServe's `inferenceservice-config`); always written to the manifest, so the cluster's
   * default does not matter
   */
  readonly deploymentMode?: DeploymentMode;
  /** Sends a share of the traffic to a candidate model; see {@link CanaryProps} for the two modes. @default - none */
  readonly canary?: CanaryProps;
  /** A staged canary rollout (instead of `canary`). @default - none */
  readonly rollout?: RolloutProps;
  /** @default - `namespace` */
  readonly tenant?: Tenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
  /** Service name (also the host name prefix). @default - derived from the construct id */
  readonly name?: string;
  /** Reachable only inside the cluster (`networking.kserve.io/visibility: cluster-local`). @default false */
  readonly clusterLocal?: boolean;
  /** Scales every component to zero and keeps it there (`serving.kserve.io/stop`). @default false */
  readonly stopped?: boolean;
  /** Extra labels of the InferenceService. @default - none */
  readonly labels?: Record<string, string>;
  /** Extra annotations of the InferenceService (e.g. KServe feature flags). @default - none */
  readonly annotations?: Record<string, string>;
}

const MAX_NAME = 63;

/**
 * A KServe InferenceService (serving.kserve.io/v1beta1): a predictor given by model format or a
 * custom container, optional transformer and explainer, autoscaling, and canary rollouts, in
 * Knative or Standard deployment mode. Checked at construction the way KServe's validating
 * webhook checks it (pkg/apis/serving/v1beta1/inference_service_validation.go).
 */
export class InferenceService extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  public readonly deploymentMode: DeploymentMode;
  private readonly props: InferenceServiceProps;
  private transformer?: TransformerProps;
  private explainer?: ExplainerProps;
  private readonly addedCanaries: CanaryProps[] = [];
  private readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: InferenceServiceProps) {
    super(scope, id);
    this.props = props;
    this.deploymentMode = props.deploymentMode ?? DeploymentMode.KNATIVE;
    if (!Object.values(DeploymentMode).includes(this.deploymentMode)) {
      fail(this, 'deploymentMode', `"${this.deploymentMode}" is not a deployment mode`, 'use DeploymentMode.KNATIVE (serverless) or DeploymentMode.STANDARD (raw deployment)');
    }
    // KServe's IsvcRegexp: a DNS-1035 label; derived object names are checked in render().
    this.name = resourceName(this, props.name, NameRule.LABEL_1035);
    this.namespace = resolveNamespace(this, props);
    for (const key of Object.keys(props.annotations ?? {})) {
      if (key === SERVING_ANNOTATIONS.deploymentMode || key === SERVING_ANNOTATIONS.autoscalerClass || key === SERVING_ANNOTATIONS.knativeClass) {
        fail(this, `annotations.${key}`, 'is set by this construct', key === SERVING_ANNOTATIONS.deploymentMode ? 'use the deploymentMode prop' : 'choose the autoscaler with ScaleMetric (autoscaling.metric)');
      }
    }
    if (props.canary && props.rollout) {
      fail(this, 'rollout', 'is set together with canary', 'a rollout plan makes the canary of its current stage: drop `canary`');
    }
    this.transformer = props.transformer;
    this.explainer = props.explainer;
    // Render once now so that bad input fails here, with this construct's path, not at synth.
    const first = this.render();
    this.resource = emit(this, 'Resource', { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService' },
      {
        name: this.name, namespace: this.namespace, appName: 'inference-service', component: 'serving',
        labels: { ...props.labels, ...(props.clusterLocal ? { 'networking.kserve.io/visibility': 'cluster-local' } : {}) },
        annotations: first.annotations,
      },
      { spec: lazy(() => this.render().spec) });
  }

  /** Adds a transformer (pre/post-processing in front of the predictor). */
  public addTransformer(props: TransformerProps): void {
    if (this.transformer) fail(this, 'transformer', 'is already set', 'an InferenceService has one transformer');
    this.mutate(() => { this.transformer = props; }, () => { this.transformer = undefined; });
  }

  /** Adds an explainer. */
  public addExplainer(props: ExplainerProps): void {
    if (this.explainer) fail(this, 'explainer', 'is already set', 'an InferenceService has one explainer');
    this.mutate(() => { this.explainer = props; }, () => { this.explainer = undefined; });
  }

  /** Adds a canary: in Standard mode several named canaries may run at once; Knative has one. */
  public addCanary(props: CanaryProps): void {
    if (this.props.rollout) fail(this, 'rollout', 'makes the canary of this service', 'add canaries without a rollout plan, or drop the rollout');
    this.mutate(() => { this.addedCanaries.push(props); }, () => { this.addedCanaries.pop(); });
  }

  /** Applies a change, validates by rendering, and undoes the change if it is invalid. */
  private mutate(apply: () => void, undo: () => void): void {
    apply();
    try {
      const { annotations } = this.render();
      for (const [k, v] of Object.entries(annotations)) this.resource.metadata.addAnnotation(k, v);
    } catch (e) {
      undo();
      throw e;
    }
  }

  /** The predictor and canaries after applying the rollout stage, each with its props path. */
  private resolveRollout(): { predictor: PredictorProps; canaries: CanaryInput[] } {
    const { rollout, predictor } = this.props;
    const added = this.addedCanaries.map((props, i) => ({ field: `canary[${(this.props.canary ? 1 : 0) + i}]`, props }));
    if (!rollout) {
      return { predictor, canaries: [...(this.props.canary ? [{ field: 'canary', props: this.props.canary }] : []), ...added] };
    }
    rollout.plan._validate(this, 'rollout', rollout.stage);
    const named = rollout.candidate !== undefined;
    if (this.deploymentMode === DeploymentMode.KNATIVE && named) {
      fail(this, 'rollout.candidate', 'is for Standard mode, where the candidate runs beside the predictor; in Knative mode the predictor as written is the candidate',
        'put the new model in `predictor` and drop `candidate` (or use DeploymentMode.STANDARD)');
    }
    if (this.deploymentMode === DeploymentMode.STANDARD && !named) {
      fail(this, 'rollout.candidate', 'is missing: Standard mode has no revisions to split traffic between, so the candidate runs beside the predictor',
        'give `candidate: { name, model }` (or use DeploymentMode.KNATIVE, where the predictor is the candidate)');
    }
    const c = rollout.candidate;
    if (c && (c.model || c.container)) {
      // The promotion renames the predictor, and KServe's webhook rejects that update unless the
      // storage URI changes too (validatePredictorNameChange); caught at every stage, not only the last.
      const uriOf = (p: Pick<PredictorProps, 'model' | 'container'>) => (p.model ?? p.container)?.storageUri?.uri;
      if (uriOf(c) === uriOf(predictor)) {
        fail(this, join('rollout.candidate', c.model ? 'model' : 'container', 'storageUri'),
          `is the predictor's (${uriOf(c) ?? 'none'}), so KServe would reject the promotion stage, which renames the predictor: "predictor.name change requires a model change (e.g. storageUri)"`,
          'give the candidate the storageUri of the new model version');
      }
    }
    if (rollout.stage < rollout.plan.promotionStage) {
      return { predictor, canaries: [{ field: rollout.candidate ? 'rollout.candidate' : 'rollout', props: { ...rollout.candidate, trafficPercent: rollout.plan.steps[rollout.stage] } }] };
    }
    // Promotion. Knative: no canary, so Knative sends all traffic to the latest revision.
    // Standard: KServe's documented promotion, "set predictor.name to the canary name and remove the canary entry".
    if (c) {
      // Checked like a canary first, so that a promotion stage reports the same errors.
      renderCanaries(this, { mode: this.deploymentMode, autoscaler: defaultAutoscaler(this.deploymentMode), namespace: this.namespace }, predictor, undefined, [{ field: 'rollout.candidate', props: { ...c, trafficPercent: 100 } }]);
      return { predictor: { ...predictor, name: c.name, model: c.model, container: c.container }, canaries: [] };
    }
    return { predictor, canaries: [] };
  }

  private render(): { spec: Record<string, unknown>; annotations: Record<string, string> } {
    const mode = this.deploymentMode;
    const { predictor, canaries } = this.resolveRollout();
    const autoscaler = resolveAutoscaler(this, mode, [
      { field: 'predictor.autoscaling', props: predictor?.autoscaling },
      { field: 'transformer.autoscaling', props: this.transformer?.autoscaling },
      { field: 'explainer.autoscaling', props: this.explainer?.autoscaling },
    ]);
    const ctx: ServingComponentContext = { mode, autoscaler, namespace: this.namespace };
    const p = renderPredictor(this, 'predictor', ctx, predictor);
    const c = renderCanaries(this, ctx, predictor, p.storageUri, canaries);
    this.checkDerivedNames(predictor, canaries);
    const annotations: Record<string, string> = {
      ...this.props.annotations,
      [SERVING_ANNOTATIONS.deploymentMode]: mode,
      ...autoscalerAnnotations(mode, autoscaler),
      ...(this.props.stopped ? { [SERVING_ANNOTATIONS.stop]: 'true' } : {}),
    };
    return {
      annotations,
      spec: {
        predictor: { ...p.spec, canaryTrafficPercent: c.canaryTrafficPercent },
        transformer: this.transformer ? renderTransformer(this, 'transformer', ctx, this.transformer) : undefined,
        explainer: this.explainer ? renderExplainer(this, 'explainer', ctx, this.explainer) : undefined,
        canary: c.canary,
      },
    };
  }

  /**
   * KServe names each component's Deployment/Service (Knative: Service and revisions)
   * `<name>[-<predictor name>]-predictor`, `<name>-transformer`, `<name>-explainer`
   * (`constants.PredictorServiceName` and friends); each must fit a 63-character DNS label.
   */
  private checkDerivedNames(predictor: PredictorProps, canaries: CanaryInput[]): void {
    const suffix = this.deploymentMode === DeploymentMode.KNATIVE ? KNATIVE_REVISION_SUFFIX : '';
    const derived = [
      `${this.name}${predictor.name ? `-${predictor.name}` : ''}-predictor${suffix}`,
      ...(this.transformer ? [`${this.name}-transformer${suffix}`] : []),
      ...(this.explainer ? [`${this.name}-explainer${suffix}`] : []),
      ...canaries.filter((c) => c.props.name).map((c) => `${this.name}-${c.props.name}-predictor`),
    ];
    const longest = derived.reduce((a, b) => (b.length > a.length ? b : a));
    if (longest.length > MAX_NAME) {
      fail(this, 'name', `KServe derives "${longest}" (${longest.length} characters) from the service name; Kubernetes allows ${MAX_NAME}`,
        `shorten the service name${predictor.name || canaries.some((c) => c.props.name) ? ' or the predictor/canary name' : ''} by ${longest.length - MAX_NAME} characters`);
    }
  }
}
