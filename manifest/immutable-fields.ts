// Which changes to an object the cluster refuses, or accepts without carrying them through,
// per kind we emit (and the core kinds a reviewer meets next to them): facts from the API
// server's validation, CEL rules of the CRDs (`self == oldSelf`), admission webhooks and
// controllers, at the releases in schemas/<preset>/SOURCES.md (the same in every preset), each with its upstream source. `diff`
// flags such changes in pull requests with the remedy; Argo CD would otherwise fail the sync
// (`field is immutable`) with no hint. Facts only: imports nothing but the manifest contract.
import { groupOf } from './manifest';

/** A field: one segment per key, from the object's root; `*` matches any list item or map key. */
export type FieldPath = readonly string[];

/** Who refuses the change: the API server's own validation, a CEL rule of the CRD, an admission webhook, or a controller. */
export type Enforcer = 'api-server' | 'cel' | 'webhook' | 'controller';

/**
 * How a field may change: `never` (any change is refused, adding or removing it too);
 * `grow-only` (a quantity that may increase but not decrease); `set-once` (leaving it out keeps
 * the cluster's value, but setting another value is refused).
 */
export type ChangeRule = 'never' | 'grow-only' | 'set-once';

export interface ImmutableField {
  readonly path: FieldPath;
  /** Fields under `path` that may change. @default none */
  readonly except?: readonly FieldPath[];
  /** How it may change. @default 'never' */
  readonly rule?: ChangeRule;
  /** Values the admission webhook treats as the same (legacy names), compared after mapping. @default none */
  readonly aliases?: Readonly<Record<string, string>>;
  /** The field may change when one of these changes in the same update. @default none */
  readonly unlessAlsoChanged?: readonly FieldPath[];
  /** The rule holds only when the object (as it was) has this value at this path. @default always */
  readonly onlyIf?: { readonly path: FieldPath; readonly equals: unknown };
  readonly enforcedBy: Enforcer;
  /** What the cluster says or does. */
  readonly message: string;
  /** The states in which the cluster accepts the change after all (e.g. a suspended job). @default none */
  readonly unless?: string;
  /**
   * What to do instead when this field's remedies differ from the kind's (a claim that shrinks
   * can keep its size; one whose storage class changes cannot): replaces the kind's
   * {@link KindImmutability.remedies} for this field, in the order to prefer them. @default the kind's
   */
  readonly remedies?: readonly Remedy[];
  /** The upstream code or schema, at the release of schemas/<preset>/SOURCES.md. */
  readonly source: string;
}

/**
 * A change the cluster accepts, but which does not reach what already runs (`not-applied`),
 * which it applies by restarting what runs (`restarts`), or which it refuses in some states of
 * the object (`may-be-refused`).
 */
export interface FieldCaution {
  readonly path: FieldPath;
  /** Fields under `path` the caution does not cover. @default none */
  readonly except?: readonly FieldPath[];
  readonly effect: 'not-applied' | 'restarts' | 'may-be-refused';
  /** Said of the changes the cluster accepts: a change refused by an immutable field of the kind gets no caution (its effect never happens). */
  readonly message: string;
  readonly source: string;
}

/**
 * What to do instead of changing an immutable field in place: give the object a new name (a new
 * object is created and the old one pruned), have Argo CD delete and re-create it
 * (`syncOptions`, as the object's `argocd.argoproj.io/sync-options` annotation), or edit
 * the change itself.
 */
export interface Remedy {
  readonly kind: 'new-name' | 'recreate' | 'edit';
  readonly text: string;
  /** The sync options that make Argo CD re-create the object. @default none */
  readonly syncOptions?: string;
}

export interface KindImmutability {
  /** API group, `''` for the core group. */
  readonly group: string;
  readonly kind: string;
  readonly immutable: readonly ImmutableField[];
  readonly cautions: readonly FieldCaution[];
  /** What to do instead of changing an immutable field, in the order to prefer them; a field with its own `remedies` has those instead. */
  readonly remedies: readonly Remedy[];
  /** What deleting the object takes with it: a removed or renamed object is pruned. @default nothing beyond itself */
  readonly onDelete?: string;
}

