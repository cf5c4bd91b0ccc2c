// One app that holds at least one object of every kind our constructs emit, in (nearly) every
// variant they render: the input of the "every kind" schema test (test/every-kind.test.ts) and of
// the server-side dry run against a real API server (test/dry-run.cluster.test.ts).
import { App, Duration } from 'cdk8s';
import {
  AcquisitionFunction, Algorithm, ArtExplainerType, BaseEstimator, CleanPodPolicy, ClusterServingRuntime, ClusterTrainingRuntime,
  CmaesRestartStrategy, Cpu, ElasticMetric, MetricTarget, StepDependency, VolumeClaimPolicy, DeploymentMode, FsGroupChangePolicy, LifecycleHandler, Probe, ProjectedSource, SeccompProfile, EarlyStopping, EnvValue, Experiment, ExperimentProps, GraphNode, GraphStep, GraphStepData,
  GraphStepDependency, Gpu, InferenceGraph, InferenceService, JAXJob, LoggerMode, Metric, MetricsCollector, MetricsFormat, MetricStrategy,
  MlPolicy, ModelFormat, MPIJob, NasOperation, NetworkTopologyMode, Notebook, NotebookImage, NprocPerNode, PaddleJob, PodDefault,
  PodGroupPolicy, ProtocolVersion, PyTorchJob, ReplicaProps, RestartPolicy, RolloutPlan, ScaleMetric, Scheduler, SearchParameter,
  Release, SearchSpace, ServingRuntime, Size, Stack, StorageCredentials, StorageUri, Tenant, TenantRole, TFJob, TfSuccessPolicy, TrainingRuntime,
  TrainJob, TrialKind, TrialMetadata, TrialTemplate, Volume, Workspace, XGBoostJob, AutoscalingProps,
  FeastAuthorization, FeatureRepository, FeatureStore, OfflineStore, OnlineStore, FeatureRegistry, ModelRegistry, ModelRegistryStorageInitializer,
  RegistryDatabase,
} from '../constructs';

/** The stack's namespace, which is also the tenant's. */
export const EVERY_KIND_NAMESPACE = 'team';
/** The stack id (the `dist/` folder the objects would go to). */
export const EVERY_KIND_STACK = 'every-kind';

const GPU_NODES = { 'nvidia.com/gpu.present': 'true' };

/**
 * One Stack (namespace `team`, with a Tenant named `team`) holding at least one object of every
 * construct in constructs/: tenancy, notebooks, training, tuning and serving. It targets the
 * newest release, which has every feature (named canaries, predictor names).
 */
export function buildEveryKindApp(): App {
  const app = new App();
  const stack = new Stack(app, EVERY_KIND_STACK, { namespace: EVERY_KIND_NAMESPACE, release: Release.NEWEST });
  const { tenant, datasets } = addTenancy(stack);
  const lab = addNotebooks(stack, tenant, datasets);
  const runtimes = addTraining(stack, tenant, datasets);
  addFeatures(stack, tenant, lab);
  addModelRegistries(stack, tenant);
  addTuning(stack, tenant, runtimes.torch);
  addServing(stack, tenant);
  return app;
}

// ---------------------------------------------------------------------------------------------
// Feature stores: one with every server and shared stores (TLS, OIDC), one on files and claims
// sharing the first one's registry, and one without authorization

function addFeatures(stack: Stack, tenant: Tenant, lab: Notebook): void {
  const shared = new FeatureStore(stack, 'Features', {
    tenant,
    project: 'fraud_detection',
    repository: FeatureRepository.git('https://github.com/example/feature-repo.git', { ref: 'v1.2.0', path: 'fraud', configs: { 'http.sslVerify': 'true' } }),
    onlineStore: OnlineStore.database('redis', { secretName: 'feast-stores' }),
    offlineStore: OfflineStore.database('postgres', { secretName: 'feast-stores', key: 'offline' }),
    registry: FeatureRegistry.database('sql', { secretName: 'feast-stores' }),
    servers: {
      online: { tls: { secretName: 'feast-online-tls' }, resources: { cpu: { request: Cpu.units(1) }, memory: { request: Size.gibibytes(2) } }, logLevel: 'warning' },
      offline: { env: { ARROW_LOG: 'info' } },
      registry: { restApi: true, tls: { secretName: 'feast-registry-tls' } },
      ui: { image: 'quay.io/feastdev/feature-server:0.66.0' },
    },
    authorization: FeastAuthorization.kubernetes(['feast-reader', 'feast-writer']),
    replicas: 2,
    materialization: { schedule: '0 * * * *', timeZone: 'Etc/UTC', commands: ['feast materialize-incremental $(date -u +%FT%T)'] },
  });
  const worker = { image: 'ghcr.io/example/fraud:1.0.0', replicas: 2, pod: { serviceAccountName: 'trainer' } };
  shared.grantAccess([lab, new PyTorchJob(stack, 'FraudModel', { tenant, worker })], { roles: ['feast-reader'], serviceAccounts: ['default-editor'] });
  new FeatureStore(stack, 'LocalFeatures', {
    tenant,
    project: 'sandbox',
    repository: FeatureRepository.image('ghcr.io/example/feature-repo:1.2.0', '/app/feature_repo'),
    onlineStore: OnlineStore.file({ path: 'online.db', claim: { mountPath: '/data/online', size: Size.gibibytes(5), storageClass: 'fast-ssd' } }),
    offlineStore: OfflineStore.file({ format: 'duckdb', claim: { claimName: 'feast-offline', mountPath: '/data/offline' } }),
    registry: FeatureRegistry.of(shared),
    authorization: FeastAuthorization.oidc({ issuerUrl: 'https://sso.example.com/realms/ml', secretName: 'feast-oidc', tokenEnvVar: 'FEAST_TOKEN' }),
  });
  new FeatureStore(stack, 'OpenFeatures', {
    tenant,
    project: 'demo',
    repository: FeatureRepository.init({ template: 'local', minimal: true }),
    registry: FeatureRegistry.file({ path: 's3://feast-demo/registry.db', cacheTtlSeconds: 60 }),
    servers: { online: false, offline: {} },
    authorization: FeastAuthorization.none(),
  });
}

