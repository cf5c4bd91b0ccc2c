import { ruleFindings } from '../../../test/policy';
import { job, replica } from '../../../test/training-manifests';

describe('training-operator/container-image', () => {
  test('rejects a container without an image', () => {
    expect(ruleFindings('training-operator/container-image', job('XGBoostJob', { Master: replica(1, 'xgboost', { name: 'helper' }) }))).toEqual([expect.objectContaining({
      path: '.spec.xgbReplicaSpecs.Master.template.spec.containers[1].image', message: 'container "helper" of Master has no image',
    })]);
  });

  test('accepts containers with images', () => {
    expect(ruleFindings('training-operator/container-image', job('XGBoostJob', { Master: replica(1, 'xgboost', 'helper') }))).toEqual([]);
  });
});
