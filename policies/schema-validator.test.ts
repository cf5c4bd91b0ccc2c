import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { Finding } from '../manifest';
import { coreOpenApi, widgetCrd } from '../test/schemagen-fixtures';
import { packageSchemasDir, presetSchemasDir } from './schema-dir';
import { SchemaValidator } from './schema-validator';
import { generateSchemas } from './schemagen';

// These tests use the committed schemas of the default preset (schemas/kubeflow-platform-2026-04/):
// they check our generated facts as much as the validator.
const validator = SchemaValidator.for();
const check = (object: object): Finding[] => validator.validate({ file: 'x.yaml', object: object as never });
const errors = (object: object) => check(object).filter((f) => f.severity === 'error').map((f) => `${f.path}: ${f.message}${f.fix ? ` (fix: ${f.fix})` : ''}`);

/** A deep copy of `base` with `edit` applied, so each broken object starts from a valid one. */
function broken<T>(base: T, edit: (o: any) => void): T {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
}

const notebook = {
  apiVersion: 'kubeflow.org/v1', kind: 'Notebook',
  metadata: { name: 'nb', namespace: 'team-a', labels: { 'app.kubernetes.io/name': 'nb' } },
  spec: { template: { spec: {
    containers: [{
      name: 'nb', image: 'kubeflownotebookswg/jupyter-scipy:v1.9.0',
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: 2, 'nvidia.com/gpu': 1 } },
      ports: [{ containerPort: 8888, name: 'notebook-port', protocol: 'TCP' }],
      volumeMounts: [{ name: 'workspace', mountPath: '/home/jovyan' }],
    }],
    volumes: [{ name: 'workspace', persistentVolumeClaim: { claimName: 'nb-workspace' } }],
  } } },
};
const profile = {
  apiVersion: 'kubeflow.org/v1', kind: 'Profile', metadata: { name: 'team-a' },
  spec: { owner: { kind: 'User', name: 'alice@example.com' }, resourceQuotaSpec: { hard: { cpu: '8', 'requests.nvidia.com/gpu': '2' } },
    plugins: [{ kind: 'WorkloadIdentity', spec: { gcpServiceAccount: 'sa@project.iam.gserviceaccount.com', anything: { goes: true } } }] },
};
const podDefault = {
  apiVersion: 'kubeflow.org/v1alpha1', kind: 'PodDefault', metadata: { name: 'access-ml-pipeline', namespace: 'team-a' },
  spec: { desc: 'Allow access to Kubeflow Pipelines', selector: { matchLabels: { 'access-ml-pipeline': 'true' } },
    env: [{ name: 'KF_PIPELINES_SA_TOKEN_PATH', value: '/var/run/secrets/kubeflow/pipelines/token' }],
    volumeMounts: [{ mountPath: '/var/run/secrets/kubeflow/pipelines', name: 'volume-kf-pipeline-token', readOnly: true }],
    volumes: [{ name: 'volume-kf-pipeline-token', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 7200, audience: 'pipelines.kubeflow.org' } }] } }] },
};
const pvc = {
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'nb-workspace', namespace: 'team-a' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, storageClassName: 'standard' },
};
const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { 'istio-injection': 'enabled' } } };
const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team-a' }, data: { 'config.yaml': 'a: 1\n' } };
const replica = (replicas: number) => ({ replicas, restartPolicy: 'OnFailure', template: { spec: { containers: [{ name: 'pytorch', image: 'pytorch/pytorch:2.5.0', args: ['python', 'train.py'] }] } } });
const pytorchJob = {
  apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'mnist', namespace: 'team-a' },
  spec: { runPolicy: { cleanPodPolicy: 'None' }, pytorchReplicaSpecs: { Master: replica(1), Worker: replica(2) } },
};
const trainJob = {
  apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'TrainJob', metadata: { name: 'llm', namespace: 'team-a' },
  spec: { runtimeRef: { name: 'torch-distributed', kind: 'ClusterTrainingRuntime', apiGroup: 'trainer.kubeflow.org' },
    trainer: { numNodes: 2, image: 'ghcr.io/org/train:1', resourcesPerNode: { limits: { 'nvidia.com/gpu': 1 } } } },
};
const inferenceService = {
  apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'sklearn-iris', namespace: 'team-a' },
  spec: { predictor: { minReplicas: 1, scaleMetric: 'concurrency', model: { modelFormat: { name: 'sklearn' }, storageUri: 'gs://kfserving-examples/models/sklearn/1.0/model', resources: { limits: { cpu: '1', memory: '2Gi' } } } } },
};
const experiment = {
  apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'random', namespace: 'team-a' },
  spec: {
    objective: { type: 'maximize', goal: 0.99, objectiveMetricName: 'accuracy' },
    algorithm: { algorithmName: 'random' },
    parallelTrialCount: 3, maxTrialCount: 12, maxFailedTrialCount: 3,
    parameters: [{ name: 'lr', parameterType: 'double', feasibleSpace: { min: '0.01', max: '0.03' } }],
    trialTemplate: {
      primaryContainerName: 'training-container',
      trialParameters: [{ name: 'learningRate', description: 'Learning rate', reference: 'lr' }],
      trialSpec: { apiVersion: 'batch/v1', kind: 'Job', spec: { template: { spec: { containers: [{ name: 'training-container', image: 'x' }] } } } },
    },
  },
};

