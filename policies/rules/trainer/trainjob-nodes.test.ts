import { ruleFindings } from '../../../test/policy';
import { replicatedJob, runtime, torchRuntime, trainJob } from '../../../test/training-manifests';

const mpi = (runLauncherAsNode: boolean, ...jobs: unknown[]) => runtime('torch', jobs, { mpi: { runLauncherAsNode, numProcPerNode: 1 } });

describe('trainer/trainjob-mpi-launcher-as-node', () => {
  test('rejects several nodes when the launcher is a node and the runtime has no node job', () => {
    expect(ruleFindings('trainer/trainjob-mpi-launcher-as-node', mpi(true, replicatedJob('launcher', 'trainer', 'node')), trainJob({ trainer: { numNodes: 3 } }))).toEqual([expect.objectContaining({
      path: '.spec.trainer.numNodes', message: 'is 3, but ClusterTrainingRuntime "torch" runs the launcher as a node and has no node replicated job',
    })]);
  });

  test('accepts one node, or a runtime with both jobs, or a launcher that is not a node', () => {
    const both = mpi(true, replicatedJob('node', undefined, 'node'), replicatedJob('launcher', 'trainer', 'node'));
    expect(ruleFindings('trainer/trainjob-mpi-launcher-as-node', both, trainJob({ trainer: { numNodes: 3 } }))).toEqual([]);
    expect(ruleFindings('trainer/trainjob-mpi-launcher-as-node', mpi(true, replicatedJob('launcher', 'trainer', 'node')), trainJob({ trainer: { numNodes: 1 } }))).toEqual([]);
    expect(ruleFindings('trainer/trainjob-mpi-launcher-as-node', mpi(false, replicatedJob('launcher', 'trainer', 'node')), trainJob({ trainer: { numNodes: 3 } }))).toEqual([]);
  });
});

describe('trainer/trainjob-processes-fit-gpus', () => {
  const messages = (...objects: Parameters<typeof ruleFindings>[1][]) => ruleFindings('trainer/trainjob-processes-fit-gpus', ...objects).map((f) => `${f.path}: ${f.message}`);

  test('rejects more processes per node than the job\'s or the runtime\'s GPUs', () => {
    expect(messages(torchRuntime('torch', 4), trainJob({ trainer: { numProcPerNode: 8 } }))).toEqual([
      '.spec.trainer.numProcPerNode: numProcPerNode starts 8 processes per node, but each node has only 4 GPUs (from ClusterTrainingRuntime "torch")',
    ]);
    expect(messages(trainJob({ runtimeRef: { name: 'elsewhere' }, trainer: { numProcPerNode: 8, resourcesPerNode: { limits: { 'nvidia.com/gpu': '4' } } } }))).toEqual([
      '.spec.trainer.resourcesPerNode.limits["nvidia.com/gpu"]: numProcPerNode starts 8 processes per node, but each node has only 4 GPUs',
    ]);
  });

  test('reads an MPI runtime\'s processes per node from the node job', () => {
    const rt = runtime('torch', [replicatedJob('node', undefined, { name: 'node', image: 'x', resources: { limits: { 'nvidia.com/gpu': 2 } } }), replicatedJob('launcher', 'trainer', 'node')], { mpi: { numProcPerNode: 4 } });
    expect(messages(rt, trainJob())).toEqual(['.spec.trainer.numProcPerNode: the runtime\'s mlPolicy.mpi.numProcPerNode starts 4 processes per node, but each node has only 2 GPUs (from ClusterTrainingRuntime "torch")']);
  });

  test('accepts processes that fit, CPU nodes and frameworks without processes per node', () => {
    expect(messages(torchRuntime('torch', 8), trainJob({ trainer: { numProcPerNode: 8 } }))).toEqual([]);
    expect(messages(trainJob({ runtimeRef: { name: 'elsewhere' }, trainer: { numProcPerNode: 8 } }))).toEqual([]);
    expect(messages(runtime('torch', [replicatedJob('node', 'trainer', { name: 'node', image: 'x', resources: { limits: { 'nvidia.com/gpu': 1 } } })], { jax: {} }), trainJob({ trainer: { numProcPerNode: 4 } }))).toEqual([]);
  });
});
