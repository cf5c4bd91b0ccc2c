import { JsonPatch } from 'cdk8s';
import { policyFindings } from '../../test/policy';
import { expectSchemaValid, schemaFindings } from '../../test/schema';
import { constructError, manifest, manifests, testStack, testTenant } from '../../test/util';
import { collectWarnings, Gpu, Stack } from '../core';
import { Tenant } from '../tenancy';
import { ClusterTrainingRuntime, PyTorchJob, TrainJob } from '../training';
import { Algorithm } from './algorithm';
import { EarlyStopping } from './early-stopping';
import { Experiment, ExperimentProps, KATIB_INJECTION_LABEL } from './experiment';
import { MetricsCollector } from './metrics-collector';
import { NasOperation } from './nas';
import { Metric, MetricStrategy } from './objective';
import { ResumePolicy } from './resume-policy';
import { SearchParameter, SearchSpace } from './search-space';
import { TrialMetadata } from './trial-parameter';
import { TrialTemplate } from './trial-template';

const IMAGE = 'ghcr.io/example/mnist:1.0.0';

/** The katib/* findings synth reports for the stack: `<rule> <construct> <path>: <message>`. */
function katibFindings(stack: Stack): string[] {
  return policyFindings(stack, 'katib/').map((f) => `${f.rule} ${f.construct} ${f.path}: ${f.message}`);
}

/** An experiment whose trial passes every parameter as `--<name>=<ref>`; `props` override the rest. */
function tune(props: Partial<ExperimentProps> = {}, stack: Stack = testStack()): Experiment {
  const parameters = props.parameters ?? [SearchSpace.double('lr', { min: 0.001, max: 0.1 })];
  return new Experiment(stack, 'Tune', {
    tenant: props.tenant ?? (props.namespace || !stack.namespace ? undefined : testTenant(stack)),
    objective: Metric.maximize('accuracy'),
    algorithm: Algorithm.random(),
    maxTrialCount: 12,
    trialTemplate: TrialTemplate.fromContainer({ image: IMAGE, command: ['python', 'train.py', ...parameters.map((p) => `--${p.name}=${p.ref}`)] }),
    ...props,
    parameters,
  });
}

