import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack, testTenant } from '../../test/util';
import { collectWarnings, Stack } from '../core';
import { Algorithm, DartsAlgorithm, EnasAlgorithm } from './algorithm';
import { Experiment } from './experiment';
import { MetricsCollector } from './metrics-collector';
import { NasConfigProps, NasOperation } from './nas';
import { Metric } from './objective';
import { SearchSpace } from './search-space';
import { TrialTemplate } from './trial-template';

const convolution = () => NasOperation.of('convolution', [
  SearchSpace.categorical('filter_size', ['3', '5', '7']),
  SearchSpace.categorical('num_filter', ['32', '64']),
]);
const reduction = () => NasOperation.of('reduction', [
  SearchSpace.categorical('reduction_type', ['max_pooling', 'avg_pooling']),
  SearchSpace.int('pool_size', { min: 2, max: 3, step: 1 }),
]);

function enas(nas: NasConfigProps, algorithm: EnasAlgorithm = Algorithm.enas(), args?: (a: EnasAlgorithm) => string[]) {
  const stack = testStack();
  new Experiment(stack, 'Nas', {
    tenant: testTenant(stack),
    objective: Metric.maximize('Validation-Accuracy', { goal: 0.99 }),
    algorithm,
    nas,
    maxTrialCount: 3,
    parallelTrialCount: 2,
    trialTemplate: TrialTemplate.fromContainer({
      image: 'ghcr.io/kubeflow/katib/enas-cnn-cifar10-cpu:v0.19.0',
      command: ['python3', '-u', 'RunTrial.py', '--num_epochs=1'],
      // As Katib's ENAS example: the values have spaces, and the shell of Katib's sh -c removes the quotes.
      args: args ? args(algorithm) : [`--architecture="${algorithm.architecture.ref}"`, `--nn_config="${algorithm.nnConfig.ref}"`],
    }),
  });
  return stack;
}

function darts(algorithm: DartsAlgorithm, nas: NasConfigProps) {
  const stack = testStack();
  new Experiment(stack, 'Nas', {
    tenant: testTenant(stack),
    objective: Metric.maximize('Best-Genotype'),
    metricsCollector: undefined,
    algorithm,
    nas,
    maxTrialCount: 1,
    trialTemplate: TrialTemplate.fromContainer({
      image: 'ghcr.io/kubeflow/katib/darts-cnn-cifar10-cpu:v0.19.0',
      command: ['python3', 'run_trial.py', `--algorithm-settings="${algorithm.algorithmSettings.ref}"`, `--search-space="${algorithm.searchSpace.ref}"`, `--num-layers=${algorithm.numLayers.ref}`],
    }),
  });
  return stack;
}

