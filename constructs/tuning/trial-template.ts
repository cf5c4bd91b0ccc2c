import { ApiObject, App } from 'cdk8s';
import { Construct } from 'constructs';
import { ANNOTATIONS, LABELS } from '../../manifest';
import {
  checkName, collectWarnings, ConstructError, ContainerProps, emit, fail, field as join, NameRule, PodProps,
  renderPodTemplate, Stack, warn,
} from '../core';
import { Job } from '../wire/core';
import { TrialKind } from './trial-kind';
import { ITrialParameter, placeholdersIn } from './trial-parameter';

/**
 * What a trial job construct offers: every training construct (PyTorchJob, TFJob, XGBoostJob,
 * MPIJob, PaddleJob, JAXJob, TrainJob) has these.
 */
export interface ITrialJob {
  readonly apiObject: ApiObject;
  /** The container Katib collects metrics from. */
  readonly primaryContainerName?: string;
  /** Labels of the pod Katib collects metrics from (rank 0 of a distributed job). */
  readonly primaryPodLabels?: Record<string, string>;
  /** The longest name the job may have, given the names its controller derives from it. */
  readonly maxNameLength?: number;
}

/** Builds the trial job in `scope`, a private stack whose objects are not emitted. */
export type TrialJobFactory = (scope: Construct) => ITrialJob | ApiObject;

/** Options of every trial template. */
export interface TrialTemplateOptions {
  /** Keep each trial's job (and its pods and logs) after the trial ends. @default false: Katib deletes it */
  readonly retain?: boolean;
}

/** Options of a trial built from a job construct. */
export interface TrialJobOptions extends TrialTemplateOptions {
  /** @default - the job's `primaryContainerName` (required for a plain ApiObject) */
  readonly primaryContainerName?: string;
  /** @default - the job's `primaryPodLabels`, else the kind's (see {@link TrialKind}); none for a batch Job (every pod is primary) */
  readonly primaryPodLabels?: Record<string, string>;
  /**
   * The kind's success and failure conditions, for kinds Katib has no defaults for
   * (`TrialKind.custom({...})`).
   * @default - from the job's apiVersion and kind (batch Job, the Kubeflow Trainer jobs)
   */
  readonly kind?: TrialKind;
}

/** A trial that runs one container in a Kubernetes Job. */
export interface TrialContainerProps extends ContainerProps, TrialTemplateOptions {
  /** @default 'training-container' */
  readonly containerName?: string;
  /** @default - none */
  readonly pod?: PodProps;
  /**
   * Retries of a failed pod before the trial's Job fails. Set 0 to count a trial as failed at
   * its first failed pod (a failure then costs no retries, but neither does it survive a lost node).
   * @default - Kubernetes' 6, as Katib's examples and SDK leave it (not rendered)
   */
  readonly backoffLimit?: number;
  /** Let Istio inject its sidecar (which keeps a finished pod running, so the Job never completes). @default false */
  readonly istioSidecar?: boolean;
}

/** A trial whose job template lives in a ConfigMap (e.g. Katib's `trial-templates`). */
export interface TrialConfigMapProps extends TrialTemplateOptions {
  readonly configMapName: string;
  /** @default - the experiment's namespace */
  readonly configMapNamespace?: string;
  /** The key of the template in the ConfigMap, e.g. `defaultTrialTemplate.yaml`. */
  readonly templatePath: string;
  /**
   * The values the template substitutes, by the name it uses: `{ learningRate: lr }` for
   * `${trialParameters.learningRate}`. The template itself cannot be checked here.
   */
  readonly parameters: Record<string, ITrialParameter>;
  /** The template's kind: its success and failure conditions. */
  readonly kind: TrialKind;
  readonly primaryContainerName: string;
  /** @default - the kind's: node 0 of a TrainJob, the `job-role: master` pod of Katib's training-operator kinds; else none (every pod is primary) */
  readonly primaryPodLabels?: Record<string, string>;
}

/** A trial template bound to an experiment: everything but `trialParameters`. @internal */
export interface BoundTrialTemplate {
  readonly kind: TrialKind;
  readonly primaryContainerName: string;
  readonly primaryPodLabels?: Record<string, string>;
  readonly retain?: boolean;
  /** The longest name the trial job may have (see {@link ITrialJob.maxNameLength}). */
  readonly maxJobNameLength?: number;
  readonly trialSpec?: Record<string, any>;
  readonly configMap?: { configMapName: string; configMapNamespace: string; templatePath: string };
  /** Placeholder names the trial spec uses, in order of first appearance. */
  readonly placeholders: string[];
  /** For a ConfigMap template: the parameters, by template name. */
  readonly explicitParameters?: Record<string, ITrialParameter>;
  /** The primary containers of the trial spec (one per pod template). */
  readonly primaryContainers: Array<{ command?: string[]; args?: string[] }>;
}