// ---------------------------------------------------------------------------------------------
// Model registries: each database choice, the storage initializer, a service of a registered version

function addModelRegistries(stack: Stack, tenant: Tenant): void {
  const registry = new ModelRegistry(stack, 'Registry', {
    tenant, displayName: 'Team models', description: 'Models of the team',
    database: RegistryDatabase.mysql({ passwordSecret: { name: 'registry-db', key: 'password' }, storage: Size.gibibytes(20), storageClass: 'fast-ssd' }),
  });
  new ModelRegistry(stack, 'PostgresRegistry', { tenant, name: 'registry-pg', database: RegistryDatabase.postgres({ passwordSecret: { name: 'registry-pg', key: 'password' } }) });
  new ModelRegistry(stack, 'ProductionRegistry', {
    tenant, name: 'registry-prod', replicas: 2, resources: { cpu: { request: Cpu.millis(500) } },
    database: RegistryDatabase.external({ type: 'postgres', dsnSecret: { name: 'registry-dsn', key: 'dsn' } }),
  });
  new ModelRegistryStorageInitializer(stack, 'RegistryInitializer');
  new InferenceService(stack, 'RegisteredModel', {
    tenant, predictor: { model: { format: ModelFormat.sklearn(), storageUri: StorageUri.modelRegistry(registry, 'churn', 'v2') } },
  });
}

// ---------------------------------------------------------------------------------------------
// Tenancy and notebooks

function addTenancy(stack: Stack): { tenant: Tenant; datasets: PodDefault } {
  const tenant = new Tenant(stack, 'Team', {
    name: EVERY_KIND_NAMESPACE,
    owner: 'alice@example.com',
    quota: {
      cpu: Cpu.units(64), memory: Size.gibibytes(256), gpu: Gpu.nvidia(16), storage: Size.tebibytes(2), persistentVolumeClaims: 40, pods: 200,
    },
    contributors: [{ email: 'bob@example.com' }, { email: 'carol@example.com', role: TenantRole.VIEW }],
    containerDefaults: { cpu: { request: Cpu.millis(100), limit: Cpu.units(1) }, memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) } },
  });
  tenant.addNamespaceLabel('pipelines.kubeflow.org/enabled', 'true');
  const datasets = new PodDefault(stack, 'DatasetAccess', {
    tenant,
    description: 'Read access to the datasets bucket',
    env: { AWS_ACCESS_KEY_ID: EnvValue.fromSecret('datasets-s3', 'access-key-id'), AWS_ENDPOINT_URL: 'https://s3.example.com' },
    mounts: [{ volume: Volume.fromSecret('gcp-sa', { defaultMode: 0o400 }), path: '/secrets/gcp', readOnly: true }],
    annotations: { 'sidecar.istio.io/inject': 'false' },
    labels: { 'datasets-access': 'read' },
    serviceAccountName: 'default-editor',
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }],
  });
  return { tenant, datasets };
}

function addNotebooks(stack: Stack, tenant: Tenant, datasets: PodDefault): Notebook {
  const lab = new Notebook(stack, 'JupyterGpu', {
    tenant,
    image: NotebookImage.jupyter('pytorch-cuda'),
    resources: { cpu: { request: Cpu.units(4), limit: Cpu.units(8) }, memory: { request: Size.gibibytes(32), limit: Size.gibibytes(32) }, gpu: Gpu.nvidia(1) },
    workspace: Workspace.newVolume({ size: Size.gibibytes(50), storageClass: 'fast-ssd' }),
    dataVolumes: [{ claimName: 'shared-datasets', mountPath: '/data', readOnly: true }],
    podDefaults: [datasets],
    env: { HF_HOME: '/home/jovyan/.cache/huggingface' },
    mounts: [{ volume: Volume.projected('gcp-token', [ProjectedSource.serviceAccountToken({ path: 'token', audience: 'sts.googleapis.com', expiration: Duration.hours(1) })]), path: '/var/run/secrets/gcp', readOnly: true }],
    readiness: Probe.fromHttpGet('/notebook/team/jupyter-gpu/api', { port: 'notebook-port', period: Duration.seconds(30) }),
    pod: {
      nodeSelector: GPU_NODES, labels: { team: 'vision' }, securityContext: { fsGroup: 100, fsGroupChangePolicy: FsGroupChangePolicy.ON_ROOT_MISMATCH },
      sidecars: [{ name: 'metrics', image: 'ghcr.io/example/jupyter-exporter:0.3.0', ports: [{ containerPort: 9100, name: 'metrics' }] }],
    },
  });
  lab.addDataVolume({ claimName: 'lab-scratch', mountPath: '/scratch', size: Size.gibibytes(200) });
  new Notebook(stack, 'VsCode', { image: NotebookImage.vscode(), workspace: Workspace.existingClaim('home-bob') });
  new Notebook(stack, 'RStudio', { tenant, image: NotebookImage.rstudio(), workspace: Workspace.none(), stopped: true });
  return lab;
}

// ---------------------------------------------------------------------------------------------
// Training: every v1 job kind, both v2 runtime kinds, TrainJobs against both

const TRAIN_IMAGE = 'ghcr.io/example/trainer:1.2.0';

