import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkPolicies, synthesize } from '../cli/synthesize';
import * as api from '../constructs';
import { Resource } from '../constructs/core/resource';
import { formatFinding } from '../manifest';
import { releaseSchemasDir } from '../policies/schema-dir';
import { SchemaValidator } from '../policies/schema-validator';
import { buildEveryKindApp, EVERY_KIND_NAMESPACE, EVERY_KIND_STACK } from './every-kind';

/** Every `apiVersion Kind` a construct of constructs/ can emit (see the `emit(...)` calls there). */
const CONSTRUCT_KINDS = [
  // core: every Stack's Inventory, listing its objects for the reconciler
  'cdk8s-kubeflow.io/v1alpha1 Inventory',
  // tenancy: Tenant (Profile, a RoleBinding per contributor, the Namespace once it is labelled), PodDefault
  'kubeflow.org/v1 Profile',
  'rbac.authorization.k8s.io/v1 RoleBinding',
  'v1 Namespace',
  'v1 LimitRange',
  'kubeflow.org/v1alpha1 PodDefault',
  // notebooks: Notebook and its workspace and data volume claims
  'kubeflow.org/v1 Notebook',
  'v1 PersistentVolumeClaim',
  // training
  'kubeflow.org/v1 PyTorchJob',
  'kubeflow.org/v1 TFJob',
  'kubeflow.org/v1 XGBoostJob',
  'kubeflow.org/v1 MPIJob',
  'kubeflow.org/v1 PaddleJob',
  'kubeflow.org/v1 JAXJob',
  'trainer.kubeflow.org/v1alpha1 TrainJob',
  'trainer.kubeflow.org/v1alpha1 TrainingRuntime',
  'trainer.kubeflow.org/v1alpha1 ClusterTrainingRuntime',
  // tuning (trial jobs live inside the Experiment; a trial ConfigMap is referenced, not emitted)
  'kubeflow.org/v1beta1 Experiment',
  // serving: StorageCredentials is a ServiceAccount
  'serving.kserve.io/v1beta1 InferenceService',
  'serving.kserve.io/v1alpha1 ServingRuntime',
  'serving.kserve.io/v1alpha1 ClusterServingRuntime',
  'serving.kserve.io/v1alpha1 InferenceGraph',
  'v1 ServiceAccount',
  // features: FeatureStore (its clients' PodDefault and RoleBindings are listed above)
  'feast.dev/v1 FeatureStore',
  // model registry: the server's Deployment and Service, a development database's StatefulSet, the storage initializer
  'apps/v1 Deployment',
  'apps/v1 StatefulSet',
  'v1 Service',
  'serving.kserve.io/v1alpha1 ClusterStorageContainer',
].sort();

/** The concrete Resource classes the every-kind app instantiates: all of them. */
const RESOURCE_CLASSES = [
  api.Tenant, api.PodDefault, api.Notebook, api.PyTorchJob, api.TFJob, api.XGBoostJob, api.MPIJob, api.PaddleJob, api.JAXJob, api.TrainJob,
  api.TrainingRuntime, api.ClusterTrainingRuntime, api.Experiment, api.InferenceService, api.ServingRuntime, api.ClusterServingRuntime,
  api.InferenceGraph, api.StorageCredentials, api.FeatureStore, api.ModelRegistry, api.ModelRegistryStorageInitializer,
];

