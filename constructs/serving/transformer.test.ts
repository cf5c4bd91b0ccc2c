import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Cpu, Size } from '../core';
import { InferenceService } from './inference-service';
import { ModelFormat } from './model-format';
import { StorageUri } from './storage-uri';
import { TransformerProps } from './transformer';

const predictor = { model: { format: ModelFormat.pytorch(), storageUri: StorageUri.s3('models/resnet/v1') } };

describe('transformer', () => {
  test('a custom container kserve-container with its own resources and autoscaling', () => {
    const stack = testStack();
    new InferenceService(stack, 'resnet', {
      predictor,
      transformer: {
        container: {
          image: 'ghcr.io/org/image-transformer:1.0',
          args: ['--model_name=resnet', '--protocol=v2'],
          resources: { cpu: { request: Cpu.millis(500), limit: Cpu.units(1) }, memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) } },
        },
        autoscaling: { minReplicas: 1, maxReplicas: 4 },
      },
    });
    const t = manifest(stack, 'InferenceService').spec.transformer;
    expect(t.containers).toEqual([expect.objectContaining({
      name: 'kserve-container', image: 'ghcr.io/org/image-transformer:1.0', args: ['--model_name=resnet', '--protocol=v2'],
      resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    })]);
    expect(t).toMatchObject({ minReplicas: 1, maxReplicas: 4 });
    expectSchemaValid(stack);
  });

  test('addTransformer adds one after construction; a second is an error', () => {
    const stack = testStack();
    const svc = new InferenceService(stack, 'resnet', { predictor });
    svc.addTransformer({ container: { image: 'ghcr.io/org/t:1' } });
    expect(manifest(stack, 'InferenceService').spec.transformer.containers[0].image).toBe('ghcr.io/org/t:1');
    expect(constructError(() => svc.addTransformer({ container: { image: 'ghcr.io/org/t:2' } })).problem).toBe('is already set');
  });

  test.each<[string, TransformerProps, string, string]>([
    ['no container', {} as TransformerProps, 'transformer', 'has no container'],
    ['bad image', { container: { image: 'bad image' } }, 'transformer.container.image', 'is not a valid image reference'],
    ['PYTHONPATH', { container: { image: 'ghcr.io/org/t:1', env: { PYTHONPATH: '/x' } } }, 'transformer.container.env.PYTHONPATH', 'not allowed for security reasons'],
  ])('rejects %s', (_what, transformer, field, problem) => {
    const e = constructError(() => new InferenceService(testStack(), 'svc', { predictor, transformer }));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});