/** A replica running `train.py` with `args`, merged with `extra`. */
function replica(args: string[] = [], extra: Partial<ReplicaProps> = {}): ReplicaProps {
  return { image: TRAIN_IMAGE, command: ['python', '/workspace/train.py'], args, ...extra };
}

/** A GPU replica: `gpus` GPUs, CPU and memory to match, shared memory for the data loaders. */
function gpuReplica(gpus: number, extra: Partial<ReplicaProps> = {}): ReplicaProps {
  return replica(['--epochs=10'], {
    resources: { cpu: { request: Cpu.units(4 * gpus) }, memory: { request: Size.gibibytes(32 * gpus), limit: Size.gibibytes(32 * gpus) }, gpu: Gpu.nvidia(gpus) },
    sharedMemory: Size.gibibytes(8),
    ...extra,
  });
}

function addTraining(stack: Stack, tenant: Tenant, datasets: PodDefault): { torch: ClusterTrainingRuntime } {
  const data = { volume: Volume.fromPersistentVolumeClaim('shared-datasets', { readOnly: true }), path: '/data', readOnly: true };

  new PyTorchJob(stack, 'PytorchElastic', {
    tenant,
    worker: replica(['--elastic'], {
      replicas: 2,
      startup: Probe.fromCommand(['test', '-f', '/tmp/ready'], { period: Duration.seconds(10), failureThreshold: 30 }),
      lifecycle: { preStop: LifecycleHandler.sleep(Duration.seconds(5)) },
    }),
    pod: {
      securityContext: { runAsUser: 1000, runAsNonRoot: true, seccompProfile: SeccompProfile.runtimeDefault() },
      initContainers: [{ name: 'fetch-config', image: 'busybox:1.36', command: ['sh', '-c', 'cp /config/* /workspace/'], mounts: [{ volume: Volume.fromConfigMap('train-config', { optional: true }), path: '/config' }] }],
      sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9', readiness: Probe.fromTcpSocket({ port: 2020 }), ports: [{ containerPort: 2020 }] }],
    },
    nprocPerNode: NprocPerNode.auto(),
    elasticPolicy: {
      minReplicas: 1, maxReplicas: 4, maxRestarts: 3, rdzvConf: { timeout: '900', join_timeout: '300' },
      metrics: [ElasticMetric.cpuUtilization(80), ElasticMetric.pods('samples_per_second', MetricTarget.averageValue(2000))],
    },
    runPolicy: { cleanPodPolicy: CleanPodPolicy.ALL, backoffLimit: 3, activeDeadline: Duration.hours(12) },
  });
  new PyTorchJob(stack, 'PytorchGang', {
    master: gpuReplica(8),
    worker: gpuReplica(8, { replicas: 3, restartPolicy: RestartPolicy.EXIT_CODE }),
    nprocPerNode: NprocPerNode.count(8),
    scheduler: Scheduler.coscheduling({
      minAvailable: 4, scheduleTimeout: Duration.minutes(10),
      minResources: { cpu: Cpu.units(128), memory: Size.tebibytes(1), gpu: Gpu.nvidia(32) },
    }),
    pod: { nodeSelector: GPU_NODES, tolerations: [{ key: 'dedicated', value: 'training', effect: 'NoSchedule' }], priorityClassName: 'training' },
    env: { NCCL_DEBUG: 'INFO' },
    mounts: [data],
    podDefaults: [datasets],
    metadata: { labels: { team: 'vision' }, annotations: { 'example.com/owner': 'alice' } },
  });
  new TFJob(stack, 'TfParameterServer', {
    chief: replica(['--role=chief']),
    ps: replica(['--role=ps'], { replicas: 2 }),
    worker: replica(['--role=worker'], { replicas: 3 }),
    evaluator: replica(['--role=evaluator']),
    successPolicy: TfSuccessPolicy.ALL_WORKERS,
    enableDynamicWorker: true,
    scheduler: Scheduler.volcano({ queue: 'research', minAvailable: 5 }),
  });
  new XGBoostJob(stack, 'XgboostChurn', {
    master: replica(['--job_type=Train']),
    worker: replica(['--job_type=Train'], { replicas: 3 }),
    scheduler: Scheduler.kueue('cpu-batch', { priorityClass: 'batch-low' }),
  });
  new MPIJob(stack, 'MpiHorovod', {
    launcher: { image: TRAIN_IMAGE, command: ['mpirun', '-np', '4', 'python', '/workspace/train.py'] },
    worker: gpuReplica(2, { replicas: 2 }),
    slotsPerWorker: 2,
  });
  new PaddleJob(stack, 'PaddleCollective', {
    worker: replica([], { replicas: 2 }),
    elasticPolicy: { minReplicas: 1, maxReplicas: 3, maxRestarts: 2 },
  });
  new PaddleJob(stack, 'PaddleParameterServer', { master: replica(['--role=pserver']), worker: replica(['--role=trainer'], { replicas: 2 }) });
  new JAXJob(stack, 'JaxTransformer', { worker: replica([], { replicas: 2 }), runPolicy: { suspend: true } });

  return addTrainer(stack, tenant);
}

