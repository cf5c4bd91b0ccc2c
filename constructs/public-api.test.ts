// The package's public API, pinned. Adding or removing a name here is a deliberate API change:
// constructs, their props and options, enums, static-factory classes, value types and documented
// constants are public; rendering and validation helpers and wire-format types are not (the
// code imports them by file path, and core's are tagged internal so that stripInternal keeps
// them out of the published .d.ts).
import * as path from 'node:path';
import * as ts from 'typescript';
import * as api from './index';

/** What `require('cdk8s-kubeflow')` has at run time: classes, enums, constants, functions. */
const VALUES = [
  'ANNOTATIONS', 'ARGOCD_NAMESPACE', 'ARGOCD_SYNC_OPTIONS', 'ARGOCD_SYNC_WAVE', 'ARTIFACT_TYPES', 'AcquisitionFunction',
  'AcquisitionOptimizer', 'Algorithm', 'AppArmorProfile', 'ApplicationsSync', 'ArgoCdApplication',
  'ArgoCdApplicationSet', 'ArgoCdDelivery', 'ArgoCdProject', 'ArtExplainerType', 'Artifact', 'ArtifactChannel',
  'ArtifactSpec', 'Autoscaler', 'BaseEstimator', 'CREATE_PVC', 'CleanPodPolicy', 'ClusterServingRuntime',
  'ClusterTrainingRuntime', 'CmaesRestartStrategy', 'Collected', 'CollectorKind', 'Condition', 'ConditionChain',
  'ConstructError', 'ContainerComponent', 'Cpu', 'DEFAULT_METRICS_FILTER', 'DELETE_PVC', 'DartsAlgorithm',
  'DeploymentMode', 'Distribution', 'DownwardApiField', 'EarlyStopping', 'ElasticMetric', 'EnasAlgorithm', 'EnvFrom',
  'EnvValue', 'Experiment', 'FeastAuthorization', 'FeatureRegistry', 'FeatureRepository', 'FeatureStore',
  'FsGroupChangePolicy', 'Generator', 'Gpu', 'GraphNode', 'GraphRouterType', 'GraphStep', 'GraphStepData',
  'GraphStepDependency', 'HEALTH_LUA', 'HostPathType', 'INITIALIZER_VOLUME', 'IN_CLUSTER', 'ImagePullPolicy', 'Importer',
  'InferenceGraph', 'InferenceService', 'JAXJob', 'KATIB_INJECTION_LABEL', 'KUEUE_PRIORITY_LABEL', 'KUEUE_QUEUE_LABEL',
  'KfpPipeline', 'LABELS', 'LifecycleHandler', 'LoggerMode', 'LoopItem', 'MPIJob', 'MXNET_STEPS',
  'MXNetClusterTrainingRuntime', 'MXNetTrainingRuntime', 'Metric', 'MetricStrategy', 'MetricTarget', 'MetricsCollector',
  'MetricsFormat', 'MlFramework', 'MlPolicy', 'ModelFormat', 'ModelRegistry', 'ModelRegistryStorageInitializer',
  'MpiImplementation', 'NasOperation', 'NetworkTopologyMode', 'Notebook', 'NotebookImage', 'NotebookServerType',
  'NprocPerNode', 'ObjectiveType', 'OfflineStore', 'OnlineStore', 'PaddleJob', 'Param', 'ParamChannel', 'ParameterSpec',
  'PipelineBuilder', 'PipelineComponent', 'Placeholder', 'PodDefault', 'PodGroupPolicy', 'Probe', 'ProjectedSource',
  'PropagationPolicy', 'ProtocolVersion', 'PyTorchJob', 'RECONCILER_IMAGE_REPOSITORY', 'RUN_ONCE_KINDS', 'Reconciler',
  'RegistryDatabase', 'Release', 'RendezvousBackend', 'Resource', 'RestartPolicy', 'ResumePolicy', 'RolloutPlan',
  'RunOnce', 'ScaleMetric', 'Scheduler', 'SchedulerKind', 'SearchParameter', 'SearchParameterType', 'SearchSpace',
  'SeccompProfile', 'ServingRuntime', 'ServingRuntimeBase', 'Size', 'Stack', 'StepDependency', 'StepStatus',
  'StorageCredentials', 'StorageUri', 'SyncOption', 'TFJob', 'Task', 'Tenant', 'TenantPlugin', 'TenantRole',
  'TfSuccessPolicy', 'TrainJob', 'TrainingJob', 'TrainingRuntime', 'TrainingRuntimeBase', 'TrialKind', 'TrialMetadata',
  'TrialTemplate', 'TrialValue', 'Volume', 'VolumeAccessMode', 'VolumeClaimPolicy', 'Workspace', 'XGBoostJob',
  'collectWarnings', 'compilePipeline', 'deriveSyncWaves', 'pipelineYaml', 'protectNamespaces', 'requireRelease',
];

