// Every construct that emits a main object takes `metadata` (labels and annotations of that
// object) and is reachable with cdk8s's standard escape hatch, ApiObject.of(construct). The
// test walks the package's exports: a new construct class fails it until it has a minimal
// instance below, so a construct without them cannot slip in.
import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { manifests, testStack } from '../test/util';
import * as api from './index';

const METADATA = { labels: { 'example.com/owner': 'ml-platform' }, annotations: { 'example.com/ticket': 'ML-42' } };

type Factory = (scope: Construct, metadata: api.MetadataProps) => api.Resource;

const worker = { image: 'ghcr.io/example/train:1.0.0' };
const definition = api.PipelineComponent.define({ name: 'hello' }, (p) => {
  p.task(api.ContainerComponent.define({ name: 'echo', image: 'busybox:1', command: ['echo', 'hi'] }), {});
});

/** A minimal instance of every concrete construct class that emits a main object. */
const FACTORIES = new Map<unknown, Factory>([
  [api.Tenant, (s, metadata) => new api.Tenant(s, 'Tenant', { owner: 'owner@example.com', metadata })],
  [api.PodDefault, (s, metadata) => new api.PodDefault(s, 'PodDefault', { description: 'x', metadata })],
  [api.Notebook, (s, metadata) => new api.Notebook(s, 'Notebook', { metadata })],
  [api.PyTorchJob, (s, metadata) => new api.PyTorchJob(s, 'PyTorch', { worker, metadata })],
  [api.TFJob, (s, metadata) => new api.TFJob(s, 'TF', { worker, metadata })],
  [api.XGBoostJob, (s, metadata) => new api.XGBoostJob(s, 'XGBoost', { master: worker, metadata })],
  [api.MPIJob, (s, metadata) => new api.MPIJob(s, 'MPI', { launcher: worker, worker, metadata })],
  [api.PaddleJob, (s, metadata) => new api.PaddleJob(s, 'Paddle', { worker, metadata })],
  [api.JAXJob, (s, metadata) => new api.JAXJob(s, 'JAX', { worker, metadata })],
  [api.TrainJob, (s, metadata) => new api.TrainJob(s, 'TrainJob', { runtime: api.ClusterTrainingRuntime.fromName(s, 'Torch', 'torch-distributed'), metadata })],
  [api.TrainingRuntime, (s, metadata) => new api.TrainingRuntime(s, 'Runtime', { trainer: worker, metadata })],
  [api.ClusterTrainingRuntime, (s, metadata) => new api.ClusterTrainingRuntime(s, 'ClusterRuntime', { trainer: worker, metadata })],
  [api.MXNetTrainingRuntime, (s, metadata) => new api.MXNetTrainingRuntime(s, 'MXNet', { worker, metadata })],
  [api.MXNetClusterTrainingRuntime, (s, metadata) => new api.MXNetClusterTrainingRuntime(s, 'ClusterMXNet', { worker, metadata })],
  [api.Experiment, (s, metadata) => {
    const lr = api.SearchSpace.double('lr', { min: 0.01, max: 0.1 });
    return new api.Experiment(s, 'Experiment', {
      objective: api.Metric.maximize('accuracy'), algorithm: api.Algorithm.random(), parameters: [lr], maxTrialCount: 2,
      trialTemplate: api.TrialTemplate.fromContainer({ image: 'ghcr.io/example/tune:1.0.0', command: ['python', 'train.py', `--lr=${lr.ref}`] }),
      metadata,
    });
  }],
  [api.InferenceService, (s, metadata) => new api.InferenceService(s, 'Model', {
    predictor: { model: { format: api.ModelFormat.sklearn('1'), storageUri: api.StorageUri.s3('models/a') } }, metadata,
  })],
  [api.ServingRuntime, (s, metadata) => new api.ServingRuntime(s, 'ServingRuntime', {
    supportedModelFormats: [{ format: api.ModelFormat.sklearn('1') }], container: { image: 'ghcr.io/example/server:1.0.0' }, metadata,
  })],
  [api.ClusterServingRuntime, (s, metadata) => new api.ClusterServingRuntime(s, 'ClusterServingRuntime', {
    supportedModelFormats: [{ format: api.ModelFormat.sklearn('1') }], container: { image: 'ghcr.io/example/server:1.0.0' }, metadata,
  })],
  [api.InferenceGraph, (s, metadata) => new api.InferenceGraph(s, 'Graph', {
    root: api.GraphNode.sequence([api.GraphStep.url('http://model.team.svc.cluster.local/v1/models/m:predict')]), metadata,
  })],
  [api.StorageCredentials, (s, metadata) => new api.StorageCredentials(s, 'Credentials', { secretNames: ['models-s3'], metadata })],
  [api.KfpPipeline, (s, metadata) => new api.KfpPipeline(s, 'Pipeline', { pipeline: definition, metadata })],
  [api.Reconciler, (s, metadata) => new api.Reconciler(s, 'Reconciler', { metadata })],
  [api.ArgoCdApplication, (s, metadata) => new api.ArgoCdApplication(s, 'Application', {
    source: { repoURL: 'https://git.example.com/platform.git', path: 'dist/dev' }, destination: { server: api.IN_CLUSTER }, metadata,
  })],
  [api.ArgoCdProject, (s, metadata) => new api.ArgoCdProject(s, 'Project', {
    sourceRepos: ['https://git.example.com/platform.git'], destinations: [{ server: api.IN_CLUSTER, namespace: 'team' }], metadata,
  })],
  [api.FeatureStore, (s, metadata) => new api.FeatureStore(s, 'Features', { project: 'fraud', metadata })],
  [api.ModelRegistry, (s, metadata) => new api.ModelRegistry(s, 'Registry', { database: api.RegistryDatabase.external({ type: 'mysql', dsnSecret: { name: 'dsn', key: 'dsn' } }), metadata })],
  [api.ModelRegistryStorageInitializer, (s, metadata) => new api.ModelRegistryStorageInitializer(s, 'RegistryInitializer', { metadata })],
  [api.ArgoCdApplicationSet, (s, metadata) => new api.ArgoCdApplicationSet(s, 'ApplicationSet', {
    generators: [api.Generator.list([{ team: 'a' }])],
    template: { name: '{{ .team }}', source: { repoURL: 'https://git.example.com/platform.git', path: 'dist/{{ .team }}' }, destination: { server: api.IN_CLUSTER } },
    metadata,
  })],
]);

