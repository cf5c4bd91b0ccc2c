import { Manifest } from './manifest';
import { referencesOf, selectsPodsOf } from './references';

const refs = (m: Manifest) => referencesOf(m).map((r) => `${r.group}/${r.kind} ${r.namespace ?? ''}/${r.name} (${r.via})`);

describe('references between manifests', () => {
  test('a namespaced object needs its namespace: the Namespace or the Profile that creates it', () => {
    expect(refs({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' } })).toEqual(['/Namespace /team (namespace)', 'kubeflow.org/Profile /team (namespace)']);
    expect(refs({ apiVersion: 'kubeflow.org/v1', kind: 'Profile', metadata: { name: 'team' } })).toEqual([]);
  });

  test('pod templates: service account, claims, config maps and secrets in volumes, env, envFrom and pull secrets', () => {
    const nb: Manifest = {
      apiVersion: 'kubeflow.org/v1', kind: 'Notebook', metadata: { name: 'n', namespace: 't' },
      spec: { template: { spec: {
        serviceAccountName: 'sa', imagePullSecrets: [{ name: 'pull' }],
        volumes: [{ name: 'w', persistentVolumeClaim: { claimName: 'ws' } }, { name: 'c', configMap: { name: 'cfg' } }, { name: 's', secret: { secretName: 'sec' } }],
        containers: [{ name: 'n', env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'envsec', key: 'k' } } }, { name: 'B', valueFrom: { configMapKeyRef: { name: 'envcm', key: 'k' } } }], envFrom: [{ configMapRef: { name: 'fromcm' } }, { secretRef: { name: 'fromsec' } }] }],
      } } },
    };
    expect(refs(nb).slice(2)).toEqual([
      '/ServiceAccount t/sa (serviceAccountName)', '/Secret t/pull (imagePullSecrets)', '/PersistentVolumeClaim t/ws (volumes.persistentVolumeClaim)', '/ConfigMap t/cfg (volumes.configMap)',
      '/Secret t/sec (volumes.secret)', '/Secret t/envsec (env.valueFrom.secretKeyRef)', '/ConfigMap t/envcm (env.valueFrom.configMapKeyRef)', '/ConfigMap t/fromcm (envFrom.configMapRef)', '/Secret t/fromsec (envFrom.secretRef)',
    ]);
  });

  test('runtimes, graphs, trial templates, bindings and Argo CD projects', () => {
    const ns = { namespace: 't' };
    expect(refs({ apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'TrainJob', metadata: { name: 'j', ...ns }, spec: { runtimeRef: { name: 'torch' } } }).slice(2))
      .toEqual(['trainer.kubeflow.org/ClusterTrainingRuntime /torch (runtimeRef)']);
    expect(refs({ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'i', ...ns }, spec: { predictor: { model: { runtime: 'rt' } } } }).slice(2))
      .toEqual(['serving.kserve.io/ServingRuntime t/rt (predictor.model.runtime)', 'serving.kserve.io/ClusterServingRuntime /rt (predictor.model.runtime)']);
    expect(refs({ apiVersion: 'serving.kserve.io/v1alpha1', kind: 'InferenceGraph', metadata: { name: 'g', ...ns }, spec: { nodes: { root: { steps: [{ serviceName: 'a' }, { serviceUrl: 'http://x' }] } } } }).slice(2))
      .toEqual(['serving.kserve.io/InferenceService t/a (nodes.steps.serviceName)']);
    expect(refs({ apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'e', ...ns }, spec: { trialTemplate: { trialSpec: { apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'TrainJob', spec: { runtimeRef: { kind: 'TrainingRuntime', name: 'rt' } } } } } }).slice(2))
      .toEqual(['trainer.kubeflow.org/TrainingRuntime t/rt (trialTemplate.trialSpec: runtimeRef)']);
    expect(refs({ apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'e', ...ns }, spec: { trialTemplate: { configMap: { configMapName: 'tpl', configMapNamespace: 'kubeflow' } } } }).slice(2))
      .toEqual(['/ConfigMap kubeflow/tpl (trialTemplate.configMap)']);
    expect(refs({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', ...ns }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'sa' }, { kind: 'User', name: 'u' }] }).slice(2))
      .toEqual(['rbac.authorization.k8s.io/Role t/r (roleRef)', '/ServiceAccount t/sa (subjects)']);
    expect(refs({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a', namespace: 'argocd' }, spec: { project: 'p' } }).slice(2))
      .toEqual(['argoproj.io/AppProject argocd/p (project)']);
  });

  test('a PodDefault selects the pods whose labels match, in its namespace: a Notebook\'s own labels, pod template labels', () => {
    const pd: Manifest = { apiVersion: 'kubeflow.org/v1alpha1', kind: 'PodDefault', metadata: { name: 'x', namespace: 't' }, spec: { selector: { matchLabels: { x: 'true' } } } };
    const nb = (labels: Record<string, string>, namespace = 't'): Manifest => ({ apiVersion: 'kubeflow.org/v1', kind: 'Notebook', metadata: { name: 'n', namespace, labels }, spec: { template: { spec: { containers: [] } } } });
    expect(selectsPodsOf(pd, nb({ x: 'true' }))).toBe(true);
    expect(selectsPodsOf(pd, nb({ x: 'false' }))).toBe(false);
    expect(selectsPodsOf(pd, nb({ x: 'true' }, 'other'))).toBe(false);
    const job: Manifest = { apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'j', namespace: 't' }, spec: { pytorchReplicaSpecs: { Worker: { template: { metadata: { labels: { x: 'true' } }, spec: { containers: [] } } } } } };
    expect(selectsPodsOf(pd, job)).toBe(true);
  });
});
