import { Manifest } from '../../../manifest';
import { deployment, goodContainer, platformFindings } from './testing';

const findings = (params: Record<string, unknown>, ...objects: Manifest[]) => platformFindings('platform/resources-required', params, ...objects);

describe('platform/resources-required', () => {
  test('rejects a container without requests and limits, naming what is missing', () => {
    const [f, ...rest] = findings({}, deployment('web', [goodContainer(), goodContainer({ name: 'side', resources: { limits: { memory: '1Gi' } } })]));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      rule: 'platform/resources-required', severity: 'error', resource: 'apps/v1 Deployment team/web', path: '.spec.template.spec.containers[1].resources',
      message: 'container "side" (pod) sets no requests.cpu, limits.cpu',
    });
  });

  test('accepts requests and limits, and a request left to default to the limit', () => {
    expect(findings({}, deployment('web', [goodContainer(), goodContainer({ name: 'b', resources: { limits: { cpu: '1', memory: '1Gi' } } })]))).toEqual([]);
  });

  test('covers trial templates, KServe model containers and TrainJob overrides; an override without resources inherits', () => {
    const experiment: Manifest = {
      apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'e', namespace: 'team' },
      spec: { trialTemplate: { trialSpec: { apiVersion: 'batch/v1', kind: 'Job', spec: { template: { spec: { containers: [{ name: 'trial', image: 'x:1' }] } } } } } },
    };
    const isvc: Manifest = { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'm', namespace: 'team' }, spec: { predictor: { model: { modelFormat: { name: 'sklearn' } } } } };
    const trainJob = (trainer: Record<string, unknown>): Manifest => ({ apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'TrainJob', metadata: { name: 't', namespace: 'team' }, spec: { runtimeRef: { name: 'torch' }, trainer } });
    expect(findings({}, experiment, isvc, trainJob({ resourcesPerNode: { limits: { 'nvidia.com/gpu': 1 } } }), trainJob({ numNodes: 2 })).map((f) => [f.resource, f.path])).toEqual([
      ['kubeflow.org/v1beta1 Experiment team/e', '.spec.trialTemplate.trialSpec.spec.template.spec.containers[0].resources'],
      ['serving.kserve.io/v1beta1 InferenceService team/m', '.spec.predictor.model.resources'],
      ['trainer.kubeflow.org/v1alpha1 TrainJob team/t', '.spec.trainer.resourcesPerNode'],
    ]);
  });

  test('the resources are parameters', () => {
    const memoryOnly = deployment('web', [goodContainer({ resources: { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } } })]);
    expect(findings({}, memoryOnly)).toHaveLength(1);
    expect(findings({ requests: ['memory'], limits: ['memory'] }, memoryOnly)).toEqual([]);
  });
});

test('a resource name that is none (a typo) is a configuration error', () => {
  const web = deployment('web', [{ name: 'web', image: 'nginx:1' }]);
  expect(platformFindings('platform/resources-required', { requests: ['cpu', 'memroy'] }, web).map((f) => [f.rule, f.message])).toEqual([
    ['policy/invalid-parameter', '"memroy" is not a resource name: cpu, memory, ephemeral-storage, hugepages-<size>, or a domain-prefixed one such as nvidia.com/gpu'],
  ]);
});