/** Trainer v2: a ClusterTrainingRuntime per ML policy, a namespaced MPI runtime, and TrainJobs against both. */
function addTrainer(stack: Stack, tenant: Tenant): { torch: ClusterTrainingRuntime } {
  // The trainer requires initializers to mount the volume they download into as "initializer".
  const workspace = Volume.fromPersistentVolumeClaim('training-workspace', { name: 'initializer' });
  const initializers = {
    datasetInitializer: { image: 'ghcr.io/kubeflow/trainer/dataset-initializer:v2.0.0', mounts: [{ volume: workspace, path: '/workspace/dataset' }] },
    modelInitializer: { image: 'ghcr.io/kubeflow/trainer/model-initializer:v2.0.0', mounts: [{ volume: workspace, path: '/workspace/model' }] },
  };
  const torch = new ClusterTrainingRuntime(stack, 'TorchDistributed', {
    mlPolicy: MlPolicy.torch({ numNodes: 2 }),
    podGroupPolicy: PodGroupPolicy.coscheduling({ scheduleTimeout: Duration.minutes(2) }),
    ...initializers,
    trainer: { image: 'pytorch/pytorch:2.7.1-cuda12.6-cudnn9-runtime', resources: { gpu: Gpu.nvidia(4) }, sharedMemory: Size.gibibytes(16), pod: { priorityClassName: 'training' } },
  });
  for (const [id, mlPolicy] of [['JaxDistributed', MlPolicy.jax({ numNodes: 2 })], ['XgboostDistributed', MlPolicy.xgboost()], ['PlainJob', MlPolicy.plain()]] as const) {
    new ClusterTrainingRuntime(stack, id, { mlPolicy, trainer: { image: TRAIN_IMAGE } });
  }
  const deepspeed = new TrainingRuntime(stack, 'Deepspeed', {
    tenant,
    mlPolicy: MlPolicy.mpi({ numNodes: 2, numProcPerNode: 4, sshAuthMountPath: '/home/mpiuser/.ssh' }),
    podGroupPolicy: PodGroupPolicy.volcano({ networkTopology: { mode: NetworkTopologyMode.HARD, highestTierAllowed: 1 } }),
    ...initializers,
    trainer: { image: 'ghcr.io/kubeflow/trainer/deepspeed-runtime:v2.0.0', securityContext: { runAsUser: 1000 } },
    mpiNodes: {
      image: 'ghcr.io/kubeflow/trainer/deepspeed-runtime:v2.0.0', command: ['/usr/sbin/sshd', '-De'],
      resources: { gpu: Gpu.nvidia(4) }, securityContext: { runAsUser: 1000, capabilities: { add: ['SYS_CHROOT'] } },
    },
  });

  new TrainJob(stack, 'LlamaFinetune', {
    tenant,
    runtime: torch,
    trainer: {
      image: 'ghcr.io/example/llama-finetune:0.3.0',
      command: ['torchrun', 'finetune.py'],
      env: { HF_TOKEN: EnvValue.fromSecret('hf-token', 'token') },
      numNodes: 2,
      numProcPerNode: 4,
      resourcesPerNode: { cpu: { request: Cpu.units(16) }, memory: { request: Size.gibibytes(128) }, gpu: Gpu.nvidia(4) },
    },
    datasetInitializer: { storageUri: 'hf://tatsu-lab/alpaca' },
    modelInitializer: { storageUri: 'hf://meta-llama/Llama-3.2-1B-Instruct', secretName: 'hf-token', env: { REVISION: 'main' } },
    scheduler: Scheduler.kueue('gpu-queue'),
    activeDeadline: Duration.hours(6),
  });
  new TrainJob(stack, 'DeepspeedPretrain', {
    runtime: deepspeed,
    trainer: { args: ['--deepspeed', '/workspace/ds_config.json'], numNodes: 3 },
    datasetInitializer: { storageUri: 's3://datasets/pile' },
    modelInitializer: { storageUri: 's3://models/gpt2' },
    suspend: true,
  });
  new TrainJob(stack, 'QuickTorch', {
    runtime: ClusterTrainingRuntime.fromName(stack, 'TorchDistributedByName', 'torch-distributed'),
    trainer: { env: { EPOCHS: '1' } },
    runtimePatches: [{ steps: ['node'], serviceAccountName: 'trainer', nodeSelector: GPU_NODES, tolerations: [{ key: 'dedicated', value: 'training', effect: 'NoSchedule' }] }],
  });
  // Claims JobSet creates per TrainJob, and a free step graph: the model waits for the dataset.
  const cache = VolumeClaimPolicy.claim('initializer', { size: Size.gibibytes(20) });
  const cached = [{ volume: cache.volume, path: '/workspace' }];
  const chained = new ClusterTrainingRuntime(stack, 'TorchCached', {
    mlPolicy: MlPolicy.torch(),
    volumeClaimPolicies: [cache],
    datasetInitializer: { image: 'ghcr.io/kubeflow/trainer/dataset-initializer:v2.0.0', mounts: cached },
    modelInitializer: { image: 'ghcr.io/kubeflow/trainer/model-initializer:v2.0.0', mounts: cached, dependsOn: [StepDependency.complete('dataset-initializer')] },
    trainer: { image: 'pytorch/pytorch:2.7.1-cuda12.6-cudnn9-runtime', mounts: cached, dependsOn: [StepDependency.complete('model-initializer')] },
  });
  new TrainJob(stack, 'CachedTorch', { runtime: chained, datasetInitializer: { storageUri: 'hf://tatsu-lab/alpaca' }, modelInitializer: { storageUri: 'hf://gpt2' } });
  return { torch };
}

// ---------------------------------------------------------------------------------------------
// Tuning: every algorithm, every metrics collector, every trial template source

const TUNE_IMAGE = 'ghcr.io/example/mnist:1.0.0';
const lr = () => SearchSpace.double('lr', { min: 0.001, max: 0.1 });

/** A trial in a batch Job that passes every parameter as `--<name>=<value>`. */
function containerTrial(parameters: SearchParameter[], extra: string[] = []): TrialTemplate {
  return TrialTemplate.fromContainer({ image: TUNE_IMAGE, command: ['python', 'train.py', ...parameters.map((p) => `--${p.name}=${p.ref}`), ...extra] });
}

type TuneProps = Omit<Partial<ExperimentProps>, 'parameters'> & { readonly parameters?: SearchParameter[] };

