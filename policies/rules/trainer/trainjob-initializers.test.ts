import { ruleFindings } from '../../../test/policy';
import { replicatedJob, runtime, torchRuntime, trainJob } from '../../../test/training-manifests';

const initializer = { dataset: { storageUri: 'hf://tatsu-lab/alpaca' }, model: { storageUri: 'hf://meta-llama/Llama-3.2-1B-Instruct' } };

describe('trainer/trainjob-initializers', () => {
  test('rejects initializers the runtime cannot run', () => {
    const rt = runtime('torch', [replicatedJob('dataset-initializer', 'dataset-initializer', 'dataset-initializer'), replicatedJob('node', 'trainer', 'node')], { torch: {} });
    expect(ruleFindings('trainer/trainjob-initializers', rt, trainJob({ initializer })).map((f) => `${f.path}: ${f.message}`)).toEqual([
      '.spec.initializer.dataset: is set, but the dataset-initializer container of ClusterTrainingRuntime "torch" mounts no volume named "initializer", and the trainer rejects the job',
      '.spec.initializer.model: is set, but ClusterTrainingRuntime "torch" has no model-initializer step, so nothing would download it',
    ]);
  });

  test('accepts initializers the runtime has, and any when the runtime is not among the objects checked', () => {
    expect(ruleFindings('trainer/trainjob-initializers', torchRuntime(), trainJob({ initializer }), trainJob({ initializer, runtimeRef: { name: 'elsewhere' } }))).toEqual([]);
  });

  test('leaves out a step the job patches: the trainer checks the patched runtime', () => {
    const rt = runtime('torch', [replicatedJob('model-initializer', 'model-initializer', 'model-initializer')]);
    const runtimePatches = [{ manager: 'example.com/tuner', trainingRuntimeSpec: { template: { spec: { replicatedJobs: [{ name: 'model-initializer' }] } } } }];
    expect(ruleFindings('trainer/trainjob-initializers', rt, trainJob({ initializer: { model: initializer.model }, runtimePatches }))).toEqual([]);
  });
});