/** Type-only exports: props, options and settings interfaces, and the interfaces users implement or name. */
const TYPES = [
  'ApplicationDestination', 'ApplicationSource', 'ApplicationSpecProps', 'ApplicationTemplate', 'Arg',
  'ArgoCdApplicationProps', 'ArgoCdApplicationSetProps', 'ArgoCdDeliveryProps', 'ArgoCdProjectProps',
  'ArtExplainerProps', 'ArtifactOptions', 'ArtifactPlaceholders', 'ArtifactType', 'AutomatedSyncProps',
  'AutoscalingProps', 'AwsIamForServiceAccountOptions', 'BatcherProps', 'BayesianOptimizationSettings', 'CanaryProps',
  'CapabilitiesProps', 'ClusterServingRuntimeProps', 'ClusterTrustBundleOptions', 'CmaesSettings', 'CompiledPipeline',
  'ComponentIo', 'ConstructWarning', 'ContainerComponentProps', 'ContainerPatchProps', 'ContainerPort', 'ContainerProps',
  'Contributor', 'CoschedulingOptions', 'CsiVolumeOptions', 'CustomCollectorOptions', 'DartsSettings', 'DataVolume',
  'ElasticPolicyProps', 'EnasSettings', 'EnvFromOptions', 'EnvInjectionTarget', 'EnvMap', 'EphemeralVolumeOptions',
  'ExistingPodDefaultOptions', 'ExperimentProps', 'ExplainerProps', 'ExternalDatabaseOptions', 'FeastClaimOptions',
  'FeastLogLevel', 'FeastTemplate', 'FeatureRegistryDatabase', 'FeatureRegistryFileOptions', 'FeatureServerOptions',
  'FeatureServers', 'FeatureStoreProps', 'FileCollectorOptions', 'GangMinResources', 'GangOptions', 'GitDirectory',
  'GitRepositoryOptions', 'GrantAccessOptions', 'GraphNodeOptions', 'GraphRouterTimeouts', 'GraphStepOptions',
  'GridSettings', 'GroupKind', 'GrpcOptions', 'HttpGetOptions', 'HyperbandSettings', 'IComponent', 'IFeatureStoreClient',
  'IInferenceService', 'INamespacedResource', 'IPodDefault', 'IResource', 'IServingRuntime', 'IStorageCredentials',
  'ITenant', 'ITrainingRuntime', 'ITrialJob', 'ITrialParameter', 'IgnoreDifferenceProps', 'ImporterOptions',
  'InClusterDatabaseOptions', 'InferenceGraphProps', 'InferenceServiceProps', 'InitializerProps',
  'InitializerStepDetails', 'IoSpecs', 'JAXJobProps', 'JsonValue', 'KeysOptions', 'KeysVolumeOptions',
  'KfpPipelineProps', 'KubeflowImageOptions', 'KubernetesTaskOptions', 'KueueOptions', 'LabelRequirement',
  'LabeledMetricOptions', 'LifecycleProps', 'ListParameterOptions', 'LoggerProps', 'LoggerStorageProps', 'MPIJobProps',
  'MXNetRoleProps', 'MXNetRuntimeBaseProps', 'MXNetServerProps', 'MXNetTrainingRuntimeProps', 'MXNetWorkerProps',
  'MaterializationOptions', 'MedianStopSettings', 'MetadataProps', 'MetricOptions', 'MetricsFilterOptions',
  'MlPolicyOptions', 'ModelMeshEndpoints', 'ModelProps', 'ModelRegistryProps', 'ModelRegistryStorageInitializerProps',
  'ModelStorageProps', 'MpiPolicyOptions', 'MultivariateTpeSettings', 'NamedContainerProps', 'NasConfigProps',
  'NewWorkspaceOptions', 'NotebookProps', 'OfflineDatabase', 'OfflineFileFormat', 'OidcOptions', 'OnlineDatabase',
  'OnlineFileOptions', 'PaddleElasticPolicyProps', 'PaddleJobProps', 'ParallelForOptions', 'ParameterListOptions',
  'ParameterOptions', 'ParameterRangeOptions', 'ParameterType', 'PathMapping', 'PbtSettings', 'PipelineComponentProps',
  'PipelineScheduleOptions', 'PipelineToleration', 'PodDefaultProps', 'PodDefaultSelector', 'PodProps',
  'PodSecurityContextProps', 'PortRef', 'PredictorContainerProps', 'PredictorProps', 'ProbeTimings',
  'ProjectDestination', 'PrometheusMetricOptions', 'PrometheusOptions', 'PvcMount', 'PyTorchJobProps', 'RandomSettings',
  'ReconcilerProps', 'RegistryDatabaseType', 'RegistryServerOptions', 'RemoteRegistryOptions', 'ReplicaProps',
  'ResourceProps', 'ResourceRange', 'ResourcesProps', 'RetryPolicy', 'RetryProps', 'RollingUpdateProps', 'RolloutProps',
  'RunPolicyProps', 'RuntimeCoschedulingOptions', 'RuntimeDetails', 'RuntimePatchProps', 'RuntimePodProps',
  'RuntimeStepProps', 'RuntimeVolcanoOptions', 'RuntimeWorkerSpecProps', 'S3Settings', 'SchedulingProps',
  'SeLinuxOptions', 'SecretAsEnv', 'SecretAsVolume', 'SecretKeyRef', 'SecurityContextProps', 'SeedSettings',
  'ServerTlsOptions', 'ServiceAccountTokenOptions', 'ServingComponentProps', 'ServingRuntimeBaseProps',
  'ServingRuntimeDetails', 'ServingRuntimeProps', 'SharedClaimOptions', 'StackProps', 'StackTransform',
  'StorageCredentialsProps', 'StorageUriMount', 'StoreCredentials', 'SupportedModelFormat', 'SyncPolicyProps',
  'TFJobProps', 'TaskArgs', 'TaskOptions', 'TaskResources', 'TcpSocketOptions', 'TenantProps', 'TenantQuota',
  'TensorFlowEventOptions', 'Toleration', 'TorchPolicyOptions', 'TpeSettings', 'TrainJobProps', 'TrainJobTrainerProps',
  'TrainingJobProps', 'TrainingRuntimeBaseProps', 'TrainingRuntimeProps', 'TransformerProps', 'TrialConfigMapProps',
  'TrialContainerProps', 'TrialJobFactory', 'TrialJobOptions', 'TrialTemplateOptions', 'VolcanoOptions', 'VolumeMount',
  'WorkerContainerProps', 'WorkerSpecProps', 'XGBoostJobProps',
];