/**
 * The job each trial runs, with `${trialParameters.x}` placeholders (`lr.ref`) where the
 * trial's values go:
 *
 * - `TrialTemplate.fromJob((scope) => new PyTorchJob(scope, 'Trial', {...}))`: any training
 *   construct, or any ApiObject. The job is built in a private stack (it is not emitted on its
 *   own), in the experiment's namespace; its name, namespace and standard labels are dropped,
 *   because Katib names each trial's job after the trial.
 * - `TrialTemplate.fromContainer({ image, command, … })`: a plain `batch/v1` Job.
 * - `TrialTemplate.fromConfigMap({...})`: a template kept in a ConfigMap.
 */
export class TrialTemplate {
  public static fromJob(factory: TrialJobFactory, options: TrialJobOptions = {}): TrialTemplate {
    return new TrialTemplate((scope, namespace) => bindJob(scope, namespace, factory, options));
  }

  public static fromContainer(props: TrialContainerProps): TrialTemplate {
    const name = props.containerName ?? 'training-container';
    const factory: TrialJobFactory = (scope) => {
      const annotations = props.istioSidecar ? props.pod?.annotations : { 'sidecar.istio.io/inject': 'false', ...props.pod?.annotations };
      if (props.backoffLimit !== undefined && (!Number.isInteger(props.backoffLimit) || props.backoffLimit < 0)) {
        fail(scope, 'backoffLimit', `must be a whole number ≥ 0, got ${props.backoffLimit}`, 'give a count such as 0 or 2');
      }
      const template = renderPodTemplate(scope, 'pod', {
        containers: [{ name, props, field: '' }],
        pod: { ...props.pod, annotations },
        restartPolicy: 'Never',
      });
      const spec: Job['spec'] = { backoffLimit: props.backoffLimit, template };
      return emit(scope, 'Job', { apiVersion: 'batch/v1', kind: 'Job' }, { name: 'trial', namespace: Stack.of(scope).namespace, appName: 'job', component: 'trial' }, { spec });
    };
    return new TrialTemplate((scope, namespace) => bindJob(scope, namespace, factory, { retain: props.retain, primaryContainerName: name }));
  }

  public static fromConfigMap(props: TrialConfigMapProps): TrialTemplate {
    return new TrialTemplate((scope, namespace) => {
      checkName(scope, 'trialTemplate.configMapName', props.configMapName);
      const configMapNamespace = props.configMapNamespace ?? namespace;
      checkName(scope, 'trialTemplate.configMapNamespace', configMapNamespace, NameRule.LABEL);
      if (!props.templatePath.trim()) fail(scope, 'trialTemplate.templatePath', 'is empty', 'give the ConfigMap key that holds the template, e.g. "defaultTrialTemplate.yaml"');
      checkName(scope, 'trialTemplate.primaryContainerName', props.primaryContainerName, NameRule.LABEL);
      const names = Object.keys(props.parameters);
      if (names.length === 0) fail(scope, 'trialTemplate.parameters', 'is empty', 'map each `${trialParameters.<name>}` of the template to a parameter, e.g. { learningRate: lr }');
      for (const n of names) {
        // validateTrialTemplate in kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go.
        if (!n || /[{}]/.test(n)) fail(scope, `trialTemplate.parameters.${n}`, 'a trial parameter name must not be empty or contain "{" or "}"', 'rename it');
      }
      return {
        kind: props.kind,
        primaryContainerName: props.primaryContainerName,
        primaryPodLabels: props.primaryPodLabels ?? props.kind.primaryPodLabels,
        retain: props.retain,
        configMap: { configMapName: props.configMapName, configMapNamespace, templatePath: props.templatePath },
        placeholders: names,
        explicitParameters: { ...props.parameters },
        primaryContainers: [],
      };
    });
  }

  private constructor(private readonly binder: (scope: Construct, namespace: string) => BoundTrialTemplate) {}

  /** Builds the template for an experiment in `namespace`; errors name the experiment and `trialTemplate.…`. @internal */
  public _bind(scope: Construct, namespace: string): BoundTrialTemplate {
    return this.binder(scope, namespace);
  }
}

