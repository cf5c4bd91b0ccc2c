import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Cpu } from '../core';
import { ArtExplainerType, ExplainerProps } from './explainer';
import { InferenceService } from './inference-service';
import { ModelFormat } from './model-format';
import { StorageUri } from './storage-uri';

const predictor = { model: { format: ModelFormat.sklearn(), storageUri: StorageUri.gcs('kfserving-examples/models/sklearn/mnist/art') } };

describe('explainer', () => {
  test('KServe\'s ART explainer, and a custom explainer', () => {
    const stack = testStack();
    new InferenceService(stack, 'art', {
      predictor,
      explainer: { art: { type: ArtExplainerType.SQUARE_ATTACK, config: { nb_classes: '10' }, resources: { cpu: { request: Cpu.units(1) } } } },
    });
    const svc = new InferenceService(stack, 'custom', { predictor });
    svc.addExplainer({ container: { image: 'ghcr.io/org/shap-explainer:0.3', args: ['--model_name=custom'] } });
    const art = manifest(stack, 'InferenceService', 'art').spec.explainer.art;
    expect(art).toMatchObject({ type: 'SquareAttack', config: { nb_classes: '10' }, resources: { requests: { cpu: '1' } } });
    expect(art.name).toBeUndefined();
    expect(art.image).toBeUndefined();
    expect(manifest(stack, 'InferenceService', 'custom').spec.explainer.containers[0]).toMatchObject({ name: 'kserve-container', image: 'ghcr.io/org/shap-explainer:0.3' });
    expectSchemaValid(stack);
  });

  test.each<[string, ExplainerProps, string, string]>([
    ['unknown ART type', { art: { type: 'FGSM' as ArtExplainerType } }, 'explainer.art.type', '"FGSM" is not an ART explainer type'],
    ['bad storage URI', { art: { type: ArtExplainerType.SQUARE_ATTACK, storageUri: StorageUri.parse('ftp://x/y') } }, 'explainer.art.storageUri', 'is not supported'],
  ])('rejects %s', (_what, explainer, field, problem) => {
    const e = constructError(() => new InferenceService(testStack(), 'svc', { predictor, explainer }));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('both implementations, or neither, reach the manifest and are reported at synth (kserve/exactly-one-implementation)', () => {
    const stack = testStack();
    new InferenceService(stack, 'both', { predictor, explainer: { art: { type: ArtExplainerType.SQUARE_ATTACK }, container: { image: 'ghcr.io/org/e:1' } } });
    new InferenceService(stack, 'neither', { predictor, explainer: {} });
    expect(policyFindings(stack, 'kserve/exactly-one-implementation').map((f) => [f.construct, f.path, f.message])).toEqual([
      ['test/both', '.spec.explainer', 'exactly one of [art, containers] must be set in the explainer, got art and containers'],
      ['test/neither', '.spec.explainer', 'exactly one of [art, containers] must be set in the explainer, got none'],
    ]);
  });

  test('a second explainer is an error', () => {
    const stack = testStack();
    const svc = new InferenceService(stack, 'svc', { predictor });
    svc.addExplainer({ art: { type: ArtExplainerType.SQUARE_ATTACK } });
    expect(constructError(() => svc.addExplainer({ art: { type: ArtExplainerType.SQUARE_ATTACK } })).problem).toBe('is already set');
  });
});
