import { ruleFindings } from '../../../test/policy';
import { job, replica } from '../../../test/training-manifests';

const workers = { Worker: replica(2, 'pytorch') };

describe('training-operator/pytorchjob-elastic-worker', () => {
  test('rejects an elastic job without workers', () => {
    expect(ruleFindings('training-operator/pytorchjob-elastic-worker', job('PyTorchJob', { Master: replica(1, 'pytorch') }, { elasticPolicy: { maxReplicas: 2 } }))).toEqual([expect.objectContaining({
      path: '.spec.pytorchReplicaSpecs.Worker', message: 'is required with an elastic policy: elastic training scales the workers',
    })]);
  });

  test('accepts an elastic job with workers, and a fixed job without', () => {
    expect(ruleFindings('training-operator/pytorchjob-elastic-worker', job('PyTorchJob', workers, { elasticPolicy: { maxReplicas: 2 } }), job('PyTorchJob', { Master: replica(1, 'pytorch') }))).toEqual([]);
  });
});

describe('training-operator/pytorchjob-nproc-per-node', () => {
  test('rejects both nprocPerNode fields', () => {
    expect(ruleFindings('training-operator/pytorchjob-nproc-per-node', job('PyTorchJob', workers, { nprocPerNode: '2', elasticPolicy: { nProcPerNode: 2 } }))).toEqual([expect.objectContaining({
      path: '.spec.elasticPolicy.nProcPerNode', message: 'must not be used together with nprocPerNode (the webhook rejects both)', fix: 'drop elasticPolicy.nProcPerNode and keep nprocPerNode',
    })]);
  });

  test('accepts either', () => {
    expect(ruleFindings('training-operator/pytorchjob-nproc-per-node', job('PyTorchJob', workers, { nprocPerNode: '2', elasticPolicy: {} }), job('PyTorchJob', workers, { elasticPolicy: { nProcPerNode: 2 } }))).toEqual([]);
  });
});

describe('training-operator/pytorchjob-elastic-nproc-deprecated', () => {
  test('warns of elasticPolicy.nProcPerNode', () => {
    expect(ruleFindings('training-operator/pytorchjob-elastic-nproc-deprecated', job('PyTorchJob', workers, { elasticPolicy: { nProcPerNode: 2 } }))).toEqual([expect.objectContaining({
      severity: 'warning', path: '.spec.elasticPolicy.nProcPerNode', message: 'is deprecated by the training operator',
    })]);
  });

  test('accepts nprocPerNode', () => {
    expect(ruleFindings('training-operator/pytorchjob-elastic-nproc-deprecated', job('PyTorchJob', workers, { nprocPerNode: '2', elasticPolicy: { maxReplicas: 2 } }))).toEqual([]);
  });
});

describe('training-operator/pytorchjob-etcd-rendezvous-host', () => {
  test('rejects an etcd backend without a host', () => {
    expect(ruleFindings('training-operator/pytorchjob-etcd-rendezvous-host', job('PyTorchJob', workers, { elasticPolicy: { rdzvBackend: 'etcd-v2' } }))).toEqual([expect.objectContaining({
      path: '.spec.elasticPolicy.rdzvHost', message: 'is required with the etcd-v2 rendezvous backend: without it torchrun looks for etcd on worker 0',
    })]);
  });

  test('accepts etcd with a host, and c10d without', () => {
    expect(ruleFindings('training-operator/pytorchjob-etcd-rendezvous-host',
      job('PyTorchJob', workers, { elasticPolicy: { rdzvBackend: 'etcd', rdzvHost: 'etcd.infra', rdzvPort: 2379 } }),
      job('PyTorchJob', workers, { elasticPolicy: { rdzvBackend: 'c10d' } }))).toEqual([]);
  });
});