describe('valid objects pass', () => {
  test.each([
    ['Notebook', notebook], ['Profile', profile], ['PodDefault', podDefault], ['PersistentVolumeClaim', pvc], ['Namespace', namespace],
    ['ConfigMap', configMap], ['PyTorchJob', pytorchJob], ['TrainJob', trainJob], ['InferenceService', inferenceService], ['Experiment', experiment],
  ])('%s', (_, object) => {
    expect(check(object)).toEqual([]);
  });
});

describe('unknown fields are errors, at every depth, with a did-you-mean', () => {
  test('top level', () => {
    expect(errors(broken(configMap, (o) => (o.dta = {})))).toEqual(['.dta: unknown field "dta" (fix: did you mean "data"?)']);
  });
  test('in spec', () => {
    expect(errors(broken(notebook, (o) => (o.spec.templates = {})))).toEqual(['.spec.templates: unknown field "templates" (fix: did you mean "template"?)']);
  });
  test('deep inside a pod template, and in a factored definition', () => {
    expect(errors(broken(notebook, (o) => (o.spec.template.spec.containers[0].imagePullPolicyy = 'Always')))).toEqual([
      '.spec.template.spec.containers[0].imagePullPolicyy: unknown field "imagePullPolicyy" (fix: did you mean "imagePullPolicy"?)',
    ]);
    expect(errors(broken(inferenceService, (o) => (o.spec.predictor.model.storageURI = 'x')))).toEqual([
      '.spec.predictor.model.storageURI: unknown field "storageURI" (fix: did you mean "storageUri"?)',
    ]);
  });
  test('in an OpenAPI-derived schema (core and Katib)', () => {
    expect(errors(broken(pvc, (o) => (o.spec.resources.request = {})))).toEqual(['.spec.resources.request: unknown field "request" (fix: did you mean "requests"?)']);
    expect(errors(broken(experiment, (o) => (o.spec.objective.goall = 1)))).toEqual(['.spec.objective.goall: unknown field "goall" (fix: did you mean "goal"?)']);
  });
  test('without a close match, the known fields are listed', () => {
    expect(errors(broken(profile, (o) => (o.spec.owner.uid = 'x')))).toEqual(['.spec.owner.uid: unknown field "uid" (fix: remove it; known fields here: apiGroup, kind, name, namespace)']);
  });
});

