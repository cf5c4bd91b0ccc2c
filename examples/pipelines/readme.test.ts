import { Artifact, ContainerComponent, KfpPipeline, Param, PipelineComponent } from 'cdk8s-kubeflow';
import { stringify } from 'yaml';
import { codeBlocks, linesNotIn, readmeSection } from '../../test/readme-section';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack, testTenant } from '../../test/util';

// The README's Pipelines section: its snippet, run as printed, and the figures it quotes.
describe('pipelines README', () => {
  const section = readmeSection('Pipelines');

  test('the pipeline in under 40 lines compiles to what the section summarizes', () => {
    const stack = testStack();
    const research = testTenant(stack);
    const train = ContainerComponent.define({
      name: 'train',
      inputs: { data: Artifact.dataset(), epochs: Param.int({ default: 20 }) },
      outputs: { model: Artifact.model() },
      image: 'ghcr.io/example/churn:1.4.0',
      command: ['python', '-m', 'churn.train'],
      args: ({ inputs, outputs }) => ['--data', inputs.data.path, '--epochs', inputs.epochs, '--model', outputs.model.path],
    });
    const evaluate = ContainerComponent.define({
      name: 'evaluate',
      inputs: { model: Artifact.model() },
      outputs: { metrics: Artifact.metrics(), auc: Param.float() },
      image: 'ghcr.io/example/churn:1.4.0',
      args: ({ inputs, outputs }) => ['--model', inputs.model.path, '--metrics', outputs.metrics.path, '--auc', outputs.auc],
    });
    const publish = ContainerComponent.define({ name: 'publish', inputs: { model: Artifact.model() }, image: 'ghcr.io/example/churn:1.4.0', args: ({ inputs }) => [inputs.model.uri] });

    const churn = PipelineComponent.define({
      name: 'churn',
      inputs: { source: Param.string({ default: 's3://datasets/churn/latest' }), min_auc: Param.float({ default: 0.85 }) },
    }, (p, inputs) => {
      const data = p.importer(Artifact.dataset(), inputs.source);             // track the data's lineage
      const model = p.task(train, { data: data.outputs.artifact }, {
        resources: { memoryRequest: '16Gi', accelerator: { type: 'nvidia.com/gpu', count: 2 } },
        kubernetes: { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }] },
      });
      const evaluation = p.task(evaluate, { model: model.outputs.model });
      p.if(evaluation.outputs.auc.ge(inputs.min_auc), () => {
        p.task(publish, { model: model.outputs.model }, { caching: false });
      });
    });
    const pipeline = new KfpPipeline(stack, 'Churn', { tenant: research, pipeline: churn });   // Pipeline + PipelineVersion

    const snippet = codeBlocks(section, 'ts')[0];
    expect(snippet.split('\n').length - 1).toBeLessThan(40);
    expect(linesNotIn(codeBlocks(section, 'ts'), __filename)).toEqual([]);

    const { pipelineSpec, platformSpec } = pipeline.compiled;
    const irLines = stringify(pipelineSpec).split('\n').length - 1;
    const platformLines = stringify(platformSpec).split('\n').length - 1;
    expect(section).toContain(`compiles to ${irLines} lines of IR`);
    expect(section).toContain(`the kfp-kubernetes platform spec (${platformLines} lines)`);
    expect(Object.keys(pipelineSpec.components)).toEqual(['comp-condition-1', 'comp-evaluate', 'comp-importer', 'comp-publish', 'comp-train']);
    expect(Object.keys(pipelineSpec.deploymentSpec.executors)).toHaveLength(4);
    // Runnable on a schedule: no artifact inputs, every input has a default.
    pipeline.addSchedule('Nightly', { cron: '0 2 * * *', experiment: 'churn', image: 'kfp-sdk' });
    const condition = pipelineSpec.root.dag.tasks['condition-1'];
    expect(condition.dependentTasks).toEqual(['evaluate', 'train']);
    expect(section).toContain(`\`${condition.triggerPolicy.condition}\``);
    expect(manifest(stack, 'PipelineVersion').metadata.name).toBe(pipeline.versionName);
    expectSchemaValid(stack);
  });

  test('the error the section prints is the one a wrong artifact type gives', () => {
    const train = ContainerComponent.define({ name: 'train', outputs: { data: Artifact.dataset() }, image: 'i' });
    const evaluate = ContainerComponent.define({ name: 'evaluate', inputs: { model: Artifact.model() }, image: 'i' });
    const message = constructError(() => PipelineComponent.define({ name: 'churn' }, (p) => {
      p.task(evaluate, { model: p.task(train, {}).outputs.data as any });
    })).message;
    expect(codeBlocks(section, '')[0].trimEnd()).toBe(message);
  });
});
