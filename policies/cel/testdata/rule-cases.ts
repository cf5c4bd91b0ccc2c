/**
 * For each CEL rule of our schemas, an object that breaks it and one that keeps it; both are
 * otherwise valid (schema and every other rule), so that the only verdict is the rule's.
 * Shared by schema-rules.test.ts (our evaluator) and oracle.test.ts (kubectl-validate).
 */
export interface RuleCase {
  /** A unique, file-name-safe name. */
  readonly name: string;
  /** `<apiVersion>/<Kind>`, a key of schemas/index.json. */
  readonly kind: string;
  /** The message of the rule the case is about: unique per kind, except the transition rules' ("… is immutable"). */
  readonly message: string;
  /** Whether the object breaks that rule; otherwise it breaks none. */
  readonly violates: boolean;
  /** Where the violation is reported (violating cases). */
  readonly path?: string;
  readonly object: Record<string, unknown>;
}

type Obj = Record<string, unknown>;

const TRAINER = 'trainer.kubeflow.org/v1alpha1';
const RUNTIME_KINDS = [`${TRAINER}/TrainingRuntime`, `${TRAINER}/ClusterTrainingRuntime`];
const JOB_KINDS: Record<string, string> = {
  PyTorchJob: 'pytorchReplicaSpecs', TFJob: 'tfReplicaSpecs', XGBoostJob: 'xgbReplicaSpecs',
  MPIJob: 'mpiReplicaSpecs', PaddleJob: 'paddleReplicaSpecs', JAXJob: 'jaxReplicaSpecs',
};
const WORKFLOW = 'argoproj.io/v1alpha1/Workflow';

/** Objects are merged over a kind's base; arrays replace. */
function merge(base: Obj, patch: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const b = out[k];
    out[k] = isObj(b) && isObj(v) ? merge(b, v) : v;
  }
  return out;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function resource(kind: string, spec: Obj, extra: Obj = {}, name = 'example'): Obj {
  const i = kind.lastIndexOf('/');
  const cluster = kind.endsWith('/ClusterTrainingRuntime');
  return { apiVersion: kind.slice(0, i), kind: kind.slice(i + 1), metadata: { name, ...(cluster ? {} : { namespace: 'team-a' }) }, spec, ...extra };
}

const container = { name: 'node', image: 'pytorch/pytorch:2.5.1' };
const podTemplate = { spec: { template: { spec: { containers: [container] } } } };

function runtimeSpec(patch: Obj): Obj {
  return merge({ mlPolicy: { numNodes: 1 }, template: { spec: { replicatedJobs: [{ name: 'node', template: podTemplate }] } } }, patch);
}

function trainJob(specPatch: Obj, extra: Obj = {}, name?: string): Obj {
  return resource(`${TRAINER}/TrainJob`, merge({ runtimeRef: { name: 'torch-distributed' } }, specPatch), extra, name);
}

function workflow(specPatch: Obj): Obj {
  return resource(WORKFLOW, merge({ entrypoint: 'main', templates: [{ name: 'main', container: { image: 'alpine:3.20' } }] }, specPatch));
}

/** A DAG template `main` with the given tasks, and the leaf template `work` they run. */
function dag(tasks: Obj[]): Obj {
  return { templates: [{ name: 'main', dag: { tasks } }, { name: 'work', container: { image: 'alpine:3.20' } }] };
}

function pair(kind: string, message: string, path: string, good: Obj, bad: Obj, name: string): RuleCase[] {
  const short = kind.slice(kind.lastIndexOf('/') + 1).toLowerCase();
  return [
    { name: `${short}-${name}-ok`, kind, message, violates: false, object: good },
    { name: `${short}-${name}-bad`, kind, message, violates: true, path, object: bad },
  ];
}

