// Which objects an object needs to exist before it can be applied and work: its namespace,
// the service accounts, claims, config maps and secrets its pods use, the PodDefaults that
// mutate its pods, the runtime it runs on, the role a binding grants. Facts over plain
// manifests, for ordering (Argo CD sync waves) and for explaining a missing dependency.
import { groupOf, Manifest } from './manifest';

/** An object by kind and name, as another object refers to it. */
export interface ObjectRef {
  /** API group, `''` for the core group. */
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** Undefined for a cluster-scoped object. */
  readonly namespace?: string;
  /** Why the object needs it, e.g. `serviceAccountName`, `namespace`, `runtimeRef`. */
  readonly via: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The objects `m` refers to by name. A reference is a fact about `m` alone: whether the target
 * is among the objects at hand (or exists in the cluster) is for the caller to resolve.
 * PodDefaults select pods by label, so they are not listed here: see {@link selectsPodsOf}.
 */
export function referencesOf(m: Manifest): ObjectRef[] {
  const refs: ObjectRef[] = [];
  const ns = m.metadata?.namespace;
  const group = groupOf(m.apiVersion);
  if (ns) {
    // A tenant's namespace is created by its Profile (the profile controller), or by a Namespace object.
    refs.push({ group: '', kind: 'Namespace', name: ns, via: 'namespace' }, { group: 'kubeflow.org', kind: 'Profile', name: ns, via: 'namespace' });
  }
  const spec = isObject(m.spec) ? m.spec : {};
  if (ns) walkPodFields(m, ns, refs);
  if (group === 'trainer.kubeflow.org' && m.kind === 'TrainJob' && isObject(spec.runtimeRef)) {
    const kind = str(spec.runtimeRef.kind) ?? 'ClusterTrainingRuntime';
    const name = str(spec.runtimeRef.name);
    if (name) refs.push({ group: 'trainer.kubeflow.org', kind, name, namespace: kind === 'TrainingRuntime' ? ns : undefined, via: 'runtimeRef' });
  }
  if (group === 'pipelines.kubeflow.org' && m.kind === 'PipelineVersion') {
    const name = str(spec.pipelineName);
    if (name) refs.push({ group, kind: 'Pipeline', name, namespace: ns, via: 'pipelineName' });
  }
  if (group === 'serving.kserve.io' && m.kind === 'InferenceService') {
    for (const component of ['predictor', 'transformer', 'explainer']) {
      const model = isObject(spec[component]) ? (spec[component] as Json).model : undefined;
      const runtime = isObject(model) ? str(model.runtime) : undefined;
      // KServe looks for a ServingRuntime of the namespace first, then a ClusterServingRuntime.
      if (runtime) refs.push({ group, kind: 'ServingRuntime', name: runtime, namespace: ns, via: `${component}.model.runtime` }, { group, kind: 'ClusterServingRuntime', name: runtime, via: `${component}.model.runtime` });
    }
  }
  if (group === 'serving.kserve.io' && m.kind === 'InferenceGraph' && isObject(spec.nodes)) {
    for (const node of Object.values(spec.nodes)) {
      for (const step of isObject(node) && Array.isArray(node.steps) ? node.steps : []) {
        const name = isObject(step) ? str(step.serviceName) : undefined;
        if (name) refs.push({ group, kind: 'InferenceService', name, namespace: ns, via: 'nodes.steps.serviceName' });
      }
    }
  }
  if (group === 'kubeflow.org' && m.kind === 'Experiment' && isObject(spec.trialTemplate) && isObject(spec.trialTemplate.trialSpec)) {
    // The trial job is created by Katib in the experiment's namespace: what it needs, the experiment needs.
    const trial = spec.trialTemplate.trialSpec as Json;
    if (typeof trial.apiVersion === 'string' && typeof trial.kind === 'string') {
      const inner = referencesOf({ ...trial, apiVersion: trial.apiVersion, kind: trial.kind, metadata: { ...(isObject(trial.metadata) ? trial.metadata : {}), namespace: ns } });
      refs.push(...inner.filter((r) => r.via !== 'namespace').map((r) => ({ ...r, via: `trialTemplate.trialSpec: ${r.via}` })));
    }
  }
  if (group === 'kubeflow.org' && m.kind === 'Experiment' && isObject(spec.trialTemplate) && isObject(spec.trialTemplate.configMap)) {
    const cm = spec.trialTemplate.configMap;
    const name = str(cm.configMapName);
    if (name) refs.push({ group: '', kind: 'ConfigMap', name, namespace: str(cm.configMapNamespace) ?? ns, via: 'trialTemplate.configMap' });
  }
  if (group === 'rbac.authorization.k8s.io' && (m.kind === 'RoleBinding' || m.kind === 'ClusterRoleBinding')) {
    const roleRef = isObject(m.roleRef) ? m.roleRef : {};
    const name = str(roleRef.name);
    if (name && roleRef.kind === 'Role') refs.push({ group, kind: 'Role', name, namespace: ns, via: 'roleRef' });
    if (name && roleRef.kind === 'ClusterRole') refs.push({ group, kind: 'ClusterRole', name, via: 'roleRef' });
    for (const s of Array.isArray(m.subjects) ? m.subjects : []) {
      const name = isObject(s) && s.kind === 'ServiceAccount' ? str(s.name) : undefined;
      if (name) refs.push({ group: '', kind: 'ServiceAccount', name, namespace: str((s as Json).namespace) ?? ns, via: 'subjects' });
    }
  }
  if (group === 'argoproj.io' && (m.kind === 'Application' || m.kind === 'ApplicationSet')) {
    const project = m.kind === 'Application' ? str(spec.project) : undefined;
    if (project) refs.push({ group, kind: 'AppProject', name: project, namespace: ns, via: 'project' });
  }
  return dedupe(refs);
}

/**
 * Whether the PodDefault `podDefault` selects pods of `m`: `m` runs pods (has a pod template,
 * or is a Notebook, whose labels the controller copies to its pod) in the PodDefault's namespace,
 * and one of its pod label sets matches the PodDefault's `matchLabels`.
 */
export function selectsPodsOf(podDefault: Manifest, m: Manifest): boolean {
  if (podDefault.kind !== 'PodDefault' || m.kind === 'PodDefault' || m.metadata?.namespace !== podDefault.metadata?.namespace) return false;
  const spec = isObject(podDefault.spec) ? podDefault.spec : {};
  const selector = isObject(spec.selector) && isObject(spec.selector.matchLabels) ? spec.selector.matchLabels : undefined;
  if (!selector || Object.keys(selector).length === 0) return false;
  return podLabelSets(m).some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v));
}

