import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, manifests, testStack } from '../../test/util';
import { Release } from '../core';
import { Tenant } from '../tenancy';
import { ScaleMetric } from './autoscaling';
import { DeploymentMode } from './deployment-mode';
import { InferenceService, InferenceServiceProps } from './inference-service';
import { ModelFormat } from './model-format';
import { StorageUri } from './storage-uri';

const predictor = { model: { format: ModelFormat.sklearn(), storageUri: StorageUri.gcs('kfserving-examples/models/sklearn/1.0/model') } };

describe('InferenceService', () => {
  test('defaults: Knative mode, KPA, name from the construct id, the stack\'s namespace, standard labels', () => {
    const stack = testStack();
    const svc = new InferenceService(stack, 'SklearnIris', { predictor });
    expect([svc.name, svc.namespace, svc.deploymentMode]).toEqual(['sklearn-iris', 'team', DeploymentMode.KNATIVE]);
    const isvc = manifest(stack, 'InferenceService');
    expect(isvc.apiVersion).toBe('serving.kserve.io/v1beta1');
    expect(isvc.metadata).toMatchObject({
      name: 'sklearn-iris',
      namespace: 'team',
      labels: expect.objectContaining({ 'app.kubernetes.io/name': 'inference-service', 'app.kubernetes.io/instance': 'sklearn-iris', 'app.kubernetes.io/component': 'serving' }),
      annotations: expect.objectContaining({ 'serving.kserve.io/deploymentMode': 'Knative', 'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev' }),
    });
    expect(isvc.spec).toEqual({ predictor: { model: expect.objectContaining({ modelFormat: { name: 'sklearn' } }) } });
    expect(manifests(stack)).toHaveLength(1);
    expectSchemaValid(stack);
  });

  test('tenant, explicit name, labels, annotations, cluster-local, stopped', () => {
    const stack = testStack();
    const tenant = new Tenant(stack, 'ml', { owner: 'a@b.co' });
    new InferenceService(stack, 'svc', {
      tenant, name: 'iris', predictor, stopped: true, clusterLocal: true,
      metadata: { labels: { team: 'ml' }, annotations: { 'serving.kserve.io/enable-prometheus-scraping': 'true' } },
    });
    const isvc = manifest(stack, 'InferenceService');
    expect(isvc.metadata).toMatchObject({ name: 'iris', namespace: 'ml' });
    expect(isvc.metadata.labels).toMatchObject({ team: 'ml', 'networking.kserve.io/visibility': 'cluster-local' });
    expect(isvc.metadata.annotations).toMatchObject({ 'serving.kserve.io/stop': 'true', 'serving.kserve.io/enable-prometheus-scraping': 'true' });
    expectSchemaValid(stack);
  });

  test('predictor, transformer and explainer together validate against the schema', () => {
    const stack = testStack();
    const svc = new InferenceService(stack, 'iris', { deploymentMode: DeploymentMode.STANDARD, predictor, transformer: { container: { image: 'ghcr.io/org/t:1' } } });
    svc.addExplainer({ container: { image: 'ghcr.io/org/e:1' } });
    const spec = manifest(stack, 'InferenceService').spec;
    expect(Object.keys(spec).sort()).toEqual(['explainer', 'predictor', 'transformer']);
    expectSchemaValid(stack);
  });

  test.each<[string, Partial<InferenceServiceProps>, string, string]>([
    ['a name with upper case', { name: 'Iris' }, 'name', 'is not a valid DNS-1035 label'],
    ['a name starting with a digit', { name: '1iris' }, 'name', 'is not a valid DNS-1035 label'],
    ['a name with dots', { name: 'iris.v1' }, 'name', 'is not a valid DNS-1035 label'],
    ['a name too long for Knative\'s revision names', { name: 'a'.repeat(48) }, 'name', `KServe names a component's Deployment and Service "${'a'.repeat(48)}-predictor-00001" (64 characters)`],
    ['a name too long with a transformer', { name: 'a'.repeat(46), transformer: { container: { image: 'ghcr.io/org/t:1' } } }, 'name', '-transformer-00001" (64 characters)'],
    ['a name plus predictor name too long', { deploymentMode: DeploymentMode.STANDARD, name: 'a'.repeat(40), predictor: { ...predictor, name: 'b'.repeat(13) } }, 'name',
      '-predictor" (64 characters)'],
    ['an unknown deployment mode', { deploymentMode: 'Serverful' as DeploymentMode }, 'deploymentMode', '"Serverful" is not a deployment mode'],
    ['the deploymentMode annotation', { metadata: { annotations: { 'serving.kserve.io/deploymentMode': 'Standard' } } }, 'metadata.annotations.serving.kserve.io/deploymentMode', 'is set by this construct'],
    ['the Knative autoscaler class annotation', { metadata: { annotations: { 'autoscaling.knative.dev/class': 'hpa.autoscaling.knative.dev' } } }, 'metadata.annotations.autoscaling.knative.dev/class', 'is set by this construct'],
    ['the KServe autoscaler class annotation', { metadata: { annotations: { 'serving.kserve.io/autoscalerClass': 'keda' } } }, 'metadata.annotations.serving.kserve.io/autoscalerClass', 'is set by this construct'],
    ['namespace and tenant disagree', { namespace: 'other' }, 'namespace', 'differs from the tenant\'s namespace'],
  ])('rejects %s', (_what, props, field, problem) => {
    const stack = testStack({ namespace: 'team', release: Release.NEWEST });
    const tenant = props.namespace ? new Tenant(stack, 'ml', { owner: 'a@b.co' }) : undefined;
    const e = constructError(() => new InferenceService(stack, 'svc', { predictor, tenant, ...props }));
    expect(e.constructPath).toBe('test/svc');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('no namespace anywhere is an error; the same name twice in a namespace too', () => {
    expect(constructError(() => new InferenceService(testStack({}), 'svc', { predictor })).field).toBe('namespace');
    const stack = testStack();
    new InferenceService(stack, 'a', { name: 'iris', predictor });
    expect(constructError(() => new InferenceService(stack, 'b', { name: 'iris', predictor })).problem).toContain('already defined by test/a');
  });

  test('a later addition that changes the autoscaler updates the annotations', () => {
    const stack = testStack();
    const svc = new InferenceService(stack, 'iris', { predictor });
    svc.addTransformer({ container: { image: 'ghcr.io/org/t:1' }, autoscaling: { metric: ScaleMetric.cpu(50) } });
    expect(manifest(stack, 'InferenceService').metadata.annotations['autoscaling.knative.dev/class']).toBe('hpa.autoscaling.knative.dev');
  });
});