/** An experiment in the tenant's namespace: maximize accuracy, 12 trials, a container trial of its parameters unless `props` say otherwise. */
function tune(stack: Stack, id: string, tenant: Tenant, props: TuneProps): Experiment {
  const parameters = props.parameters ?? [lr()];
  return new Experiment(stack, id, {
    tenant,
    objective: Metric.maximize('accuracy', { goal: 0.99 }),
    algorithm: Algorithm.random(),
    maxTrialCount: 12,
    trialTemplate: containerTrial(parameters),
    ...props,
    parameters,
  });
}

function addTuning(stack: Stack, tenant: Tenant, torchRuntime: ClusterTrainingRuntime): void {
  // Hyperparameter algorithms, each with the parameter types it samples.
  const layers = () => SearchSpace.int('layers', { min: 2, max: 5 });
  const optimizer = () => SearchSpace.categorical('optimizer', ['sgd', 'adam']);
  const epochs = SearchSpace.int('epochs', { min: 1, max: 9 });
  tune(stack, 'TuneRandom', tenant, { algorithm: Algorithm.random({ randomState: 1 }), parameters: [lr(), SearchSpace.discrete('batch_size', [32, 64, 128])] });
  tune(stack, 'TuneGrid', tenant, {
    algorithm: Algorithm.grid(), parameters: [SearchSpace.double('lr', { min: 0.01, max: 0.03, step: 0.01 }), optimizer()], maxTrialCount: 6,
  });
  tune(stack, 'TuneHyperband', tenant, {
    algorithm: Algorithm.hyperband({ resource: epochs, rL: 9, eta: 3 }), parameters: [lr(), epochs], parallelTrialCount: 9, maxTrialCount: 9,
  });
  tune(stack, 'TuneBayesian', tenant, {
    algorithm: Algorithm.bayesianOptimization({ baseEstimator: BaseEstimator.GP, nInitialPoints: 4, acqFunc: AcquisitionFunction.EI, randomState: 10 }),
    parameters: [lr(), layers()],
  });
  tune(stack, 'TuneTpe', tenant, { algorithm: Algorithm.tpe({ gamma: 0.25, nEiCandidates: 24 }), parameters: [lr(), layers(), optimizer()] });
  tune(stack, 'TuneMultivariateTpe', tenant, { algorithm: Algorithm.multivariateTpe({ nStartupTrials: 5 }), parameters: [lr(), layers()] });
  tune(stack, 'TuneCmaes', tenant, { algorithm: Algorithm.cmaes({ sigma: 0.3, restartStrategy: CmaesRestartStrategy.IPOP }), parameters: [lr(), layers()] });
  tune(stack, 'TuneSobol', tenant, { algorithm: Algorithm.sobol(), parameters: [lr(), layers()] });
  tune(stack, 'TunePbt', tenant, {
    algorithm: Algorithm.pbt({ suggestionTrialDir: '/var/log/katib/checkpoints/', nPopulation: 5, truncationThreshold: 0.2 }),
    parameters: [SearchSpace.double('lr', { min: 0.01, max: 0.1, step: 0.01 })],
  });
  addArchitectureSearch(stack, tenant);

  // Metrics collectors (StdOut is the default of every other experiment) and early stopping.
  const filter = '([\\w-]+)=([+-]?\\d+(\\.\\d+)?)';
  tune(stack, 'CollectStdOutFilter', tenant, { metricsCollector: MetricsCollector.stdOut({ filter: [filter] }), earlyStopping: EarlyStopping.medianStop() });
  tune(stack, 'CollectFile', tenant, {
    metricsCollector: MetricsCollector.file({ path: '/var/log/katib/metrics.log' }),
    earlyStopping: EarlyStopping.medianStop({ minTrialsRequired: 3, startStep: 2 }),
  });
  tune(stack, 'CollectFileJson', tenant, { metricsCollector: MetricsCollector.file({ path: '/var/log/katib/metrics.json', format: MetricsFormat.JSON }) });
  tune(stack, 'CollectTfEvent', tenant, { metricsCollector: MetricsCollector.tensorFlowEvent({ directory: '/var/log/katib/tfevent/' }) });
  tune(stack, 'CollectPrometheus', tenant, { metricsCollector: MetricsCollector.prometheus({ port: 9090, path: '/metrics' }) });
  tune(stack, 'CollectPush', tenant, { metricsCollector: MetricsCollector.push() });
  tune(stack, 'CollectCustom', tenant, {
    metricsCollector: MetricsCollector.custom({
      container: { image: 'ghcr.io/example/metrics-collector:1.0.0', args: ['-path', '/katib/mnist.log'], resources: { cpu: { request: Cpu.millis(50) } } },
      path: '/katib/mnist.log',
    }),
  });

  addTrialSources(stack, tenant, torchRuntime);
}