function bindJob(experiment: Construct, namespace: string, factory: TrialJobFactory, options: TrialJobOptions): BoundTrialTemplate {
  const app = new App();
  const stack = new Stack(app, 'trial', { namespace });
  const job = inTrialScope(experiment, () => factory(stack));
  const apiObject = job instanceof ApiObject ? job : job.apiObject;
  const objects = stack.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  if (objects.length !== 1 || objects[0] !== apiObject) {
    fail(experiment, 'trialTemplate', `the trial factory defined ${objects.length} objects (${objects.map((o) => o.kind).join(', ')}); a trial runs exactly one job`,
      'create only the job in the factory; define what it needs (PodDefaults, claims, …) in the stack itself');
  }
  const manifest = inTrialScope(experiment, () => apiObject.toJson());
  for (const w of collectWarnings(app)) {
    // The jobs' TTL warning is about Argo CD re-creating a deleted job; Katib, not Argo CD, owns trial jobs.
    if (w.field.endsWith('ttlAfterFinished')) continue;
    warn(experiment, join('trialTemplate', w.field), w.message, w.fix);
  }

  if (manifest.metadata?.namespace !== undefined && manifest.metadata.namespace !== namespace) {
    fail(experiment, 'trialTemplate', `the trial job is in namespace "${manifest.metadata.namespace}", the experiment in "${namespace}"`,
      'leave `namespace` and `tenant` off the trial job: Katib runs trials in the experiment\'s namespace');
  }
  const kind = options.kind ?? TrialKind.of(manifest.apiVersion, manifest.kind);
  if (!kind) {
    fail(experiment, 'trialTemplate.kind', `Katib has no success and failure conditions for ${manifest.apiVersion} ${manifest.kind}`,
      `pass kind: TrialKind.custom({ apiVersion: '${manifest.apiVersion}', kind: '${manifest.kind}', successCondition, failureCondition })`);
  }
  if (kind.apiVersion !== manifest.apiVersion || kind.kind !== manifest.kind) {
    fail(experiment, 'trialTemplate.kind', `is for ${kind.apiVersion} ${kind.kind}, but the trial job is a ${manifest.apiVersion} ${manifest.kind}`, 'pass the kind of the job');
  }
  const primaryContainerName = options.primaryContainerName ?? (job instanceof ApiObject ? undefined : job.primaryContainerName);
  if (!primaryContainerName) {
    fail(experiment, 'trialTemplate.primaryContainerName', `is required for a ${manifest.kind} built as a plain ApiObject`, 'name the container that trains (Katib collects its metrics)');
  }
  checkName(experiment, 'trialTemplate.primaryContainerName', primaryContainerName, NameRule.LABEL);
  const trialSpec = stripMetadata(manifest);
  // A primary container missing from the job is the katib/primary-container rule's.
  const primaryContainers = containersIn(trialSpec).filter((c) => c.name === primaryContainerName);
  return {
    kind,
    primaryContainerName,
    primaryPodLabels: options.primaryPodLabels ?? (job instanceof ApiObject ? undefined : job.primaryPodLabels) ?? kind.primaryPodLabels,
    retain: options.retain,
    maxJobNameLength: job instanceof ApiObject ? undefined : job.maxNameLength,
    trialSpec,
    placeholders: placeholdersIn(JSON.stringify(trialSpec)),
    primaryContainers,
  };
}

/** Runs `fn`, reporting construct errors from inside the trial job as errors of the experiment's `trialTemplate`. */
function inTrialScope<T>(experiment: Construct, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ConstructError) fail(experiment, join('trialTemplate', e.field), e.problem, e.fix);
    throw e;
  }
}

const DROPPED_LABELS = new Set<string>(Object.values(LABELS));

/**
 * The manifest without what Katib sets or forbids: name and namespace (its webhook rejects
 * them; each trial's job is named after the trial), and this project's standard labels and
 * content hash, which describe the template object rather than a trial.
 */
function stripMetadata(manifest: any): Record<string, any> {
  const { name: _name, namespace: _namespace, labels, annotations, ...rest } = manifest.metadata ?? {};
  const keptLabels = Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => !DROPPED_LABELS.has(k)));
  const keptAnnotations = Object.fromEntries(Object.entries(annotations ?? {}).filter(([k]) => k !== ANNOTATIONS.contentHash));
  const metadata = {
    ...rest,
    ...(Object.keys(keptLabels).length ? { labels: keptLabels } : {}),
    ...(Object.keys(keptAnnotations).length ? { annotations: keptAnnotations } : {}),
  };
  const { metadata: _metadata, ...body } = manifest;
  return Object.keys(metadata).length ? { apiVersion: body.apiVersion, kind: body.kind, metadata, ...body } : body;
}

/** Every container of every pod template in `value`. */
function containersIn(value: unknown): Array<{ name: string; command?: string[]; args?: string[] }> {
  if (Array.isArray(value)) return value.flatMap(containersIn);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'containers' && Array.isArray(v) ? v.filter((c) => c && typeof c.name === 'string') : containersIn(v)));
}
