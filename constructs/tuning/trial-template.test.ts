import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { SchemaValidator } from '../../policies/schema-validator';
import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack, testTenant } from '../../test/util';
import { collectWarnings, Gpu, Stack, warn } from '../core';
import { PodDefault, Tenant } from '../tenancy';
import {
  JAXJob, MPIJob, PaddleJob, PyTorchJob, Scheduler, TFJob, TrainJob, ClusterTrainingRuntime, XGBoostJob,
} from '../training';
import { Algorithm } from './algorithm';
import { Experiment } from './experiment';
import { Metric } from './objective';
import { SearchParameter, SearchSpace } from './search-space';
import { TrialKind } from './trial-kind';
import { TrialMetadata } from './trial-parameter';
import { TrialTemplate } from './trial-template';

const IMAGE = 'ghcr.io/example/train:1.0.0';
const lr = SearchSpace.double('lr', { min: 0.001, max: 0.1 });
const args = [`--lr=${lr.ref}`];
const node = { image: IMAGE, args };

function withTrial(trialTemplate: TrialTemplate, parameters: SearchParameter[] = [lr]) {
  const stack = testStack();
  const experiment = new Experiment(stack, 'Tune', {
    tenant: testTenant(stack),
    objective: Metric.maximize('accuracy'),
    algorithm: Algorithm.random(),
    parameters,
    maxTrialCount: 6,
    trialTemplate,
  });
  return { stack, experiment, template: manifest(stack, 'Experiment').spec.trialTemplate };
}

/** The trial spec, named as Katib would name a trial's job, validated against its own kind's schema. */
function expectTrialSpecValid(trialSpec: any): void {
  const object = { ...trialSpec, metadata: { ...trialSpec.metadata, name: 'tune-x7k2p9qz', namespace: 'team' } };
  expect(SchemaValidator.for().validate({ object })).toEqual([]);
}

const succeeded = 'status.conditions.#(type=="Succeeded")#|#(status=="True")#';
const complete = 'status.conditions.#(type=="Complete")#|#(status=="True")#';