const runtimeCases = RUNTIME_KINDS.flatMap((kind) => {
  const rt = (patch: Obj) => resource(kind, runtimeSpec(patch));
  const startup = (order: string, dependsOn: boolean) => ({
    template: {
      spec: {
        startupPolicy: { startupPolicyOrder: order },
        replicatedJobs: [
          { name: 'launcher', template: podTemplate },
          { name: 'node', template: podTemplate, ...(dependsOn ? { dependsOn: [{ name: 'launcher', status: 'Ready' }] } : {}) },
        ],
      },
    },
  });
  const claims = (metadata: Obj) => ({
    template: { spec: { volumeClaimPolicies: [{ templates: [{ metadata, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }] }] } },
  });
  const envInjection = (containerNames: string[]) => ({ mlPolicy: { torch: { envInjection: { targets: [{ jobName: 'node', containerNames }] } } } });
  return [
    ...pair(kind, 'Only one of the policy can be configured', '.spec.mlPolicy',
      rt({ mlPolicy: { torch: {} } }), rt({ mlPolicy: { torch: {}, mpi: {} } }), 'one-ml-policy'),
    ...pair(kind, 'NumProcPerNode in fluxPolicy must be >= 1', '.spec.mlPolicy.flux.numProcPerNode',
      rt({ mlPolicy: { flux: { numProcPerNode: 2 } } }), rt({ mlPolicy: { flux: { numProcPerNode: 0 } } }), 'flux-procs'),
    ...pair(kind, 'containerNames must not include the main node container because PET_* envs are always injected into it',
      '.spec.mlPolicy.torch.envInjection.targets[0].containerNames', rt(envInjection(['sidecar'])), rt(envInjection(['sidecar', 'node'])), 'env-injection'),
    ...pair(kind, 'StartupPolicy and DependsOn APIs are mutually exclusive', '.spec.template.spec',
      rt(startup('InOrder', false)), rt(startup('InOrder', true)), 'startup-depends-on'),
    ...pair(kind, 'namespace cannot be set for VolumeClaimPolicies templates', '.spec.template.spec.volumeClaimPolicies[0]',
      rt(claims({ name: 'data' })), rt(claims({ name: 'data', namespace: 'team-b' })), 'claim-namespace'),
  ];
});

const TRAIN_JOB = `${TRAINER}/TrainJob`;
const trainJobCases: RuleCase[] = [
  ...pair(TRAIN_JOB, 'metadata.name must match RFC 1035 DNS label format', '.',
    trainJob({}, {}, 'llama-finetune'), trainJob({}, {}, '7b-finetune'), 'rfc1035-name'),
  ...pair(TRAIN_JOB, 'metadata.name must be no more than 63 characters', '.',
    trainJob({}, {}, 'a'.repeat(63)), trainJob({}, {}, 'a'.repeat(64)), 'name-length'),
  ...pair(TRAIN_JOB, 'storageUri may be empty, or it must be a valid URI (scheme://...)', '.spec.initializer.dataset.storageUri',
    trainJob({ initializer: { dataset: { storageUri: 'hf://tatsu-lab/alpaca' } } }), trainJob({ initializer: { dataset: { storageUri: 'tatsu-lab/alpaca' } } }), 'dataset-uri'),
  ...pair(TRAIN_JOB, 'storageUri may be empty, or it must be a valid URI (scheme://...)', '.spec.initializer.model.storageUri',
    trainJob({ initializer: { model: { storageUri: '' } } }), trainJob({ initializer: { model: { storageUri: 's3:/bucket' } } }), 'model-uri'),
  ...pair(TRAIN_JOB, 'ManagedBy must be trainer.kubeflow.org/trainjob-controller or kueue.x-k8s.io/multikueue if set', '.spec.managedBy',
    trainJob({ managedBy: 'kueue.x-k8s.io/multikueue' }), trainJob({ managedBy: 'example.com/controller' }), 'managed-by'),
  ...pair(TRAIN_JOB, 'lastUpdatedTime is required when trainerStatus is present', '.status.trainerStatus',
    trainJob({}, { status: { trainerStatus: { progressPercentage: 40, lastUpdatedTime: '2025-01-01T00:00:00Z' } } }),
    trainJob({}, { status: { trainerStatus: { progressPercentage: 40 } } }), 'trainer-status-time'),
];

/** Transition rules (`self == oldSelf`) apply only on update: on create nothing is reported. */
const transitionCases: RuleCase[] = [
  { name: 'trainjob-immutable-fields', kind: TRAIN_JOB, message: 'field is immutable', violates: false,
    object: trainJob({ managedBy: 'trainer.kubeflow.org/trainjob-controller', activeDeadlineSeconds: 3600, trainer: { numNodes: 2 }, initializer: { dataset: { storageUri: 'hf://tatsu-lab/alpaca' } } }) },
  ...RUNTIME_KINDS.map((kind): RuleCase => ({
    name: `${kind.slice(kind.lastIndexOf('/') + 1).toLowerCase()}-immutable-fields`, kind, message: 'Value is immutable', violates: false,
    object: resource(kind, runtimeSpec({ template: { spec: { network: { enableDNSHostnames: true }, successPolicy: { operator: 'All' }, failurePolicy: { maxRestarts: 3 } } } })),
  })),
  ...Object.entries(JOB_KINDS).map(([kind, replicaSpecs]): RuleCase => ({
    name: `${kind.toLowerCase()}-immutable-queue`, kind: `kubeflow.org/v1/${kind}`, message: 'spec.runPolicy.schedulingPolicy.queue is immutable', violates: false,
    object: resource(`kubeflow.org/v1/${kind}`, {
      [replicaSpecs]: { Worker: { replicas: 1, template: { spec: { containers: [{ name: kind === 'PyTorchJob' ? 'pytorch' : 'main', image: 'busybox:1.36' }] } } } },
      runPolicy: { schedulingPolicy: { queue: 'team-a' } },
    }),
  })),
];

