import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Gpu } from '../core';
import { JAXJob, JAXJobProps } from './jax-job';

const image = 'ghcr.io/org/jax-trainer:0.4.30';

describe('JAXJob', () => {
  test('workers in container "jax"; schema-valid', () => {
    const stack = testStack();
    const job = new JAXJob(stack, 'jax', { worker: { image, replicas: 4, resources: { gpu: Gpu.nvidia(1) } } });
    const w = manifest(stack, 'JAXJob').spec.jaxReplicaSpecs.Worker;
    expect(w).toMatchObject({ replicas: 4, restartPolicy: 'Never' });
    expect(w.template.spec.containers[0].name).toBe('jax');
    expect(job.primaryPodLabels['training.kubeflow.org/replica-type']).toBe('worker');
    expect(job.replicaCount('Worker')).toBe(4);
    expect(job.replicaCount('Master')).toBe(0);
    expectSchemaValid(stack);
  });

  test.each<[string, Partial<JAXJobProps>, string, string]>([
    ['no workers', {}, 'worker', 'a JAXJob needs workers'],
    ['zero workers', { worker: { image, replicas: 0 } }, 'worker.replicas', 'must be at least 1'],
  ])('rejects %s', (_what, props, field, problem) => {
    const e = constructError(() => new JAXJob(testStack(), 'jax', props as JAXJobProps));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});
