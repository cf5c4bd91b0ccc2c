import { Manifest } from '../../../manifest';
import { deployment, goodContainer, platformFindings } from './testing';

const withGpu = (resources: Record<string, unknown>) => deployment('gpu', [goodContainer({ resources })]);
const findings = (params: Record<string, unknown>, ...objects: Manifest[]) => platformFindings('platform/gpu-whole', params, ...objects);

describe('platform/gpu-whole', () => {
  test.each([
    [{ limits: { 'nvidia.com/gpu': '0.5' } }, '.limits["nvidia.com/gpu"]', 'container "main" (pod): nvidia.com/gpu limit "0.5" is not a whole number of GPUs'],
    [{ requests: { 'nvidia.com/gpu': '500m' }, limits: { 'nvidia.com/gpu': '500m' } }, '.requests["nvidia.com/gpu"]', 'nvidia.com/gpu request "500m" is not a whole number of GPUs'],
    [{ requests: { 'nvidia.com/gpu': '1' } }, '.limits', 'container "main" (pod) requests nvidia.com/gpu 1 but sets no limit'],
    [{ requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '2' } }, '.requests["nvidia.com/gpu"]', 'nvidia.com/gpu request 1 differs from limit 2'],
  ])('rejects %o', (resources, path, message) => {
    const [f, ...rest] = findings({}, withGpu(resources));
    expect(rest).toEqual([]);
    expect(f.path).toBe(`.spec.template.spec.containers[0].resources${path}`);
    expect(f.message).toContain(message);
  });

  test('accepts whole GPUs with the limit set (and the request equal or left out), and CPU-only pods', () => {
    expect(findings({}, withGpu({ limits: { 'nvidia.com/gpu': 2 } }), withGpu({ requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } }), withGpu({ limits: { cpu: '500m' } }))).toEqual([]);
  });

  test('the resource names are a parameter (a TrainJob\'s resourcesPerNode included)', () => {
    const trainJob: Manifest = { apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'TrainJob', metadata: { name: 't', namespace: 'team' }, spec: { runtimeRef: { name: 'r' }, trainer: { resourcesPerNode: { limits: { 'habana.ai/gaudi': '0.5' } } } } };
    expect(findings({}, trainJob)).toEqual([]);
    expect(findings({ resources: ['habana.ai/gaudi'] }, trainJob).map((f) => f.path)).toEqual(['.spec.trainer.resourcesPerNode.limits["habana.ai/gaudi"]']);
  });
});