/**
 * The sync options that make Argo CD delete and re-create an object (`kubectl delete` and
 * `create`). `Replace=true` alone is not enough: `kubectl replace` is an update, and the API
 * server refuses an immutable field in an update as in a patch.
 * Source: https://github.com/argoproj/argo-cd/blob/v3.5.1/docs/user-guide/sync-options.md#force-sync
 */
export const RECREATE_SYNC_OPTIONS = 'Force=true,Replace=true';

const K8S = 'https://github.com/kubernetes/kubernetes/blob/v1.35.8/pkg/apis';
const TRAINER_V1 = 'https://github.com/kubeflow/trainer/blob/v1.9.4';
const TRAINER_V2 = 'https://github.com/kubeflow/trainer/blob/v2.3.0';
const KATIB = 'https://github.com/kubeflow/katib/blob/v0.19.0';
const KSERVE = 'https://github.com/kserve/kserve/blob/v0.20.0';
const NOTEBOOKS = 'https://github.com/kubeflow/notebooks/blob/v1.11.0';
const DASHBOARD = 'https://github.com/kubeflow/dashboard/blob/v2.0.0';

/** `a.b.c` → `['a', 'b', 'c']`. */
const f = (dotted: string): FieldPath => dotted.split('.');

const newName = (what: string): Remedy => ({ kind: 'new-name', text: `give it a new name: ${what}` });
const recreate = (what: string): Remedy => ({
  kind: 'recreate', syncOptions: RECREATE_SYNC_OPTIONS,
  text: `annotate it \`argocd.argoproj.io/sync-options: ${RECREATE_SYNC_OPTIONS}\` so that Argo CD deletes and re-creates it: ${what}`,
});

/** A claim's spec cannot change in place: only a new claim has the new spec, and it starts empty. */
const PVC_NEW_CLAIM = newName('a new, empty claim is created (the data is not moved): copy the data over before the old claim is pruned');

const RUN_ONCE_REMEDIES = (what: string): Remedy[] => [
  newName(`Argo CD creates the new ${what} and prunes the old one with what it ran`),
  recreate(`the running ${what} is stopped and starts over`),
];

const INFERENCE_SERVICE_REMEDIES: Remedy[] = [
  newName('deploy the new service beside the old one and move the clients over, then remove the old one'),
  recreate('the endpoint is down until the new service is ready'),
];

/** The six Trainer v1 jobs: one CRD shape, one controller. */
const TRAINING_V1_KINDS = ['PyTorchJob', 'TFJob', 'MPIJob', 'XGBoostJob', 'PaddleJob', 'JAXJob'];
/** The v1 kinds whose update webhook checks `runPolicy.managedBy` (PyTorchJob's passes the new object as the old one, JAXJob's and MPIJob's check nothing). */
const MANAGED_BY_CHECKED = ['TFJob', 'XGBoostJob', 'PaddleJob'];

function trainingV1(kind: string): KindImmutability {
  return {
    group: 'kubeflow.org', kind,
    immutable: [
      {
        path: f('spec.runPolicy.schedulingPolicy.queue'), enforcedBy: 'cel',
        message: 'spec.runPolicy.schedulingPolicy.queue is immutable (a CEL rule of the CRD)',
        source: `${TRAINER_V1}/pkg/apis/kubeflow.org/v1/common_types.go`,
      },
      ...(MANAGED_BY_CHECKED.includes(kind) ? [{
        path: f('spec.runPolicy.managedBy'), enforcedBy: 'webhook' as const,
        message: 'the training operator\'s validating webhook refuses a changed spec.runPolicy.managedBy',
        source: `${TRAINER_V1}/pkg/common/util/webhooks.go`,
      }] : []),
    ],
    cautions: [{
      path: f('spec'), effect: 'not-applied',
      message: 'the training operator creates a pod from its replica template only when the pod is missing: running pods keep the old spec, and a finished job does not run again',
      source: `${TRAINER_V1}/pkg/controller.v1/common/pod.go`,
    }],
    remedies: RUN_ONCE_REMEDIES('job'),
  };
}

