import { App } from 'cdk8s';
import { DeploymentMode, Gpu, GraphNode, GraphStep, GraphStepData, InferenceGraph, InferenceService, ModelFormat, Release, RolloutPlan, ScaleMetric, Size, Stack, StorageUri, Tenant } from 'cdk8s-kubeflow';
import { formatFinding } from '../../manifest';
import { policyFindings } from '../../test/policy';
import { codeBlocks, linesNotIn, readmeSection } from '../../test/readme-section';
import { expectSchemaValid } from '../../test/schema';
import { manifest, testStack } from '../../test/util';

// The snippets of the README's serving section, kept compiling and valid.
describe('serving README snippets', () => {
  test('a canary rollout of a PyTorch model with autoscaling', () => {
    const stack = testStack();
    const research = new Tenant(stack, 'Research', { name: 'ml-research', owner: 'alice@example.com' });
    new InferenceService(stack, 'Resnet', {                    // InferenceService "resnet"
      tenant: research,
      deploymentMode: DeploymentMode.KNATIVE,                  // serverless: revisions, scale to zero
      predictor: {
        model: {
          format: ModelFormat.pytorch(),                       // KServe picks its TorchServe runtime
          storageUri: StorageUri.s3('models/resnet/v2'),       // the new version is the candidate
          resources: { memory: { request: Size.gibibytes(8) }, gpu: Gpu.nvidia(1) },
        },
        autoscaling: { minReplicas: 1, maxReplicas: 8, metric: ScaleMetric.concurrency(8) },
      },
      canary: { trafficPercent: 10 },                          // 10 % to v2, 90 % to the previous revision
    });
    expect(manifest(stack, 'InferenceService').spec.predictor.canaryTrafficPercent).toBe(10);
    expectSchemaValid(stack);
  });

  test('a staged rollout in Standard mode', () => {
    const stack = testStack({ namespace: 'team', release: Release.NEWEST });
    const plan = RolloutPlan.of(10, 50, 100);
    new InferenceService(stack, 'Resnet', {
      deploymentMode: DeploymentMode.STANDARD,
      predictor: { name: 'v1', model: { format: ModelFormat.pytorch(), storageUri: StorageUri.s3('models/resnet/v1') } },
      rollout: { plan, stage: 1, candidate: { name: 'v2', model: { format: ModelFormat.pytorch(), storageUri: StorageUri.s3('models/resnet/v2') } } },
    });
    expect(manifest(stack, 'InferenceService').spec.canary[0].trafficPercent).toBe(50);
    expectSchemaValid(stack);
  });

  test('an inference graph', () => {
    const stack = testStack();
    const [catDog, dogBreed, catBreed] = ['cat-dog', 'dog-breed', 'cat-breed'].map((name) =>
      new InferenceService(stack, name, { predictor: { model: { format: ModelFormat.pytorch(), storageUri: StorageUri.s3(`models/${name}`) } } }));
    const breeds = GraphNode.switch([
      GraphStep.service(dogBreed, { condition: '[@this].#(predictions.0=="dog")' }),
      GraphStep.service(catBreed, { condition: '[@this].#(predictions.0=="cat")' }),
    ], { name: 'breed-classifier' });
    new InferenceGraph(stack, 'Pets', {
      root: GraphNode.sequence([GraphStep.service(catDog), GraphStep.node(breeds, { data: GraphStepData.REQUEST })]),
    });
    expect(Object.keys(manifest(stack, 'InferenceGraph').spec.nodes).sort()).toEqual(['breed-classifier', 'root']);
    expectSchemaValid(stack);
  });

  test('the mistake it shows is what synth reports: the same service in Standard mode', () => {
    const stack = new Stack(new App(), 'dev');
    const research = new Tenant(stack, 'Research', { name: 'ml-research', owner: 'alice@example.com' });
    new InferenceService(stack, 'Resnet', {
      tenant: research,
      deploymentMode: DeploymentMode.STANDARD,
      predictor: {
        model: { format: ModelFormat.pytorch(), storageUri: StorageUri.s3('models/resnet/v2'), resources: { memory: { request: Size.gibibytes(8) }, gpu: Gpu.nvidia(1) } },
        autoscaling: { minReplicas: 1, maxReplicas: 8, metric: ScaleMetric.concurrency(8) },
      },
    });
    expect(policyFindings(stack).map(formatFinding).join('\n\n')).toBe(codeBlocks(readmeSection('Model serving'), '')[0].trimEnd());
  });

  test('every line of the section\'s snippets is one of the lines run above', () => {
    const snippets = codeBlocks(readmeSection('Model serving'), 'ts');
    expect(snippets).toHaveLength(3);
    expect(linesNotIn(snippets, __filename)).toEqual([]);
  });
});
