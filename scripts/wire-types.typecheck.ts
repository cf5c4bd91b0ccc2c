// Compile-time checks of the generated wire types (constructs/wire/). wire-types.test.ts runs the
// TypeScript compiler on this file and expects no diagnostics: the valid objects must type-check,
// and every `@ts-expect-error` must meet an error (an unused one is itself an error).
// Invalid objects are one-liners so that each error lands on the line after its directive.
import type { argoprojIo, core, kubeflowOrg, pipelinesKubeflowOrg, servingKserveIo, trainerKubeflowOrg } from '../constructs/wire';

// Reached through pinned names (kinds, their specs) so that these checks survive renames of inner types.
type Predictor = servingKserveIo.InferenceServiceSpec['predictor'];
type MlPolicy = NonNullable<trainerKubeflowOrg.TrainingRuntimeSpec['mlPolicy']>;

// ---- Valid objects

export const container: core.Container = {
  name: 'main',
  image: 'python:3.12',
  env: [{ name: 'EPOCHS', value: '3' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
  resources: { limits: { cpu: 2, memory: '4Gi', 'nvidia.com/gpu': 1 } },
  securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
  ports: [{ containerPort: 8080, name: 'http' }],
  livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
};

export const podTemplate: core.PodTemplateSpec = {
  metadata: { labels: { app: 'train' }, annotations: { note: 'x' } },
  spec: {
    containers: [container],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }, { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
    tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gpu', operator: 'In', values: ['a100'] }] }] },
      },
    },
  },
};

export const roleBinding: core.RoleBinding = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'edit', namespace: 'team-a' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubeflow-edit' },
  subjects: [{ kind: 'User', name: 'alice@example.com', apiGroup: 'rbac.authorization.k8s.io' }],
};

export const configMap: core.ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'a.yaml': 'x: 1' } };

export const notebook: kubeflowOrg.Notebook = {
  apiVersion: 'kubeflow.org/v1',
  kind: 'Notebook',
  metadata: { name: 'nb', namespace: 'team-a' },
  spec: {
    template: { spec: { containers: [{ name: 'nb', image: 'jupyter', imagePullPolicy: 'IfNotPresent', resources: { requests: { cpu: '500m' } } }] } },
  },
};

export const pytorchJob: kubeflowOrg.PyTorchJob = {
  apiVersion: 'kubeflow.org/v1',
  kind: 'PyTorchJob',
  metadata: { name: 'mnist' },
  spec: {
    pytorchReplicaSpecs: { Master: { replicas: 1, restartPolicy: 'OnFailure', template: { spec: { containers: [{ name: 'pytorch', image: 'train' }] } } } },
  },
  status: { conditions: [{ type: 'Succeeded', status: 'True' }], replicaStatuses: { Master: { succeeded: 1 } } },
};

// A health model reads status types without the kind around them.
export const trainingStatus: kubeflowOrg.TFJobStatus = { conditions: [{ type: 'Running', status: 'True', reason: 'JobRunning' }] };
export const experimentStatus: kubeflowOrg.ExperimentStatus = { trialsSucceeded: 3, currentOptimalTrial: { bestTrialName: 't1' } };

export const predictor: Predictor = { scaleMetric: 'rps', scaleTarget: 10, model: { modelFormat: { name: 'onnx' } } };
export const mlPolicy: MlPolicy = { numNodes: 2, mpi: { mpiImplementation: 'OpenMPI', numProcPerNode: 8 } };

export const trainJob: trainerKubeflowOrg.TrainJob = {
  apiVersion: 'trainer.kubeflow.org/v1alpha1',
  kind: 'TrainJob',
  metadata: { name: 'llm' },
  spec: { runtimeRef: { name: 'torch-distributed' }, trainer: { numNodes: 2, resourcesPerNode: { limits: { 'nvidia.com/gpu': 8 } } } },
};

export const inferenceService: servingKserveIo.InferenceService = {
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: { name: 'sklearn' },
  spec: { predictor: { minReplicas: 1, model: { modelFormat: { name: 'sklearn' }, storageUri: 's3://models/iris' } } },
  // status preserves unknown fields: anything beyond the listed ones is allowed.
  status: { url: 'http://sklearn.example.com', anythingElse: { nested: true } },
};

export const pipelineVersion: pipelinesKubeflowOrg.PipelineVersion = {
  apiVersion: 'pipelines.kubeflow.org/v2beta1',
  kind: 'PipelineVersion',
  metadata: { name: 'v1' },
  spec: { pipelineName: 'p', pipelineSpec: { pipelineInfo: { name: 'p' }, root: {} } },
};

export const application: argoprojIo.Application = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'platform', namespace: 'argocd' },
  spec: {
    project: 'default',
    destination: { server: 'https://kubernetes.default.svc', namespace: 'kubeflow' },
    source: { repoURL: 'https://git.example.com/platform.git', path: 'dist/prod', helm: { valuesObject: { any: { nested: [1, 'two'] } } } },
    syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
  },
};

// ---- Objects that must not type-check

// @ts-expect-error wrong enum literal (scaleMetric is concurrency | cpu | memory | rps)
export const wrongEnum: Predictor = { scaleMetric: 'gpu' };

// @ts-expect-error wrong enum literal, in Trainer (mpiImplementation is '' | OpenMPI)
export const wrongEnum2: MlPolicy = { mpi: { mpiImplementation: 'MPICH' } };

// @ts-expect-error wrong field type (stdin is a boolean)
export const wrongType: core.Container = { name: 'main', stdin: 'yes' };

// @ts-expect-error unknown field in an object literal (a typo of image)
export const unknownField: core.Container = { name: 'main', imgae: 'python' };

// @ts-expect-error missing required field (a container needs a name)
export const missingRequired: core.Container = { image: 'python' };

// @ts-expect-error a quantity is a number or a string, not a boolean
export const wrongQuantity: core.ResourceRequirements = { limits: { cpu: true } };

// @ts-expect-error labels are strings
export const wrongLabel: core.ObjectMeta = { labels: { tier: 1 } };

// @ts-expect-error the kind is a literal
export const wrongKind: kubeflowOrg.Notebook = { apiVersion: 'kubeflow.org/v1', kind: 'Deployment' };

// @ts-expect-error the apiVersion is a literal too
export const wrongVersion: kubeflowOrg.PyTorchJob = { apiVersion: 'kubeflow.org/v2', kind: 'PyTorchJob' };

// @ts-expect-error Argo CD requires metadata and spec on an Application
export const missingSpec: argoprojIo.Application = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a' } };

// @ts-expect-error unknown field deep inside a CRD (KServe predictor)
export const deepUnknown: servingKserveIo.InferenceServiceSpec = { predictor: { minReplica: 1 } };

// @ts-expect-error replica specs are a map of objects, not a list
export const wrongShape: kubeflowOrg.PyTorchJobSpec = { pytorchReplicaSpecs: [{ replicas: 1 }] };