const TRAINING_RUNTIME_CEL = (kind: string): KindImmutability => ({
  group: 'trainer.kubeflow.org', kind,
  immutable: [
    ...['failurePolicy', 'network', 'startupPolicy', 'successPolicy', 'volumeClaimPolicies'].map((field): ImmutableField => ({
      path: f(`spec.template.spec.${field}`), enforcedBy: 'cel',
      message: `spec.template.spec.${field} is immutable (a CEL rule of the JobSet template the CRD embeds)`,
      source: `${TRAINER_V2}/manifests/base/crds/trainer.kubeflow.org_${kind.toLowerCase()}s.yaml`,
    })),
    {
      path: f('spec.template.spec.replicatedJobs.*.dependsOn'), enforcedBy: 'cel',
      message: 'a replicated job\'s dependsOn is immutable (a CEL rule of the JobSet template the CRD embeds)',
      source: `${TRAINER_V2}/manifests/base/crds/trainer.kubeflow.org_${kind.toLowerCase()}s.yaml`,
    },
  ],
  cautions: [{
    path: f('spec'), effect: 'not-applied',
    message: 'a TrainJob is built from its runtime when it starts; running TrainJobs keep the JobSet they were built with',
    source: `${TRAINER_V2}/pkg/runtime/framework/plugins/jobset/jobset.go`,
  }],
  remedies: [
    newName('TrainJobs refer to a runtime by name, so point the new ones at it'),
    recreate('TrainJobs created while it is missing are refused'),
  ],
});

const BINDING_ROLE_REF = (kind: string): KindImmutability => ({
  group: 'rbac.authorization.k8s.io', kind,
  immutable: [{
    path: f('roleRef'), enforcedBy: 'api-server', message: 'cannot change roleRef',
    source: `${K8S}/rbac/validation/validation.go#L${kind === 'RoleBinding' ? 161 : 205}`,
  }],
  cautions: [],
  remedies: [
    newName('bind the new role under a new name (Kubeflow\'s contributor bindings carry the role in their name, so a changed role is a new binding)'),
    recreate('the subjects lose the role for a moment'),
  ],
});

const DATA_WHEN_IMMUTABLE = (fields: string[], line: number): ImmutableField[] =>
  [...fields, 'immutable'].map((field) => ({
    path: [field], enforcedBy: 'api-server', onlyIf: { path: ['immutable'], equals: true },
    message: `${field} is immutable when \`immutable\` is set`,
    source: `${K8S}/core/validation/validation.go#L${line}`,
  }));