describe('Experiment', () => {
  test('renders Katib\'s defaults explicitly and validates against Katib\'s schema', () => {
    const stack = testStack();
    const e = tune({}, stack);
    const m = manifest(stack, 'Experiment');
    expect(m.apiVersion).toBe('kubeflow.org/v1beta1');
    expect(m.metadata).toMatchObject({ name: 'tune', namespace: 'team' });
    expect(m.spec).toMatchObject({
      objective: { type: 'maximize', objectiveMetricName: 'accuracy', metricStrategies: [{ name: 'accuracy', value: 'max' }] },
      algorithm: { algorithmName: 'random' },
      parallelTrialCount: 3,
      maxTrialCount: 12,
      resumePolicy: 'Never',
      parameters: [{ name: 'lr', parameterType: 'double', feasibleSpace: { min: '0.001', max: '0.1', distribution: 'uniform' } }],
      metricsCollectorSpec: { collector: { kind: 'StdOut' } },
      trialTemplate: {
        primaryContainerName: 'training-container',
        successCondition: 'status.conditions.#(type=="Complete")#|#(status=="True")#',
        failureCondition: 'status.conditions.#(type=="Failed")#|#(status=="True")#',
        trialParameters: [{ name: 'lr', reference: 'lr' }],
      },
    });
    expect(m.spec.trialTemplate.trialSpec.spec.template.spec.containers[0].command).toEqual(['python', 'train.py', '--lr=${trialParameters.lr}']);
    expect(e.trialParameters.map((p) => p.name)).toEqual(['lr']);
    expectSchemaValid(stack);
  });

  test('unknown fields are schema errors (Katib\'s swagger definitions, strict)', () => {
    const stack = testStack();
    tune({}, stack).apiObject.addJsonPatch(JsonPatch.add('/spec/objective/goals', 1));
    expect(schemaFindings(stack).map((f) => f.path)).toEqual(['.spec.objective.goals']);
  });

  test('the tenant\'s namespace gets Katib\'s injection label, whichever is defined first', () => {
    const stack = testStack({});
    const tenant = new Tenant(stack, 'ml', { owner: 'a@b.co' });
    tune({ tenant }, stack);
    const ns = manifest(stack, 'Namespace');
    expect(ns.metadata.labels).toMatchObject({ [KATIB_INJECTION_LABEL.key]: 'enabled', 'app.kubernetes.io/part-of': 'kubeflow-profile' });
    expect(ns.metadata.annotations).toMatchObject({ owner: 'a@b.co' });
    expect(collectWarnings(stack)).toEqual([]);
    expectSchemaValid(stack);
  });

  test('without a tenant of this app, synth warns that the namespace needs the label, and says how', () => {
    const label = 'katib.kubeflow.org/metrics-collector-injection';
    const expected = {
      constructPath: 'test', field: `namespaces.ml.labels.${label}`,
      message: `namespace "ml" needs the label ${label}=enabled, and this app does not create the namespace, so it cannot set the label`,
      fix: `label it where it is managed: kubectl label namespace ml ${label}=enabled (a Tenant defined in this app labels the namespace it creates)`,
    };
    const byNamespace = testStack({});
    new Tenant(byNamespace, 'ml', { owner: 'a@b.co' });
    tune({ namespace: 'ml' }, byNamespace);
    expect(manifests(byNamespace).filter((o) => o.kind === 'Namespace')).toEqual([]);
    expect(collectWarnings(byNamespace)).toEqual([expected]);

    const external = testStack({});
    tune({ tenant: Tenant.fromName(external, 'Ml', 'ml') }, external);
    expect(manifests(external).filter((o) => o.kind === 'Namespace')).toEqual([]);
    expect(collectWarnings(external)).toEqual([expected]);
  });

  test('one missing namespace label is one warning, however many experiments and Tenant.fromName handles need it', () => {
    const stack = testStack({});
    const lr = SearchSpace.double('lr', { min: 0.001, max: 0.1 });
    const experiment = (id: string, props: Partial<ExperimentProps>) => new Experiment(stack, id, {
      objective: Metric.maximize('accuracy', { goal: 0.9 }), algorithm: Algorithm.random(), parameters: [lr], maxTrialCount: 3,
      trialTemplate: TrialTemplate.fromContainer({ image: IMAGE, args: [`--lr=${lr.ref}`] }), ...props,
    });
    experiment('A', { tenant: Tenant.fromName(stack, 'TenantA', 'ml') });
    experiment('B', { tenant: Tenant.fromName(stack, 'TenantB', 'ml') });
    experiment('C', { namespace: 'ml' });
    experiment('D', { namespace: 'ml' });
    experiment('E', { namespace: 'other' });
    expect(collectWarnings(stack).map((w) => `${w.constructPath} ${w.field}`)).toEqual([
      'test namespaces.ml.labels.katib.kubeflow.org/metrics-collector-injection',
      'test namespaces.other.labels.katib.kubeflow.org/metrics-collector-injection',
    ]);
  });

  test('a PyTorchJob trial: primary container and rank-0 pod labels from the job', () => {
    const stack = testStack();
    const lr = SearchSpace.double('lr', { min: 0.001, max: 0.1 });
    new Experiment(stack, 'Tune', {
      objective: Metric.minimize('loss', { goal: 0.05, additionalMetrics: ['accuracy'], metricStrategies: { accuracy: MetricStrategy.LATEST } }),
      algorithm: Algorithm.tpe({ randomState: 7 }),
      parameters: [lr],
      maxTrialCount: 10,
      trialTemplate: TrialTemplate.fromJob((scope) => new PyTorchJob(scope, 'Trial', {
        worker: { replicas: 2, image: IMAGE, command: ['torchrun', 'train.py', '--lr', lr.ref], resources: { gpu: Gpu.nvidia(1) } },
      }), { retain: true }),
    });
    const spec = manifest(stack, 'Experiment').spec;
    expect(spec.objective.metricStrategies).toEqual([{ name: 'loss', value: 'min' }, { name: 'accuracy', value: 'latest' }]);
    expect(spec.trialTemplate).toMatchObject({
      primaryContainerName: 'pytorch',
      primaryPodLabels: { 'training.kubeflow.org/replica-type': 'worker', 'training.kubeflow.org/replica-index': '0' },
      successCondition: 'status.conditions.#(type=="Succeeded")#|#(status=="True")#',
      retain: true,
    });
    expect(spec.trialTemplate.trialSpec.metadata).toBeUndefined();
    expectSchemaValid(stack);
  });

  test('trial metadata placeholders become trialParameters with ${trialSpec.…} references', () => {
    const stack = testStack();
    const lr = SearchSpace.double('lr', { min: 0.001, max: 0.1 });
    const e = new Experiment(stack, 'Tune', {
      objective: Metric.maximize('accuracy'),
      algorithm: Algorithm.random(),
      parameters: [lr],
      maxTrialCount: 4,
      trialTemplate: TrialTemplate.fromContainer({
        image: IMAGE,
        command: ['python', 'train.py', `--lr=${lr.ref}`],
        env: { RUN_NAME: TrialMetadata.NAME.ref, TEAM: TrialMetadata.label('team').ref },
      }),
    });
    expect(manifest(stack, 'Experiment').spec.trialTemplate.trialParameters).toEqual([
      { name: 'lr', reference: 'lr' },
      { name: 'trialName', reference: '${trialSpec.Name}', description: 'Name of the trial' },
      { name: 'trialLabels[team]', reference: '${trialSpec.Labels[team]}', description: 'Label team of the trial job' },
    ]);
    expect(e.trialParameters).toHaveLength(3);
    expectSchemaValid(stack);
    // Katib reads the label from the trial job's own metadata, which a container trial does not set.
    expect(katibFindings(stack)).toEqual([
      'katib/trial-parameter-assignments test/Tune .spec.trialTemplate.trialParameters[2].reference: references the trial job\'s label "team", which the trial job does not have',
    ]);
  });

  test('parallel trials default to Katib\'s 3, or maxTrialCount when smaller; PBT defaults to FromVolume', () => {
    const stack = testStack();
    tune({ maxTrialCount: 2 }, stack);
    expect(manifest(stack, 'Experiment').spec.parallelTrialCount).toBe(2);
    const pbt = testStack();
    tune({ algorithm: Algorithm.pbt({ suggestionTrialDir: '/ckpt', nPopulation: 5, truncationThreshold: 0.2 }), parameters: [SearchSpace.double('lr', { min: 0.01, max: 0.1, step: 0.01 })] }, pbt);
    expect(manifest(pbt, 'Experiment').spec.resumePolicy).toBe('FromVolume');
  });

  describe('typed props are checked at construction', () => {
    test.each<[string, () => unknown, string, string]>([
      ['name longer than 40', () => tune({ name: 'a'.repeat(41) }), 'name', 'at most 40 are allowed'],
      ['name not DNS-1035', () => tune({ name: '1abc' }), 'name', 'DNS-1035'],
      ['maxTrialCount ≤ 0', () => tune({ maxTrialCount: 0 }), 'maxTrialCount', 'whole number ≥ 1'],
      ['parallelTrialCount ≤ 0', () => tune({ parallelTrialCount: 0 }), 'parallelTrialCount', 'whole number ≥ 1'],
      ['maxFailedTrialCount < 0', () => tune({ maxFailedTrialCount: -1 }), 'maxFailedTrialCount', 'whole number ≥ 0'],
      ['empty objective metric', () => tune({ objective: Metric.maximize(' ') }), 'objective.name', 'empty'],
      ['goal against the strategy', () => tune({ objective: Metric.maximize('accuracy', { goal: 0.9, metricStrategies: { accuracy: MetricStrategy.MIN } }) }),
        'objective.metricStrategies.accuracy', 'judged, and compared with the goal, by its worst value'],
      ['early stopping without a file-based collector', () => tune({ earlyStopping: EarlyStopping.medianStop(), metricsCollector: MetricsCollector.push() }),
        'earlyStopping', 'needs the StdOut or File metrics collector'],
      ['tenant and namespace differ', () => {
        const stack = testStack();
        tune({ tenant: new Tenant(stack, 'a', { owner: 'a@b.co' }), namespace: 'b' }, stack);
      }, 'namespace', 'differs from the tenant'],
    ])('%s', (_name, make, field, problem) => {
      const e = constructError(make);
      expect(e.constructPath).toBe('test/Tune');
      expect(e.field).toBe(field);
      expect(e.problem).toContain(problem);
    });
  });

  describe('what Katib rejects across fields is reported by the katib/* rules at synth, on the construct', () => {
    const lr = () => SearchSpace.double('lr', { min: 0.001, max: 0.1 });
    const convolution = NasOperation.of('convolution', [SearchSpace.categorical('filter_size', ['3'])]);
    test.each<[string, Partial<ExperimentProps>, string[]]>([
      ['parallel > max', { parallelTrialCount: 5, maxTrialCount: 4 }, ['katib/trial-counts .spec.parallelTrialCount: is 5, more than maxTrialCount 4']],
      ['failed > max', { maxFailedTrialCount: 13, maxTrialCount: 12 }, ['katib/trial-counts .spec.maxFailedTrialCount: is 13, more than maxTrialCount 12']],
      ['objective metric also additional', { objective: Metric.maximize('accuracy', { additionalMetrics: ['loss', 'accuracy'] }) },
        ['katib/objective .spec.objective.additionalMetricNames[1]: "accuracy" is the objective metric']],
      ['no parameters and no nas', { parameters: [] }, ['katib/search-space .spec.parameters: is empty and there is no nasConfig: there is nothing to search']],
      ['parameters and nas', { nas: { numLayers: 1, operations: [convolution] } },
        ['katib/search-space .spec.nasConfig: is set together with parameters; Katib takes one or the other']],
      ['duplicate parameter', { parameters: [lr(), lr()] }, ['katib/parameter-names-unique .spec.parameters[1].name: parameter "lr" is listed twice']],
      ['parameter unused by the trial', {
        parameters: [lr(), SearchSpace.int('epochs', { min: 1, max: 5 })],
        trialTemplate: TrialTemplate.fromContainer({ image: IMAGE, command: ['python', 'train.py', `--lr=${lr().ref}`] }),
      }, ['katib/trial-parameter-assignments .spec.parameters[1]: parameter "epochs" is not used by the trial job: no trial parameter references it, so Katib fails to create the trials']],
      ['placeholder of an undeclared parameter', {
        trialTemplate: TrialTemplate.fromContainer({ image: IMAGE, command: ['python', 'train.py', `--lr=${lr().ref}`, '--bs=${trialParameters.batchSize}'] }),
      }, ['katib/trial-parameter-placeholders .spec.trialTemplate.trialSpec: the trial job uses ${trialParameters.batchSize}, but "batchSize" is not declared']],
      ['metric name the default filter cannot read', { objective: Metric.maximize('val/acc') },
        ['katib/metric-names-parsable .spec.objective.objectiveMetricName: metric "val/acc" cannot be read by Katib\'s default metrics filter, which matches names of letters, digits, "_", "|" and "-"']],
      ['PBT with a resume policy other than FromVolume', {
        algorithm: Algorithm.pbt({ suggestionTrialDir: '/ckpt', nPopulation: 5, truncationThreshold: 0.2 }),
        parameters: [SearchSpace.double('lr', { min: 0.01, max: 0.1, step: 0.01 })],
        resumePolicy: ResumePolicy.LONG_RUNNING,
      }, ['katib/suggestion-volume .spec.resumePolicy: is LongRunning, but trials share checkpoints on the suggestion\'s volume (suggestion_trial_dir), which Katib only creates with FromVolume']],
    ])('%s', (_name, props, expected) => {
      const stack = testStack();
      tune(props, stack);
      expect(katibFindings(stack)).toEqual(expected.map((f) => f.replace(' ', ' test/Tune ')));
    });

    test('a valid experiment has no findings', () => {
      const stack = testStack();
      tune({}, stack);
      expect(policyFindings(stack, 'katib/')).toEqual([]);
    });
  });

  test('warnings: no end, a kind Katib does not watch by default, arguments the shell would split', () => {
    const stack = testStack();
    const lr = SearchSpace.double('lr', { min: 0.001, max: 0.1 });
    new Experiment(stack, 'Tune', {
      tenant: testTenant(stack),
      objective: Metric.maximize('accuracy'),
      algorithm: Algorithm.random(),
      parameters: [lr],
      trialTemplate: TrialTemplate.fromContainer({ image: IMAGE, command: ['python', 'train.py', `--lr=${lr.ref}`, '--note', 'two words'] }),
    });
    expect(collectWarnings(stack).map((w) => w.field)).toEqual(['trialTemplate', 'maxTrialCount']);
    expect(collectWarnings(stack)[0].message).toContain('"two words" is split or interpreted by the shell: it has unquoted whitespace');
  });

  test('arguments quoted for the shell are not warned about: Katib\'s sh -c removes the quotes', () => {
    const stack = testStack();
    const lr = SearchSpace.double('lr', { min: 0.001, max: 0.1 });
    new Experiment(stack, 'Tune', {
      tenant: testTenant(stack), objective: Metric.maximize('accuracy', { goal: 0.9 }), algorithm: Algorithm.random(), parameters: [lr], maxTrialCount: 6,
      trialTemplate: TrialTemplate.fromContainer({ image: IMAGE, command: ['python', 'train.py', `--lr="${lr.ref}"`, '--note="two words"', '--tag=\'a b\''] }),
    });
    expect(collectWarnings(stack)).toEqual([]);
  });

  test('the name leaves room for the pods of the trial jobs Katib names after it', () => {
    const lr = SearchSpace.double('lr', { min: 0.001, max: 0.1 });
    // A TrainJob with a dataset initializer may be named at most 33 characters
    // (JobSet's "-dataset-initializer-0-0-abcde"); Katib adds "-xxxxxxxx" to the experiment's.
    const trialTemplate = TrialTemplate.fromJob((s) => new TrainJob(s, 'Trial', {
      runtime: ClusterTrainingRuntime.fromName(s, 'Torch', 'torch-distributed'), trainer: { args: [lr.ref] }, datasetInitializer: { storageUri: 'hf://org/data' },
    }));
    const experiment = (name: string | undefined, id = 'Tune') => new Experiment(testStack(), id, {
      name, objective: Metric.maximize('accuracy'), algorithm: Algorithm.random(), parameters: [lr], maxTrialCount: 4, trialTemplate,
    });
    expect(experiment('e'.repeat(24)).name).toHaveLength(24);
    const e = constructError(() => experiment('e'.repeat(25)));
    expect([e.field, e.problem, e.fix]).toEqual(['name',
      `"${'e'.repeat(25)}" is too long: Katib names each trial's TrainJob "${'e'.repeat(25)}-xxxxxxxx" (34 characters), and at most 33 are allowed`,
      `shorten the name to at most 24 characters, e.g. "${'e'.repeat(24)}"`]);
    expect(experiment(undefined, 'LlamaFinetuneLearningRateSearch').name).toBe('llama-finetune-learning');
    expect(tune({ name: 'e'.repeat(40) }).name).toHaveLength(40); // a batch Job trial: Katib's own limit
  });

  test('the search parameters are typed: a renamed parameter renames every reference', () => {
    const make = (p: SearchParameter) => tune({ parameters: [p] });
    expect(make(SearchSpace.double('learning_rate', { min: 0.1, max: 0.2 })).trialParameters[0].ref).toBe('${trialParameters.learning_rate}');
  });
});
