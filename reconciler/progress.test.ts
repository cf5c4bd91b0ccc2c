import { Manifest } from '../manifest';
import { describeProgress, progressOf } from './progress';
import { fixture } from './testdata';

const H = (kindDir: string, file: string) => fixture(`health:${kindDir}/testdata/${file}`);

describe('progressOf', () => {
  test('a running PyTorchJob: phase from the conditions, active replicas per role, start time', () => {
    expect(progressOf(fixture('pytorchjob-running.yaml'))).toEqual({
      type: 'Job', phase: 'Running', startTime: '2026-11-20T10:00:05Z',
      replicas: { Master: { active: 1, succeeded: 0, failed: 0 }, Worker: { active: 3, succeeded: 0, failed: 0 } },
    });
  });

  test('a failed MPIJob (v2beta1): Failed wins over earlier conditions; failed and succeeded counts; completion time', () => {
    const p = progressOf(fixture('mpijob-failed.yaml'))!;
    expect(p).toEqual({
      type: 'Job', phase: 'Failed', startTime: '2026-11-20T10:00:02Z', completionTime: '2026-11-20T10:05:00Z',
      replicas: { Launcher: { active: 0, succeeded: 0, failed: 1 }, Worker: { active: 0, succeeded: 2, failed: 0 } },
    });
    expect(describeProgress(p)).toBe('Failed · Launcher 0 active 1 failed · Worker 0 active 2 succeeded');
  });

  test.each([
    ['no-status.yaml', 'Pending'], ['progressing-created.yaml', 'Created'], ['progressing-restarting.yaml', 'Restarting'],
    ['healthy.yaml', 'Succeeded'], ['degraded.yaml', 'Failed'], ['suspended.yaml', 'Suspended'], ['malformed.yaml', 'Pending'],
  ])('PyTorchJob %s → phase %s, as health/ orders the conditions', (file, phase) => {
    expect(progressOf(H('kubeflow.org/PyTorchJob', file))).toMatchObject({ type: 'Job', phase });
  });

  test('a TrainJob: child job counts, Running while one is active, conditions decide the end', () => {
    expect(progressOf(H('trainer.kubeflow.org/TrainJob', 'progressing.yaml'))).toEqual({ type: 'TrainJob', phase: 'Running', jobs: { node: { active: 2, ready: 2, succeeded: 0, failed: 0, suspended: 0 } } });
    expect(progressOf(H('trainer.kubeflow.org/TrainJob', 'healthy.yaml'))).toMatchObject({ phase: 'Complete' });
    expect(progressOf(H('trainer.kubeflow.org/TrainJob', 'degraded.yaml'))).toMatchObject({ phase: 'Failed' });
    expect(progressOf(H('trainer.kubeflow.org/TrainJob', 'suspended.yaml'))).toMatchObject({ phase: 'Suspended' });
    expect(progressOf(H('trainer.kubeflow.org/TrainJob', 'no-status.yaml'))).toEqual({ type: 'TrainJob', phase: 'Pending', jobs: {} });
  });

  test('an Experiment: trial counts and the best trial with its parameters and objective (max when maximizing)', () => {
    const p = progressOf(fixture('experiment-running.yaml'))!;
    expect(p).toEqual({
      type: 'Experiment', phase: 'Running', trials: 10, running: 3, succeeded: 6, failed: 1, earlyStopped: 0, maxTrials: 12,
      best: { trial: 'tune-mnist-x7kq2bd9', parameters: { batch_size: '64', lr: '0.0123' }, objective: { metric: 'accuracy', value: 0.9812 } },
    });
    expect(describeProgress(p)).toBe('Running · 6/12 trials succeeded · 3 running · 1 failed · best tune-mnist-x7kq2bd9 accuracy=0.9812');
  });

  test('an Experiment minimizing with a metric strategy: the strategy picks the value; early-stopped trials counted', () => {
    expect(progressOf(fixture('experiment-minimize-latest.yaml'))).toMatchObject({
      phase: 'Succeeded', earlyStopped: 1, best: { trial: 'tune-loss-p2', parameters: { momentum: '0.9' }, objective: { metric: 'loss', value: 0.07 } },
    });
  });

  test('an Experiment without a best trial yet, or whose metric Katib reports as text', () => {
    expect(progressOf(H('kubeflow.org/Experiment', 'no-status.yaml'))).toEqual({ type: 'Experiment', phase: 'Pending', trials: 0, running: 0, succeeded: 0, failed: 0, earlyStopped: 0, maxTrials: 4 });
    const o = fixture('experiment-running.yaml') as any;
    o.status.currentOptimalTrial.observation.metrics[1].max = 'unavailable';
    expect(progressOf(o)).toMatchObject({ best: { objective: { metric: 'accuracy', value: 'unavailable' } } });
    delete o.status.currentOptimalTrial.observation;
    expect((progressOf(o) as any).best).toEqual({ trial: 'tune-mnist-x7kq2bd9', parameters: { batch_size: '64', lr: '0.0123' } });
  });

  test('an InferenceService during a serverless canary: ready, URL, traffic split, canary from the live split', () => {
    const p = progressOf(H('serving.kserve.io/InferenceService', 'progressing-canary.yaml'))!;
    expect(p).toEqual({
      type: 'InferenceService', ready: true, url: 'http://iris.team-a.example.com',
      components: { predictor: { latestReadyRevision: 'iris-predictor-00002', latestCreatedRevision: 'iris-predictor-00002', traffic: [
        { revision: 'iris-predictor-00002', percent: 10, latest: true, tag: 'latest' },
        { revision: 'iris-predictor-00001', percent: 90, latest: false, tag: 'prev' },
      ] } },
      canary: { percent: 10, revision: 'iris-predictor-00002', previous: 'iris-predictor-00001' },
    });
    expect(describeProgress(p)).toBe('Ready · http://iris.team-a.example.com · canary 10% → iris-predictor-00002');
  });

  test('an InferenceService canary in raw mode (no traffic block) comes from the spec and the revisions; a promoted one has none', () => {
    expect(progressOf(fixture('inferenceservice-raw-canary.yaml'))).toMatchObject({ ready: true, canary: { percent: 20, revision: 'iris-predictor-2', previous: 'iris-predictor-1' } });
    expect(progressOf(H('serving.kserve.io/InferenceService', 'healthy-canary-promoted.yaml'))).not.toHaveProperty('canary');
  });

  test('a stopped or failing InferenceService is not ready', () => {
    expect(progressOf(H('serving.kserve.io/InferenceService', 'suspended.yaml'))).toMatchObject({ ready: false, stopped: true });
    expect(progressOf(H('serving.kserve.io/InferenceService', 'degraded-serverless.yaml'))).toMatchObject({ ready: false });
    expect(progressOf(H('serving.kserve.io/InferenceService', 'no-status.yaml'))).toEqual({ type: 'InferenceService', ready: false, components: {} });
  });

  test('a Notebook: Running, Stopped (the UI annotation) or Starting, with the reason a container waits', () => {
    expect(progressOf(H('kubeflow.org/Notebook', 'healthy.yaml'))).toEqual({ type: 'Notebook', state: 'Running', readyReplicas: 1 });
    expect(progressOf(H('kubeflow.org/Notebook', 'suspended.yaml'))).toEqual({ type: 'Notebook', state: 'Stopped', readyReplicas: 0 });
    expect(progressOf(H('kubeflow.org/Notebook', 'degraded.yaml'))).toMatchObject({ state: 'Starting', waiting: expect.any(String) });
  });

  test('a PipelineVersion: the state Kubeflow Pipelines recorded (STORED, and ready, when it records none: applied from git)', () => {
    expect(progressOf(H('pipelines.kubeflow.org/PipelineVersion', 'healthy.yaml'))).toEqual({ type: 'PipelineVersion', ready: true, state: 'READY', pipeline: 'training' });
    expect(progressOf(H('pipelines.kubeflow.org/PipelineVersion', 'deleting.yaml'))).toMatchObject({ ready: false, state: 'DELETING' });
    expect(progressOf(H('pipelines.kubeflow.org/PipelineVersion', 'progressing.yaml'))).toMatchObject({ ready: false, state: 'CREATING' });
    expect(progressOf(H('pipelines.kubeflow.org/PipelineVersion', 'no-status.yaml'))).toMatchObject({ ready: true, state: 'STORED' });
  });

  test('kinds without ML progress have none; the same kind in another group has none', () => {
    expect(progressOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } })).toBeUndefined();
    expect(progressOf({ apiVersion: 'example.com/v1', kind: 'PyTorchJob', metadata: { name: 'c' } })).toBeUndefined();
  });

  test('never throws on malformed status, and writes no undefined values (it is stored as JSON)', () => {
    const kinds = [['kubeflow.org/v1', 'PyTorchJob'], ['trainer.kubeflow.org/v1alpha1', 'TrainJob'], ['kubeflow.org/v1beta1', 'Experiment'], ['serving.kserve.io/v1beta1', 'InferenceService'], ['kubeflow.org/v1', 'Notebook'], ['pipelines.kubeflow.org/v2beta1', 'PipelineVersion']];
    const junk = [{}, { status: 'x' }, { status: { replicaStatuses: [1], jobsStatus: {}, conditions: 'x', currentOptimalTrial: { bestTrialName: 'b', parameterAssignments: 'x' }, components: { predictor: { traffic: [null, { revisionName: 3 }] } } } }, { spec: null, metadata: null }];
    for (const [apiVersion, kind] of kinds) {
      for (const j of junk) {
        const p = progressOf({ apiVersion, kind, ...j } as unknown as Manifest);
        expect(p).toBeDefined();
        expect(JSON.parse(JSON.stringify(p))).toEqual(p);
        expect(() => describeProgress(p!)).not.toThrow();
      }
    }
  });
});