/** Helpers that once leaked through `export *`: they must stay out. */
const INTERNAL_VALUES = [
  // core
  'emit', 'lazy', 'takeLazyError', 'resolveNamespace', 'fail', 'field', 'checkCount', 'warn', 'checkName', 'resourceName',
  'suggestName', 'claimIdentity', 'NameRule', 'renderPodTemplate', 'renderContainer', 'renderResources', 'renderEnv',
  'renderTolerations', 'collectVolumes', 'sizeQuantity', 'withContentHash', 'canonicalJson', 'standardLabels', 'MANAGED_BY',
  'adopt', 'checkMetadata', 'addCheck', 'ConstructState', 'maxNameLength', 'checkDerivedNames', 'warningFinding', 'DNS_LABEL_MAX',
  // serving
  'renderPredictor', 'renderCanaries', 'renderAutoscaling', 'renderServingComponent', 'renderTransformer', 'renderExplainer',
  'renderLogger', 'renderBatcher', 'resolveAutoscaler', 'builtInRuntimesFor', 'isBuiltInRuntime', 'RUNTIME_IMAGE_PLACEHOLDER',
  'KSERVE_CONTAINER', 'SERVING_ANNOTATIONS', 'KNATIVE_REVISION_SUFFIX',
  // training
  'renderReplicaSpecs', 'mergePodProps', 'renderRunPolicy', 'jobName', 'OPERATOR_POD_LABELS', 'RUNTIME_STEPS',
  'RESERVED_TRAINER_ENV', 'TRAINER_API_VERSION',
  // tuning
  'renderNas', 'validateNas', 'placeholder', 'placeholdersIn',
];
const INTERNAL_TYPES = [
  'RenderedContainer', 'RenderedPodTemplate', 'PodTemplateInput', 'RenderedResources', 'RenderedVolume', 'RenderedEnvVar',
  'EmitMetadata', 'GroupVersionKind', 'NamespaceProps', 'RenderedPredictor', 'RenderedCanaries', 'RenderedAutoscaling',
  'ServingComponentContext', 'RenderedServingComponent', 'CanaryInput', 'AutoscalingInput', 'RenderedReplicaSpec',
  'ReplicaDefaults', 'RenderedScheduling', 'AlgorithmContext', 'BoundTrialTemplate', 'RenderedObjective', 'RenderedParameter',
  'RenderedMetricsCollector', 'RenderedNasConfig', 'JobKindDefinition', 'RoleDefinition', 'RoleInput', 'CommonJobSpec', 'DerivedName',
  'NameOptions', 'ReplicaSpec', 'RunPolicy', 'SchedulingPolicy', 'ServiceSpec', 'PredictorSpec', 'ComponentFields', 'GraphSpec', 'RuntimeSpec',
];