/** The label sets of the pods an object makes: each pod template's, and the object's own for a Notebook. */
function podLabelSets(m: Manifest): Array<Record<string, unknown>> {
  const sets: Array<Record<string, unknown>> = [];
  if (m.kind === 'Notebook') sets.push({ ...m.metadata?.labels });
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(visit); return; }
    if (!isObject(v)) return;
    // A pod template: { metadata: { labels }, spec: { containers } }.
    if (isObject(v.spec) && Array.isArray(v.spec.containers)) sets.push(isObject(v.metadata) && isObject(v.metadata.labels) ? v.metadata.labels : {});
    Object.values(v).forEach(visit);
  };
  visit(m.spec);
  return sets;
}

/**
 * The service accounts, claims, config maps and secrets named anywhere in the pod specs and
 * containers an object embeds (Notebook and job templates, runtimes, KServe components, trial
 * templates): one walk for every kind, keyed on the core field names.
 */
function walkPodFields(m: Manifest, ns: string, refs: ObjectRef[]): void {
  const push = (kind: string, name: unknown, via: string) => {
    const n = str(name);
    if (n) refs.push({ group: '', kind, name: n, namespace: ns, via });
  };
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(visit); return; }
    if (!isObject(v)) return;
    if ('serviceAccountName' in v) push('ServiceAccount', v.serviceAccountName, 'serviceAccountName');
    if (isObject(v.persistentVolumeClaim)) push('PersistentVolumeClaim', v.persistentVolumeClaim.claimName, 'volumes.persistentVolumeClaim');
    if (isObject(v.configMap) && 'name' in v.configMap) push('ConfigMap', v.configMap.name, 'volumes.configMap');
    if (isObject(v.secret) && 'secretName' in v.secret) push('Secret', v.secret.secretName, 'volumes.secret');
    if (isObject(v.configMapKeyRef)) push('ConfigMap', v.configMapKeyRef.name, 'env.valueFrom.configMapKeyRef');
    if (isObject(v.secretKeyRef)) push('Secret', v.secretKeyRef.name, 'env.valueFrom.secretKeyRef');
    if (isObject(v.configMapRef)) push('ConfigMap', v.configMapRef.name, 'envFrom.configMapRef');
    if (isObject(v.secretRef)) push('Secret', v.secretRef.name, 'envFrom.secretRef');
    if (Array.isArray(v.imagePullSecrets)) for (const s of v.imagePullSecrets) if (isObject(s)) push('Secret', s.name, 'imagePullSecrets');
    Object.values(v).forEach(visit);
  };
  visit(m.spec);
}

function dedupe(refs: ObjectRef[]): ObjectRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = refKey(r);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** `group/Kind namespace/name`: one object's identity, to match references against objects. */
export function refKey(r: { readonly group: string; readonly kind: string; readonly name: string; readonly namespace?: string }): string {
  return `${r.group}/${r.kind} ${r.namespace ?? ''}/${r.name}`;
}

/** The identity of a manifest, as {@link refKey} spells it. */
export function objectKey(m: Manifest): string {
  return refKey({ group: groupOf(m.apiVersion), kind: m.kind, name: m.metadata?.name ?? '', namespace: m.metadata?.namespace });
}
