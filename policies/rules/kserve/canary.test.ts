import { ruleFindings } from '../../../test/policy';
import { isvc, KNATIVE, model, server, STANDARD, where } from './test-objects';

const canary = (name: string | undefined, uri: string, trafficPercent: number, extra: Record<string, unknown> = {}) => ({ predictor: model('pytorch', uri, { name, ...extra }), trafficPercent });

describe('kserve/canary-specs', () => {
  test('rejects named canaries outside Standard mode (the default mode too)', () => {
    const f = ruleFindings('kserve/canary-specs', isvc({ predictor: model('pytorch', 's3://v1'), canary: [canary('v2', 's3://v2', 10)] }, KNATIVE), isvc({ predictor: model('pytorch', 's3://v1'), canary: [canary('v2', 's3://v2', 10)] }, {}, 'default'));
    expect(where(f)).toEqual([
      ['.spec.canary', 'canary is only supported in Standard deployment mode; this is Knative (serverless) mode'],
      ['.spec.canary', 'canary is only supported in Standard deployment mode; this is Knative (serverless) mode (no serving.kserve.io/deploymentMode annotation: KServe\'s default)'],
    ]);
  });

  test('rejects unnamed, duplicate and stable-named canaries, out-of-range shares, autoscaling and too many replicas', () => {
    const f = ruleFindings('kserve/canary-specs', isvc({
      predictor: model('pytorch', 's3://v1', { name: 'v1', minReplicas: 2 }),
      canary: [
        canary(undefined, 's3://v2', 10),
        canary('v1', 's3://v3', 120),
        canary('v4', 's3://v4', 10, { maxReplicas: 3, minReplicas: 3 }),
        canary('v4', 's3://v5', 0),
      ],
    }, STANDARD));
    expect(where(f)).toEqual([
      ['.spec.canary[0].predictor.name', 'canary[0] predictor.name is required'],
      ['.spec.canary[1].predictor.name', 'canary predictor.name "v1" conflicts with stable predictor name'],
      ['.spec.canary[1].trafficPercent', 'canary "v1" trafficPercent must be between 0 and 100, got 120'],
      ['.spec.canary[2].predictor.maxReplicas', 'canary "v4" must not set maxReplicas (canary uses fixed replicas)'],
      ['.spec.canary[2].predictor.minReplicas', 'canary "v4" minReplicas (3) must not exceed stable predictor minReplicas (2)'],
      ['.spec.canary[3].predictor.name', 'canary predictor.name "v4" is duplicated'],
      ['.spec.canary', 'sum of canary trafficPercent values (140) must be <= 100'],
    ]);
  });

  test('rejects canaries beside a stable predictor without a model', () => {
    const f = ruleFindings('kserve/canary-specs', isvc({ predictor: { containers: [server()] }, canary: [canary('v2', 's3://v2', 10)] }, STANDARD));
    expect(where(f)).toEqual([['.spec.predictor', 'canary requires a stable predictor with a model (multi-model serving is not supported with canary)']]);
  });

  test('accepts Standard canaries with fixed replicas beside a stable custom server with a STORAGE_URI', () => {
    expect(ruleFindings('kserve/canary-specs',
      isvc({ predictor: model('pytorch', 's3://v1', { name: 'v1', minReplicas: 4 }), canary: [canary('v2', 's3://v2', 10), canary('v3', 's3://v3', 0, { minReplicas: 1 })] }, STANDARD),
      isvc({ predictor: { containers: [server({ STORAGE_URI: 's3://v1' })] }, canary: [canary('v2', 's3://v2', 100)] }, STANDARD, 'custom'),
    )).toEqual([]);
  });
});

describe('kserve/canary-traffic-percent', () => {
  test('rejects a share outside 0–100, and a revision canary in Standard mode', () => {
    const f = ruleFindings('kserve/canary-traffic-percent',
      isvc({ predictor: model('pytorch', 's3://v2', { canaryTrafficPercent: 120 }) }, KNATIVE),
      isvc({ predictor: model('pytorch', 's3://v2', { canaryTrafficPercent: 10 }) }, STANDARD, 'standard'),
    );
    expect(where(f)).toEqual([
      ['.spec.predictor.canaryTrafficPercent', 'must be between 0 and 100, got 120'],
      ['.spec.predictor.canaryTrafficPercent', 'Standard (raw deployment) mode has no revisions to split traffic between: KServe\'s raw deployment ignores canaryTrafficPercent and serves the predictor as written'],
    ]);
    expect(f[1].fix).toContain('named canary');
  });

  test('accepts a Knative revision canary', () => {
    expect(ruleFindings('kserve/canary-traffic-percent', isvc({ predictor: model('pytorch', 's3://v2', { canaryTrafficPercent: 10 }) }, KNATIVE))).toEqual([]);
  });
});