const byCodeUnit = (names: Iterable<string>) => [...names].sort();

describe('public API', () => {
  test('the lists are sorted and disjoint', () => {
    expect(VALUES).toEqual(byCodeUnit(VALUES));
    expect(TYPES).toEqual(byCodeUnit(TYPES));
    expect(VALUES.filter((n) => TYPES.includes(n))).toEqual([]);
  });

  test('run-time exports are exactly the public values', () => {
    expect(byCodeUnit(Object.keys(api))).toEqual(VALUES);
  });

  test('internal helpers are not exported', () => {
    for (const name of INTERNAL_VALUES) expect(Object.keys(api)).not.toContain(name);
  });

  describe('published declarations (emitted as `npm run build` does, with stripInternal)', () => {
    let published: Map<string, string>;
    let exported: string[];

    beforeAll(() => {
      ({ published, exported } = emitDeclarations());
    });

    test('index.d.ts exports exactly the public values and types', () => {
      expect(exported).toEqual(byCodeUnit([...VALUES, ...TYPES]));
    });

    test('internal helpers and wire-format types are not exported', () => {
      for (const name of [...INTERNAL_VALUES, ...INTERNAL_TYPES]) expect(exported).not.toContain(name);
    });

    test('no declaration file shows an internal member', () => {
      for (const [file, text] of published) {
        expect({ file, internal: text.match(/\b_(render|validate|bind|create|target)\b/g) ?? [] }).toEqual({ file, internal: [] });
      }
    });
  });
});

/**
 * Emits the .d.ts of constructs/ in memory with the project's compiler options, then lists what
 * the emitted index.d.ts exports. A declaration that stripInternal drops (e.g. because a comment
 * above it mentions the tag) would vanish from the list although it is still in the source.
 */
function emitDeclarations(): { published: Map<string, string>; exported: string[] } {
  const repo = path.join(__dirname, '..');
  const config = ts.getParsedCommandLineOfConfigFile(path.join(repo, 'tsconfig.json'), {}, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  if (!config) throw new Error('cannot read tsconfig.json');
  expect(config.options.stripInternal).toBe(true);
  const outDir = path.join(repo, '.public-api-dts'); // never written: the emit goes to memory
  const program = ts.createProgram([path.join(__dirname, 'index.ts')], {
    ...config.options, outDir, declaration: true, emitDeclarationOnly: true, incremental: false, tsBuildInfoFile: undefined,
  });
  const published = new Map<string, string>();
  const result = program.emit(undefined, (file, text) => {
    if (file.endsWith('.d.ts')) published.set(path.resolve(file), text);
  }, undefined, true);
  expect(result.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);

  const host = ts.createCompilerHost({});
  const disk = { fileExists: host.fileExists, readFile: host.readFile, getSourceFile: host.getSourceFile, directoryExists: host.directoryExists };
  host.fileExists = (f) => published.has(path.resolve(f)) || disk.fileExists(f);
  host.readFile = (f) => published.get(path.resolve(f)) ?? disk.readFile(f);
  host.directoryExists = (d) => path.resolve(d).startsWith(outDir) || (disk.directoryExists?.(d) ?? true);
  host.getSourceFile = (f, version, ...rest) => {
    const text = published.get(path.resolve(f));
    return text !== undefined ? ts.createSourceFile(f, text, version) : disk.getSourceFile(f, version, ...rest);
  };
  const index = path.join(outDir, 'constructs', 'index.d.ts');
  const dts = ts.createProgram([index], {
    types: [], skipLibCheck: true, noEmit: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
  }, host);
  const source = dts.getSourceFile(index);
  if (!source) throw new Error(`${index} was not emitted`);
  const checker = dts.getTypeChecker();
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).map((s) => s.name);
  return { published, exported: byCodeUnit(exported) };
}