describe('types, enums, quantities, required fields', () => {
  test('wrong type', () => {
    expect(errors(broken(pytorchJob, (o) => (o.spec.pytorchReplicaSpecs.Worker.replicas = 'two')))).toEqual(['.spec.pytorchReplicaSpecs.Worker.replicas: expected integer, got string "two"']);
    expect(errors(broken(configMap, (o) => (o.data.port = 8080)))).toEqual(['.data.port: expected string, got integer 8080']);
    expect(errors(broken(experiment, (o) => (o.spec.maxTrialCount = '12')))).toEqual(['.spec.maxTrialCount: expected integer, got string "12"']);
  });
  test('bad enum value names the allowed values', () => {
    expect(errors(broken(inferenceService, (o) => (o.spec.predictor.scaleMetric = 'gpu')))).toEqual([
      '.spec.predictor.scaleMetric: must be one of "cpu", "memory", "concurrency", "rps"; got "gpu"',
    ]);
    expect(errors(broken(inferenceService, (o) => (o.spec.predictor.scaleMetric = 'CPU')))).toEqual([
      '.spec.predictor.scaleMetric: must be one of "cpu", "memory", "concurrency", "rps"; got "CPU" (fix: did you mean "cpu"?)',
    ]);
  });
  test('bad quantity string, in a CRD and in a core kind', () => {
    const fix = ' (fix: write a number with an optional unit suffix, e.g. 500m, 2, 1.5, 512Mi, 10Gi, 1G)';
    expect(errors(broken(notebook, (o) => (o.spec.template.spec.containers[0].resources.limits.cpu = '2 cores')))).toEqual([
      `.spec.template.spec.containers[0].resources.limits.cpu: "2 cores" is not a valid quantity${fix}`,
    ]);
    expect(errors(broken(pvc, (o) => (o.spec.resources.requests.storage = '10 GB')))).toEqual([`.spec.resources.requests.storage: "10 GB" is not a valid quantity${fix}`]);
    expect(errors(broken(trainJob, (o) => (o.spec.trainer.resourcesPerNode.limits['nvidia.com/gpu'] = '1x')))).toEqual([
      `.spec.trainer.resourcesPerNode.limits["nvidia.com/gpu"]: "1x" is not a valid quantity${fix}`,
    ]);
  });
  test('int-or-string: one message instead of anyOf noise', () => {
    expect(errors(broken(inferenceService, (o) => (o.spec.predictor.model.resources.limits.cpu = true)))).toEqual([
      '.spec.predictor.model.resources.limits.cpu: expected integer or string, got boolean true',
    ]);
    expect(errors(broken(pvc, (o) => (o.spec.resources.requests.storage = ['10Gi'])))).toEqual(['.spec.resources.requests.storage: expected string or number, got array']);
  });
  test('missing required field', () => {
    expect(errors(broken(profile, (o) => delete o.spec.owner.name))).toEqual(['.spec.owner.name: missing required field "name"']);
    expect(errors(broken(trainJob, (o) => delete o.spec.runtimeRef))).toEqual(['.spec.runtimeRef: missing required field "runtimeRef"']);
    expect(errors(broken(podDefault, (o) => delete o.spec.selector))).toEqual(['.spec.selector: missing required field "selector"']);
    expect(errors(broken(notebook, (o) => delete o.spec.template.spec.containers[0].name))).toEqual(['.spec.template.spec.containers[0].name: missing required field "name"']);
  });
  test('several problems are all reported', () => {
    expect(errors(broken(notebook, (o) => {
      o.spec.template.spec.containers[0].ports[0].containerPort = 'http';
      o.spec.template.spec.containers[0].resources.requests.memory = '1 Gi';
    }))).toEqual([
      '.spec.template.spec.containers[0].ports[0].containerPort: expected integer, got string "http"',
      '.spec.template.spec.containers[0].resources.requests.memory: "1 Gi" is not a valid quantity (fix: write a number with an optional unit suffix, e.g. 500m, 2, 1.5, 512Mi, 10Gi, 1G)',
    ]);
  });
});

