// Every pod template in any object the platform runs, and every container in them, with the
// JSON path a report names. One walker for every rule that looks at pods or containers.
import { groupOf, Manifest } from '../../../manifest';
import { asArray, asNumber, asObject, asStrings, Json, subPath } from '../json';
import { KindSelector } from '../rule';

/** A container (or a container-like override) and where it is. */
export interface ContainerRef {
  /** JSON path of the container, e.g. `.spec.template.spec.containers[0]`. */
  readonly path: string;
  readonly container: Json;
  /** An init container: runs before the others (or beside them, with restartPolicy Always). */
  readonly init: boolean;
  /**
   * An override merged into a container defined elsewhere (a TrainJob's trainer, a runtime
   * patch): fields it leaves out are inherited, not missing.
   */
  readonly partial: boolean;
  /** The field holding its resources. @default 'resources' (a TrainJob's trainer: 'resourcesPerNode') */
  readonly resourcesField?: string;
}

/** A pod template: its spec, the labels its pods carry, and how many pods it makes. */
export interface PodSite {
  /** JSON path of the pod spec (the object with `containers`, `volumes`, `securityContext`). */
  readonly path: string;
  readonly spec: Json;
  readonly containers: readonly ContainerRef[];
  /** The labels and annotations its pods carry (the template's, or the ones the controller copies). */
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Where those labels are written in the object, e.g. `.spec.template.metadata.labels`. */
  readonly labelsPath: string;
  /** Pods of this template that run at once for one instance of the object (replicas × parallelism …). */
  readonly pods: number;
  /** `service` runs until removed (notebooks, inference, deployments); `batch` runs to completion (jobs, trials). */
  readonly lifetime: 'service' | 'batch';
  /** What the pod is, for messages: `replica Worker`, `predictor`, `trial replica Worker`. */
  readonly role: string;
  /** The object is a template other objects instantiate (a runtime, a PodDefault): nothing runs from it alone. */
  readonly template: boolean;
  /** An override merged into a pod defined elsewhere: pod-level fields it leaves out are inherited. */
  readonly partial: boolean;
  /** A replicated job's `dependsOn` status (JobSet): `Complete` means it starts after the others finished. */
  readonly after?: boolean;
}

/** A container with the pod it belongs to. */
export interface ContainerSite extends ContainerRef {
  readonly pod: PodSite;
}

const KUBEFLOW_JOBS = ['PyTorchJob', 'TFJob', 'MPIJob', 'XGBoostJob', 'PaddleJob', 'JAXJob'];
const KSERVE_COMPONENTS = ['predictor', 'transformer', 'explainer'];
/** Containers of a KServe component besides `containers`: the model, the built-in frameworks, the ART explainer. */
const KSERVE_CONTAINER_FIELDS = ['model', 'sklearn', 'xgboost', 'tensorflow', 'pytorch', 'triton', 'onnx', 'pmml', 'lightgbm', 'paddle', 'huggingface', 'art'];
/** Katib's default `parallelTrialCount` (katib pkg/apis/controller/experiments/v1beta1 experiment_defaults.go). */
const KATIB_DEFAULT_PARALLEL_TRIALS = 3;

/** The kinds that have pod templates, for a rule's `appliesTo`. */
export const POD_KINDS: readonly KindSelector[] = [
  ...['Pod', 'ReplicationController', 'PodTemplate'].map((kind) => ({ group: '', kind })),
  ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].map((kind) => ({ group: 'apps', kind })),
  ...['Job', 'CronJob'].map((kind) => ({ group: 'batch', kind })),
  ...[...KUBEFLOW_JOBS, 'Notebook', 'Experiment', 'Trial', 'PodDefault'].map((kind) => ({ group: 'kubeflow.org', kind })),
  ...['TrainJob', 'TrainingRuntime', 'ClusterTrainingRuntime'].map((kind) => ({ group: 'trainer.kubeflow.org', kind })),
  ...['InferenceService', 'ServingRuntime', 'ClusterServingRuntime'].map((kind) => ({ group: 'serving.kserve.io', kind })),
];

/** Every pod template of `object` (none for kinds without one). */
export function podSites(object: Manifest): PodSite[] {
  // Many rules ask for the same object's pods: walk each object once.
  let sites = SITES.get(object);
  if (!sites) SITES.set(object, (sites = sitesOf(object, '', 1)));
  return sites;
}

