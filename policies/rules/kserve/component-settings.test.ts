import { ruleFindings } from '../../../test/policy';
import { isvc, KNATIVE, KNATIVE_HPA, model, STANDARD, where } from './test-objects';

describe('kserve/container-concurrency', () => {
  test('rejects a negative value, on canaries too', () => {
    const f = ruleFindings('kserve/container-concurrency', isvc({
      predictor: model('sklearn', 's3://m', { containerConcurrency: -1 }),
      canary: [{ predictor: model('sklearn', 's3://m2', { name: 'v2', containerConcurrency: -2 }), trafficPercent: 10 }],
    }, STANDARD));
    expect(where(f)).toEqual([['.spec.predictor.containerConcurrency', 'must be ≥ 0, got -1'], ['.spec.canary[0].predictor.containerConcurrency', 'must be ≥ 0, got -2']]);
  });

  test('accepts 0 (no limit) and positive values', () => {
    expect(ruleFindings('kserve/container-concurrency', isvc({ predictor: model('sklearn', 's3://m', { containerConcurrency: 0 }), transformer: { containers: [], containerConcurrency: 4 } }))).toEqual([]);
  });
});

describe('kserve/logger', () => {
  test('rejects an unknown mode, a missing mode and an incomplete storage', () => {
    const f = ruleFindings('kserve/logger', isvc({
      predictor: model('sklearn', 's3://m', { logger: { mode: 'everything' } }),
      transformer: { containers: [], logger: { url: 'http://logs', storage: { path: 'logs', parameters: { type: 's3' } } } },
    }));
    expect(where(f)).toEqual([
      ['.spec.predictor.logger.mode', '"everything" is not a logger mode: invalid logger type'],
      ['.spec.transformer.logger.mode', 'is not set: invalid logger type'],
      ['.spec.transformer.logger.storage.key', 'is missing: invalid logger storage configuration'],
    ]);
  });

  test('accepts a complete logger', () => {
    expect(ruleFindings('kserve/logger', isvc({ predictor: model('sklearn', 's3://m', { logger: { mode: 'all', storage: { path: 'p', parameters: { type: 's3' }, key: 'k' } } }) }))).toEqual([]);
  });
});

describe('kserve/deployment-strategy', () => {
  const strategy = { deploymentStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } };

  test('rejects a deployment strategy under the Knative pod autoscaler, also when the mode is the default', () => {
    const f = ruleFindings('kserve/deployment-strategy', isvc({ predictor: model('sklearn', 's3://m', strategy) }, KNATIVE), isvc({ predictor: model('sklearn', 's3://m', strategy) }, {}, 'default'));
    expect(where(f)).toEqual([
      ['.spec.predictor.deploymentStrategy', 'customizing deploymentStrategy is only supported for raw deployment mode; this is Knative (serverless) mode, where Knative rolls out new revisions itself'],
      ['.spec.predictor.deploymentStrategy', 'customizing deploymentStrategy is only supported for raw deployment mode; this is Knative (serverless) mode (no serving.kserve.io/deploymentMode annotation: KServe\'s default), where Knative rolls out new revisions itself'],
    ]);
  });

  test('accepts it in Standard mode (and KServe\'s webhook lets it through under Knative\'s HPA class)', () => {
    expect(ruleFindings('kserve/deployment-strategy', isvc({ predictor: model('sklearn', 's3://m', strategy) }, STANDARD), isvc({ predictor: model('sklearn', 's3://m', strategy) }, KNATIVE_HPA, 'hpa'))).toEqual([]);
  });
});

describe('kserve/rolling-update', () => {
  test('rejects maxSurge and maxUnavailable both 0', () => {
    const f = ruleFindings('kserve/rolling-update', isvc({ predictor: model('sklearn', 's3://m', { deploymentStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } }) }, STANDARD));
    expect(where(f)).toEqual([['.spec.predictor.deploymentStrategy.rollingUpdate', 'maxSurge and maxUnavailable are both 0, so a rollout could never make progress']]);
  });

  test('accepts a rollout without a spare GPU (maxSurge 0, maxUnavailable 1)', () => {
    expect(ruleFindings('kserve/rolling-update', isvc({ predictor: model('sklearn', 's3://m', { deploymentStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } }) }, STANDARD))).toEqual([]);
  });
});
