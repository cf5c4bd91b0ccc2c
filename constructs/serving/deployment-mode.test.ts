import { manifest, testStack } from '../../test/util';
import { DeploymentMode } from './deployment-mode';
import { InferenceService } from './inference-service';
import { ModelFormat } from './model-format';
import { StorageUri } from './storage-uri';

describe('DeploymentMode', () => {
  test('the pre-v0.16 names are aliases of the current ones', () => {
    expect(DeploymentMode.SERVERLESS).toBe(DeploymentMode.KNATIVE);
    expect(DeploymentMode.RAW_DEPLOYMENT).toBe(DeploymentMode.STANDARD);
  });

  test.each([
    [undefined, 'Knative'],
    [DeploymentMode.SERVERLESS, 'Knative'],
    [DeploymentMode.KNATIVE, 'Knative'],
    [DeploymentMode.RAW_DEPLOYMENT, 'Standard'],
    [DeploymentMode.STANDARD, 'Standard'],
  ])('%s is rendered as KServe\'s deploymentMode annotation %s', (mode, annotation) => {
    const stack = testStack();
    new InferenceService(stack, 'm', { deploymentMode: mode, predictor: { model: { format: ModelFormat.sklearn(), storageUri: StorageUri.s3('models/m') } } });
    expect(manifest(stack, 'InferenceService').metadata.annotations['serving.kserve.io/deploymentMode']).toBe(annotation);
  });
});