const artifact = (locations: Obj) => ({ arguments: { artifacts: [{ name: 'data', ...locations }] } });
const gauge = (value: string) => ({ metrics: { prometheus: [{ name: 'duration', help: 'run time', gauge: { realtime: true, value } }] } });
const task = (t: Obj) => ({ name: 'a', template: 'work', ...t });
const workflowCases: RuleCase[] = [
  ...pair(WORKFLOW, 'at most one artifact location can be specified', '.spec.arguments.artifacts[0]',
    workflow(artifact({ s3: { key: 'data.csv' } })), workflow(artifact({ s3: { key: 'data.csv' }, http: { url: 'https://example.com/data.csv' } })), 'artifact-location'),
  ...pair(WORKFLOW, "'resourcesDuration.*' metrics cannot be used in real-time gauges", '.spec.metrics.prometheus[0].gauge',
    workflow(gauge('{{workflow.duration}}')), workflow(gauge('{{resourcesDuration.cpu}}')), 'realtime-gauge'),
  ...pair(WORKFLOW, "cannot use both 'depends' and 'dependencies'", '.spec.templates[0].dag.tasks[1]',
    workflow(dag([task({ name: 'b' }), task({ depends: 'b' })])), workflow(dag([task({ name: 'b' }), task({ depends: 'b', dependencies: ['b'] })])), 'depends-dependencies'),
  ...pair(WORKFLOW, "cannot use 'continueOn' when using 'depends'", '.spec.templates[0].dag.tasks[1]',
    workflow(dag([task({ name: 'b' }), task({ dependencies: ['b'], continueOn: { failed: true } })])),
    workflow(dag([task({ name: 'b' }), task({ depends: 'b', continueOn: { failed: true } })])), 'depends-continue-on'),
  ...pair(WORKFLOW, "task name cannot begin with a digit when using 'depends' or 'dependencies'", '.spec.templates[0].dag.tasks[1]',
    workflow(dag([task({ name: 'b' }), task({ name: 'a1', depends: 'b' })])), workflow(dag([task({ name: 'b' }), task({ name: '1a', depends: 'b' })])), 'task-name-digit'),
  ...pair(WORKFLOW, 'only one of count or end can be defined', '.spec.templates[0].dag.tasks[0].withSequence',
    workflow(dag([task({ withSequence: { count: 3 } })])), workflow(dag([task({ withSequence: { count: '3', end: 5 } })])), 'sequence-count-end'),
  ...pair(WORKFLOW, 'only one of manifest or manifestFrom can be specified', '.spec.templates[0].resource',
    workflow({ templates: [{ name: 'main', resource: { action: 'create', manifest: 'kind: ConfigMap' } }] }),
    workflow({ templates: [{ name: 'main', resource: { action: 'create', manifest: 'kind: ConfigMap', manifestFrom: { artifact: { name: 'manifest' } } } }] }), 'resource-manifest'),
  ...pair(WORKFLOW, 'template must have at most one template type', '.spec.templates',
    workflow({ templates: [{ name: 'main', script: { image: 'python:3.12', source: 'print(1)' } }] }),
    workflow({ templates: [{ name: 'main', container: { image: 'alpine:3.20' }, script: { image: 'python:3.12', source: 'print(1)' } }] }), 'template-type'),
  ...pair(WORKFLOW, 'timeout cannot be applied to steps or dag templates', '.spec.templates',
    workflow({ templates: [{ name: 'main', timeout: '10m', container: { image: 'alpine:3.20' } }] }),
    workflow({ templates: [{ name: 'main', timeout: '10m', dag: { tasks: [task({})] } }, { name: 'work', container: { image: 'alpine:3.20' } }] }), 'template-timeout'),
  ...pair(WORKFLOW, 'activeDeadlineSeconds is only valid for leaf templates', '.spec.templates',
    workflow({ templates: [{ name: 'main', activeDeadlineSeconds: 600, container: { image: 'alpine:3.20' } }] }),
    workflow({ templates: [{ name: 'main', activeDeadlineSeconds: '600', steps: [[{ name: 'a', template: 'work' }]] }, { name: 'work', container: { image: 'alpine:3.20' } }] }), 'template-deadline'),
  ...pair(WORKFLOW, 'at most one artifact location can be specified', '.spec.templates[0].archiveLocation',
    workflow({ templates: [{ name: 'main', container: { image: 'alpine:3.20' }, archiveLocation: { archiveLogs: true, s3: { key: 'logs' } } }] }),
    workflow({ templates: [{ name: 'main', container: { image: 'alpine:3.20' }, archiveLocation: { s3: { key: 'logs' }, gcs: { key: 'logs' } } }] }), 'archive-location'),
];

export const RULE_CASES: readonly RuleCase[] = [...runtimeCases, ...trainJobCases, ...transitionCases, ...workflowCases];
