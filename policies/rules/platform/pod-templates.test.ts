import { Manifest } from '../../../manifest';
import { containerSites, describeContainer, podSites } from './pod-templates';

const c = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: `ghcr.io/x/${name}:1`, ...extra });
const template = (...containers: unknown[]) => ({ metadata: { labels: { app: 'x' } }, spec: { containers } });
const sites = (o: Manifest) => podSites(o).map((s) => [s.path, s.pods, s.lifetime, s.role]);
const paths = (o: Manifest) => containerSites(o).map((s) => s.path);

describe('podSites and containerSites', () => {
  test('core workloads: replicas, parallelism, init containers', () => {
    expect(sites({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { restartPolicy: 'Never', containers: [c('a')] } })).toEqual([['.spec', 1, 'batch', 'pod']]);
    const deploy: Manifest = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 3, template: { spec: { containers: [c('a')], initContainers: [c('i')] } } } };
    expect(sites(deploy)).toEqual([['.spec.template.spec', 3, 'service', 'pod']]);
    expect(paths(deploy)).toEqual(['.spec.template.spec.containers[0]', '.spec.template.spec.initContainers[0]']);
    expect(sites({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { parallelism: 4, completions: 2, template: template(c('a')) } })).toEqual([['.spec.template.spec', 2, 'batch', 'pod']]);
    expect(sites({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'j' }, spec: { jobTemplate: { spec: { template: template(c('a')) } } } })).toEqual([['.spec.jobTemplate.spec.template.spec', 1, 'batch', 'pod']]);
    expect(podSites({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } })).toEqual([]);
  });

  test('training-operator jobs: every replica spec', () => {
    const job: Manifest = { apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'j' }, spec: { pytorchReplicaSpecs: { Master: { template: template(c('pytorch')) }, Worker: { replicas: 3, template: template(c('pytorch')) } } } };
    expect(sites(job)).toEqual([['.spec.pytorchReplicaSpecs.Master.template.spec', 1, 'batch', 'replica Master'], ['.spec.pytorchReplicaSpecs.Worker.template.spec', 3, 'batch', 'replica Worker']]);
    expect(describeContainer(containerSites(job)[1])).toBe('container "pytorch" (replica Worker)');
  });

  test('Katib: the trial template is recursed into, times the trials that run at once', () => {
    const trialSpec = { apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', spec: { pytorchReplicaSpecs: { Worker: { replicas: 2, template: template(c('pytorch')) } } } };
    const experiment = (spec: Record<string, unknown>): Manifest => ({ apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'e' }, spec: { trialTemplate: { trialSpec }, ...spec } });
    expect(sites(experiment({ parallelTrialCount: 2 }))).toEqual([['.spec.trialTemplate.trialSpec.spec.pytorchReplicaSpecs.Worker.template.spec', 4, 'batch', 'trial replica Worker']]);
    expect(podSites(experiment({}))[0].pods).toBe(6); // Katib's default: 3 trials at once
    expect(podSites(experiment({ maxTrialCount: 1 }))[0].pods).toBe(2);
  });

  test('Trainer v2: runtime replicated jobs (node job × numNodes), TrainJob overrides as partial containers', () => {
    const job = (name: string, extra: Record<string, unknown> = {}) => ({ name, ...extra, template: { spec: { template: template(c(name)) } } });
    const runtime: Manifest = {
      apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'ClusterTrainingRuntime', metadata: { name: 'torch' },
      spec: { mlPolicy: { numNodes: 2 }, template: { spec: { replicatedJobs: [job('dataset-initializer'), job('node', { dependsOn: [{ name: 'dataset-initializer', status: 'Complete' }] })] } } },
    };
    const rs = podSites(runtime);
    expect(rs.map((s) => [s.path, s.pods, s.template, s.after])).toEqual([
      ['.spec.template.spec.replicatedJobs[0].template.spec.template.spec', 1, true, false],
      ['.spec.template.spec.replicatedJobs[1].template.spec.template.spec', 2, true, true],
    ]);
    const trainJob: Manifest = {
      apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'TrainJob', metadata: { name: 't' },
      spec: {
        runtimeRef: { name: 'torch' }, trainer: { image: 'ghcr.io/x/t:1', numNodes: 4, resourcesPerNode: { limits: { 'nvidia.com/gpu': 1 } } },
        initializer: { model: { storageUri: 'hf://m', env: [{ name: 'A', value: 'b' }] } },
        runtimePatches: [{ manager: 'me', trainingRuntimeSpec: { template: { spec: { replicatedJobs: [job('node')] } } } }],
      },
    };
    const cs = containerSites(trainJob);
    expect(cs.map((s) => [s.path, s.partial, s.resourcesField, s.pod.pods])).toEqual([
      ['.spec.trainer', true, 'resourcesPerNode', 4],
      ['.spec.initializer.model', true, undefined, 1],
      ['.spec.runtimePatches[0].trainingRuntimeSpec.template.spec.replicatedJobs[0].template.spec.template.spec.containers[0]', true, undefined, 4],
    ]);
    expect(describeContainer(cs[0])).toBe('the trainer container (each node)');
  });

  test('KServe: each component is a pod (minReplicas), with its model container; runtimes are templates', () => {
    const isvc: Manifest = {
      apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'm', labels: { team: 'a' } },
      spec: { predictor: { minReplicas: 2, labels: { tier: 'p' }, model: { modelFormat: { name: 'sklearn' } }, containers: [c('side')] }, transformer: { minReplicas: 0, containers: [c('kserve-container')] } },
    };
    expect(sites(isvc)).toEqual([['.spec.predictor', 2, 'service', 'predictor'], ['.spec.transformer', 0, 'service', 'transformer']]);
    expect(paths(isvc)).toEqual(['.spec.predictor.containers[0]', '.spec.predictor.model', '.spec.transformer.containers[0]']);
    expect(podSites(isvc)[0].labels).toEqual({ team: 'a', tier: 'p' });
    expect(describeContainer(containerSites(isvc)[1])).toBe('the model container (predictor)');
    const runtime: Manifest = { apiVersion: 'serving.kserve.io/v1alpha1', kind: 'ServingRuntime', metadata: { name: 'r' }, spec: { containers: [c('kserve-container')] } };
    expect(podSites(runtime).map((s) => [s.path, s.template])).toEqual([['.spec', true]]);
  });

  test('Notebook: the pod gets the notebook\'s labels and annotations as the controller copies them; stopped runs none', () => {
    const nb = (annotations: Record<string, string>): Manifest => ({
      apiVersion: 'kubeflow.org/v1', kind: 'Notebook', metadata: { name: 'lab', labels: { creds: 'true' }, annotations },
      spec: { template: { spec: { containers: [c('lab')] } } },
    });
    const [site] = podSites(nb({ 'notebooks.kubeflow.org/server-type': 'jupyter', 'sidecar.istio.io/inject': 'false' }));
    expect([site.path, site.pods, site.labelsPath]).toEqual(['.spec.template.spec', 1, '.metadata.labels']);
    expect(site.labels).toEqual({ creds: 'true', statefulset: 'lab', 'notebook-name': 'lab' });
    expect(site.annotations).toEqual({ 'sidecar.istio.io/inject': 'false' });
    expect(podSites(nb({ 'kubeflow-resource-stopped': 'true' }))[0].pods).toBe(0);
  });

  test('PodDefault: its sidecars and init containers, in a partial pod', () => {
    const pd: Manifest = { apiVersion: 'kubeflow.org/v1alpha1', kind: 'PodDefault', metadata: { name: 'pd' }, spec: { selector: {}, sidecars: [c('proxy')], initContainers: [c('init')] } };
    expect(containerSites(pd).map((s) => [s.path, s.init, s.partial, s.pod.partial, s.pod.template])).toEqual([
      ['.spec.sidecars[0]', false, false, true, true],
      ['.spec.initContainers[0]', true, false, true, true],
    ]);
  });
});
