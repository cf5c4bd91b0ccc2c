import { ruleFindings } from '../../../test/policy';
import { torchRuntime, trainJob } from '../../../test/training-manifests';

describe('trainer/trainjob-runtime-ref', () => {
  test('rejects a kind or group that is no runtime', () => {
    expect(ruleFindings('trainer/trainjob-runtime-ref', trainJob({ runtimeRef: { kind: 'TrainJob', name: 'x' } }), trainJob({ runtimeRef: { apiGroup: 'kubeflow.org', name: 'x' } })).map((f) => `${f.path}: ${f.message}`)).toEqual([
      '.spec.runtimeRef.kind: is "TrainJob", which is not a runtime kind (TrainingRuntime, ClusterTrainingRuntime)',
      '.spec.runtimeRef.apiGroup: is "kubeflow.org", but runtimes are of trainer.kubeflow.org',
    ]);
  });

  test('accepts both runtime kinds, and the defaults', () => {
    expect(ruleFindings('trainer/trainjob-runtime-ref', trainJob(), trainJob({ runtimeRef: { apiGroup: 'trainer.kubeflow.org', kind: 'TrainingRuntime', name: 'x' } }))).toEqual([]);
  });
});

describe('trainer/trainjob-runtime-mismatch', () => {
  const namespaced = (namespace: string) => ({ ...torchRuntime('mine'), kind: 'TrainingRuntime', metadata: { name: 'mine', namespace } });

  test('warns of a TrainingRuntime of another namespace, and of the default kind for a TrainingRuntime', () => {
    const findings = ruleFindings('trainer/trainjob-runtime-mismatch',
      namespaced('other'), trainJob({ runtimeRef: { kind: 'TrainingRuntime', name: 'mine' } }),
      namespaced('team'), trainJob({ runtimeRef: { name: 'mine' } }));
    expect(findings.map((f) => [f.severity, f.path, f.message])).toEqual([
      ['warning', '.spec.runtimeRef.kind', 'refers to ClusterTrainingRuntime "mine" (the default kind), but "mine" is a TrainingRuntime of the job\'s namespace'],
    ]);
    expect(ruleFindings('trainer/trainjob-runtime-mismatch', namespaced('other'), trainJob({ runtimeRef: { kind: 'TrainingRuntime', name: 'mine' } })).map((f) => f.message)).toEqual([
      'TrainingRuntime "mine" is in namespace "other", the job in "team": a TrainJob uses only a TrainingRuntime of its own namespace',
    ]);
  });

  test('accepts a runtime found as referenced, and one the set does not hold', () => {
    expect(ruleFindings('trainer/trainjob-runtime-mismatch', namespaced('team'), trainJob({ runtimeRef: { kind: 'TrainingRuntime', name: 'mine' } }), torchRuntime(), trainJob(), trainJob({ runtimeRef: { name: 'elsewhere' } }))).toEqual([]);
  });
});