describe('NAS', () => {
  test('ENAS: graph config, operations and the values the suggestion assigns', () => {
    const stack = enas({ numLayers: 8, inputSizes: [32, 32, 3], outputSizes: [10], operations: [convolution(), reduction()] },
      Algorithm.enas({ controllerHiddenSize: 64, controllerTemperature: 5, controllerBaselineDecay: 0.999, controllerTrainSteps: 50 }));
    const spec = manifest(stack, 'Experiment').spec;
    expect(spec.parameters).toBeUndefined();
    expect(spec.algorithm).toEqual({ algorithmName: 'enas', algorithmSettings: [
      { name: 'controller_hidden_size', value: '64' }, { name: 'controller_temperature', value: '5' },
      { name: 'controller_baseline_decay', value: '0.999' }, { name: 'controller_train_steps', value: '50' },
    ] });
    expect(spec.nasConfig.graphConfig).toEqual({ numLayers: 8, inputSizes: [32, 32, 3], outputSizes: [10] });
    expect(spec.nasConfig.operations[1]).toEqual({ operationType: 'reduction', parameters: [
      { name: 'reduction_type', parameterType: 'categorical', feasibleSpace: { list: ['max_pooling', 'avg_pooling'] } },
      { name: 'pool_size', parameterType: 'int', feasibleSpace: { min: '2', max: '3', step: '1', distribution: 'uniform' } },
    ] });
    expect(spec.trialTemplate.trialParameters).toEqual([
      { name: 'architecture', reference: 'architecture', description: expect.any(String) },
      { name: 'nnConfig', reference: 'nn_config', description: expect.any(String) },
    ]);
    expectSchemaValid(stack);
  });

  test('DARTS: settings and its three values', () => {
    const algorithm = Algorithm.darts({ numEpochs: 1, numNodes: 1, initChannels: 1, stemMultiplier: 1, wLr: 0.025, batchSize: 64 });
    const stack = darts(algorithm, { numLayers: 1, operations: [NasOperation.of('max_pooling', [SearchSpace.categorical('filter_size', ['3'])])] });
    const spec = manifest(stack, 'Experiment').spec;
    expect(spec.algorithm.algorithmSettings).toEqual([
      { name: 'num_epochs', value: '1' }, { name: 'w_lr', value: '0.025' }, { name: 'batch_size', value: '64' },
      { name: 'init_channels', value: '1' }, { name: 'num_nodes', value: '1' }, { name: 'stem_multiplier', value: '1' },
    ]);
    expect(spec.trialTemplate.trialParameters.map((p: any) => [p.name, p.reference])).toEqual([
      ['algorithmSettings', 'algorithm-settings'], ['searchSpace', 'search-space'], ['numLayers', 'num-layers'],
    ]);
    expect(spec.nasConfig.graphConfig).toEqual({ numLayers: 1 });
    expectSchemaValid(stack);
  });

  test('NAS values in double quotes, as Katib\'s examples have them, give no shell warning; bare ones do, with the fix', () => {
    const ops = { numLayers: 1, inputSizes: [1], outputSizes: [1], operations: [convolution()] };
    expect(collectWarnings(enas(ops))).toEqual([]);
    expect(collectWarnings(darts(Algorithm.darts(), { numLayers: 1, operations: [NasOperation.of('max_pooling', [SearchSpace.categorical('filter_size', ['3'])])] }))).toEqual([]);
    const bare = collectWarnings(enas(ops, Algorithm.enas(), (a) => [`--architecture=${a.architecture.ref}`, `--nn_config=${a.nnConfig.ref}`]));
    expect(bare).toHaveLength(1);
    expect(bare[0]).toMatchObject({ constructPath: 'test/Nas', field: 'trialTemplate' });
    expect(bare[0].message).toContain('${trialParameters.architecture} is not in double quotes, and its value has spaces');
    expect(bare[0].fix).toContain('NAS values in double quotes');
  });

  test('without sh -c (the push collector), arguments are not checked for the shell', () => {
    const stack = testStack();
    const algorithm = Algorithm.enas();
    new Experiment(stack, 'Nas', {
      tenant: testTenant(stack), objective: Metric.maximize('acc', { goal: 0.9 }), algorithm, maxTrialCount: 2, parallelTrialCount: 1,
      nas: { numLayers: 1, inputSizes: [1], outputSizes: [1], operations: [convolution()] },
      metricsCollector: MetricsCollector.push(),
      trialTemplate: TrialTemplate.fromContainer({ image: 'ghcr.io/example/nas:1.0.0', args: [`--architecture=${algorithm.architecture.ref}`, `--nn_config=${algorithm.nnConfig.ref}`] }),
    });
    expect(collectWarnings(stack)).toEqual([]);
  });

  test.each<[string, () => unknown, string, string]>([
    ['zero layers', () => enas({ numLayers: 0, inputSizes: [1], outputSizes: [1], operations: [convolution()] }), 'nas.numLayers', 'whole number ≥ 1'],
    ['no operations', () => enas({ numLayers: 1, inputSizes: [1], outputSizes: [1], operations: [] }), 'nas.operations', 'is empty'],
    ['operation twice', () => enas({ numLayers: 1, inputSizes: [1], outputSizes: [1], operations: [convolution(), convolution()] }), 'nas.operations.convolution', 'listed twice'],
    ['operation without parameters', () => enas({ numLayers: 1, inputSizes: [1], outputSizes: [1], operations: [NasOperation.of('skip', [])] }), 'nas.operations.skip', 'has no parameters'],
    ['ENAS controller setting out of range', () => enas({ numLayers: 1, inputSizes: [1], outputSizes: [1], operations: [convolution()] }, Algorithm.enas({ controllerSkipTarget: 1.5 })),
      'algorithm.controllerSkipTarget', 'controller_skip_target must be a number > 0 and ≤ 1'],
    ['DARTS batch size 0', () => darts(Algorithm.darts({ batchSize: 0 }), { numLayers: 1, operations: [NasOperation.of('skip_connection', [SearchSpace.categorical('x', ['1'])])] }),
      'algorithm.batchSize', 'batch_size must be a whole number ≥ 1'],
  ])('rejects %s', (_name, make, field, problem) => {
    const e = constructError(make);
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('what the ENAS and DARTS services check across fields is the katib/* rules\' at synth', () => {
    const findings = (stack: Stack) => policyFindings(stack, 'katib/').map((f) => `${f.severity} ${f.rule} ${f.construct} ${f.path}: ${f.message}`);
    expect(findings(enas({ numLayers: 1, outputSizes: [10], operations: [convolution()] }))).toEqual([
      'error katib/enas-settings test/Nas .spec.nasConfig.graphConfig.inputSizes: is required by ENAS',
    ]);
    expect(findings(enas({ numLayers: 1, inputSizes: [1], outputSizes: [1], operations: [NasOperation.of('dropout', [SearchSpace.double('rate', { min: 0.1, max: 0.5 })])] }))).toEqual([
      'error katib/nas-config test/Nas .spec.nasConfig.operations[0].parameters[0].feasibleSpace.step: is required for a double parameter of a NAS operation',
    ]);
    expect(findings(enas({ numLayers: 1, inputSizes: [1], outputSizes: [1], operations: [convolution()] }, Algorithm.enas(), (a) => [a.architecture.ref]))).toEqual([
      'error katib/trial-parameter-assignments test/Nas .spec.trialTemplate.trialParameters: enas assigns "nn_config" to each trial, and no trial parameter references it, so Katib fails to create the trials',
    ]);
    expect(findings(darts(Algorithm.darts(), { numLayers: 1, operations: [NasOperation.of('max_pooling', [SearchSpace.int('filter_size', { min: 3, max: 5 })])] }))).toEqual([
      'warning katib/darts-settings test/Nas .spec.nasConfig.operations[0].parameters[0]: is int, but DARTS reads the first parameter of each operation as its list of filter sizes, so max_pooling is left out of the search',
    ]);
  });

  test('NAS needs `nas`', () => {
    const stack = testStack();
    const algorithm = Algorithm.enas();
    new Experiment(stack, 'Nas', {
      objective: Metric.maximize('acc'),
      algorithm,
      parameters: [],
      trialTemplate: TrialTemplate.fromContainer({ image: 'ghcr.io/example/nas:1.0.0', args: [algorithm.architecture.ref, algorithm.nnConfig.ref] }),
    });
    expect(policyFindings(stack, 'katib/').map((f) => `${f.rule} ${f.path}`)).toEqual([
      'katib/search-space .spec.parameters', 'katib/algorithm-search-space .spec.nasConfig', 'katib/enas-settings .spec.nasConfig.graphConfig.inputSizes',
      'katib/enas-settings .spec.nasConfig.graphConfig.outputSizes', 'katib/enas-settings .spec.nasConfig.graphConfig.numLayers',
    ]);
  });
});
