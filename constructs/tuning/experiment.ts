import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkCount, fail, NameRule, resolveNamespace, Resource, ResourceProps, resourceName, warn, warnNamespaceLabel } from '../core';
import { ITenant } from '../tenancy';
import { Experiment as ExperimentWire } from '../wire/kubeflow-org';
import { Algorithm } from './algorithm';
import { EarlyStopping } from './early-stopping';
import { MetricsCollector } from './metrics-collector';
import { NasConfigProps, renderNas, validateNas } from './nas';
import { Metric } from './objective';
import { ResumePolicy } from './resume-policy';
import { SearchParameter } from './search-space';
import { shellWordProblem } from './shell-word';
import { ITrialParameter, TrialMetadata } from './trial-parameter';
import { BoundTrialTemplate, TrialTemplate } from './trial-template';

/** Katib names each trial, and its job, `<experiment>-<8 random characters>` (suggestionclient.go in kubeflow/katib). */
const TRIAL_NAME_SUFFIX = '-xxxxxxxx';
/** Katib's webhook limits experiment names to 40 characters (validateExperiment in validator.go). */
const KATIB_MAX_NAME_LENGTH = 40;

/** The namespace label without which Katib's webhook rejects experiments and injects no metrics collector. */
export const KATIB_INJECTION_LABEL = { key: 'katib.kubeflow.org/metrics-collector-injection', value: 'enabled' } as const;

export interface ExperimentProps extends ResourceProps {
  /** What to optimize: `Metric.maximize('accuracy', { goal: 0.95 })`. */
  readonly objective: Metric;
  /** How to search: `Algorithm.bayesianOptimization()`, `Algorithm.tpe()`, `Algorithm.grid()`, … */
  readonly algorithm: Algorithm;
  /** The job each trial runs, with the parameters' `ref`s where their values go. */
  readonly trialTemplate: TrialTemplate;
  /**
   * The search space: `[SearchSpace.double('lr', {...}), …]`. Each must be used by the trial
   * template. Not with `nas`.
   * @default - none (then `nas` is required)
   */
  readonly parameters?: SearchParameter[];
  /** The architecture search space, for `Algorithm.enas()` and `Algorithm.darts()`. @default - none */
  readonly nas?: NasConfigProps;
  /**
   * Experiment name. Katib names each trial and its job `<name>-<8 characters>`, so it must be a
   * DNS-1035 label of at most 40 characters, and short enough for the pod names the trial job's
   * controller derives (e.g. at most 24 characters for a TrainJob with a dataset initializer).
   * @default - derived from the construct id, shortened to fit
   */
  readonly name?: string;
  /**
   * The tenant whose namespace runs the experiment. Its namespace gets the label Katib needs
   * (`katib.kubeflow.org/metrics-collector-injection: enabled`); with `namespace` alone, synth
   * warns that the namespace needs it.
   * @default - `namespace`
   */
  readonly tenant?: ITenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
  /** Trials run at the same time. @default 3 (Katib's default), or maxTrialCount when that is smaller */
  readonly parallelTrialCount?: number;
  /** Trials in total; the experiment succeeds when this many succeeded. @default - no limit: until the goal is reached (or the grid is exhausted) */
  readonly maxTrialCount?: number;
  /** Failed trials after which the experiment fails. @default - no limit */
  readonly maxFailedTrialCount?: number;
  /** @default ResumePolicy.NEVER (FROM_VOLUME with PBT) */
  readonly resumePolicy?: ResumePolicy;
  /** @default - trials run to the end */
  readonly earlyStopping?: EarlyStopping;
  /** @default MetricsCollector.stdOut() */
  readonly metricsCollector?: MetricsCollector;
}

/**
 * A Katib hyperparameter-tuning or architecture-search experiment (`kubeflow.org/v1beta1`).
 *
 * The construct checks its typed props at construction (counts, ranges, names, settings). What
 * Katib's admission webhook (kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go)
 * and the algorithm's suggestion service would reject across fields is checked by the `katib/*`
 * policy rules, which synth runs on the emitted object and reports with this construct's path.
 * It renders Katib's defaults explicitly (parallel trials, resume policy, metric strategies,
 * distributions, success and failure conditions, collector), so the manifest says what runs and
 * Katib's mutating webhook changes nothing.
 *
 * Katib accepts changes to a running experiment's trial counts only; to change anything else,
 * rename the experiment.
 */
