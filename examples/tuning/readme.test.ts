import { App } from 'cdk8s';
import { Algorithm, collectWarnings, EarlyStopping, Experiment, ExperimentProps, Gpu, Metric, MetricsCollector, NprocPerNode, PyTorchJob, SearchSpace, Stack, Tenant, TrialTemplate } from 'cdk8s-kubeflow';
import { formatFinding } from '../../manifest';
import { policyFindings } from '../../test/policy';
import { codeBlocks, linesNotIn, readmeSection } from '../../test/readme-section';
import { expectSchemaValid } from '../../test/schema';
import { manifest } from '../../test/util';

// The snippet and error messages of the README's tuning section, kept true.
const SECTION = readmeSection('Hyperparameter tuning and architecture search');

function devStack() {
  const stack = new Stack(new App(), 'dev');
  const research = new Tenant(stack, 'Research', { name: 'ml-research', owner: 'alice@example.com' });
  return { stack, research };
}

describe('"Hyperparameter tuning" README section', () => {
  test('an experiment tuning a distributed PyTorch job, in under 25 lines', () => {
    const { stack, research } = devStack();
    const lr = SearchSpace.double('lr', { min: 1e-4, max: 1e-1 });
    const momentum = SearchSpace.double('momentum', { min: 0.8, max: 0.99 });
    new Experiment(stack, 'ResnetTuning', {                 // Experiment "resnet-tuning"
      tenant: research,                                     // + Katib's label on the tenant's namespace
      objective: Metric.maximize('accuracy', { goal: 0.95 }),
      algorithm: Algorithm.bayesianOptimization({ nInitialPoints: 5 }),
      earlyStopping: EarlyStopping.medianStop(),
      parameters: [lr, momentum],
      parallelTrialCount: 2,
      maxTrialCount: 20,
      trialTemplate: TrialTemplate.fromJob((scope) => new PyTorchJob(scope, 'Trial', {
        worker: {
          replicas: 2,
          image: 'nvcr.io/nvidia/pytorch:24.05-py3',
          command: ['torchrun', '/workspace/train.py', '--lr', lr.ref, '--momentum', momentum.ref],
          resources: { gpu: Gpu.nvidia(8) },
        },
        nprocPerNode: NprocPerNode.count(8),
      })),
    });
    const experiment = manifest(stack, 'Experiment');
    expect(experiment.metadata.name).toBe('resnet-tuning');
    expect(experiment.spec.trialTemplate.trialParameters.map((p: any) => p.name)).toEqual(['lr', 'momentum']);
    expect(manifest(stack, 'Namespace').metadata.labels['katib.kubeflow.org/metrics-collector-injection']).toBe('enabled');
    expect(collectWarnings(stack)).toEqual([]);
    expectSchemaValid(stack);
    expect(codeBlocks(SECTION, 'ts')[0].split('\n').filter((l) => l.trim()).length).toBeLessThan(25);
  });

  test('a stack whose katib-config has a Prometheus collector says so in its policies', () => {
    const app = new App();
    const collectors = ['StdOut', 'File', 'TensorFlowEvent', 'PrometheusMetric'];
    new Stack(app, 'prod', { policies: { rules: { 'katib/metrics-collector-configured': { params: { collectors } } } } });
    const dev = new Stack(app, 'dev');
    for (const stack of app.node.children as Stack[]) {
      const research = new Tenant(stack, 'Research', { name: 'ml-research', owner: 'alice@example.com' });
      const lr = SearchSpace.double('lr', { min: 0.0001, max: 0.1 });
      new Experiment(stack, 'Tune', {
        tenant: research, objective: Metric.maximize('accuracy'), algorithm: Algorithm.random(), parameters: [lr], maxTrialCount: 4,
        metricsCollector: MetricsCollector.prometheus(),
        trialTemplate: TrialTemplate.fromContainer({ image: 'ghcr.io/acme/train:1.0', args: ['--lr', lr.ref] }),
      });
    }
    // Only the stack that does not list it: each stack has its own configuration.
    expect(policyFindings(dev, 'katib/').map((f) => `${f.rule} ${f.construct}`)).toEqual(['katib/metrics-collector-configured dev/Tune']);
  });

  test('every line of the section\'s snippets is one of the lines run above', () => {
    expect(codeBlocks(SECTION, 'ts')).toHaveLength(2);
    expect(linesNotIn(codeBlocks(SECTION, 'ts'), __filename)).toEqual([]);
  });

  test('the mistakes it shows are the findings synth reports', () => {
    const lr = SearchSpace.double('lr', { min: 0.0001, max: 0.1 });
    const momentum = SearchSpace.double('momentum', { min: 0.8, max: 0.99 });
    const epochs = SearchSpace.int('epochs', { min: 1, max: 9 });
    const trial = (args: string[]) => TrialTemplate.fromContainer({ image: 'ghcr.io/example/train:1.0.0', args });
    const mistakes: Array<[string, Omit<ExperimentProps, 'objective'>]> = [
      ['Hb', { algorithm: Algorithm.hyperband({ resource: epochs, rL: 9 }), parameters: [lr], parallelTrialCount: 9, trialTemplate: trial(['--lr', lr.ref]) }],
      ['LrGrid', { algorithm: Algorithm.grid(), parameters: [lr], maxTrialCount: 8, trialTemplate: trial(['--lr', lr.ref]) }],
      ['LrSearch', { algorithm: Algorithm.random(), parameters: [lr, momentum], maxTrialCount: 8, trialTemplate: trial(['--lr', lr.ref]) }],
    ];
    const { stack, research } = devStack();
    for (const [id, props] of mistakes) new Experiment(stack, id, { tenant: research, objective: Metric.maximize('accuracy'), ...props });
    expect(policyFindings(stack, 'katib/').map(formatFinding).join('\n\n')).toBe(codeBlocks(SECTION, '')[0].trimEnd());
  });
});