const SITES = new WeakMap<Manifest, PodSite[]>();

/** Every container of every pod template of `object`, with its pod. */
export function containerSites(object: Manifest): ContainerSite[] {
  return podSites(object).flatMap((pod) => pod.containers.map((c) => ({ ...c, pod })));
}

function sitesOf(object: Json, at: string, copies: number, rolePrefix = ''): PodSite[] {
  const group = typeof object.apiVersion === 'string' ? groupOf(object.apiVersion) : '';
  const kind = object.kind;
  const spec = asObject(object.spec) ?? {};
  const path = (p: string) => `${at}${p}`;
  const role = (r: string) => `${rolePrefix}${r}`;
  if (group === '' && kind === 'Pod') {
    const lifetime = ['Never', 'OnFailure'].includes(spec.restartPolicy as string) ? 'batch' : 'service';
    return [pod(path('.spec'), spec, asObject(object.metadata), copies, lifetime, role('pod'), { labelsPath: path('.metadata.labels') })];
  }
  if (group === '' && kind === 'PodTemplate') return template(object.template, path('.template'), 0, 'service', role('template'), { template: true });
  if ((group === 'apps' && ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(kind as string)) || (group === '' && kind === 'ReplicationController')) {
    return template(spec.template, path('.spec.template'), copies * (asNumber(spec.replicas) ?? 1), 'service', role('pod'));
  }
  if (group === 'apps' && kind === 'DaemonSet') return template(spec.template, path('.spec.template'), copies, 'service', role('pod on each node'));
  if (group === 'batch' && kind === 'Job') return template(spec.template, path('.spec.template'), copies * jobPods(spec), 'batch', role('pod'));
  if (group === 'batch' && kind === 'CronJob') {
    const job = asObject(asObject(spec.jobTemplate)?.spec) ?? {};
    return template(job.template, path('.spec.jobTemplate.spec.template'), copies * jobPods(job), 'batch', role('pod'));
  }
  if (group === 'kubeflow.org' && KUBEFLOW_JOBS.includes(kind as string)) return replicaSpecs(spec, path('.spec'), copies, rolePrefix);
  if (group === 'kubeflow.org' && kind === 'Notebook') return notebook(object, path(''), copies);
  if (group === 'kubeflow.org' && kind === 'Experiment') {
    const trial = asObject(asObject(spec.trialTemplate)?.trialSpec);
    const parallel = Math.min(asNumber(spec.parallelTrialCount) ?? KATIB_DEFAULT_PARALLEL_TRIALS, asNumber(spec.maxTrialCount) ?? Infinity);
    return trial ? sitesOf(trial, path('.spec.trialTemplate.trialSpec'), copies * parallel, `${rolePrefix}trial `) : [];
  }
  if (group === 'kubeflow.org' && kind === 'Trial') {
    const run = asObject(spec.runSpec);
    return run ? sitesOf(run, path('.spec.runSpec'), copies, `${rolePrefix}trial `) : [];
  }
  if (group === 'kubeflow.org' && kind === 'PodDefault') return [podDefault(spec, path('.spec'))];
  if (group === 'trainer.kubeflow.org' && ['TrainingRuntime', 'ClusterTrainingRuntime'].includes(kind as string)) {
    return replicatedJobs(spec, path('.spec'), asNumber(asObject(spec.mlPolicy)?.numNodes) ?? NaN, { template: true, partial: false });
  }
  if (group === 'trainer.kubeflow.org' && kind === 'TrainJob') return trainJob(spec, path('.spec'), copies);
  if (group === 'serving.kserve.io' && kind === 'InferenceService') return inferenceService(object, spec, path('.spec'), copies);
  if (group === 'serving.kserve.io' && ['ServingRuntime', 'ClusterServingRuntime'].includes(kind as string)) {
    const sites = [pod(path('.spec'), spec, { labels: spec.labels, annotations: spec.annotations }, 0, 'service', 'runtime pod', { template: true, labelsPath: path('.spec.labels') })];
    const worker = asObject(spec.workerSpec);
    if (worker) sites.push(pod(path('.spec.workerSpec'), worker, undefined, 0, 'service', 'runtime worker pod', { template: true }));
    return sites;
  }
  return [];
}

