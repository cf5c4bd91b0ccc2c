import { ruleFindings } from '../../../test/policy';
import { graph, isvc, KNATIVE, model, STANDARD, where } from './test-objects';

const root = { root: { routerType: 'Sequence', steps: [{ serviceName: 'iris' }] } };

describe('kserve/name-format', () => {
  test('rejects names that are not DNS-1035 labels, for services and graphs', () => {
    const f = ruleFindings('kserve/name-format', isvc({ predictor: model() }, KNATIVE, '1iris'), graph(root, 'Pets'), isvc({ predictor: model() }, KNATIVE, 'iris.v1'));
    expect(f.map((x) => [x.resource, x.path, x.severity])).toEqual([
      ['serving.kserve.io/v1beta1 InferenceService team/1iris', '.metadata.name', 'error'],
      ['serving.kserve.io/v1alpha1 InferenceGraph team/Pets', '.metadata.name', 'error'],
      ['serving.kserve.io/v1beta1 InferenceService team/iris.v1', '.metadata.name', 'error'],
    ]);
    expect(f[0].message).toContain('"1iris" is not a valid DNS-1035 label');
    expect(f[1].fix).toBe('rename it, e.g. "pets"');
  });

  test('accepts lower-case names starting with a letter', () => {
    expect(ruleFindings('kserve/name-format', isvc({ predictor: model() }, KNATIVE, 'sklearn-iris-2'), graph(root, 'pets'))).toEqual([]);
  });
});

describe('kserve/component-name-length', () => {
  test('Knative: the predictor\'s first revision name must fit 63 characters', () => {
    const f = ruleFindings('kserve/component-name-length', isvc({ predictor: model() }, KNATIVE, 'a'.repeat(48)));
    expect(where(f)).toEqual([['.metadata.name', `"${'a'.repeat(48)}" is too long: KServe names a component's Deployment and Service "${'a'.repeat(48)}-predictor-00001" (64 characters), and at most 63 are allowed`]]);
    expect(f[0].fix).toBe('shorten the name to at most 47 characters');
  });

  test('the predictor\'s name, the transformer and canaries count; Standard mode has no revision suffix', () => {
    const transformer = { containers: [{ name: 'kserve-container', image: 'ghcr.io/org/t:1' }] };
    expect(where(ruleFindings('kserve/component-name-length', isvc({ predictor: model(), transformer }, KNATIVE, 'a'.repeat(46))))[0][1]).toContain('-transformer-00001" (64 characters)');
    expect(where(ruleFindings('kserve/component-name-length', isvc({ predictor: model('sklearn', 's3://m', { name: 'b'.repeat(13) }) }, STANDARD, 'a'.repeat(40))))[0][1]).toContain('-predictor" (64 characters)');
    expect(ruleFindings('kserve/component-name-length', isvc({ predictor: model() }, STANDARD, 'a'.repeat(53)))).toEqual([]);
    expect(ruleFindings('kserve/component-name-length', graph(root, 'g'.repeat(58)))).toHaveLength(1);
    expect(ruleFindings('kserve/component-name-length', graph(root, 'g'.repeat(57)))).toEqual([]);
  });
});

describe('kserve/trained-model', () => {
  const tm = (name: string, storageUri: string) => ({ apiVersion: 'serving.kserve.io/v1alpha1', kind: 'TrainedModel', metadata: { name, namespace: 'team' }, spec: { inferenceService: 'mms', model: { storageUri, framework: 'sklearn', memory: '1Gi' } } });

  test('rejects a name with dots and a storage URI the model agent cannot download', () => {
    expect(where(ruleFindings('kserve/trained-model', tm('iris.v1', 'pvc://models/iris')))).toEqual([
      ['.metadata.name', '"iris.v1" is invalid: a Trained Model name must consist of alphanumeric characters, \'_\', or \'-\''],
      ['.spec.model.storageUri', '"pvc://models/iris" is invalid: the storage uri must start with one of the prefixes: s3://, gs://, https://, http://'],
    ]);
  });

  test('accepts an S3 model', () => {
    expect(ruleFindings('kserve/trained-model', tm('iris_v1', 's3://models/iris'))).toEqual([]);
  });
});
