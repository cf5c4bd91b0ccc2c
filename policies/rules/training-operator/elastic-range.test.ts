import { ruleFindings } from '../../../test/policy';
import { job, replica } from '../../../test/training-manifests';

const elastic = (workers: number | undefined, policy: Record<string, unknown>) => job('PyTorchJob', { Worker: replica(workers, 'pytorch') }, { elasticPolicy: policy });
const messages = (...objects: ReturnType<typeof elastic>[]) => ruleFindings('training-operator/elastic-range', ...objects).map((f) => `${f.path}: ${f.message}`);

describe('training-operator/elastic-range', () => {
  test('rejects an empty range, and workers outside the range', () => {
    expect(messages(
      elastic(2, { minReplicas: 3, maxReplicas: 2 }),
      elastic(5, { minReplicas: 1, maxReplicas: 4 }),
      elastic(undefined, { minReplicas: 2, maxReplicas: 4 }),
    )).toEqual([
      '.spec.elasticPolicy.maxReplicas: is 2, less than minReplicas 3',
      '.spec.pytorchReplicaSpecs.Worker.replicas: is 5, outside the elastic range 1–4',
      '.spec.pytorchReplicaSpecs.Worker.replicas: is 1, outside the elastic range 2–4',
    ]);
  });

  test('a missing bound takes the other\'s value, as the operator defaults it', () => {
    expect(messages(elastic(2, { maxReplicas: 4 }))).toEqual([
      '.spec.pytorchReplicaSpecs.Worker.replicas: is 2, outside the elastic range 4–4 (minReplicas defaults to maxReplicas when it is not set)',
    ]);
    expect(ruleFindings('training-operator/elastic-range', elastic(2, { maxReplicas: 4 }))[0].fix).toBe('start with between 4 and 4 workers (elasticPolicy.minReplicas … maxReplicas)');
  });

  test('accepts workers within the range, and a policy without bounds', () => {
    expect(messages(elastic(2, { minReplicas: 1, maxReplicas: 4 }), elastic(3, {}), elastic(2, { minReplicas: 2 }))).toEqual([]);
  });
});
