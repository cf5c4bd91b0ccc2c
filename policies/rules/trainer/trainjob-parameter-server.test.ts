import { ruleFindings } from '../../../test/policy';
import { replicatedJob, runtime, trainJob } from '../../../test/training-manifests';

const RULE = 'trainer/trainjob-parameter-server';

/** A container of an MXNet role: the wiring for `workers` workers. */
function role(name: string, dmlcRole: string, workers: number) {
  return {
    name, image: 'mxnet/python:1.9.1_cpu_py3',
    env: [
      { name: 'TRAIN_JOB_NAME', valueFrom: { fieldRef: { fieldPath: "metadata.labels['jobset.sigs.k8s.io/jobset-name']" } } },
      { name: 'DMLC_NUM_SERVER', value: '1' },
      { name: 'DMLC_NUM_WORKER', value: String(workers) },
      { name: 'DMLC_PS_ROOT_PORT', value: '9091' },
      { name: 'DMLC_PS_ROOT_URI', value: '$(TRAIN_JOB_NAME)-scheduler-0-0.$(TRAIN_JOB_NAME)' },
      { name: 'DMLC_ROLE', value: dmlcRole },
    ],
  };
}

/** An MXNet runtime "mxnet" of `workers` workers (mlPolicy.numNodes and DMLC_NUM_WORKER agree). */
const mxnet = (workers = 2) => runtime('mxnet', [
  replicatedJob('scheduler', undefined, role('scheduler', 'scheduler', workers)),
  replicatedJob('server', undefined, role('server', 'server', workers)),
  replicatedJob('node', 'trainer', role('node', 'worker', workers)),
], { numNodes: workers });

const messages = (...objects: Parameters<typeof ruleFindings>[1][]) => ruleFindings(RULE, ...objects).map((f) => `${f.path}: ${f.message}`);

describe('trainer/trainjob-parameter-server', () => {
  test('rejects a TrainJob that runs another number of workers than the scheduler and servers wait for', () => {
    expect(messages(mxnet(2), trainJob({ runtimeRef: { name: 'mxnet' }, trainer: { numNodes: 4 } }))).toEqual([
      '.spec.trainer.numNodes: runs 4 workers, but DMLC_NUM_WORKER of ClusterTrainingRuntime "mxnet" says otherwise for scheduler/scheduler (2), server/server (2), node/node (2): its scheduler and servers wait for that many',
    ]);
    expect(ruleFindings(RULE, mxnet(2), trainJob({ runtimeRef: { name: 'mxnet' }, trainer: { numNodes: 4 } }))[0].fix).toBe('remove trainer.numNodes, or use a runtime with that many workers (MXNet: worker.replicas)');
  });

  test('rejects a runtime whose own worker count disagrees with its DMLC_NUM_WORKER, on the job that uses it', () => {
    const rt = mxnet(2);
    (rt.spec as any).mlPolicy.numNodes = 3;
    expect(messages(rt, trainJob({ runtimeRef: { name: 'mxnet' } }))).toEqual([
      '.spec.runtimeRef: runs 3 workers, but DMLC_NUM_WORKER of ClusterTrainingRuntime "mxnet" says otherwise for scheduler/scheduler (2), server/server (2), node/node (2): its scheduler and servers wait for that many',
    ]);
  });

  test('accepts the runtime\'s count, and a new count that the job also gives every role (trainer.env, runtimePatches)', () => {
    expect(messages(mxnet(2), trainJob({ runtimeRef: { name: 'mxnet' } }))).toEqual([]);
    expect(messages(mxnet(2), trainJob({ runtimeRef: { name: 'mxnet' }, trainer: { numNodes: 2 } }))).toEqual([]);
    const patch = (name: string) => ({ name, template: { spec: { template: { spec: { containers: [{ name, env: [{ name: 'DMLC_NUM_WORKER', value: '4' }] }] } } } } });
    const rescaled = trainJob({
      runtimeRef: { name: 'mxnet' },
      trainer: { numNodes: 4, env: [{ name: 'DMLC_NUM_WORKER', value: '4' }] },
      runtimePatches: [{ manager: 'example.com/rescale', trainingRuntimeSpec: { template: { spec: { replicatedJobs: [patch('scheduler'), patch('server')] } } } }],
    });
    expect(messages(mxnet(2), rescaled)).toEqual([]);
  });

  test('rejects trainer.env that rewires the workers; accepts the same values and other variables', () => {
    const job = (env: unknown[]) => trainJob({ runtimeRef: { name: 'mxnet' }, trainer: { env } });
    expect(messages(mxnet(), job([{ name: 'PS_VERBOSE', value: '1' }, { name: 'DMLC_ROLE', value: 'server' }, { name: 'DMLC_PS_ROOT_PORT', value: '9091' }]))).toEqual([
      '.spec.trainer.env[1]: overrides DMLC_ROLE=worker, which ClusterTrainingRuntime "mxnet" sets on every role to wire the workers to the scheduler and servers',
    ]);
  });

  test('leaves other runtimes, and runtimes it does not see, alone', () => {
    const torch = runtime('torch', [replicatedJob('node', 'trainer', 'node')], { numNodes: 1, torch: {} });
    expect(messages(torch, trainJob({ trainer: { numNodes: 4, env: [{ name: 'DMLC_ROLE', value: 'x' }] } }))).toEqual([]);
    expect(messages(trainJob({ runtimeRef: { name: 'mxnet' }, trainer: { numNodes: 4 } }))).toEqual([]);
  });
});