describe('preserved and free-form fields', () => {
  test('x-kubernetes-preserve-unknown-fields accepts anything (Profile plugin spec)', () => {
    expect(check(broken(profile, (o) => (o.spec.plugins[0].spec.whatever = [1, { a: 2 }])))).toEqual([]);
  });
  test('an object with additionalProperties: true accepts anything (Katib trialSpec)', () => {
    expect(check(broken(experiment, (o) => (o.spec.trialTemplate.trialSpec.anything = { at: 'all' })))).toEqual([]);
  });
  test('null means unset, as on the API server', () => {
    expect(check(broken(configMap, (o) => (o.metadata.creationTimestamp = null)))).toEqual([]);
  });
});

describe('metadata is checked against ObjectMeta for every kind', () => {
  test.each([['Notebook (CRD)', notebook], ['ConfigMap (core)', configMap], ['Experiment (Katib OpenAPI)', experiment]])('%s', (_, object) => {
    expect(errors(broken(object, (o: any) => {
      o.metadata.lables = {};
      o.metadata.annotations = { 'example.com/replicas': 3 };
    }))).toEqual([
      '.metadata.lables: unknown field "lables" (fix: did you mean "labels"?)',
      '.metadata.annotations["example.com/replicas"]: expected string, got integer 3',
    ]);
  });
  test('a missing name, apiVersion, kind or metadata is an error', () => {
    expect(errors(broken(configMap, (o) => delete o.metadata.name))).toEqual(['.metadata.name: missing required field "name" (fix: set metadata.name: objects applied from git need a fixed name)']);
    expect(errors({ kind: 'ConfigMap', metadata: { name: 'x' } })).toEqual(['.apiVersion: missing required field "apiVersion"']);
    expect(errors({ apiVersion: 'v1', metadata: { name: 'x' } })).toEqual(['.kind: missing required field "kind"']);
    expect(errors({ apiVersion: 'v1', kind: 'ConfigMap' })).toEqual(['.metadata: missing required field "metadata"']);
  });
});

describe('findings', () => {
  test('name the file, the resource, the path and the rule', () => {
    const [f] = check(broken(notebook, (o) => (o.spec.templates = {})));
    expect(f).toMatchObject({ severity: 'error', rule: 'schema', file: 'x.yaml', resource: 'kubeflow.org/v1 Notebook team-a/nb', path: '.spec.templates' });
  });
  test('a kind without a schema is a warning, not an error', () => {
    expect(check({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' } })).toEqual([{
      severity: 'warning', rule: 'schema/unknown-kind', file: 'x.yaml', resource: 'example.com/v1 Gadget g', path: '.',
      message: 'not validated: no schema for example.com/v1/Gadget in the schemas of kubeflow-platform-2026-04',
      fix: 'generate schemas that include it: cdk8s-kubeflow schemas --out <dir> <its CRD YAML or OpenAPI JSON> (then validate with --release <dir>)',
    }]);
  });
  test('every served version is validated; a version the group/kind does not have is an error naming those it has', () => {
    expect(check({ ...notebook, apiVersion: 'kubeflow.org/v1beta1' })).toEqual([]);
    expect(check({ ...notebook, apiVersion: 'kubeflow.org/v2' })).toEqual([expect.objectContaining({
      severity: 'error', rule: 'schema/unknown-version', path: '.apiVersion',
      message: 'kubeflow.org/v2 Notebook: no such version; the schemas of kubeflow-platform-2026-04 have kubeflow.org/v1 (and v1beta1, v1alpha1)',
    })]);
  });
});