/** Bases that are never instantiated themselves. */
const ABSTRACT = new Set<unknown>([api.TrainingJob, api.TrainingRuntimeBase, api.ServingRuntimeBase]);

/** Every exported class that is a Resource (emits a main object). */
const resourceClasses = Object.entries(api)
  .filter(([, v]) => typeof v === 'function' && (v as { prototype: unknown }).prototype instanceof api.Resource)
  .map(([name, v]) => ({ name, cls: v }));

describe('every construct that emits an object', () => {
  test('has a minimal instance here (add one for a new construct)', () => {
    const missing = resourceClasses.filter((c) => !ABSTRACT.has(c.cls) && !FACTORIES.has(c.cls)).map((c) => c.name);
    expect(missing).toEqual([]);
  });

  test.each(resourceClasses.filter((c) => FACTORIES.has(c.cls)).map((c) => [c.name, c.cls] as const))('%s takes metadata, and ApiObject.of + addJsonPatch reach its object', (_name, cls) => {
    const stack = testStack();
    const construct = FACTORIES.get(cls)!(stack, METADATA);
    expect(construct).toBeInstanceOf(cls as abstract new (...args: never[]) => unknown);
    const obj = ApiObject.of(construct);
    expect(obj).toBe(construct.apiObject);
    obj.addJsonPatch(JsonPatch.add('/metadata/annotations/example.com~1patched', 'yes'));
    const out = manifests(stack).find((m) => m.kind === construct.kind && m.metadata.name === construct.name);
    expect(out).toBeDefined();
    expect(out.apiVersion).toBe(construct.apiVersion);
    expect(out.metadata.labels).toMatchObject(METADATA.labels);
    expect(out.metadata.annotations).toMatchObject({ ...METADATA.annotations, 'example.com/patched': 'yes' });
  });
});