interface SiteOptions {
  /** @default '.metadata.labels' */
  readonly labelsPath?: string;
  readonly template?: boolean;
  readonly partial?: boolean;
  readonly after?: boolean;
  /** Containers besides `containers` and `initContainers`. */
  readonly extra?: readonly ContainerRef[];
}

function pod(path: string, spec: Json, metadata: Json | undefined, pods: number, lifetime: PodSite['lifetime'], role: string, options: SiteOptions = {}): PodSite {
  const containers: ContainerRef[] = [
    ...asArray(spec.containers).map((c, i) => ({ path: subPath(path, 'containers', i), container: asObject(c) ?? {}, init: false, partial: !!options.partial })),
    ...(options.extra ?? []),
    ...asArray(spec.initContainers).map((c, i) => ({ path: subPath(path, 'initContainers', i), container: asObject(c) ?? {}, init: true, partial: !!options.partial })),
  ];
  return {
    path, spec, containers, labels: asStrings(metadata?.labels), annotations: asStrings(metadata?.annotations), labelsPath: options.labelsPath ?? '.metadata.labels', pods, lifetime, role,
    template: !!options.template, partial: !!options.partial, after: options.after,
  };
}

/** A `PodTemplateSpec` (metadata + spec) at `path`. */
function template(value: unknown, path: string, pods: number, lifetime: PodSite['lifetime'], role: string, options: SiteOptions = {}): PodSite[] {
  const t = asObject(value);
  const spec = asObject(t?.spec);
  return spec ? [pod(subPath(path, 'spec'), spec, asObject(t?.metadata), pods, lifetime, role, { labelsPath: `${path}.metadata.labels`, ...options })] : [];
}

/** Pods a Job runs at once: its parallelism, at most its completions. */
function jobPods(spec: Json): number {
  return Math.min(asNumber(spec.parallelism) ?? 1, asNumber(spec.completions) ?? Infinity);
}

/** The training operator's jobs: `spec.<x>ReplicaSpecs.<type>.template`. */
function replicaSpecs(spec: Json, path: string, copies: number, rolePrefix: string): PodSite[] {
  const sites: PodSite[] = [];
  for (const [field, value] of Object.entries(spec)) {
    if (!field.endsWith('ReplicaSpecs')) continue;
    for (const [type, replica] of Object.entries(asObject(value) ?? {})) {
      const r = asObject(replica) ?? {};
      sites.push(...template(r.template, subPath(path, field, type, 'template'), copies * (asNumber(r.replicas) ?? 1), 'batch', `${rolePrefix}replica ${type}`));
    }
  }
  return sites;
}

/**
 * A Notebook's pod: the controller copies the Notebook's labels, and its annotations except
 * keys containing "notebook" or "kubectl", to the pod, and adds `statefulset` and `notebook-name`
 * (kubeflow/notebooks components/notebook-controller/controllers/notebook_controller.go generateStatefulSet).
 */