/** ENAS and DARTS, which search architectures (`nas`) instead of parameters. */
function addArchitectureSearch(stack: Stack, tenant: Tenant): void {
  const enas = Algorithm.enas({ controllerHiddenSize: 64, controllerTrainSteps: 50 });
  tune(stack, 'NasEnas', tenant, {
    objective: Metric.maximize('Validation-Accuracy', { goal: 0.99 }),
    algorithm: enas,
    parameters: [],
    nas: {
      numLayers: 8, inputSizes: [32, 32, 3], outputSizes: [10],
      operations: [
        NasOperation.of('convolution', [SearchSpace.categorical('filter_size', ['3', '5', '7']), SearchSpace.categorical('num_filter', ['32', '64'])]),
        NasOperation.of('reduction', [SearchSpace.categorical('reduction_type', ['max_pooling', 'avg_pooling']), SearchSpace.int('pool_size', { min: 2, max: 3, step: 1 })]),
      ],
    },
    parallelTrialCount: 2,
    maxTrialCount: 3,
    trialTemplate: containerTrial([], [`--architecture="${enas.architecture.ref}"`, `--nn_config="${enas.nnConfig.ref}"`]),
  });
  const darts = Algorithm.darts({ numEpochs: 1, numNodes: 1, batchSize: 64 });
  tune(stack, 'NasDarts', tenant, {
    objective: Metric.maximize('Best-Genotype'),
    algorithm: darts,
    parameters: [],
    nas: { numLayers: 3, operations: [NasOperation.of('max_pooling', [SearchSpace.categorical('filter_size', ['3'])]), NasOperation.of('skip_connection', [SearchSpace.categorical('stride', ['1'])])] },
    maxTrialCount: 1,
    trialTemplate: containerTrial([], [`--algorithm-settings="${darts.algorithmSettings.ref}"`, `--search-space="${darts.searchSpace.ref}"`, `--num-layers=${darts.numLayers.ref}`]),
  });
}