const FACTS: readonly KindImmutability[] = [
  {
    group: 'kubeflow.org', kind: 'Experiment',
    immutable: [{
      path: f('spec'), except: [f('spec.maxTrialCount'), f('spec.parallelTrialCount'), f('spec.maxFailedTrialCount')],
      enforcedBy: 'webhook',
      message: 'Katib\'s validating webhook: only spec.parallelTrialCount, spec.maxTrialCount and spec.maxFailedTrialCount are editable',
      source: `${KATIB}/pkg/webhook/v1beta1/experiment/validator/validator.go`,
    }],
    cautions: [{
      path: f('spec'), effect: 'may-be-refused',
      message: 'a finished experiment restarts only if it succeeded by reaching maxTrialCount with resumePolicy LongRunning or FromVolume, and maxTrialCount must stay above the trials already run',
      source: `${KATIB}/pkg/webhook/v1beta1/experiment/validator/validator.go`,
    }],
    remedies: [
      newName('a new experiment starts from scratch, and the old one is pruned with its trials'),
      recreate('its trials are deleted and it starts over'),
    ],
  },
  ...TRAINING_V1_KINDS.map(trainingV1),
  {
    group: 'trainer.kubeflow.org', kind: 'TrainJob',
    immutable: [
      ...['runtimeRef', 'initializer', 'trainer', 'activeDeadlineSeconds', 'managedBy'].map((field): ImmutableField => ({
        path: ['spec', field], enforcedBy: 'cel', message: `spec.${field} is immutable (a CEL rule of the CRD)`,
        source: `${TRAINER_V2}/pkg/apis/trainer/v1alpha1/trainjob_types.go`,
      })),
      {
        path: f('spec.runtimePatches'), enforcedBy: 'webhook',
        message: 'Trainer\'s validating webhook: RuntimePatches can only be modified when the TrainJob is suspended before or after the update',
        unless: 'the TrainJob is suspended (spec.suspend: true) before or after the update, and none of its jobs is still active',
        source: `${TRAINER_V2}/pkg/runtime/framework/plugins/jobset/jobset.go`,
      },
    ],
    cautions: [],
    remedies: RUN_ONCE_REMEDIES('TrainJob'),
  },
  TRAINING_RUNTIME_CEL('TrainingRuntime'),
  TRAINING_RUNTIME_CEL('ClusterTrainingRuntime'),
  {
    group: 'serving.kserve.io', kind: 'InferenceService',
    immutable: [
      {
        path: ['metadata', 'annotations', 'serving.kserve.io/deploymentMode'], enforcedBy: 'webhook',
        aliases: { RawDeployment: 'Standard', Serverless: 'Knative' },
        message: 'KServe\'s validating webhook: deploymentMode cannot be changed once the service has been deployed',
        source: `${KSERVE}/pkg/apis/serving/v1beta1/inference_service_validation.go#L691`,
      },
      {
        path: f('spec.predictor.name'), unlessAlsoChanged: [f('spec.predictor.*.storageUri')], enforcedBy: 'webhook',
        message: 'KServe\'s validating webhook: predictor.name change requires a model change (e.g. storageUri)',
        remedies: [{ kind: 'edit', text: 'keep the predictor\'s name, or rename it together with a new model (storageUri)' }, ...INFERENCE_SERVICE_REMEDIES],
        source: `${KSERVE}/pkg/apis/serving/v1beta1/inference_service_validation.go#L703`,
      },
    ],
    cautions: [],
    remedies: INFERENCE_SERVICE_REMEDIES,
  },
  {
    group: 'kubeflow.org', kind: 'Notebook',
    immutable: [],
    cautions: [
      {
        path: f('spec.template.spec'), effect: 'restarts',
        message: 'the notebook controller rolls the new pod spec out: the notebook restarts, and what is not saved in the workspace is lost',
        source: `${NOTEBOOKS}/components/notebook-controller/reconcilehelper/util.go`,
      },
      {
        path: f('metadata.labels'), effect: 'not-applied',
        message: 'the notebook controller copies labels to the pod template only when it creates the StatefulSet: a changed label (a PodDefault selection too) reaches the pod only once the notebook is re-created',
        source: `${NOTEBOOKS}/components/notebook-controller/controllers/notebook_controller.go`,
      },
      {
        path: f('metadata.annotations'), effect: 'not-applied',
        message: 'the notebook controller copies annotations to the pod template only when it creates the StatefulSet: a changed annotation reaches the pod only once the notebook is re-created',
        source: `${NOTEBOOKS}/components/notebook-controller/controllers/notebook_controller.go`,
      },
    ],
    remedies: [recreate('the notebook restarts; its workspace claim is a separate object and stays')],
  },
  {
    group: 'kubeflow.org', kind: 'PodDefault',
    immutable: [],
    cautions: [{
      path: f('spec'), effect: 'not-applied',
      message: 'Kubeflow\'s admission webhook applies PodDefaults when a pod is created: running pods (notebooks) keep the old settings until they restart',
      source: `${DASHBOARD}/components/poddefaults-webhooks/manifests/kustomize/base/mutating-webhook-configuration.yaml`,
    }],
    remedies: [],
  },
  {
    group: 'kubeflow.org', kind: 'Profile',
    immutable: [], cautions: [], remedies: [],
    onDelete: 'the profile controller owns its namespace: deleting the Profile deletes the namespace and everything in it',
  },
  {
    group: '', kind: 'Namespace',
    immutable: [], cautions: [], remedies: [],
    onDelete: 'deleting a namespace deletes everything in it',
  },
  {
    group: '', kind: 'PersistentVolumeClaim',
    immutable: [
      {
        // storageClassName, accessModes, volumeName, selector, volumeMode, dataSource…
        path: f('spec'), except: [f('spec.resources.requests.storage'), f('spec.volumeAttributesClassName')], enforcedBy: 'api-server',
        message: 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
        source: `${K8S}/core/validation/validation.go#L2539`,
      },
      {
        path: f('spec.resources.requests.storage'), rule: 'grow-only', enforcedBy: 'api-server',
        message: 'a claim cannot shrink (spec.resources.requests.storage: field can not be less than status.capacity)',
        remedies: [{ kind: 'edit', text: 'keep the size as it was (a claim can grow, never shrink)' }, PVC_NEW_CLAIM],
        source: `${K8S}/core/validation/validation.go#L2539`,
      },
    ],
    // Said of a claim that grows only: a shrink is refused above.
    cautions: [{
      path: f('spec.resources.requests.storage'), effect: 'may-be-refused',
      message: 'a claim grows only once it is bound, and only if its StorageClass has allowVolumeExpansion: true',
      source: `${K8S}/core/validation/validation.go#L2539`,
    }],
    remedies: [PVC_NEW_CLAIM],
    onDelete: 'a deleted claim\'s volume is deleted too when its StorageClass\'s reclaimPolicy is Delete (most dynamic provisioners\' default): its data is lost',
  },
  {
    group: 'batch', kind: 'Job',
    immutable: [
      {
        path: f('spec.template'), enforcedBy: 'api-server', message: 'spec.template: field is immutable',
        unless: 'the job is suspended: then nodeSelector, tolerations, node affinity, scheduling gates, labels and annotations of the template may change',
        source: `${K8S}/batch/validation/validation.go#L623`,
      },
      ...['selector', 'completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy'].map((field): ImmutableField => ({
        path: ['spec', field], enforcedBy: 'api-server', message: `spec.${field}: field is immutable`,
        source: `${K8S}/batch/validation/validation.go#L623`,
      })),
      {
        path: f('spec.completions'), enforcedBy: 'api-server', message: 'spec.completions: field is immutable',
        unless: 'the job is Indexed and completions changes together with parallelism, to the same value',
        source: `${K8S}/batch/validation/validation.go#L902`,
      },
    ],
    cautions: [],
    remedies: RUN_ONCE_REMEDIES('Job'),
  },
  {
    group: '', kind: 'Service',
    immutable: [
      ...['clusterIP', 'clusterIPs'].map((field): ImmutableField => ({
        path: ['spec', field], rule: 'set-once', enforcedBy: 'api-server', message: `spec.${field}: may not change once set`,
        unless: 'the type changes to or from ExternalName',
        source: `${K8S}/core/validation/validation.go#L9089`,
      })),
    ],
    cautions: [],
    remedies: [
      { kind: 'edit', text: 'leave clusterIP and clusterIPs out and let the cluster keep the address it allocated' },
      recreate('the service gets a new address and is unreachable for a moment'),
    ],
  },
  BINDING_ROLE_REF('RoleBinding'),
  BINDING_ROLE_REF('ClusterRoleBinding'),
  {
    group: '', kind: 'ConfigMap',
    immutable: DATA_WHEN_IMMUTABLE(['data', 'binaryData'], 7790),
    cautions: [],
    remedies: [newName('an immutable ConfigMap is replaced by a new one; point its users to the new name'), recreate('pods that mount it keep the old content until they restart')],
  },
  {
    group: '', kind: 'Secret',
    immutable: [
      { path: ['type'], enforcedBy: 'api-server', message: 'type: field is immutable', source: `${K8S}/core/validation/validation.go#L7733` },
      ...DATA_WHEN_IMMUTABLE(['data', 'stringData'], 7733),
    ],
    cautions: [],
    remedies: [newName('point its users to the new name'), recreate('pods that mount it keep the old content until they restart')],
  },
];