function notebook(object: Json, at: string, copies: number): PodSite[] {
  const metadata = asObject(object.metadata) ?? {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const annotations = asStrings(metadata.annotations);
  const stopped = annotations['kubeflow-resource-stopped'] !== undefined;
  const labels = { ...asStrings(metadata.labels), statefulset: name, 'notebook-name': name };
  const copied = Object.fromEntries(Object.entries(annotations).filter(([k]) => !k.includes('notebook') && !k.includes('kubectl')));
  const t = asObject(asObject(object.spec)?.template);
  const spec = asObject(t?.spec);
  return spec ? [pod(`${at}.spec.template.spec`, spec, { labels, annotations: copied }, stopped ? 0 : copies, 'service', 'notebook pod')] : [];
}

/** A PodDefault's injected containers (sidecars and init containers), checked like any container. */
function podDefault(spec: Json, path: string): PodSite {
  const injected = (field: string, init: boolean) => asArray(spec[field]).map((c, i) => ({ path: subPath(path, field, i), container: asObject(c) ?? {}, init, partial: false }));
  return { ...pod(path, {}, undefined, 0, 'service', 'injected containers', { template: true, partial: true }), containers: [...injected('sidecars', false), ...injected('initContainers', true)] };
}

/** A JobSet template's replicated jobs (Trainer v2 runtimes, and a TrainJob's runtime patches). */
function replicatedJobs(spec: Json, path: string, numNodes: number, options: SiteOptions): PodSite[] {
  const jobs = asArray(asObject(asObject(spec.template)?.spec)?.replicatedJobs);
  return jobs.flatMap((j, i) => {
    const job = asObject(j) ?? {};
    const jobSpec = asObject(asObject(job.template)?.spec) ?? {};
    // The trainer sets the node job's parallelism and completions to numNodes.
    const perJob = job.name === 'node' && Number.isFinite(numNodes) ? numNodes : jobPods(jobSpec);
    const after = asArray(job.dependsOn).some((d) => asObject(d)?.status === 'Complete');
    const at = subPath(path, 'template', 'spec', 'replicatedJobs', i, 'template');
    return template(jobSpec.template, subPath(at, 'spec', 'template'), (asNumber(job.replicas) ?? 1) * perJob, 'batch', `replicated job ${String(job.name ?? i)}`, { ...options, after });
  });
}

/**
 * A TrainJob: its trainer and initializers override the runtime's containers (image, command,
 * env, resourcesPerNode), and its runtime patches the runtime's pods; the runtime itself is a
 * separate object (see runtimeOf in quota-fit).
 */
function trainJob(spec: Json, path: string, copies: number): PodSite[] {
  const sites: PodSite[] = [];
  const trainer = asObject(spec.trainer);
  const numNodes = asNumber(trainer?.numNodes) ?? 1;
  if (trainer) {
    const extra = [{ path: subPath(path, 'trainer'), container: trainer, init: false, partial: true, resourcesField: 'resourcesPerNode' }];
    sites.push(pod(subPath(path, 'trainer'), {}, undefined, copies * numNodes, 'batch', 'each node', { partial: true, extra }));
  }
  const initializer = asObject(spec.initializer);
  for (const which of ['dataset', 'model']) {
    const init = asObject(initializer?.[which]);
    if (!init) continue;
    const at = subPath(path, 'initializer', which);
    sites.push(pod(at, {}, undefined, copies, 'batch', 'initializer', { partial: true, after: false, extra: [{ path: at, container: init, init: false, partial: true }] }));
  }
  asArray(spec.runtimePatches).forEach((p, i) => {
    const runtime = asObject(asObject(p)?.trainingRuntimeSpec);
    if (runtime) sites.push(...replicatedJobs(runtime, subPath(path, 'runtimePatches', i, 'trainingRuntimeSpec'), numNodes, { partial: true }));
  });
  return sites;
}

/**
 * An InferenceService's components: each is a pod spec with KServe's own fields, whose model
 * (or framework) container KServe merges into its serving runtime's container.
 */
function inferenceService(object: Json, spec: Json, path: string, copies: number): PodSite[] {
  // KServe gives the pods the InferenceService's labels and annotations, then the component's
  // (kserve pkg/controller/v1beta1/inferenceservice/components/predictor.go buildObjectMeta).
  const meta = asObject(object.metadata);
  return KSERVE_COMPONENTS.flatMap((name) => {
    const component = asObject(spec[name]);
    if (!component) return [];
    const at = subPath(path, name);
    const extra = KSERVE_CONTAINER_FIELDS.filter((f) => asObject(component[f])).map((f) => ({ path: subPath(at, f), container: asObject(component[f])!, init: false, partial: false }));
    const metadata = { labels: { ...asStrings(meta?.labels), ...asStrings(component.labels) }, annotations: { ...asStrings(meta?.annotations), ...asStrings(component.annotations) } };
    const sites = [pod(at, component, metadata, copies * (asNumber(component.minReplicas) ?? 1), 'service', name, { extra })];
    const worker = asObject(component.workerSpec);
    if (worker) {
      const workers = Math.max(1, (asNumber(worker.pipelineParallelSize) ?? 2) - 1);
      sites.push(pod(subPath(at, 'workerSpec'), worker, metadata, copies * (asNumber(component.minReplicas) ?? 1) * workers, 'service', `${name} worker`));
    }
    return sites;
  });
}

/** How messages name a container: `container "pytorch" (replica Worker)`, or by its field: `the model container (predictor)`. */
export function describeContainer(c: ContainerSite): string {
  const name = c.container.name;
  if (typeof name === 'string' && name) return `${c.init ? 'init container' : 'container'} "${name}" (${c.pod.role})`;
  const field = /\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(c.path)?.[1] ?? 'unnamed';
  return `the ${field} container (${c.pod.role})`;
}
