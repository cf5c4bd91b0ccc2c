import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  checkDerivedNames, checkName, ConstructState, DerivedName, fail, field as join, INamespacedResource, lazy, NameRule, resolveNamespace, Resource,
  ResourceProps, resourceName,
} from '../core';
import { ITenant } from '../tenancy';
import { InferenceService as InferenceServiceWire } from '../wire/serving-kserve-io';
import { Autoscaler, autoscalerAnnotations, resolveAutoscaler } from './autoscaling';
import { CanaryInput, CanaryProps, renderCanaries } from './canary';
import { ServingComponentContext } from './component';
import { DeploymentMode, deploymentModeAnnotation, KNATIVE_REVISION_SUFFIX, SERVING_ANNOTATIONS } from './deployment-mode';
import { ExplainerProps, renderExplainer } from './explainer';
import { PredictorProps, renderPredictor } from './predictor';
import { RolloutProps } from './rollout-plan';
import { renderTransformer, TransformerProps } from './transformer';

export interface InferenceServiceProps extends ResourceProps {
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
  readonly tenant?: ITenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
  /** Service name (also the host name prefix). @default - derived from the construct id */
  readonly name?: string;
  /** Reachable only inside the cluster (`networking.kserve.io/visibility: cluster-local`). @default false */
  readonly clusterLocal?: boolean;
  /** Scales every component to zero and keeps it there (`serving.kserve.io/stop`). @default false */
  readonly stopped?: boolean;
  /**
   * The autoscaler of every component (KServe reads it per service): in Knative mode KPA or
   * HPA (Knative's HPA class), in Standard mode HPA, KEDA, EXTERNAL or NONE.
   * @default - the one the components' metrics need (see `ScaleMetric`); without metrics
   * KPA in Knative mode, HPA in Standard mode, NONE with a predictor `workerSpec`
   */
  readonly autoscaler?: Autoscaler;
}

/** An InferenceService defined in this app, or one that exists outside it (for InferenceGraph steps). */
export interface IInferenceService extends INamespacedResource {}

/** What add*() calls change. */
interface ServiceState {
  readonly transformer?: TransformerProps;
  readonly explainer?: ExplainerProps;
  readonly addedCanaries: readonly CanaryProps[];
}

type ServiceSpec = NonNullable<InferenceServiceWire['spec']>;

/** A state's spec and the annotations that follow from it (the autoscaler its components need). */
interface RenderedService {
  readonly spec: ServiceSpec;
  readonly annotations: Record<string, string>;
}

/**
 * A KServe InferenceService (serving.kserve.io/v1beta1): a predictor given by model format or a
 * custom container, optional transformer and explainer, autoscaling, and canary rollouts, in
 * Knative or Standard deployment mode. Its props are checked at construction; what KServe's
 * webhook and controllers check of the resulting object runs at synth (the kserve policies).
 */
export class InferenceService extends Resource implements IInferenceService {
  /** An InferenceService that exists outside this app, e.g. to route to from an InferenceGraph. */
  public static fromName(scope: Construct, id: string, name: string, namespace: string): IInferenceService {
    return new ExistingInferenceService(scope, id, name, namespace);
  }

  public readonly apiVersion = 'serving.kserve.io/v1beta1';
  public readonly kind = 'InferenceService';
  public readonly name: string;
  public readonly namespace: string;
  public readonly deploymentMode: DeploymentMode;
  public readonly apiObject: ApiObject;
  private readonly props: InferenceServiceProps;
  private readonly state: ConstructState<ServiceState, RenderedService>;

  constructor(scope: Construct, id: string, props: InferenceServiceProps) {
    super(scope, id);
    this.props = props;
    this.deploymentMode = props.deploymentMode ?? DeploymentMode.KNATIVE;
    if (!Object.values(DeploymentMode).includes(this.deploymentMode)) {
      fail(this, 'deploymentMode', `"${this.deploymentMode}" is not a deployment mode`, 'use DeploymentMode.KNATIVE (serverless) or DeploymentMode.STANDARD (raw deployment)');
    }
    // KServe's IsvcRegexp: a DNS-1035 label; the names it derives are checked in render().
    this.name = resourceName(this, props.name, { rule: NameRule.LABEL_1035 });
    this.namespace = resolveNamespace(this, props);
    for (const key of Object.keys(props.metadata?.annotations ?? {})) {
      if (key === SERVING_ANNOTATIONS.deploymentMode || key === SERVING_ANNOTATIONS.autoscalerClass || key === SERVING_ANNOTATIONS.knativeClass) {
        fail(this, `metadata.annotations.${key}`, 'is set by this construct', key === SERVING_ANNOTATIONS.deploymentMode ? 'use the deploymentMode prop' : 'use the autoscaler prop');
      }
    }
    if (props.predictor?.workerSpec && this.deploymentMode !== DeploymentMode.STANDARD) {
      // KServe's Knative reconciler deploys the head pod only: the workers would never start.
      fail(this, 'predictor.workerSpec', `needs Standard mode: in ${this.deploymentMode} mode KServe creates no worker pods`, 'set deploymentMode: DeploymentMode.STANDARD');
    }
    if (props.canary && props.rollout) {
      fail(this, 'rollout', 'is set together with canary', 'a rollout plan makes the canary of its current stage: drop `canary`');
    }
    this.state = new ConstructState<ServiceState, RenderedService>({ transformer: props.transformer, explainer: props.explainer, addedCanaries: [] }, (s) => this.render(s));
    const labels = { ...props.metadata?.labels, ...(props.clusterLocal ? { 'networking.kserve.io/visibility': 'cluster-local' } : {}) };
    this.apiObject = this.emitResource(
      { name: this.name, namespace: this.namespace, appName: 'inference-service', component: 'serving', labels, annotations: this.state.rendered.annotations },
      { spec: lazy(() => this.state.rendered.spec) });
  }

