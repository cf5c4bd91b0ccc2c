import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Release } from '../core';
import { ScaleMetric } from './autoscaling';
import { CanaryProps } from './canary';
import { DeploymentMode } from './deployment-mode';
import { InferenceService, InferenceServiceProps } from './inference-service';
import { ModelFormat } from './model-format';
import { StorageUri } from './storage-uri';

const v1 = { format: ModelFormat.pytorch(), storageUri: StorageUri.s3('models/resnet/v1') };
const v2 = { format: ModelFormat.pytorch(), storageUri: StorageUri.s3('models/resnet/v2') };
const v3 = { format: ModelFormat.pytorch(), storageUri: StorageUri.s3('models/resnet/v3') };

describe('canary', () => {
  test('Knative: the predictor is the candidate; canaryTrafficPercent splits with the previous revision', () => {
    const stack = testStack({ namespace: 'team', release: Release.NEWEST });
    new InferenceService(stack, 'resnet', {
      deploymentMode: DeploymentMode.KNATIVE,
      predictor: { model: v2, autoscaling: { minReplicas: 1, maxReplicas: 5, metric: ScaleMetric.concurrency(10) } },
      canary: { trafficPercent: 10 },
    });
    const spec = manifest(stack, 'InferenceService').spec;
    expect(spec.predictor.canaryTrafficPercent).toBe(10);
    expect(spec.predictor.model.storageUri).toBe('s3://models/resnet/v2');
    expect(spec.canary).toBeUndefined();
    expectSchemaValid(stack);
  });

  test('Standard: named canaries run beside the stable predictor with fixed replicas (spec.canary)', () => {
    const stack = testStack({ namespace: 'team', release: Release.NEWEST });
    const svc = new InferenceService(stack, 'resnet', {
      deploymentMode: DeploymentMode.STANDARD,
      predictor: { name: 'v1', model: v1, autoscaling: { minReplicas: 4, maxReplicas: 8 } },
      canary: { name: 'v2', model: v2, trafficPercent: 10 },
    });
    svc.addCanary({ name: 'v3', model: v3, trafficPercent: 0, replicas: 1 });
    const spec = manifest(stack, 'InferenceService').spec;
    expect(spec.predictor).toMatchObject({ name: 'v1', minReplicas: 4, maxReplicas: 8 });
    expect(spec.predictor.canaryTrafficPercent).toBeUndefined();
    expect(spec.canary).toEqual([
      { predictor: { name: 'v2', model: expect.objectContaining({ name: 'kserve-container', modelFormat: { name: 'pytorch' }, storageUri: 's3://models/resnet/v2' }) }, trafficPercent: 10 },
      { predictor: { name: 'v3', minReplicas: 1, model: expect.objectContaining({ storageUri: 's3://models/resnet/v3' }) }, trafficPercent: 0 },
    ]);
    expectSchemaValid(stack);
  });

  test('a named canary\'s model, merged into its runtime\'s container, renders only the security settings given; a canary server keeps the hardened defaults', () => {
    const stack = testStack({ namespace: 'team', release: Release.NEWEST });
    const svc = new InferenceService(stack, 'resnet', {
      deploymentMode: DeploymentMode.STANDARD,
      predictor: { name: 'v1', model: v1, autoscaling: { minReplicas: 4 } },
      canary: { name: 'v2', model: v2, trafficPercent: 10 },
    });
    svc.addCanary({ name: 'v3', model: { ...v3, securityContext: { readOnlyRootFilesystem: true } }, trafficPercent: 5, replicas: 1 });
    svc.addCanary({ name: 'v4', container: { image: 'ghcr.io/org/my-server:2.0' }, trafficPercent: 5, replicas: 1 });
    const canary = manifest(stack, 'InferenceService').spec.canary;
    expect(canary[0].predictor.model.securityContext).toBeUndefined();
    expect(canary[1].predictor.model.securityContext).toEqual({ readOnlyRootFilesystem: true });
    expect(canary[2].predictor.containers[0].securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
    expectSchemaValid(stack);
  });

  const standard: Partial<InferenceServiceProps> = { deploymentMode: DeploymentMode.STANDARD };
  test.each<[string, Partial<InferenceServiceProps>, CanaryProps, string, string]>([
    ['trafficPercent above 100', {}, { trafficPercent: 120 }, 'canary.trafficPercent', 'must be a whole percentage between 0 and 100, got 120'],
    ['negative trafficPercent', standard, { name: 'v2', model: v2, trafficPercent: -5 }, 'canary.trafficPercent', 'between 0 and 100, got -5'],
    ['fractional trafficPercent', {}, { trafficPercent: 12.5 }, 'canary.trafficPercent', 'got 12.5'],
    ['zero replicas', standard, { name: 'v2', model: v2, trafficPercent: 10, replicas: 0 }, 'canary.replicas', 'must be a whole number ≥ 1, got 0'],
    ['a bad canary name', standard, { name: 'V2', model: v2, trafficPercent: 10 }, 'canary.name', 'is not a valid DNS-1123 label'],
  ])('rejects %s at construction', (_what, extra, canary, field, problem) => {
    const e = constructError(() => new InferenceService(testStack({ namespace: 'team', release: Release.NEWEST }), 'resnet', { predictor: { model: v1 }, ...extra, canary }));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test.each<[string, Partial<InferenceServiceProps>, CanaryProps, Array<[string, string, string]>]>([
    ['a revision canary in Standard mode', standard, { trafficPercent: 10 },
      [['kserve/canary-traffic-percent', '.spec.predictor.canaryTrafficPercent', 'Standard (raw deployment) mode has no revisions to split traffic between']]],
    ['a named canary without model', standard, { name: 'v2', trafficPercent: 10 },
      [['kserve/exactly-one-implementation', '.spec.canary[0].predictor', 'must be set in the canary[0] predictor, got none']]],
    ['both model and container', standard, { name: 'v2', model: v2, container: { image: 'ghcr.io/org/s:1' }, trafficPercent: 10 },
      [['kserve/exactly-one-implementation', '.spec.canary[0].predictor', 'got model and 1 container(s) named kserve-container']]],
    ['a named canary in Knative mode', {}, { name: 'v2', model: v2, trafficPercent: 10 },
      [['kserve/canary-specs', '.spec.canary', 'canary is only supported in Standard deployment mode; this is Knative (serverless) mode']]],
    ['the stable predictor\'s name', { ...standard, predictor: { name: 'v2', model: v1 } }, { name: 'v2', model: v2, trafficPercent: 10 },
      [['kserve/canary-specs', '.spec.canary[0].predictor.name', 'canary predictor.name "v2" conflicts with stable predictor name']]],
    ['more replicas than the stable minimum', standard, { name: 'v2', model: v2, trafficPercent: 50, replicas: 2 },
      [['kserve/canary-specs', '.spec.canary[0].predictor.minReplicas', 'canary "v2" minReplicas (2) must not exceed stable predictor minReplicas (1)']]],
    ['a stable predictor without a model', { ...standard, predictor: { container: { image: 'ghcr.io/org/s:1' } } }, { name: 'v2', model: v2, trafficPercent: 10 },
      [['kserve/canary-specs', '.spec.predictor', 'canary requires a stable predictor with a model']]],
  ])('reports %s at synth', (_what, extra, canary, expected) => {
    const stack = testStack({ namespace: 'team', release: Release.NEWEST });
    new InferenceService(stack, 'resnet', { predictor: { model: v1 }, ...extra, canary });
    expect(policyFindings(stack, 'kserve/').map((f) => [f.rule, f.construct, f.path, f.message])).toEqual(expected.map(([rule, path, message]) => [rule, 'test/resnet', path, expect.stringContaining(message)]));
  });

  test('Standard canaries: unique names, at most 100 % in total', () => {
    const stack = testStack({ namespace: 'team', release: Release.NEWEST });
    const svc = new InferenceService(stack, 'resnet', { deploymentMode: DeploymentMode.STANDARD, predictor: { model: v1 }, canary: { name: 'v2', model: v2, trafficPercent: 60 } });
    svc.addCanary({ name: 'v2', model: v3, trafficPercent: 10 });
    svc.addCanary({ name: 'v3', model: v3, trafficPercent: 50 });
    expect(policyFindings(stack, 'kserve/canary-specs').map((f) => [f.path, f.message])).toEqual([
      ['.spec.canary[1].predictor.name', 'canary predictor.name "v2" is duplicated'],
      ['.spec.canary', 'sum of canary trafficPercent values (120) must be <= 100'],
    ]);
  });

  test('a revision canary is one at most', () => {
    const svc = new InferenceService(testStack({ namespace: 'team', release: Release.NEWEST }), 'resnet', { predictor: { model: v2 }, canary: { trafficPercent: 10 } });
    const e = constructError(() => svc.addCanary({ trafficPercent: 20 }));
    expect([e.field, e.problem]).toEqual(['canary[1]', 'a revision canary splits traffic between the latest and the previous revision, so there is one at most']);
  });

  test('named canaries and predictor names need KServe 0.20 (older CRDs have no spec.canary or predictor.name)', () => {
    const stack = testStack({ namespace: 'team', release: Release.KUBEFLOW_PLATFORM_2026_04 });
    const model = { format: ModelFormat.sklearn(), storageUri: StorageUri.s3('models/v1') };
    const canary = constructError(() => new InferenceService(stack, 'a', {
      deploymentMode: DeploymentMode.STANDARD, predictor: { model }, canary: { name: 'v2', model: { ...model, storageUri: StorageUri.s3('models/v2') }, trafficPercent: 10 },
    }));
    expect(canary.field).toBe('canary');
    expect(canary.problem).toBe('a named canary (spec.canary, Standard mode) needs KServe 0.20.0 or later; this stack targets kubeflow-platform-2026-04 (KServe 0.16.0)');
    const named = constructError(() => new InferenceService(stack, 'b', { predictor: { name: 'v1', model } }));
    expect(named.field).toBe('predictor.name');
    // A revision canary (Knative) exists in every release.
    expect(() => new InferenceService(stack, 'c', { predictor: { model }, canary: { trafficPercent: 10 } })).not.toThrow();
  });
});
