import { manifest, testStack } from '../../test/util';
import { Release } from '../core';
import { DeploymentMode } from './deployment-mode';
import { GraphNode, GraphStep, InferenceGraph } from './inference-graph';
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

  test.each([
    [Release.KUBEFLOW_PLATFORM_2026_04, DeploymentMode.KNATIVE, 'Knative'],
    [Release.NEWEST, DeploymentMode.STANDARD, 'Standard'],
    [Release.NEWEST.withComponents({ kserve: '0.15.1' }), DeploymentMode.KNATIVE, 'Serverless'],
    [Release.NEWEST.withComponents({ kserve: '0.15.1' }), DeploymentMode.STANDARD, 'RawDeployment'],
  ])('on %s, %s is written as the name that KServe knows (%s)', (release, mode, annotation) => {
    const stack = testStack({ namespace: 'team', release });
    new InferenceService(stack, 'm', { deploymentMode: mode, predictor: { model: { format: ModelFormat.sklearn(), storageUri: StorageUri.s3('models/m') } } });
    new InferenceGraph(stack, 'g', { deploymentMode: mode, root: GraphNode.sequence([GraphStep.url('http://m.team.svc.cluster.local/v1/models/m:predict')]) });
    expect(manifest(stack, 'InferenceService').metadata.annotations['serving.kserve.io/deploymentMode']).toBe(annotation);
    expect(manifest(stack, 'InferenceGraph').metadata.annotations['serving.kserve.io/deploymentMode']).toBe(annotation);
  });
});