/** The key of a kind in {@link IMMUTABLE_FIELDS}: `<group>/<Kind>`, or the bare Kind for the core group. */
export function kindKey(group: string, kind: string): string {
  return group ? `${group}/${kind}` : kind;
}

/** Every kind's facts, by {@link kindKey}. */
export const IMMUTABLE_FIELDS: Readonly<Record<string, KindImmutability>> = Object.fromEntries(FACTS.map((k) => [kindKey(k.group, k.kind), k]));

/** The facts of an object's kind (any version of its group), or undefined when we know none. */
export function immutabilityOf(apiVersion: string, kind: string): KindImmutability | undefined {
  return IMMUTABLE_FIELDS[kindKey(groupOf(apiVersion), kind)];
}

/**
 * A field path the way reports write JSON paths: `.spec.template`, `.spec.replicatedJobs[*]`,
 * `.metadata.annotations["serving.kserve.io/deploymentMode"]`, `.containers[0]`; a segment
 * already in brackets (`[name=pytorch]`, a list item by key) is kept as it is.
 */
export function formatFieldPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '.';
  return path.map((s) => {
    if (typeof s === 'number') return `[${s}]`;
    if (s === '*') return '[*]';
    if (s.startsWith('[') && s.endsWith(']')) return s;
    return /^[A-Za-z_$][\w$-]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  }).join('');
}