/** Trial templates from a PyTorchJob, a TFJob, a TrainJob, a batch Job and a ConfigMap. */
function addTrialSources(stack: Stack, tenant: Tenant, torchRuntime: ClusterTrainingRuntime): void {
  const rate = lr();
  const args = [`--lr=${rate.ref}`];
  tune(stack, 'TrialPytorchJob', tenant, {
    objective: Metric.minimize('loss', { goal: 0.05, additionalMetrics: ['accuracy'], metricStrategies: { accuracy: MetricStrategy.LATEST } }),
    parameters: [rate],
    trialTemplate: TrialTemplate.fromJob((scope) => new PyTorchJob(scope, 'Trial', {
      master: replica(args, { env: { RUN_NAME: TrialMetadata.NAME.ref } }), worker: replica(args, { replicas: 2 }),
    }), { retain: true }),
  });
  tune(stack, 'TrialTfJob', tenant, {
    parameters: [rate],
    trialTemplate: TrialTemplate.fromJob((scope) => new TFJob(scope, 'Trial', { chief: replica(args), worker: replica(args, { replicas: 2 }) })),
  });
  tune(stack, 'TrialTrainJob', tenant, {
    parameters: [rate],
    trialTemplate: TrialTemplate.fromJob((scope) => new TrainJob(scope, 'Trial', { runtime: torchRuntime, trainer: { image: TRAIN_IMAGE, args, numNodes: 1 } })),
  });
  tune(stack, 'TrialBatchJob', tenant, {
    parameters: [rate],
    trialTemplate: TrialTemplate.fromContainer({
      image: TUNE_IMAGE, command: ['python', 'train.py'], args, env: { RUN_NAME: TrialMetadata.NAME.ref },
      resources: { gpu: Gpu.nvidia(1) }, pod: { nodeSelector: GPU_NODES }, backoffLimit: 1, retain: true,
    }),
  });
  tune(stack, 'TrialConfigMap', tenant, {
    parameters: [rate],
    trialTemplate: TrialTemplate.fromConfigMap({
      configMapName: 'trial-templates', configMapNamespace: 'kubeflow', templatePath: 'defaultTrialTemplate.yaml',
      parameters: { learningRate: rate, trialName: TrialMetadata.NAME },
      kind: TrialKind.JOB, primaryContainerName: 'training-container',
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Serving: every model format, custom predictors, every component and option, both modes

const gcs = (path: string) => StorageUri.gcs(`kfserving-examples/models/${path}`);

/** Every ModelFormat factory, with a storage URI of each StorageUri factory and the protocol a built-in runtime speaks. */
const MODEL_FORMATS: Array<[string, ModelFormat, StorageUri, ProtocolVersion?]> = [
  ['sklearn', ModelFormat.sklearn('1'), gcs('sklearn/1.0/model')],
  ['xgboost', ModelFormat.xgboost(), StorageUri.s3('models/xgb')],
  ['lightgbm', ModelFormat.lightgbm(), StorageUri.s3('models/lgb')],
  ['tensorflow', ModelFormat.tensorflow('2'), gcs('tensorflow/flowers')],
  ['pytorch', ModelFormat.pytorch(), StorageUri.s3('models/resnet/v1')],
  ['onnx', ModelFormat.onnx(), StorageUri.pvc('models', 'onnx/style'), ProtocolVersion.V2],
  ['triton', ModelFormat.triton(), StorageUri.parse('gs://models/triton-repo')],
  ['huggingface', ModelFormat.huggingface(), StorageUri.hf('google-bert', 'bert-base-uncased')],
  ['pmml', ModelFormat.pmml(), StorageUri.https('https://models.example.com/iris.pmml')],
  ['paddle', ModelFormat.paddle(), StorageUri.azureBlob('mlmodels', 'paddle', 'resnet')],
  ['mlflow', ModelFormat.mlflow(), StorageUri.oci('ghcr.io/org/wine-model:1.0'), ProtocolVersion.V2],
  ['autogluon', ModelFormat.of('autogluon'), StorageUri.hdfs('models/autogluon')],
];

const PROMETHEUS = ScaleMetric.prometheus({
  query: 'sum(rate(revision_request_count{service="keda-scaled"}[1m]))', threshold: 50, serverAddress: 'http://prometheus-operated.monitoring:9090',
});

/** Each autoscaling variant of each mode, on a sklearn predictor. */
const AUTOSCALING: Array<[string, DeploymentMode, AutoscalingProps]> = [
  ['KnativeRps', DeploymentMode.KNATIVE, { minReplicas: 0, maxReplicas: 10, metric: ScaleMetric.rps(100) }],
  ['KnativeCpu', DeploymentMode.KNATIVE, { minReplicas: 1, maxReplicas: 5, metric: ScaleMetric.cpu(70) }],
  ['KnativeMemory', DeploymentMode.KNATIVE, { metric: ScaleMetric.memory(80) }],
  ['StandardDefault', DeploymentMode.STANDARD, { minReplicas: 2, maxReplicas: 6 }],
  ['StandardMemory', DeploymentMode.STANDARD, { maxReplicas: 4, metric: ScaleMetric.memory(75) }],
  ['KedaScaled', DeploymentMode.STANDARD, { minReplicas: 0, maxReplicas: 8, metric: PROMETHEUS }],
];

function addServing(stack: Stack, tenant: Tenant): void {
  const credentials = addStorageCredentials(stack, tenant);
  const { torchserve, vllm } = addServingRuntimes(stack, tenant);

  for (const [name, format, storageUri, protocolVersion] of MODEL_FORMATS) {
    new InferenceService(stack, `Model-${name}`, { predictor: { model: { format, storageUri, protocolVersion } } });
  }
  for (const [id, deploymentMode, autoscaling] of AUTOSCALING) {
    new InferenceService(stack, id, { deploymentMode, predictor: { model: { format: ModelFormat.sklearn('1'), storageUri: gcs('sklearn/1.0/model') }, autoscaling } });
  }

  // Knative: a runtime of our own, every component, logger and batcher, a revision canary.
  const resnet = new InferenceService(stack, 'Resnet', {
    tenant,
    deploymentMode: DeploymentMode.KNATIVE,
    predictor: {
      model: {
        format: ModelFormat.pytorch('2'), runtime: torchserve, storageUri: StorageUri.s3('models/resnet/v2'),
        resources: { cpu: { request: Cpu.units(4), limit: Cpu.units(8) }, memory: { request: Size.gibibytes(16), limit: Size.gibibytes(16) }, gpu: Gpu.nvidia(1) },
      },
      credentials,
      autoscaling: { minReplicas: 1, maxReplicas: 8, metric: ScaleMetric.concurrency(8) },
      logger: { url: 'http://broker-ingress.knative-eventing.svc/team/default', mode: LoggerMode.ALL, metadataHeaders: ['x-request-id'] },
      batcher: { maxBatchSize: 32, maxLatency: Duration.millis(100) },
      timeout: Duration.seconds(120),
      containerConcurrency: 16,
      pod: { nodeSelector: GPU_NODES },
    },
    transformer: {
      container: { image: 'ghcr.io/example/resnet-transformer:1.0.0', args: ['--model_name=resnet', '--protocol=v1'] },
      autoscaling: { minReplicas: 0, maxReplicas: 4, metric: ScaleMetric.concurrency(20) },
    },
    canary: { trafficPercent: 10 },
    metadata: { labels: { team: 'vision' }, annotations: { 'serving.kserve.io/enable-prometheus-scraping': 'true' } },
  });
  resnet.addExplainer({ art: { type: ArtExplainerType.SQUARE_ATTACK, config: { nb_classes: '10' }, resources: { cpu: { request: Cpu.units(1) } } } });

  // Standard: named canaries beside a named predictor, HPA on CPU and memory, rollout settings.
  const xgb = (version: string) => ({ format: ModelFormat.xgboost('2'), storageUri: StorageUri.s3(`models/fraud/${version}`) });
  const fraud = new InferenceService(stack, 'Fraud', {
    deploymentMode: DeploymentMode.STANDARD,
    predictor: {
      name: 'v1', model: xgb('v1'),
      autoscaling: { minReplicas: 2, maxReplicas: 6, metric: ScaleMetric.cpu(70) },
      rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' },
      logger: { mode: LoggerMode.RESPONSE, storage: { path: 'isvc-logs/fraud', key: 'logs', parameters: { type: 's3', bucket: 'logs' } } },
    },
    transformer: { container: { image: 'ghcr.io/example/fraud-features:2.1.0' }, autoscaling: { maxReplicas: 3, metric: ScaleMetric.memory(75) } },
    explainer: { container: { image: 'ghcr.io/example/shap-explainer:0.3.0', args: ['--model_name=fraud'] } },
    canary: { name: 'v2', model: xgb('v2'), trafficPercent: 10 },
    clusterLocal: true,
  });
  fraud.addCanary({ name: 'v3', model: xgb('v3'), trafficPercent: 0, replicas: 1 });

  // Staged rollouts in both modes, a custom server, a cluster runtime, a stopped service.
  const plan = RolloutPlan.of(10, 50, 100);
  new InferenceService(stack, 'RolloutKnative', { predictor: { model: { format: ModelFormat.sklearn('1'), storageUri: gcs('sklearn/2.0/model') } }, rollout: { plan, stage: 1 } });
  new InferenceService(stack, 'RolloutStandard', {
    deploymentMode: DeploymentMode.STANDARD,
    predictor: { model: xgb('v1') },
    rollout: { plan, stage: 0, candidate: { name: 'candidate', model: xgb('v2') } },
  });
  new InferenceService(stack, 'CustomServer', {
    tenant,
    predictor: {
      container: {
        image: 'ghcr.io/example/custom-model-server:1.0.0', storageUri: StorageUri.s3('models/custom'), protocolVersion: ProtocolVersion.V2,
        ports: [{ containerPort: 8080, protocol: 'TCP' }], env: { MODEL_NAME: 'custom' },
      },
      pod: { serviceAccountName: credentials.name },
    },
  });
  new InferenceService(stack, 'Llm', {
    predictor: {
      model: { format: ModelFormat.of('vLLM', '1'), runtime: vllm, args: ['--model=meta-llama/Llama-3.1-8B-Instruct'], resources: { gpu: Gpu.nvidia(1) } },
      pod: { nodeSelector: GPU_NODES },
    },
  });
  new InferenceService(stack, 'Paused', { predictor: { model: { format: ModelFormat.lightgbm(), storageUri: StorageUri.s3('models/lgb') } }, stopped: true });

  addInferenceGraphs(stack, tenant);
}

function addStorageCredentials(stack: Stack, tenant: Tenant): StorageCredentials {
  new StorageCredentials(stack, 'AwsModels', {
    awsRoleArn: 'arn:aws:iam::123456789012:role/model-reader',
    s3: { endpoint: 's3.eu-west-1.amazonaws.com', region: 'eu-west-1', useHttps: true, verifySsl: true, useVirtualBucket: false },
  });
  new StorageCredentials(stack, 'GcpModels', { gcpServiceAccount: 'model-reader@my-project.iam.gserviceaccount.com' });
  return new StorageCredentials(stack, 'ModelStorage', { tenant, secretNames: ['models-s3'], imagePullSecrets: ['regcred'] });
}

function addServingRuntimes(stack: Stack, tenant: Tenant): { torchserve: ServingRuntime; vllm: ClusterServingRuntime } {
  const torchserve = new ServingRuntime(stack, 'TorchserveGpu', {
    tenant,
    supportedModelFormats: [{ format: ModelFormat.pytorch('2'), autoSelect: true, priority: 2 }],
    protocolVersions: [ProtocolVersion.V1, ProtocolVersion.V2, ProtocolVersion.GRPC_V2],
    container: {
      image: 'pytorch/torchserve-kfs:0.12.0', args: ['torchserve', '--start', '--model-store=/mnt/models/model-store'],
      ports: [{ containerPort: 8080, protocol: 'TCP' }],
      resources: { cpu: { request: Cpu.units(1) }, memory: { request: Size.gibibytes(2), limit: Size.gibibytes(2) } },
    },
    pod: { nodeSelector: GPU_NODES, labels: { runtime: 'torchserve' }, imagePullSecrets: ['regcred'] },
  });
  const vllm = new ClusterServingRuntime(stack, 'VllmRuntime', {
    supportedModelFormats: [{ format: ModelFormat.of('vLLM', '1'), autoSelect: true }],
    container: { image: 'vllm/vllm-openai:v0.9.2', args: ['--port=8080'] },
  });
  new ClusterServingRuntime(stack, 'MlserverModelMesh', {
    supportedModelFormats: [{ format: ModelFormat.sklearn('1'), autoSelect: true }, { format: ModelFormat.xgboost('2'), autoSelect: true }],
    protocolVersions: [ProtocolVersion.GRPC_V2],
    multiModel: { grpcEndpoint: 'port:8085', grpcDataEndpoint: 'port:8001', httpDataEndpoint: 'port:8008' },
    disabled: true,
    container: { image: 'seldonio/mlserver:1.6.1' },
  });
  return { torchserve, vllm };
}

/** Sequence, Switch, Ensemble and Splitter nodes; steps to services, nodes and URLs; both modes. */
function addInferenceGraphs(stack: Stack, tenant: Tenant): void {
  const classifier = (name: string) => new InferenceService(stack, name, {
    tenant, predictor: { model: { format: ModelFormat.sklearn('1'), storageUri: StorageUri.s3(`models/${name}`) } },
  });
  const [catDog, dogBreed, catBreed, a, b] = ['cat-dog', 'dog-breed', 'cat-breed', 'model-a', 'model-b'].map(classifier);
  const breeds = GraphNode.switch([
    GraphStep.service(dogBreed, { condition: '[@this].#(predictions.0=="dog")' }),
    GraphStep.service(catBreed, { condition: '[@this].#(predictions.0=="cat")' }),
  ], { name: 'breed-classifier' });
  const ensemble = GraphNode.ensemble([GraphStep.service(a, { name: 'first' }), GraphStep.service(b, { name: 'second' })], { name: 'ensemble' });
  const split = GraphNode.splitter([GraphStep.service(a, { weight: 80 }), GraphStep.service(b, { weight: 20 })], { name: 'ab-test' });
  new InferenceGraph(stack, 'Pets', {
    tenant,
    root: GraphNode.sequence([
      GraphStep.service(catDog),
      GraphStep.node(breeds, { data: GraphStepData.REQUEST, dependency: GraphStepDependency.HARD }),
      GraphStep.node(ensemble, { data: GraphStepData.REQUEST }),
      GraphStep.node(split, { data: GraphStepData.REQUEST, dependency: GraphStepDependency.SOFT }),
      GraphStep.url('http://postprocess.team.svc.cluster.local/v1/models/post:predict', { data: GraphStepData.RESPONSE }),
    ]),
    autoscaling: { minReplicas: 0, maxReplicas: 3, metric: ScaleMetric.concurrency(20) },
    resources: { cpu: { request: Cpu.millis(100) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) } },
  });
  new InferenceGraph(stack, 'AbRouter', {
    deploymentMode: DeploymentMode.STANDARD,
    root: GraphNode.splitter([
      GraphStep.service(InferenceService.fromName(stack, 'ModelA', 'model-a', EVERY_KIND_NAMESPACE), { weight: 50 }),
      GraphStep.service(InferenceService.fromName(stack, 'ModelB', 'model-b', EVERY_KIND_NAMESPACE), { weight: 50 }),
    ]),
    autoscaling: { minReplicas: 1, maxReplicas: 4, metric: ScaleMetric.cpu(60) },
    timeout: Duration.seconds(30),
    scheduling: { nodeSelector: { pool: 'cpu' }, tolerations: [{ key: 'dedicated', value: 'serving', effect: 'NoSchedule' }] },
    serviceAccountName: 'graph-router',
  });
}