export class Experiment extends Resource {
  public readonly apiVersion = 'kubeflow.org/v1beta1';
  public readonly kind = 'Experiment';
  public readonly name: string;
  public readonly namespace: string;
  /** The emitted object (escape hatches such as `addJsonPatch` live here). */
  public readonly apiObject: ApiObject;
  /** The trial parameters the template substitutes, in wire order. */
  public readonly trialParameters: ITrialParameter[];
  private readonly trial: BoundTrialTemplate;

  constructor(scope: Construct, id: string, props: ExperimentProps) {
    super(scope, id);
    this.namespace = resolveNamespace(this, props);
    const parameters = props.parameters ?? [];
    const counts = this.checkCounts(props);
    props.objective._validate(this, 'objective');
    this.checkParameters(props, parameters);
    const collector = props.metricsCollector ?? MetricsCollector.stdOut();
    collector._validate(this, 'metricsCollector');
    this.checkCollection(props, collector);
    const resumePolicy = props.resumePolicy ?? (props.algorithm.name === 'pbt' ? ResumePolicy.FROM_VOLUME : ResumePolicy.NEVER);
    props.algorithm._validate(this, 'algorithm', { maxTrialCount: props.maxTrialCount });
    props.earlyStopping?._validate(this, 'earlyStopping');

    this.trial = props.trialTemplate._bind(this, this.namespace);
    // Katib names each trial, and its job, after the experiment: the job's own limit applies too.
    const maxJob = this.trial.maxJobNameLength;
    this.name = resourceName(this, props.name, {
      rule: NameRule.LABEL_1035, maxLength: KATIB_MAX_NAME_LENGTH,
      derived: maxJob === undefined ? [] : [{ suffix: TRIAL_NAME_SUFFIX, by: `Katib names each trial's ${this.trial.kind.kind}`, limit: maxJob }],
    });
    this.trialParameters = this.resolveTrialParameters(props, parameters);
    this.checkCommandWrapping(collector, props.algorithm);
    if (!this.trial.kind.watchedByDefault) {
      warn(this, 'trialTemplate', `Katib's default configuration does not watch ${this.trial.kind.kind} trials`,
        `add "${this.trial.kind.trialResource}" to trialResources in the katib-config ConfigMap (and let Katib's controller access it)`);
    }
    if (props.maxTrialCount === undefined && props.objective.goal === undefined && props.algorithm.name !== 'grid') {
      warn(this, 'maxTrialCount', 'is not set and the objective has no goal, so the experiment never ends', 'set maxTrialCount, or a goal on the objective');
    }
    // Katib's webhook rejects experiments in a namespace without this label; a Profile's own
    // labels do not reach its namespace, so the tenant labels the namespace itself.
    if (props.tenant) {
      props.tenant.addNamespaceLabel(KATIB_INJECTION_LABEL.key, KATIB_INJECTION_LABEL.value);
    } else {
      // Katib rejects experiments in a namespace without the label; this construct cannot see the namespace.
      warnNamespaceLabel(this, this.namespace, KATIB_INJECTION_LABEL.key, KATIB_INJECTION_LABEL.value);
    }

    const trial = this.trial;
    const spec: ExperimentWire['spec'] = {
      objective: props.objective._render(),
      algorithm: props.algorithm._render(),
      earlyStopping: props.earlyStopping?._render(),
      parallelTrialCount: counts.parallel,
      maxTrialCount: props.maxTrialCount,
      maxFailedTrialCount: props.maxFailedTrialCount,
      resumePolicy,
      parameters: parameters.length ? parameters.map((p) => p._render()) : undefined,
      nasConfig: props.nas ? renderNas(props.nas) : undefined,
      metricsCollectorSpec: collector._render(this),
      trialTemplate: {
        primaryContainerName: trial.primaryContainerName,
        primaryPodLabels: trial.primaryPodLabels,
        successCondition: trial.kind.successCondition,
        failureCondition: trial.kind.failureCondition,
        retain: trial.retain || undefined,
        trialParameters: this.trialParameters.map((p) => ({ name: p.name, description: p.description, reference: p.reference })),
        trialSpec: trial.trialSpec,
        configMap: trial.configMap,
      },
    };
    this.apiObject = this.emitResource({ name: this.name, namespace: this.namespace, appName: 'experiment', component: 'tuning', ...props.metadata }, { spec });
  }