describe('TrialTemplate', () => {
  test.each<[string, (scope: Construct) => any, string, string, Record<string, string> | undefined, string]>([
    ['PyTorchJob', (s) => new PyTorchJob(s, 'Trial', { master: node, worker: { ...node, replicas: 2 } }), 'PyTorchJob', 'pytorch',
      { 'training.kubeflow.org/replica-type': 'master' }, succeeded],
    ['TFJob', (s) => new TFJob(s, 'Trial', { chief: node, worker: node }), 'TFJob', 'tensorflow',
      { 'training.kubeflow.org/replica-type': 'chief' }, succeeded],
    ['XGBoostJob', (s) => new XGBoostJob(s, 'Trial', { master: node, worker: node }), 'XGBoostJob', 'xgboost',
      { 'training.kubeflow.org/replica-type': 'master' }, succeeded],
    ['MPIJob', (s) => new MPIJob(s, 'Trial', { launcher: node, worker: { ...node, replicas: 2 } }), 'MPIJob', 'mpi',
      { 'training.kubeflow.org/replica-type': 'launcher' }, succeeded],
    ['PaddleJob', (s) => new PaddleJob(s, 'Trial', { worker: node }), 'PaddleJob', 'paddle',
      { 'training.kubeflow.org/replica-type': 'worker', 'training.kubeflow.org/replica-index': '0' }, succeeded],
    ['JAXJob', (s) => new JAXJob(s, 'Trial', { worker: node }), 'JAXJob', 'jax',
      { 'training.kubeflow.org/replica-type': 'worker', 'training.kubeflow.org/replica-index': '0' }, succeeded],
    ['TrainJob', (s) => new TrainJob(s, 'Trial', { runtime: ClusterTrainingRuntime.fromName(s, 'Torch', 'torch-distributed'), trainer: { image: IMAGE, args, numNodes: 2 } }), 'TrainJob', 'node',
      { 'jobset.sigs.k8s.io/replicatedjob-name': 'node', 'batch.kubernetes.io/job-completion-index': '0' }, complete],
    ['batch Job as an ApiObject', (s) => new ApiObject(s, 'Trial', {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: IMAGE, args }] } } },
    }), 'Job', 'main', undefined, complete],
  ])('from a %s: kind, conditions, primary container and pod, validated against both schemas', (_name, factory, kind, container, podLabels, success) => {
    const { stack, template } = withTrial(TrialTemplate.fromJob(factory, kind === 'Job' ? { primaryContainerName: 'main' } : {}));
    expect(template.trialSpec.kind).toBe(kind);
    expect(template.trialSpec.metadata).toBeUndefined();
    expect(template.primaryContainerName).toBe(container);
    expect(template.primaryPodLabels).toEqual(podLabels);
    expect(template.successCondition).toBe(success);
    expect(JSON.stringify(template.trialSpec)).toContain('--lr=${trialParameters.lr}');
    expectSchemaValid(stack);
    expectTrialSpecValid(template.trialSpec);
  });

  test('kinds Katib does not watch by default are a warning naming the trialResources entry', () => {
    const { stack } = withTrial(TrialTemplate.fromJob((s) => new JAXJob(s, 'Trial', { worker: node })));
    expect(collectWarnings(stack).map((w) => w.fix)).toEqual([expect.stringContaining('"JAXJob.v1.kubeflow.org"')]);
  });

  test('from a container: a batch Job with Kubernetes\' retries (as Katib\'s own templates) that opts out of Istio', () => {
    const { stack, template } = withTrial(TrialTemplate.fromContainer({ image: IMAGE, command: ['python', 'train.py'], args, resources: { gpu: Gpu.nvidia(1) }, retain: true }));
    expect(template.primaryContainerName).toBe('training-container');
    expect(template.retain).toBe(true);
    expect(template.trialSpec).toMatchObject({
      apiVersion: 'batch/v1',
      kind: 'Job',
      spec: { template: { metadata: { annotations: { 'sidecar.istio.io/inject': 'false' } }, spec: { restartPolicy: 'Never' } } },
    });
    // Not rendered: Kubernetes' default (6) applies, as in Katib's examples and SDK.
    expect(template.trialSpec!.spec).not.toHaveProperty('backoffLimit');
    expectSchemaValid(stack);
    expectTrialSpecValid(template.trialSpec);
  });

  test('from a container: backoffLimit 0 fails the trial at its first failed pod', () => {
    const { template } = withTrial(TrialTemplate.fromContainer({ image: IMAGE, args, backoffLimit: 0 }));
    expect(template.trialSpec!.spec.backoffLimit).toBe(0);
  });

  test('keeps labels that matter to the trial (Kueue), drops the standard ones and the job\'s name and namespace', () => {
    const { template } = withTrial(TrialTemplate.fromJob((s) => new PyTorchJob(s, 'Trial', {
      worker: node, scheduler: Scheduler.kueue('gpu-queue'), metadata: { labels: { team: 'vision' }, annotations: { note: 'x' } },
    })));
    expect(template.trialSpec.metadata).toEqual({ labels: { 'team': 'vision', 'kueue.x-k8s.io/queue-name': 'gpu-queue' }, annotations: { note: 'x' } });
  });

  test('a PodDefault of the experiment\'s namespace applies to the trial\'s pods', () => {
    const stack = testStack({});
    const tenant = new Tenant(stack, 'ml', { owner: 'a@b.co' });
    const creds = new PodDefault(stack, 'creds', { tenant, description: 'S3' });
    new Experiment(stack, 'Tune', {
      tenant,
      objective: Metric.maximize('accuracy'),
      algorithm: Algorithm.random(),
      parameters: [lr],
      maxTrialCount: 6,
      trialTemplate: TrialTemplate.fromJob((s) => new PyTorchJob(s, 'Trial', { worker: node, podDefaults: [creds] })),
    });
    const spec = manifest(stack, 'Experiment').spec.trialTemplate.trialSpec;
    expect(spec.spec.pytorchReplicaSpecs.Worker.template.metadata.labels).toEqual({ creds: 'true' });
    expectSchemaValid(stack);
  });

  test('from a ConfigMap: the parameters by the template\'s names, the kind\'s conditions', () => {
    const { stack, template } = withTrial(TrialTemplate.fromConfigMap({
      configMapName: 'trial-templates',
      configMapNamespace: 'kubeflow',
      templatePath: 'defaultTrialTemplate.yaml',
      parameters: { learningRate: lr, trialName: TrialMetadata.NAME },
      kind: TrialKind.JOB,
      primaryContainerName: 'training-container',
    }));
    expect(template).toEqual({
      primaryContainerName: 'training-container',
      successCondition: complete,
      failureCondition: 'status.conditions.#(type=="Failed")#|#(status=="True")#',
      trialParameters: [
        { name: 'learningRate', reference: 'lr' },
        { name: 'trialName', reference: '${trialSpec.Name}', description: 'Name of the trial' },
      ],
      configMap: { configMapName: 'trial-templates', configMapNamespace: 'kubeflow', templatePath: 'defaultTrialTemplate.yaml' },
    });
    expectSchemaValid(stack);
  });

  test('a custom kind brings its own conditions', () => {
    const { template } = withTrial(TrialTemplate.fromJob((s) => new ApiObject(s, 'Trial', {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'x' },
      spec: { entrypoint: 'main', templates: [{ name: 'main', container: { name: 'main', image: IMAGE, args } }] },
    }), {
      primaryContainerName: 'main',
      primaryPodLabels: { 'workflows.argoproj.io/workflow-template': 'main' },
      kind: TrialKind.custom({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', successCondition: 'status.[@this].#(phase=="Succeeded")#', failureCondition: 'status.[@this].#(phase=="Failed")#' }),
    }));
    expect(template.successCondition).toBe('status.[@this].#(phase=="Succeeded")#');
  });

  test.each<[string, () => TrialTemplate, string, string]>([
    ['an error inside the job, reported on the experiment', () => TrialTemplate.fromJob((s) => new PyTorchJob(s, 'Trial', { worker: { ...node, replicas: 1.5 } })),
      'trialTemplate.worker.replicas', 'whole number'],
    ['an invalid container image', () => TrialTemplate.fromContainer({ image: 'Bad Image', args }), 'trialTemplate.image', 'not a valid image reference'],
    ['a negative backoff limit', () => TrialTemplate.fromContainer({ image: IMAGE, args, backoffLimit: -1 }), 'trialTemplate.backoffLimit', 'whole number ≥ 0'],
    ['a job in another namespace', () => TrialTemplate.fromJob((s) => new PyTorchJob(s, 'Trial', { namespace: 'other', worker: node })),
      'trialTemplate', 'the trial job is in namespace "other", the experiment in "team"'],
    ['more than one object', () => TrialTemplate.fromJob((s) => {
      new ApiObject(s, 'Extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra' } });
      return new PyTorchJob(s, 'Trial', { worker: node });
    }), 'trialTemplate', 'defined 2 objects (ConfigMap, PyTorchJob)'],
    ['a kind without known conditions', () => TrialTemplate.fromJob((s) => new ApiObject(s, 'Trial', { apiVersion: 'example.com/v1', kind: 'Run', metadata: { name: 'x' }, spec: { args } }), { primaryContainerName: 'main' }),
      'trialTemplate.kind', 'no success and failure conditions for example.com/v1 Run'],
    ['a kind that is not the job\'s', () => TrialTemplate.fromJob((s) => new PyTorchJob(s, 'Trial', { worker: node }), { kind: TrialKind.TF_JOB }),
      'trialTemplate.kind', 'is for kubeflow.org/v1 TFJob, but the trial job is a kubeflow.org/v1 PyTorchJob'],
    ['a plain ApiObject without a primary container', () => TrialTemplate.fromJob((s) => new ApiObject(s, 'Trial', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x' }, spec: { args } })),
      'trialTemplate.primaryContainerName', 'is required'],
    ['a ConfigMap name with braces', () => TrialTemplate.fromConfigMap({
      configMapName: 't', templatePath: 'a.yaml', parameters: { 'l{r}': lr }, kind: TrialKind.JOB, primaryContainerName: 'c',
    }), 'trialTemplate.parameters.l{r}', 'must not be empty or contain "{" or "}"'],
  ])('rejects %s', (_name, make, field, problem) => {
    const e = constructError(() => withTrial(make()));
    expect(e.constructPath).toBe('test/Tune');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('warnings of the trial job are reported on the experiment, except the GitOps TTL one (Katib owns trial jobs)', () => {
    const { stack } = withTrial(TrialTemplate.fromJob((s) => {
      warn(s, 'note', 'something to know', 'do something');
      return new PyTorchJob(s, 'Trial', { worker: { ...node, replicas: 2 }, runPolicy: { ttlAfterFinished: Duration.minutes(5) } });
    }));
    expect(collectWarnings(stack).map((w) => `${w.constructPath} ${w.field}`)).toEqual(['test/Tune trialTemplate.note']);
    expect(policyFindings(stack, 'platform/ttl-gitops')).toEqual([]);
  });

  test('the trial job gets the training rules at synth, at its path in the experiment (the cluster would reject each trial)', () => {
    const { stack } = withTrial(TrialTemplate.fromJob((s) => new PyTorchJob(s, 'Trial', {
      worker: { ...node, replicas: 6, resources: { gpu: Gpu.nvidia(1) } }, elasticPolicy: { minReplicas: 2, maxReplicas: 4 },
    })));
    expect(policyFindings(stack, 'training-operator/').map((f) => `${f.rule} ${f.construct} ${f.path}: ${f.message}`)).toEqual([
      'training-operator/elastic-range test/Tune .spec.trialTemplate.trialSpec.spec.pytorchReplicaSpecs.Worker.replicas: is 6, outside the elastic range 2–4',
    ]);
  });

  describe('what Katib rejects in a trial template across fields is the katib/* rules\' at synth', () => {
    const findings = (stack: Stack) => policyFindings(stack, 'katib/').map((f) => `${f.rule} ${f.construct} ${f.path}: ${f.message}`);

    test('a primary container the job does not have', () => {
      const { stack } = withTrial(TrialTemplate.fromJob((s) => new PyTorchJob(s, 'Trial', { worker: node }), { primaryContainerName: 'trainer' }));
      expect(findings(stack)).toEqual(['katib/primary-container test/Tune .spec.trialTemplate.primaryContainerName: no container of the trial job is named "trainer" (it has pytorch)']);
    });

    test('a ConfigMap template mapping a value that is no parameter, and not mapping a parameter', () => {
      const { stack } = withTrial(TrialTemplate.fromConfigMap({
        configMapName: 't', templatePath: 'a.yaml', parameters: { momentum: SearchSpace.double('momentum', { min: 0, max: 1 }) }, kind: TrialKind.JOB, primaryContainerName: 'c',
      }));
      expect(findings(stack)).toEqual([
        'katib/trial-parameters test/Tune .spec.trialTemplate.trialParameters[0].reference: substitutes "momentum", which is not a parameter of the experiment',
        'katib/trial-parameter-assignments test/Tune .spec.parameters[0]: parameter "lr" is not used by the trial job: no trial parameter references it, so Katib fails to create the trials',
      ]);
    });

    test('a ConfigMap of the app is read: its key, and the placeholders of its template', () => {
      const stack = testStack();
      new ApiObject(stack, 'Templates', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'trial-templates', namespace: 'team' }, data: {
        'job.yaml': 'apiVersion: batch/v1\nkind: Job\nspec: {template: {spec: {containers: [{name: c, image: i, args: ["--lr=${trialParameters.learningRate}", "--m=${trialParameters.momentum}"]}]}}}\n',
      } });
      const template = (templatePath: string) => TrialTemplate.fromConfigMap({ configMapName: 'trial-templates', templatePath, parameters: { learningRate: lr }, kind: TrialKind.JOB, primaryContainerName: 'c' });
      new Experiment(stack, 'Tune', { tenant: testTenant(stack), objective: Metric.maximize('accuracy'), algorithm: Algorithm.random(), parameters: [lr], maxTrialCount: 6, trialTemplate: template('job.yaml') });
      new Experiment(stack, 'Other', { objective: Metric.maximize('accuracy'), algorithm: Algorithm.random(), parameters: [lr], maxTrialCount: 6, trialTemplate: template('pytorch.yaml') });
      expect(findings(stack)).toEqual([
        'katib/trial-template-configmap test/Other .spec.trialTemplate.configMap.templatePath: ConfigMap team/trial-templates has no key "pytorch.yaml" (it has job.yaml)',
        'katib/trial-parameter-placeholders test/Tune .spec.trialTemplate.configMap: the trial job uses ${trialParameters.momentum}, but "momentum" is not declared',
      ]);
    });
  });
});
