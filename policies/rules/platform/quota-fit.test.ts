import { Manifest } from '../../../manifest';
import { platformFindings } from './testing';

const res = (cpu: string, memory: string, gpu?: string) => {
  const r: Record<string, string> = { cpu, memory, ...(gpu ? { 'nvidia.com/gpu': gpu } : {}) };
  return { requests: r, limits: r };
};
const container = (name: string, resources: unknown) => ({ name, image: 'ghcr.io/x/y:1', resources });
const profile = (hard: Record<string, string>): Manifest => ({ apiVersion: 'kubeflow.org/v1', kind: 'Profile', metadata: { name: 'team' }, spec: { owner: { kind: 'User', name: 'a@b.co' }, resourceQuotaSpec: { hard } } });
const notebook: Manifest = { apiVersion: 'kubeflow.org/v1', kind: 'Notebook', metadata: { name: 'lab', namespace: 'team' }, spec: { template: { spec: { containers: [container('lab', res('1', '4Gi', '1'))] } } } };
const isvc: Manifest = { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'model', namespace: 'team' }, spec: { predictor: { minReplicas: 2, model: { modelFormat: { name: 'sklearn' }, resources: res('1', '2Gi') } } } };
const pytorchJob: Manifest = {
  apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'train', namespace: 'team' },
  spec: { pytorchReplicaSpecs: { Master: { template: { spec: { containers: [container('pytorch', res('2', '8Gi', '1'))] } } }, Worker: { replicas: 2, template: { spec: { containers: [container('pytorch', res('2', '8Gi', '1'))] } } } } },
};
const experiment: Manifest = {
  apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'tune', namespace: 'team' },
  spec: { parallelTrialCount: 2, trialTemplate: { trialSpec: { apiVersion: 'batch/v1', kind: 'Job', spec: { template: { spec: { containers: [container('trial', res('1', '1Gi'))] } } } } } },
};
const findings = (...objects: Manifest[]) => platformFindings('platform/quota-fit', {}, ...objects);

describe('platform/quota-fit', () => {
  test('rejects a tenant whose always-on workloads plus every job at once exceed its quota, listing the contributions', () => {
    const result = findings(profile({ 'requests.cpu': '8', 'requests.memory': '64Gi', 'requests.nvidia.com/gpu': '2' }), notebook, isvc, pytorchJob, experiment);
    expect(result.map((f) => [f.resource, f.path, f.message])).toEqual([
      ['kubeflow.org/v1 Profile team', '.spec.resourceQuotaSpec.hard["requests.cpu"]',
        'the namespace\'s objects need 11 of requests.cpu, but the quota allows 8: always on 3: inferenceservice model 2 (2 pods × 1), notebook lab 1; '
        + 'jobs and experiments at once 8: pytorchjob train 6 (replica Master 1 × 2, replica Worker 2 × 2), experiment tune 2 (2 pods × 1)'],
      ['kubeflow.org/v1 Profile team', '.spec.resourceQuotaSpec.hard["requests.nvidia.com/gpu"]',
        'the namespace\'s objects need 4 of requests.nvidia.com/gpu, but the quota allows 2: always on 1: notebook lab 1; jobs and experiments at once 3: pytorchjob train 3 (replica Master 1 × 1, replica Worker 2 × 1)'],
    ]);
    expect(result[0].fix).toBe('raise requests.cpu to at least 11, or run less at once: stop idle notebooks, lower replicas, minReplicas or parallelTrialCount, or queue jobs (e.g. with Kueue)');
  });

  test('accepts what fits; stopped notebooks and scaled-to-zero components use nothing', () => {
    const stopped = { ...notebook, metadata: { ...notebook.metadata, annotations: { 'kubeflow-resource-stopped': 'true' } } };
    expect(findings(profile({ 'requests.cpu': '11', 'limits.memory': '41Gi', 'requests.nvidia.com/gpu': '4', pods: '9' }), notebook, isvc, pytorchJob, experiment)).toEqual([]);
    expect(findings(profile({ 'requests.nvidia.com/gpu': '3' }), stopped, pytorchJob)).toEqual([]);
  });

  test('a TrainJob counts its runtime\'s pods, with numNodes and resourcesPerNode applied to the node job; initializers run before it', () => {
    const job = (name: string, resources: unknown, dependsOn?: unknown) => ({ name, dependsOn, template: { spec: { template: { spec: { containers: [container(name, resources)] } } } } });
    const runtime: Manifest = {
      apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'ClusterTrainingRuntime', metadata: { name: 'torch' },
      spec: { mlPolicy: { numNodes: 1 }, template: { spec: { replicatedJobs: [job('dataset-initializer', res('2', '2Gi')), job('node', res('4', '16Gi', '1'), [{ name: 'dataset-initializer', status: 'Complete' }])] } } },
    };
    const trainJob = (trainer: Record<string, unknown>): Manifest => ({ apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'TrainJob', metadata: { name: 'ft', namespace: 'team' }, spec: { runtimeRef: { name: 'torch' }, trainer } });
    const cpu = (...objects: Manifest[]) => findings(profile({ 'requests.cpu': '1' }), ...objects).map((f) => f.message.replace(/^.*at once /, ''));
    expect(cpu(runtime, trainJob({ numNodes: 3 }))).toEqual(['12: trainjob ft 12 (3 pods × 4)']);
    expect(cpu(runtime, trainJob({ numNodes: 3, resourcesPerNode: res('1', '4Gi', '1') }))).toEqual(['3: trainjob ft 3 (3 pods × 1)']);
    expect(cpu(trainJob({ numNodes: 2, resourcesPerNode: res('3', '4Gi') }))).toEqual(['6: trainjob ft 6 (2 pods × 3) (trainjob ft: its ClusterTrainingRuntime "torch" is not in the set: only the trainer\'s resourcesPerNode is counted)']);
  });

  test('a ResourceQuota, claims and pods are checked too; scoped quotas are not', () => {
    const quota = (spec: Record<string, unknown>): Manifest => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'team' }, spec });
    const pvc = (name: string, storage: string): Manifest => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'team' }, spec: { resources: { requests: { storage } } } });
    expect(findings(quota({ hard: { 'requests.storage': '100Gi', persistentvolumeclaims: '1', pods: '3' } }), pvc('a', '80Gi'), pvc('b', '40Gi'), pytorchJob).map((f) => [f.path, f.message.split(':')[0]])).toEqual([
      ['.spec.hard["requests.storage"]', 'the namespace\'s objects need 120Gi of requests.storage, but the quota allows 100Gi'],
      ['.spec.hard.persistentvolumeclaims', 'the namespace\'s objects need 2 of persistentvolumeclaims, but the quota allows 1'],
    ]);
    expect(findings(quota({ hard: { 'requests.cpu': '1' }, scopes: ['BestEffort'] }), pytorchJob)).toEqual([]);
  });
});
