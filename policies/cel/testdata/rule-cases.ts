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


const FEATURE_STORE = 'feast.dev/v1/FeatureStore';
const featureStore = (spec: Obj): Obj => resource(FEATURE_STORE, merge({ feastProject: 'fraud' }, spec));
const secretRef = { name: 'feast-stores' };
const onlineDb = { onlineStore: { persistence: { store: { type: 'redis', secretRef } } } };
const registryDb = { registry: { local: { persistence: { store: { type: 'sql', secretRef } } } } };
const claim = { ref: { name: 'feast-data' }, mountPath: '/data' };
const onlineFile = (file: Obj) => featureStore({ services: { onlineStore: { persistence: { file } } } });
const registryFile = (file: Obj) => featureStore({ services: { registry: { local: { persistence: { file } } } } });
const registryServer = (server: Obj) => featureStore({ services: { registry: { local: { server } } } });
const offlineClaim = (pvc: Obj) => featureStore({ services: { offlineStore: { persistence: { file: { type: 'dask', pvc } } } } });
const scaled = (services: Obj, replicas = 2) => featureStore({ replicas, services: merge(merge(onlineDb, registryDb), services) });
const featureStoreCases: RuleCase[] = [
  ...pair(FEATURE_STORE, 'replicas > 1 and services.scaling.autoscaling are mutually exclusive.', '.spec',
    scaled({ scaling: { autoscaling: { maxReplicas: 3 } } }, 1), scaled({ scaling: { autoscaling: { maxReplicas: 3 } } }), 'replicas-autoscaling'),
  ...pair(FEATURE_STORE, 'Scaling requires DB-backed persistence for the online store. Configure services.onlineStore.persistence.store when using replicas > 1 or autoscaling.', '.spec',
    scaled({}), featureStore({ replicas: 2, services: registryDb }), 'scaled-online'),
  ...pair(FEATURE_STORE, 'Scaling requires DB-backed persistence for the offline store. Configure services.offlineStore.persistence.store when using replicas > 1 or autoscaling.', '.spec',
    scaled({ offlineStore: { persistence: { store: { type: 'postgres', secretRef } } } }), scaled({ offlineStore: { persistence: { file: { type: 'dask' } } } }), 'scaled-offline'),
  ...pair(FEATURE_STORE, 'Scaling requires DB-backed or remote registry. Configure registry.local.persistence.store or use a remote registry when using replicas > 1 or autoscaling. S3/GCS-backed registry is also allowed.', '.spec',
    featureStore({ replicas: 2, services: { ...onlineDb, registry: { remote: { hostname: 'feast-shared-registry.features.svc.cluster.local:80' } } } }),
    featureStore({ replicas: 2, services: { ...onlineDb, registry: { local: { persistence: { file: { path: '/data/registry.db' } } } } } }), 'scaled-registry'),
  ...pair(FEATURE_STORE, 'One selection required between kubernetes, oidc, or noAuth.', '.spec.authz',
    featureStore({ authz: { kubernetes: {} } }), featureStore({ authz: { kubernetes: {}, noAuth: true } }), 'one-authz'),
  ...pair(FEATURE_STORE, 'One selection required between init, git, or packaged.', '.spec.feastProjectDir',
    featureStore({ feastProjectDir: { init: {} } }), featureStore({ feastProjectDir: { init: {}, git: { url: 'https://git.example.com/features.git' } } }), 'one-project-dir'),
  ...pair(FEATURE_STORE, 'RepoPath must be a file name only, with no slashes.', '.spec.feastProjectDir.git',
    featureStore({ feastProjectDir: { git: { url: 'https://git.example.com/features.git', featureRepoPath: 'fraud' } } }),
    featureStore({ feastProjectDir: { git: { url: 'https://git.example.com/features.git', featureRepoPath: '/fraud' } } }), 'git-repo-path'),
  ...pair(FEATURE_STORE, 'FeatureRepoPath must be a canonical absolute, non-root path without dot segments or repeated separators.', '.spec.feastProjectDir.packaged',
    featureStore({ feastProjectDir: { packaged: { featureRepoPath: '/app/feature_repo' } } }), featureStore({ feastProjectDir: { packaged: { featureRepoPath: '/app/../repo' } } }), 'packaged-path'),
  ...pair(FEATURE_STORE, 'extraConfig must not contain keys that duplicate typed fields (enabled, tracking_uri, ui_url, tracking_auth, auto_log, auto_log_entity_df, entity_df_max_rows, log_operations, ops_experiment_suffix); use the corresponding spec fields instead.', '.spec.mlflow',
    featureStore({ mlflow: { enabled: true, extraConfig: { experiment: 'fraud' } } }), featureStore({ mlflow: { enabled: true, extraConfig: { tracking_uri: 'http://mlflow' } } }), 'mlflow-extra'),
  ...pair(FEATURE_STORE, '`secretRef` required if `disable` is false.', '.spec.services.onlineStore.server.tls',
    featureStore({ services: { onlineStore: { server: { tls: { secretRef: { name: 'online-tls' } } } } } }), featureStore({ services: { onlineStore: { server: { tls: { disable: false } } } } }), 'tls-secret'),
  ...pair(FEATURE_STORE, 'One selection required between file or store.', '.spec.services.onlineStore.persistence',
    onlineFile({}), featureStore({ services: { onlineStore: { persistence: { file: {}, store: { type: 'redis', secretRef } } } } }), 'file-or-store'),
  ...pair(FEATURE_STORE, 'One selection is required between ref and create.', '.spec.services.offlineStore.persistence.file.pvc',
    offlineClaim(claim), offlineClaim({ mountPath: '/data' }), 'ref-or-create'),
  ...pair(FEATURE_STORE, "Mount path must start with '/' and must not contain ':'", '.spec.services.offlineStore.persistence.file.pvc',
    offlineClaim({ create: {}, mountPath: '/data' }), offlineClaim({ ref: { name: 'feast-data' }, mountPath: 'data' }), 'mount-path'),
  ...pair(FEATURE_STORE, 'Ephemeral stores must have absolute paths.', '.spec.services.onlineStore.persistence.file',
    onlineFile({ path: '/data/online.db' }), onlineFile({ path: 'online.db' }), 'ephemeral-path'),
  ...pair(FEATURE_STORE, 'PVC path must be a file name only, with no slashes.', '.spec.services.onlineStore.persistence.file',
    onlineFile({ path: 'online.db', pvc: claim }), onlineFile({ path: '/data/online.db', pvc: claim }), 'claim-path'),
  ...pair(FEATURE_STORE, 'Online store does not support S3 or GS buckets.', '.spec.services.onlineStore.persistence.file',
    onlineFile({ path: 'online.db', pvc: claim }), onlineFile({ path: 's3://feast/online.db', pvc: claim }), 'online-bucket'),
  ...pair(FEATURE_STORE, "Registry files must use absolute paths or be S3 ('s3://') or GS ('gs://') object store URIs.", '.spec.services.registry.local.persistence.file',
    registryFile({ path: 'gs://feast/registry.db' }), registryFile({ path: 'registry.db' }), 'registry-path'),
  ...pair(FEATURE_STORE, 'PVC persistence does not support S3 or GS object store URIs.', '.spec.services.registry.local.persistence.file',
    registryFile({ path: 'registry.db', pvc: claim }), registryFile({ path: 's3://feast/registry.db', pvc: claim }), 'registry-claim-bucket'),
  ...pair(FEATURE_STORE, 'Additional S3 settings are available only for S3 object store URIs.', '.spec.services.registry.local.persistence.file',
    registryFile({ path: 's3://feast/registry.db', s3_additional_kwargs: { ServerSideEncryption: 'AES256' } }),
    registryFile({ path: 'gs://feast/registry.db', s3_additional_kwargs: { ServerSideEncryption: 'AES256' } }), 's3-settings'),
  ...pair(FEATURE_STORE, 'At least one of restAPI or grpc must be true', '.spec.services.registry.local.server',
    registryServer({ restAPI: true, grpc: false }), registryServer({ restAPI: false, grpc: false }), 'registry-protocols'),
  ...pair(FEATURE_STORE, 'MCP requires restAPI to be true', '.spec.services.registry.local.server',
    registryServer({ restAPI: true, mcp: { enabled: true } }), registryServer({ restAPI: false, grpc: true, mcp: { enabled: true } }), 'registry-mcp'),
  ...pair(FEATURE_STORE, 'One selection required.', '.spec.services.registry',
    featureStore({ services: { registry: { local: {} } } }), featureStore({ services: { registry: { local: {}, remote: { hostname: 'registry.features.svc:80' } } } }), 'local-or-remote'),
  ...pair(FEATURE_STORE, 'Exactly one of minAvailable or maxUnavailable must be set.', '.spec.services.podDisruptionBudgets',
    featureStore({ services: { podDisruptionBudgets: { minAvailable: 1 } } }), featureStore({ services: { podDisruptionBudgets: { minAvailable: 1, maxUnavailable: '50%' } } }), 'one-budget'),
  { name: 'featurestore-claim-create-immutable', kind: FEATURE_STORE, message: 'PvcCreate is immutable', violates: false, object: offlineClaim({ create: { storageClassName: 'fast' }, mountPath: '/data' }) },
];

export const RULE_CASES: readonly RuleCase[] = [...runtimeCases, ...trainJobCases, ...transitionCases, ...workflowCases, ...featureStoreCases];