describe('the every-kind app', () => {
  const app = buildEveryKindApp();
  const result = synthesize(app);
  const objects = result.sources.map((s) => s.object as any);
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);

  test('synthesizes without construct errors, and Katib\'s rules object only where Katib needs more than its default configuration', () => {
    expect(result.findings.map(formatFinding)).toEqual([]);
    expect(result.warnings.map((w) => `${w.constructPath}: ${w.field}`)).toEqual([]);
    const katib = checkPolicies(result).findings.filter((f) => f.rule.startsWith('katib/'));
    expect(katib.map((f) => `${f.construct}: ${f.rule}`)).toEqual(['every-kind/CollectPrometheus: katib/metrics-collector-configured']);
  });

  test('every construct that emits an object is a Resource, and ApiObject.of() finds its object', () => {
    const resources = app.node.findAll().filter((c): c is Resource => c instanceof Resource);
    expect(new Set(resources.map((r) => r.constructor.name))).toEqual(new Set(RESOURCE_CLASSES.map((c) => c.name)));
    for (const r of resources) {
      expect({ path: r.node.path, same: ApiObject.of(r) === r.apiObject }).toEqual({ path: r.node.path, same: true });
      expect(r.apiObject.kind).toBe(r.kind);
      expect(r.apiObject.apiVersion).toBe(r.apiVersion);
      expect(r.apiObject.metadata.name).toBe(r.name);
    }
  });

  test('every construct class of the package that emits an object extends Resource', () => {
    const values: unknown[] = Object.values(api);
    const constructClasses = values.filter((v): v is { name: string; prototype: object } =>
      typeof v === 'function' && v.prototype instanceof Construct && v !== api.Stack && !api.Stack.prototype.isPrototypeOf(v.prototype) && v !== api.Resource);
    expect(constructClasses.filter((c) => !(c.prototype instanceof Resource)).map((c) => c.name)).toEqual([]);
  });

  test('every object is valid against its upstream schema (of the stack\'s release, as synth validates)', () => {
    const release = result.releases.get(EVERY_KIND_STACK)!;
    expect(release.name).toBe('newest');
    expect(SchemaValidator.for(releaseSchemasDir(release.schemas)).validateAll(result.sources).map(formatFinding)).toEqual([]);
  });

  test('emits exactly the kinds the constructs can emit', () => {
    expect([...new Set(objects.map((o) => `${o.apiVersion} ${o.kind}`))].sort()).toEqual(CONSTRUCT_KINDS);
  });

  test('everything namespaced is in the tenant\'s namespace', () => {
    expect(ofKind('Profile').map((p) => p.metadata.name)).toEqual([EVERY_KIND_NAMESPACE]);
    expect(new Set(objects.map((o) => o.metadata.namespace).filter((ns) => ns !== undefined))).toEqual(new Set([EVERY_KIND_NAMESPACE]));
  });

  test('covers every variant the constructs render', () => {
    const values = (kind: string, pick: (o: any) => unknown) => [...new Set(ofKind(kind).flatMap((o) => pick(o) ?? []))].sort();
    const notebookTypes = (o: any) => o.metadata.annotations['notebooks.kubeflow.org/server-type'];
    expect(values('Notebook', notebookTypes)).toEqual(['group-one', 'group-two', 'jupyter']);
    expect(values('Experiment', (o) => o.spec.algorithm.algorithmName)).toEqual([
      'bayesianoptimization', 'cmaes', 'darts', 'enas', 'grid', 'hyperband', 'multivariate-tpe', 'pbt', 'random', 'sobol', 'tpe',
    ]);
    expect(values('Experiment', (o) => o.spec.metricsCollectorSpec.collector.kind)).toEqual(['Custom', 'File', 'PrometheusMetric', 'Push', 'StdOut', 'TensorFlowEvent']);
    expect(values('Experiment', (o) => o.spec.earlyStopping?.algorithmName)).toEqual(['medianstop']);
    expect(values('Experiment', (o) => o.spec.trialTemplate.trialSpec?.kind ?? (o.spec.trialTemplate.configMap && 'ConfigMap'))).toEqual(['ConfigMap', 'Job', 'PyTorchJob', 'TFJob', 'TrainJob']);
    expect(values('TrainJob', (o) => o.spec.runtimeRef.kind)).toEqual(['ClusterTrainingRuntime', 'TrainingRuntime']);
    expect(ofKind('TrainJob').filter((o) => o.spec.initializer?.dataset && o.spec.initializer?.model)).toHaveLength(3);
    expect(ofKind('PyTorchJob').some((o) => o.spec.elasticPolicy)).toBe(true);
    expect(ofKind('PyTorchJob').some((o) => o.spec.pytorchReplicaSpecs.Master && o.spec.runPolicy?.schedulingPolicy)).toBe(true); // gang-scheduled
    expect(values('TFJob', (o) => Object.keys(o.spec.tfReplicaSpecs))).toEqual(['Chief', 'Evaluator', 'PS', 'Worker']);

    const isvcs = ofKind('InferenceService');
    expect(values('InferenceService', (o) => o.spec.predictor.model?.modelFormat.name)).toEqual([
      'autogluon', 'huggingface', 'lightgbm', 'mlflow', 'onnx', 'paddle', 'pmml', 'pytorch', 'sklearn', 'tensorflow', 'triton', 'vLLM', 'xgboost',
    ]);
    expect(values('InferenceService', (o) => o.metadata.annotations['serving.kserve.io/deploymentMode'])).toEqual(['Knative', 'Standard']);
    expect(values('InferenceService', (o) => Object.keys(o.spec))).toEqual(['canary', 'explainer', 'predictor', 'transformer']);
    expect(values('InferenceService', (o) => o.spec.predictor.scaleMetric)).toEqual(['concurrency', 'cpu', 'memory', 'rps']);
    expect(isvcs.some((o) => o.spec.predictor.autoScaling)).toBe(true); // KEDA
    expect(isvcs.some((o) => o.spec.predictor.containers)).toBe(true); // custom predictor
    expect(isvcs.some((o) => o.spec.predictor.logger) && isvcs.some((o) => o.spec.predictor.batcher)).toBe(true);
    expect(values('InferenceService', (o) => Object.keys(o.spec.explainer ?? {}).filter((k) => k === 'art' || k === 'containers'))).toEqual(['art', 'containers']);
    // A Knative revision canary and Standard named canaries.
    expect(isvcs.some((o) => o.spec.predictor.canaryTrafficPercent !== undefined && o.metadata.annotations['serving.kserve.io/deploymentMode'] === 'Knative')).toBe(true);
    expect(isvcs.some((o) => o.spec.canary && o.metadata.annotations['serving.kserve.io/deploymentMode'] === 'Standard')).toBe(true);
    expect(values('InferenceGraph', (o) => Object.values(o.spec.nodes).map((n: any) => n.routerType))).toEqual(['Ensemble', 'Sequence', 'Splitter', 'Switch']);
    expect(values('InferenceGraph', (o) => Object.values(o.spec.nodes).flatMap((n: any) => n.steps.flatMap((s: any) => Object.keys(s).filter((k) => /^(serviceName|nodeName|serviceUrl)$/.test(k))))))
      .toEqual(['nodeName', 'serviceName', 'serviceUrl']);
  });
});
