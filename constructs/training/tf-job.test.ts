import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { RestartPolicy } from './replica';
import { TfSuccessPolicy, TFJob, TFJobProps } from './tf-job';

const image = 'tensorflow/tensorflow:2.16.1';

describe('TFJob', () => {
  test('chief, parameter servers, workers and evaluator in container "tensorflow"; success policy; schema-valid', () => {
    const stack = testStack();
    const job = new TFJob(stack, 'mnist', {
      chief: { image },
      ps: { image, replicas: 2 },
      worker: { image, replicas: 4, restartPolicy: RestartPolicy.EXIT_CODE },
      evaluator: { image },
      successPolicy: TfSuccessPolicy.ALL_WORKERS,
      enableDynamicWorker: true,
    });
    const spec = manifest(stack, 'TFJob').spec;
    expect(Object.keys(spec.tfReplicaSpecs).sort()).toEqual(['Chief', 'Evaluator', 'PS', 'Worker']);
    expect(spec.tfReplicaSpecs.PS).toMatchObject({ replicas: 2, restartPolicy: 'Never' });
    expect(spec.tfReplicaSpecs.Worker).toMatchObject({ replicas: 4, restartPolicy: 'ExitCode' });
    expect(spec.tfReplicaSpecs.Chief.template.spec.containers[0].name).toBe('tensorflow');
    expect(spec).toMatchObject({ successPolicy: 'AllWorkers', enableDynamicWorker: true });
    expect(job.primaryPodLabels['training.kubeflow.org/replica-type']).toBe('chief');
    expectSchemaValid(stack);
  });

  test('the default success policy is left to the operator', () => {
    const stack = testStack();
    new TFJob(stack, 'w', { worker: { image, replicas: 2 } });
    const spec = manifest(stack, 'TFJob').spec;
    expect(spec.successPolicy).toBeUndefined();
    expect(spec.enableDynamicWorker).toBeUndefined();
  });

  test.each<[string, Partial<TFJobProps>, string, string]>([
    ['only parameter servers', { ps: { image } }, 'worker', 'a TFJob needs a chief or workers, and has neither'],
    ['AllWorkers without workers', { chief: { image }, successPolicy: TfSuccessPolicy.ALL_WORKERS }, 'successPolicy', 'is AllWorkers, but the job has no workers'],
  ])('rejects %s at construction', (_what, props, field, problem) => {
    const e = constructError(() => new TFJob(testStack(), 'tf', props as TFJobProps));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('synth reports more than one chief or evaluator, and a chief of no replicas', () => {
    const stack = testStack();
    new TFJob(stack, 'tf', { chief: { image, replicas: 2 }, worker: { image }, evaluator: { image, replicas: 2 } });
    new TFJob(stack, 'idle', { chief: { image, replicas: 0 }, worker: { image } });
    expect(policyFindings(stack, 'training-operator/').map((f) => `${f.construct}: ${f.rule}: ${f.path}: ${f.message}`)).toEqual([
      'test/idle: training-operator/tfjob-single-replicas: .spec.tfReplicaSpecs.Chief.replicas: is 0: the operator follows the Chief, and with none to run it marks the job succeeded without training',
      'test/tf: training-operator/tfjob-single-replicas: .spec.tfReplicaSpecs.Chief.replicas: must be at most 1, got 2: TensorFlow allows one chief task',
      'test/tf: training-operator/tfjob-single-replicas: .spec.tfReplicaSpecs.Evaluator.replicas: must be at most 1, got 2: TensorFlow allows one evaluator task',
    ]);
  });
});
