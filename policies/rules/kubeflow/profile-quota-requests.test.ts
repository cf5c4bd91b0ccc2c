import { Manifest } from '../../../manifest';
import { ruleFindings } from '../../../test/policy';

const profile = (hard: Record<string, string>): Manifest => ({ apiVersion: 'kubeflow.org/v1', kind: 'Profile', metadata: { name: 'team' }, spec: { owner: { kind: 'User', name: 'a@b.co' }, resourceQuotaSpec: { hard } } });
const notebook = (resources: unknown): Manifest => ({ apiVersion: 'kubeflow.org/v1', kind: 'Notebook', metadata: { name: 'lab', namespace: 'team' }, spec: { template: { spec: { containers: [{ name: 'lab', image: 'x:1', resources }] } } } });
const findings = (...objects: Manifest[]) => ruleFindings('kubeflow/profile-quota-requests', ...objects).map((f) => [f.resource, f.path, f.message]);

describe('kubeflow/profile-quota-requests', () => {
  test('rejects containers that leave out what the quota limits', () => {
    expect(findings(profile({ 'requests.cpu': '10', 'limits.memory': '10Gi', 'requests.nvidia.com/gpu': '1' }), notebook({ requests: { cpu: '1' } }))).toEqual([[
      'kubeflow.org/v1 Profile team', '.spec.resourceQuotaSpec.hard["limits.memory"]',
      'notebook lab: container "lab" (notebook pod) sets no limit for memory; under this quota\'s limits.memory the API server rejects its pods ("must specify limits.memory")',
    ]]);
    const job: Manifest = {
      apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'train', namespace: 'team' },
      spec: { pytorchReplicaSpecs: { Master: { template: { spec: { containers: [{ name: 'pytorch' }] } } }, Worker: { template: { spec: { containers: [{ name: 'pytorch' }] } } } } },
    };
    const quota: Manifest = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'team' }, spec: { hard: { cpu: '4' } } };
    expect(findings(quota, job)).toEqual([['v1 ResourceQuota team/q', '.spec.hard.cpu', 'pytorchjob train: container "pytorch" (replica Master) and 1 more set no request for cpu; under this quota\'s cpu the API server rejects its pods ("must specify cpu")']]);
  });

  test('accepts containers that set it (a limit is also the request), a LimitRange default, KServe components and quotas without cpu or memory', () => {
    const limitRange: Manifest = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'team' }, spec: { limits: [{ type: 'Container', default: { memory: '1Gi' } }] } };
    const isvc: Manifest = { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'm', namespace: 'team' }, spec: { predictor: { model: { modelFormat: { name: 'sklearn' } } } } };
    expect(findings(profile({ 'requests.cpu': '10', 'requests.memory': '10Gi' }), notebook({ limits: { cpu: '1', memory: '1Gi' } }), isvc)).toEqual([]);
    expect(findings(profile({ 'limits.memory': '10Gi' }), notebook({}), limitRange)).toEqual([]);
    expect(findings(profile({ 'requests.nvidia.com/gpu': '1', pods: '10' }), notebook({}))).toEqual([]);
  });
});
