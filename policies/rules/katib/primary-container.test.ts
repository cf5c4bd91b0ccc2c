import { ruleFindings } from '../../../test/policy';
import { experiment, job, trialTemplate } from './fixtures';

const pod = (name: string) => ({ template: { spec: { containers: [{ name, image: 'i', args: ['${trialParameters.lr}'] }] } } });
const pytorchJob = (master: string, worker: string) => ({
  apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', spec: { pytorchReplicaSpecs: { Master: pod(master), Worker: pod(worker) } },
});

describe('katib/primary-container', () => {
  test('rejects a primary container no pod template has', () => {
    expect(ruleFindings('katib/primary-container', experiment({ trialTemplate: trialTemplate({ trialSpec: job(['${trialParameters.lr}'], 'main') }) }))).toEqual([
      expect.objectContaining({ path: '.spec.trialTemplate.primaryContainerName', message: 'no container of the trial job is named "training-container" (it has main)' }),
    ]);
  });

  test('rejects a pod template without it when others have it: Katib\'s pod webhook mutates every pod of the job', () => {
    const e = experiment({ trialTemplate: trialTemplate({ primaryContainerName: 'pytorch', trialSpec: pytorchJob('pytorch', 'worker') }) });
    expect(ruleFindings('katib/primary-container', e).map((f) => f.path)).toEqual(['.spec.trialTemplate.trialSpec.spec.pytorchReplicaSpecs.Worker.template.spec.containers']);
  });

  test('accepts a primary container in every pod template, and TrainJobs (whose pods come from their runtime)', () => {
    expect(ruleFindings('katib/primary-container', experiment())).toEqual([]);
    expect(ruleFindings('katib/primary-container', experiment({ trialTemplate: trialTemplate({ primaryContainerName: 'pytorch', trialSpec: pytorchJob('pytorch', 'pytorch') }) }))).toEqual([]);
    const trainJob = { apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'TrainJob', spec: {
      runtimeRef: { name: 'torch' }, trainer: { args: ['${trialParameters.lr}'] },
      podTemplateOverrides: [{ targetJobs: [{ name: 'dataset-initializer' }], spec: { containers: [{ name: 'dataset-initializer', env: [] }] } }],
    } };
    expect(ruleFindings('katib/primary-container', experiment({ trialTemplate: trialTemplate({ primaryContainerName: 'node', trialSpec: trainJob }) }))).toEqual([]);
  });
});