  /** Adds a transformer (pre/post-processing in front of the predictor). */
  public addTransformer(props: TransformerProps): void {
    if (this.state.value.transformer) fail(this, 'transformer', 'is already set', 'an InferenceService has one transformer');
    this.update((s) => ({ ...s, transformer: props }));
  }

  /** Adds an explainer. */
  public addExplainer(props: ExplainerProps): void {
    if (this.state.value.explainer) fail(this, 'explainer', 'is already set', 'an InferenceService has one explainer');
    this.update((s) => ({ ...s, explainer: props }));
  }

  /** Adds a canary: in Standard mode several named canaries may run at once; Knative has one. */
  public addCanary(props: CanaryProps): void {
    if (this.props.rollout) fail(this, 'rollout', 'makes the canary of this service', 'add canaries without a rollout plan, or drop the rollout');
    this.update((s) => ({ ...s, addedCanaries: [...s.addedCanaries, props] }));
  }

  /** Changes the state, and the annotations that follow from it (the autoscaler a new component needs). */
  private update(change: (s: ServiceState) => ServiceState): void {
    this.state.update(change);
    for (const [k, v] of Object.entries(this.state.rendered.annotations)) this.apiObject.metadata.addAnnotation(k, v);
  }

  /** The predictor and canaries after applying the rollout stage, each with its props path. */
  private resolveRollout(state: ServiceState): { predictor: PredictorProps; canaries: CanaryInput[] } {
    const { rollout, predictor } = this.props;
    const added = state.addedCanaries.map((props, i) => ({ field: `canary[${(this.props.canary ? 1 : 0) + i}]`, props }));
    if (!rollout) {
      return { predictor, canaries: [...(this.props.canary ? [{ field: 'canary', props: this.props.canary }] : []), ...added] };
    }
    // The rollout's consistency is checked here, at every stage: the promotion stage's manifest
    // no longer shows the candidate, so no policy over it could.
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
    if (c) return { predictor: { ...predictor, name: c.name, model: c.model, container: c.container }, canaries: [] };
    return { predictor, canaries: [] };
  }

  /** The spec and annotations of a state; throws a ConstructError when the state is invalid. */
  private render(state: ServiceState): RenderedService {
    const mode = this.deploymentMode;
    const { predictor, canaries } = this.resolveRollout(state);
    const autoscaler = resolveAutoscaler(this, mode, [
      { field: 'predictor.autoscaling', props: predictor?.autoscaling },
      { field: 'transformer.autoscaling', props: state.transformer?.autoscaling },
      { field: 'explainer.autoscaling', props: state.explainer?.autoscaling },
    ], { explicit: this.props.autoscaler, fallback: predictor?.workerSpec ? Autoscaler.NONE : undefined });
    const ctx: ServingComponentContext = { namespace: this.namespace, autoscaler };
    const p = renderPredictor(this, 'predictor', ctx, predictor);
    const c = renderCanaries(this, ctx, canaries);
    checkDerivedNames(this, 'name', this.name, this.derivedNames(state, predictor, canaries));
    const annotations: Record<string, string> = {
      ...this.props.metadata?.annotations,
      [SERVING_ANNOTATIONS.deploymentMode]: deploymentModeAnnotation(this, mode),
      ...autoscalerAnnotations(mode, autoscaler),
      ...(this.props.stopped ? { [SERVING_ANNOTATIONS.stop]: 'true' } : {}),
    };
    return {
      annotations,
      spec: {
        predictor: { ...p.spec, canaryTrafficPercent: c.canaryTrafficPercent },
        transformer: state.transformer ? renderTransformer(this, 'transformer', ctx, state.transformer) : undefined,
        explainer: state.explainer ? renderExplainer(this, 'explainer', ctx, state.explainer) : undefined,
        canary: c.canary,
      },
    };
  }

  /**
   * KServe names each component's Deployment/Service (Knative: Service and revisions)
   * `<name>[-<predictor name>]-predictor`, `<name>-transformer`, `<name>-explainer`
   * (`constants.PredictorServiceName` and friends); each must fit a 63-character DNS label.
   */
  private derivedNames(state: ServiceState, predictor: PredictorProps, canaries: CanaryInput[]): DerivedName[] {
    const revision = this.deploymentMode === DeploymentMode.KNATIVE ? KNATIVE_REVISION_SUFFIX : '';
    const by = 'KServe names a component\'s Deployment and Service';
    return [
      { suffix: `${predictor.name ? `-${predictor.name}` : ''}-predictor${revision}`, by },
      ...(state.transformer ? [{ suffix: `-transformer${revision}`, by }] : []),
      ...(state.explainer ? [{ suffix: `-explainer${revision}`, by }] : []),
      ...canaries.filter((c) => c.props.name).map((c) => ({ suffix: `-${c.props.name}-predictor`, by })),
    ];
  }
}

class ExistingInferenceService extends Construct implements IInferenceService {
  constructor(scope: Construct, id: string, public readonly name: string, public readonly namespace: string) {
    super(scope, id);
    checkName(this, 'name', name, NameRule.LABEL_1035);
    checkName(this, 'namespace', namespace, NameRule.LABEL);
  }
}