describe('SchemaValidator', () => {
  test('finds the default preset\'s schemas in the package from source and from compiled lib/', () => {
    const root = path.resolve(__dirname, '..');
    const dir = path.join(root, 'schemas', 'kubeflow-platform-2026-04');
    expect(packageSchemasDir()).toBe(dir);
    expect(packageSchemasDir(path.join(root, 'lib', 'policies'))).toBe(dir);
    expect(presetSchemasDir('newest', path.join(root, 'lib', 'policies'))).toBe(path.join(root, 'schemas', 'newest'));
    expect(validator.dir).toBe(dir);
  });

  test('compiles each kind once, lazily', () => {
    const spy = jest.spyOn(Ajv.prototype, 'compile');
    const v = new SchemaValidator();
    expect(spy).not.toHaveBeenCalled();
    v.validate({ object: configMap as never });
    v.validate({ object: configMap as never });
    v.validate({ object: namespace as never });
    expect(spy).toHaveBeenCalledTimes(3); // ObjectMeta, ConfigMap, Namespace
    spy.mockRestore();
  });

  test('shares one validator per folder', () => {
    expect(SchemaValidator.for()).toBe(validator);
  });

  test('reads a user-generated schemas folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'user-schemas-'));
    try {
      const { files } = generateSchemas([{ file: 'w.yaml', source: 'w', value: widgetCrd() }, { file: 'o.json', source: 'k', value: coreOpenApi() }]);
      for (const [f, text] of files) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), text);
      }
      const v = new SchemaValidator(dir);
      const widget = { apiVersion: 'example.org/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 'medium', template: { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { x: 'y' } }, sidecar: { name: 's', image: 'i' } } };
      expect(v.validate({ object: widget }).map((f) => `${f.path}: ${f.message}`)).toEqual(['.spec.size: must be one of "small", "large"; got "medium"']);
      expect(v.validate({ object: { ...widget, spec: { size: 'small', source: {} } } }).map((f) => `${f.path}: ${f.message}`)).toEqual(['.spec.source: must set at least one of: git, s3']);
      expect(v.validate({ object: notebook as never }).map((f) => f.rule)).toEqual(['schema/unknown-kind']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('explains a missing index', () => {
    expect(() => new SchemaValidator(os.tmpdir())).toThrow(/index\.json not found: this is not a schemas folder; make one with `cdk8s-kubeflow schemas/);
  });
});

describe('status', () => {
  test('is ignored for kinds with a status (the API server ignores it in what is applied)', () => {
    expect(check({ ...notebook, status: { readyReplicas: 'many' } })).toEqual([]);
  });
  test('is an unknown field for kinds without one', () => {
    expect(errors({ ...configMap, status: {} })).toEqual(['.status: unknown field "status" (fix: remove it; known fields here: apiVersion, binaryData, data, immutable, kind, metadata)']);
  });
});

describe('versions', () => {
  test('a known group and kind at a version the schemas do not have is an error naming the versions they have', () => {
    expect(check({ ...notebook, apiVersion: 'kubeflow.org/v2' })).toEqual([{
      severity: 'error', rule: 'schema/unknown-version', file: 'x.yaml', resource: 'kubeflow.org/v2 Notebook team-a/nb', path: '.apiVersion',
      message: expect.stringMatching(/^kubeflow\.org\/v2 Notebook: no such version; the schemas of kubeflow-platform-2026-04 have kubeflow\.org\/v1( \(and [v0-9a-z, ]+\))?$/),
      fix: expect.stringMatching(/^set apiVersion: kubeflow\.org\/v1; if your cluster serves kubeflow\.org\/v2 Notebook, validate against schemas generated from its CRD/),
    }]);
    expect(check({ ...configMap, apiVersion: 'v2' }).map((f) => `${f.rule}: ${f.message}`)).toEqual(['schema/unknown-version: v2 ConfigMap: no such version; the schemas of kubeflow-platform-2026-04 have v1']);
  });
  test('an unknown group or kind stays a warning', () => {
    expect(check({ apiVersion: 'kubeflow.org/v1', kind: 'Gadget', metadata: { name: 'g' } }).map((f) => f.rule)).toEqual(['schema/unknown-kind']);
    expect(check({ apiVersion: 'example.com/v1', kind: 'Notebook', metadata: { name: 'g' } }).map((f) => f.rule)).toEqual(['schema/unknown-kind']);
  });
});

describe('unknown kinds', () => {
  const v = SchemaValidator.for();
  const check = (apiVersion: string, kind: string) => v.validate({ file: 'x.yaml', object: { apiVersion, kind, metadata: { name: 'a', namespace: 'b' } } });
  test.each([
    ['a misspelt kind of a group we know is an error with the kind it means', 'kubeflow.org/v1', 'PytorchJob', '.kind', 'kubeflow.org/v1 has no kind PytorchJob', 'did you mean apiVersion: kubeflow.org/v1, kind: PyTorchJob?'],
    ['a kind in the wrong one of our groups is an error naming its group', 'kubeflow.org/v2', 'TrainJob', '.apiVersion', 'kubeflow.org/v2 has no kind TrainJob', 'did you mean apiVersion: trainer.kubeflow.org/v1alpha1, kind: TrainJob?'],
  ])('%s', (_what, apiVersion, kind, path, message, fix) => {
    expect(check(apiVersion, kind)).toEqual([expect.objectContaining({ severity: 'error', rule: 'schema/unknown-kind', path, message, fix })]);
  });

  test('a kind of a group we do not know is a warning (any operator\'s CRD), with a hint when a known kind has its name', () => {
    expect(check('extensions/v1beta1', 'Deployment')).toEqual([expect.objectContaining({ severity: 'warning', rule: 'schema/unknown-kind', fix: expect.stringMatching(/^did you mean apiVersion: apps\/v1, kind: Deployment\? Otherwise generate schemas/) })]);
    expect(check('networking.istio.io/v1', 'VirtualService')).toEqual([expect.objectContaining({ severity: 'warning', fix: expect.stringMatching(/^generate schemas/) })]);
  });
});

test('JSON or YAML that is not a manifest at all (neither apiVersion nor kind) is one warning, not three errors', () => {
  expect(SchemaValidator.for().validate({ file: 'construct-metadata.json', object: { version: '1.0.0', resources: {} } as never })).toEqual([{
    severity: 'warning', rule: 'load/not-kubernetes', file: 'construct-metadata.json', line: undefined, construct: undefined, resource: '<no apiVersion or kind>', path: '.',
    message: 'not a Kubernetes object (neither apiVersion nor kind): not checked', fix: 'leave the file out of the paths validated, or give the object its apiVersion and kind',
  }]);
});

describe('the documents kfp writes (pipeline IR)', () => {
  const ir = { pipelineInfo: { name: 'p' }, root: { dag: { tasks: {} } }, schemaVersion: '2.1.0', sdkVersion: 'kfp-2.17.0' };

  test('are checked against the schemas of their protobuf messages, and named after the pipeline', () => {
    expect(SchemaValidator.for().kinds()).not.toContain('ml_pipelines.PipelineSpec'); // kinds are Kubernetes kinds
    expect(SchemaValidator.for().validate({ file: 'p.yaml', object: ir as never })).toEqual([]);
    expect(SchemaValidator.for().validate({ file: 'p.yaml', object: { ...ir, components: { c: { executorLabel: 1 } } } as never })).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'schema', resource: 'PipelineSpec p', path: '.components.c.executorLabel', message: 'expected string, got integer 1' }),
    ]);
    expect(SchemaValidator.for().validate({ file: 'p.yaml', object: { platforms: { kubernetes: { deploymentSpec: { executor: {} } } } } as never })).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'schema', resource: 'PlatformSpec', path: '.platforms.kubernetes.deploymentSpec.executor', message: 'unknown field "executor"', fix: 'did you mean "executors"?' }),
    ]);
  });

  test('are not validated, a warning, with schemas made without pipeline_spec.proto', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemas-'));
    try {
      fs.writeFileSync(path.join(dir, 'index.json'), '{}');
      expect(new SchemaValidator({ dir, precompiled: false }).validate({ file: 'p.yaml', object: ir as never })).toEqual([expect.objectContaining({
        severity: 'warning', rule: 'schema/unknown-kind', resource: 'PipelineSpec p', path: '.', message: 'not validated: the schemas have no ml_pipelines.PipelineSpec (kfp\'s pipeline IR)',
      })]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
