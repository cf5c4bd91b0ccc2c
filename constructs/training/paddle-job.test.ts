import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { PaddleJob, PaddleJobProps } from './paddle-job';

const image = 'registry.baidubce.com/paddlepaddle/paddle:2.6.1';

describe('PaddleJob', () => {
  test('parameter-server mode with an elastic policy in container "paddle"; schema-valid', () => {
    const stack = testStack();
    new PaddleJob(stack, 'ctr', {
      master: { image, replicas: 2 },
      worker: { image, replicas: 2 },
      elasticPolicy: { minReplicas: 1, maxReplicas: 4, maxRestarts: 2 },
    });
    const spec = manifest(stack, 'PaddleJob').spec;
    expect(spec.elasticPolicy).toEqual({ minReplicas: 1, maxReplicas: 4, maxRestarts: 2 });
    expect(spec.paddleReplicaSpecs.Master).toMatchObject({ replicas: 2, restartPolicy: 'OnFailure' });
    expect(spec.paddleReplicaSpecs.Worker.template.spec.containers[0].name).toBe('paddle');
    expectSchemaValid(stack);
  });

  test.each<[string, Partial<PaddleJobProps>, string, string]>([
    ['no workers', { master: { image } }, 'worker', 'a PaddleJob needs workers'],
    ['workers outside the elastic range', { worker: { image, replicas: 5 }, elasticPolicy: { minReplicas: 1, maxReplicas: 4 } }, 'worker.replicas', 'is 5, outside the elastic range 1–4'],
    ['max below min', { worker: { image, replicas: 2 }, elasticPolicy: { minReplicas: 3, maxReplicas: 2 } }, 'elasticPolicy.maxReplicas', 'less than minReplicas 3'],
  ])('rejects %s', (_what, props, field, problem) => {
    const e = constructError(() => new PaddleJob(testStack(), 'pd', props as PaddleJobProps));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});