  /** Trial counts as whole numbers; their relations are the katib/trial-counts rule's. */
  private checkCounts(props: ExperimentProps): { parallel: number } {
    const whole = (field: keyof ExperimentProps, n: number | undefined, min: number) => {
      if (n !== undefined) checkCount(this, field, n, min, `give a count such as ${min === 0 ? 3 : 12}`);
    };
    whole('parallelTrialCount', props.parallelTrialCount, 1);
    whole('maxTrialCount', props.maxTrialCount, 1);
    whole('maxFailedTrialCount', props.maxFailedTrialCount, 0);
    // DefaultTrialParallelCount in pkg/apis/controller/experiments/v1beta1/constants.go, which
    // Katib's webhook would find above a smaller maxTrialCount.
    return { parallel: props.parallelTrialCount ?? Math.min(3, props.maxTrialCount ?? 3) };
  }

  private checkParameters(props: ExperimentProps, parameters: SearchParameter[]): void {
    for (const p of parameters) p._validate(this, `parameters.${p.name}`);
    if (props.nas) validateNas(this, 'nas', props.nas);
  }

  /** Early stopping needs a collector that stops trials (nothing would fail, it would just never stop one). */
  private checkCollection(props: ExperimentProps, collector: MetricsCollector): void {
    if (props.earlyStopping && !collector.supportsEarlyStopping) {
      fail(this, 'earlyStopping', `needs the StdOut or File metrics collector (Katib's file-metrics-collector stops trials), not ${collector.kind}`,
        'use MetricsCollector.stdOut() or MetricsCollector.file({...}), or remove earlyStopping');
    }
  }

  /**
   * The trialParameters: the ConfigMap template's as given, else every placeholder of the trial
   * spec that is a declared parameter, a value of the NAS algorithm or trial metadata. What does
   * not fit (an undeclared placeholder, a parameter the trial does not use) is reported by the
   * katib/trial-parameter-placeholders and katib/trial-parameter-assignments rules at synth.
   */
  private resolveTrialParameters(props: ExperimentProps, parameters: SearchParameter[]): ITrialParameter[] {
    if (this.trial.explicitParameters) {
      return Object.entries(this.trial.explicitParameters).map(([name, p]) => ({ name, reference: p.reference, description: p.description, ref: p.ref }));
    }
    const byName = new Map<string, ITrialParameter>([...parameters, ...props.algorithm.suggestionOutputs].map((p) => [p.name, p]));
    const used = this.trial.placeholders.flatMap((name) => {
      const p = byName.get(name) ?? TrialMetadata.fromName(name);
      return p ? [p] : [];
    });
    // Declared parameters first, in their order, then NAS values and metadata as they appear.
    const order = [...parameters, ...props.algorithm.suggestionOutputs];
    return [...used].sort((a, b) => rank(order, a) - rank(order, b));
  }

  /**
   * StdOut, File and TensorFlowEvent collectors make Katib run the primary container as
   * `sh -c "<command and args joined by spaces>"` (wrapWorkerContainer in
   * pkg/webhook/v1beta1/pod/utils.go): an argument must be one shell word that means what it
   * says. Quoting that the shell removes is fine, and needed for the NAS values.
   */
  private checkCommandWrapping(collector: MetricsCollector, algorithm: Algorithm): void {
    if (!collector.wrapsCommand) return;
    const textual = new Set(algorithm._textualOutputs.map((p) => p.name));
    for (const c of this.trial.primaryContainers) {
      for (const arg of [...(c.command ?? []), ...(c.args ?? [])]) {
        const problem = shellWordProblem(arg, textual);
        if (problem) {
          warn(this, 'trialTemplate', `Katib runs the primary container as \`sh -c\` with its command and args joined by spaces, so the argument ${JSON.stringify(arg)} is split or interpreted by the shell: ${problem}`,
            'quote the argument for the shell (e.g. \'--note="two words"\'; NAS values in double quotes: `--architecture="${enas.architecture.ref}"`), pass such values through env, or collect metrics with MetricsCollector.push()');
          return;
        }
      }
    }
  }
}

function rank(order: ITrialParameter[], p: ITrialParameter): number {
  const i = order.indexOf(p);
  return i === -1 ? order.length : i;
}
