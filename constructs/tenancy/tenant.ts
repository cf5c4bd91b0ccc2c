import { ApiObject, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct, IConstruct } from 'constructs';
import { LABELS, QUOTA_KEYS_REQUIRING_AMOUNTS } from '../../manifest';
import {
  adopt, checkCount, checkGpu, checkMetadata, checkMetadataMap, checkName, Cpu, EmitMetadata, emit, fail, field as join, Gpu, INamespacedResource, NameRule,
  renderResources, Resource, ResourceProps, resourceName, ResourcesProps, Size, sizeQuantity, warnNamespaceLabel,
} from '../core';
import { Plugin, Profile } from '../wire/kubeflow-org';

/** What a contributor may do in a tenant's namespace (Kubeflow's `kubeflow-edit` / `kubeflow-view` cluster roles). */
export enum TenantRole {
  EDIT = 'edit',
  VIEW = 'view',
}

/** A user who shares a tenant's namespace. */
export interface Contributor {
  /** The user's identity as the auth proxy reports it, usually an email. */
  readonly email: string;
  /** @default TenantRole.EDIT */
  readonly role?: TenantRole;
}

/** Hard limits on what a tenant's namespace may request in total. */
export interface TenantQuota {
  /** Total CPU requests (`requests.cpu`). @default - unlimited */
  readonly cpu?: Cpu;
  /** Total memory requests (`requests.memory`). @default - unlimited */
  readonly memory?: Size;
  /** Total accelerators (`requests.<resource>`; extended resources can only be limited by request). @default - unlimited */
  readonly gpu?: Gpu;
  /** Total storage requested by PVCs (`requests.storage`). @default - unlimited */
  readonly storage?: Size;
  /** Number of PVCs. @default - unlimited */
  readonly persistentVolumeClaims?: number;
  /** Number of pods. @default - unlimited */
  readonly pods?: number;
  /** Total CPU limits (`limits.cpu`). @default - unlimited */
  readonly cpuLimit?: Cpu;
  /** Total memory limits (`limits.memory`). @default - unlimited */
  readonly memoryLimit?: Size;
  /**
   * Any other ResourceQuota entry, by resource name: object counts (`count/jobs.batch`,
   * `services.loadbalancers`), a second accelerator (`requests.amd.com/gpu`),
   * `requests.ephemeral-storage`, per-StorageClass storage (`fast.storageclass.storage.k8s.io/requests.storage`).
   * @default - none
   */
  readonly other?: Record<string, string>;
}

/** Options of {@link TenantPlugin.awsIamForServiceAccount}. */
export interface AwsIamForServiceAccountOptions {
  /** The IAM role's ARN, e.g. `arn:aws:iam::123456789012:role/kubeflow-team-a`. */
  readonly roleArn: string;
  /**
   * Only annotate the service account; leave the role's trust policy to you (the profile
   * controller then needs no IAM permissions).
   * @default false: the controller also adds the namespace's service account to the role's trust policy
   */
  readonly annotateOnly?: boolean;
}

/**
 * Cloud credentials for a tenant's pods (a Profile plugin): the profile controller binds the
 * namespace's `default-editor` service account, which notebooks and pipelines run as, to a
 * cloud identity.
 */
export class TenantPlugin {
  /**
   * AWS IAM roles for service accounts (EKS): annotates `default-editor` with
   * `eks.amazonaws.com/role-arn` and, unless `annotateOnly`, trusts it in the role's policy.
   */
  static awsIamForServiceAccount(options: AwsIamForServiceAccountOptions): TenantPlugin {
    return new TenantPlugin('AwsIamForServiceAccount', { awsIamRole: options.roleArn, annotateOnly: options.annotateOnly }, (scope, field) => {
      if (!IAM_ROLE_ARN.test(options.roleArn)) {
        fail(scope, join(field, 'roleArn'), `"${options.roleArn}" is not an IAM role ARN`, 'give the role\'s ARN, e.g. "arn:aws:iam::123456789012:role/kubeflow-team-a"');
      }
    });
  }
  /**
   * GKE Workload Identity: annotates `default-editor` with `iam.gke.io/gcp-service-account`
   * and grants it `roles/iam.workloadIdentityUser` on the Google service account.
   */
  static gcpWorkloadIdentity(gcpServiceAccount: string): TenantPlugin {
    return new TenantPlugin('WorkloadIdentity', { gcpServiceAccount }, (scope, field) => {
      // The controller takes the project from `<name>@<project>.iam.gserviceaccount.com` (GetProjectID).
      if (!GCP_SERVICE_ACCOUNT.test(gcpServiceAccount)) {
        fail(scope, join(field, 'gcpServiceAccount'), `"${gcpServiceAccount}" is not a Google service account of the form <name>@<project>.iam.gserviceaccount.com`,
          'give the Google service account\'s email, e.g. "kubeflow-team-a@my-project.iam.gserviceaccount.com"');
      }
    });
  }

  private constructor(
    /** The plugin kind the profile controller knows it by. */
    public readonly kind: string,
    private readonly spec: Record<string, unknown>,
    private readonly check: (scope: IConstruct, field: string) => void,
  ) {}

  /** Validates and renders the plugin. @internal */
  public _render(scope: IConstruct, field: string): Plugin {
    this.check(scope, field);
    return { kind: this.kind, spec: this.spec };
  }
}

// arn:<partition>:iam::<account>:role/[<path>/]<name>; the controller takes the name after the last "/".
const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const GCP_SERVICE_ACCOUNT = /^[a-z]([-a-z0-9]*[a-z0-9])?@[a-z]([-a-z0-9]*[a-z0-9])?\.iam\.gserviceaccount\.com$/;

export interface TenantProps extends ResourceProps {
  /** The owner's identity (email), who administers the namespace. */
  readonly owner: string;
  /**
   * Profile name, which is also the namespace Kubeflow creates for it.
   * @default - derived from the construct id
   */
  readonly name?: string;
  /** @default - no quota */
  readonly quota?: TenantQuota;
  /**
   * Requests and limits of containers of the namespace that state none (a LimitRange
   * `container-defaults`). Under a quota on cpu or memory the API server rejects pods whose
   * containers state none, and some controllers create such containers (the Feast operator's
   * init containers): give them defaults here.
   * @default - none
   */
  readonly containerDefaults?: ResourcesProps;
  /** @default - only the owner */
  readonly contributors?: Contributor[];
  /** Cloud credentials for the tenant's `default-editor` service account, one per kind. @default - none (the controller may add its configured default) */
  readonly plugins?: TenantPlugin[];
}

/** A tenant (a Kubeflow Profile and its namespace), defined in this app or existing outside it. */
export interface ITenant extends INamespacedResource {
  /** The tenant's namespace, which the profile controller names after the Profile. */
  readonly namespace: string;
  /**
   * Requires a label on the tenant's namespace (e.g. Katib's metrics-collector injection). A
   * tenant of this app sets it; for one that exists outside the app, synth warns that it must be set there.
   */
  addNamespaceLabel(key: string, value: string): void;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * A Kubeflow tenant: a Profile (the profile controller creates its namespace, owner role
 * bindings and quota) plus one RoleBinding per contributor, named the way Kubeflow's access
 * management (KFAM) names them, so the dashboard lists them as contributors.
 */
export class Tenant extends Resource implements ITenant {
  /** A tenant whose Profile exists outside this app (e.g. created by the Kubeflow dashboard), by name. */
  public static fromName(scope: Construct, id: string, name: string): ITenant {
    return new ExistingTenant(scope, id, name);
  }

  public readonly apiVersion = 'kubeflow.org/v1';
  public readonly kind = 'Profile';
  /** The Profile's name. */
  public readonly name: string;
  /** The namespace Kubeflow creates for this tenant (the profile name). */
  public readonly namespace: string;
  public readonly owner: string;
  public readonly apiObject: ApiObject;
  private readonly contributors = new Map<string, TenantRole>();
  /** RoleBinding name (without the role) → the email it was made for. */
  private readonly bindingNames = new Map<string, string>();
  private readonly namespaceLabels = new Map<string, string>();
  /** Quota keys that make the API server reject containers stating no amount, for which `containerDefaults` gives none. @internal */
  public readonly _defaultsMissing: readonly string[];
  private namespaceObject?: ApiObject;

  constructor(scope: Construct, id: string, props: TenantProps) {
    super(scope, id);
    this.name = resourceName(this, props.name, { rule: NameRule.LABEL });
    this.namespace = this.name;
    this.owner = checkEmail(this, 'owner', props.owner);
    const quota = renderQuota(this, props.quota);
    const spec: Profile['spec'] = {
      owner: { kind: 'User', name: this.owner },
      plugins: renderPlugins(this, props.plugins),
      resourceQuotaSpec: quota ? { hard: quota } : undefined,
    };
    this.apiObject = this.emitResource({ name: this.name, appName: 'profile', component: 'tenant', ...props.metadata }, { spec });
    for (const c of props.contributors ?? []) this.addContributor(c);
    if (props.containerDefaults) this.emitContainerDefaults(props.containerDefaults);
    this._defaultsMissing = QUOTA_KEYS_REQUIRING_AMOUNTS.filter((k) => quota?.[k] !== undefined
      && !(k.endsWith('cpu') ? props.containerDefaults?.cpu : props.containerDefaults?.memory));
  }

  /** Gives `contributor` access to the tenant's namespace. */
  public addContributor(contributor: Contributor): void {
    const email = checkEmail(this, 'contributors', contributor.email);
    const role = contributor.role ?? TenantRole.EDIT;
    if (email === this.owner) fail(this, 'contributors', `${email} is the owner`, 'the owner already has full access; remove it from contributors');
    if (this.contributors.has(email)) fail(this, 'contributors', `${email} is listed twice`, 'list each contributor once');
    // Kubeflow's access management replaces "@" and "." with "-"; any other character a name
    // cannot hold ("+", "_", …) is replaced the same way, so that every email gives a valid name.
    const user = `user-${email.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;
    const clash = this.bindingNames.get(user);
    if (clash !== undefined) {
      fail(this, 'contributors', `${email} and ${clash} give the same RoleBinding name "${user}-clusterrole-…"`,
        'list each person once, spelt as your auth proxy reports them: RoleBinding names ignore case and replace every character but letters, digits and "-" with "-"');
    }
    const meta: EmitMetadata = {
      name: `${user}-clusterrole-${role}`, namespace: this.namespace, appName: 'contributor', component: 'tenant', instance: this.namespace,
      annotations: { role, user: email },
    };
    checkMetadata(this, RBAC_ROLE_BINDING, meta);
    const binding = new kplus.RoleBinding(this, `Contributor-${email}`, {
      metadata: { name: meta.name, namespace: meta.namespace, annotations: meta.annotations },
      role: kplus.ClusterRole.fromClusterRoleName(this, `ClusterRole-${email}`, `kubeflow-${role}`),
    });
    binding.addSubjects(kplus.User.fromName(this, `User-${email}`, email));
    adopt(this, ApiObject.of(binding), meta);
    this.contributors.set(email, role);
    this.bindingNames.set(user, email);
  }

  /**
   * Labels the tenant's namespace, e.g. `katib.kubeflow.org/metrics-collector-injection: enabled`,
   * without which Katib rejects experiments. Kubeflow's profile controller labels the namespace
   * it creates only from its own config (namespace-labels.yaml) and does not copy the Profile's
   * labels (kubeflow/dashboard components/profile-controller/controllers/profile_controller.go),
   * so the tenant then emits the Namespace itself:
   * - annotated `owner: <owner>`, as the controller requires to adopt an existing namespace;
   * - labelled `app.kubernetes.io/part-of: kubeflow-profile`, as the controller labels it: the
   *   PodDefault webhook selects namespaces by it, and the controller never overwrites a label.
   */
  public addNamespaceLabel(key: string, value: string): void {
    checkMetadataMap(this, 'namespaceLabels', { [key]: value }, 'labels');
    const existing = this.namespaceLabels.get(key);
    if (existing !== undefined && existing !== value) {
      fail(this, `namespaceLabels.${key}`, `is already "${existing}", cannot also be "${value}"`, 'set each namespace label once');
    }
    this.namespaceLabels.set(key, value);
    this.namespaceObject ??= this.emitNamespace();
    this.namespaceObject.metadata.addLabel(key, value);
  }

  /** Contributors and their roles, sorted by email. */
  public get contributorList(): Contributor[] {
    return [...this.contributors.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([email, role]) => ({ email, role }));
  }

  private emitContainerDefaults(defaults: ResourcesProps): void {
    const r = renderResources(this, 'containerDefaults', defaults);
    if (!r) fail(this, 'containerDefaults', 'gives no request or limit', 'give cpu or memory, e.g. { cpu: { request: Cpu.millis(100) }, memory: { request: Size.mebibytes(256) } }');
    // A LimitRange's `defaultRequest` fills requests; `default` fills limits (and requests that are still missing).
    const limit = { type: 'Container', defaultRequest: r.requests, default: r.limits };
    emit(this, 'ContainerDefaults', { apiVersion: 'v1', kind: 'LimitRange' },
      { name: 'container-defaults', namespace: this.namespace, appName: 'limit-range', component: 'tenant', instance: this.namespace }, { spec: { limits: [limit] } });
  }

  private emitNamespace(): ApiObject {
    const meta: EmitMetadata = {
      name: this.namespace, appName: 'namespace', component: 'tenant',
      labels: { [LABELS.partOf]: 'kubeflow-profile' }, annotations: { owner: this.owner },
    };
    checkMetadata(this, { apiVersion: 'v1', kind: 'Namespace' }, meta);
    const ns = new kplus.Namespace(this, 'Namespace', { metadata: { name: meta.name, annotations: meta.annotations } });
    return adopt(this, ApiObject.of(ns), meta);
  }
}

/** A tenant that exists outside this app: its namespace labels cannot be set from here. */
class ExistingTenant extends Construct implements ITenant {
  public readonly namespace: string;
  constructor(scope: Construct, id: string, public readonly name: string) {
    super(scope, id);
    this.namespace = checkName(this, 'name', name, NameRule.LABEL);
  }

  public addNamespaceLabel(key: string, value: string): void {
    checkMetadataMap(this, 'namespaceLabels', { [key]: value }, 'labels');
    warnNamespaceLabel(this, this.namespace, key, value);
  }
}

const RBAC_ROLE_BINDING = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' };
function checkEmail(scope: Construct, field: string, email: string): string {
  if (!EMAIL.test(email)) fail(scope, field, `"${email}" is not an email address`, 'use the identity your auth proxy (e.g. Dex/oauth2-proxy) reports, such as "alice@example.com"');
  return email;
}

function renderPlugins(scope: Construct, plugins: readonly TenantPlugin[] | undefined): NonNullable<Profile['spec']>['plugins'] {
  if (!plugins?.length) return undefined;
  const kinds = new Set<string>();
  return plugins.map((p, i) => {
    // Both would set the same annotation of the same service account; the last would win.
    if (kinds.has(p.kind)) fail(scope, `plugins[${i}]`, `is a second ${p.kind} plugin`, 'give each plugin kind once');
    kinds.add(p.kind);
    return p._render(scope, `plugins[${i}]`);
  });
}

// A quota resource name: a qualified name, its prefix a DNS subdomain (`count/jobs.batch`, `requests.nvidia.com/gpu`).
const RESOURCE_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
// A Kubernetes quantity (resource.Quantity's syntax, as the ResourceQuota schema writes it).
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?(\d+(\.\d*)?|\.\d+))?$/;

function renderQuota(scope: Construct, q: TenantQuota | undefined): Record<string, string> | undefined {
  if (!q) return undefined;
  const hard: Record<string, string> = {};
  const count = (field: keyof TenantQuota, key: string, n: number | undefined) => {
    if (n === undefined) return;
    checkCount(scope, `quota.${field}`, n, 0, `give a count such as ${field === 'pods' ? 50 : 10}`);
    hard[key] = String(n);
  };
  // A zero total would block every pod (or claim), since each must then request some: leave it out instead.
  const total = (field: keyof TenantQuota, key: string, amount: number, quantity: string, example: string) => {
    if (!(amount > 0)) fail(scope, `quota.${field}`, `must be greater than zero, got ${quantity}`, `give a positive total such as ${example}, or leave it out`);
    hard[key] = quantity;
  };
  if (q.cpu) total('cpu', 'requests.cpu', q.cpu.millicores, q.cpu.toQuantity(), 'Cpu.units(16)');
  if (q.memory) total('memory', 'requests.memory', q.memory.toKibibytes({ rounding: SizeRoundingBehavior.NONE }), sizeQuantity(q.memory), 'Size.gibibytes(64)');
  if (q.storage) total('storage', 'requests.storage', q.storage.toKibibytes({ rounding: SizeRoundingBehavior.NONE }), sizeQuantity(q.storage), 'Size.tebibytes(1)');
  if (q.gpu) {
    // Zero is a meaningful quota ("no GPUs here"), unlike a pod's GPU request.
    if (q.gpu.count !== 0) checkGpu(scope, 'quota.gpu', q.gpu);
    hard[`requests.${q.gpu.resource}`] = String(q.gpu.count);
  }
  count('persistentVolumeClaims', 'persistentvolumeclaims', q.persistentVolumeClaims);
  count('pods', 'pods', q.pods);
  if (q.cpuLimit) total('cpuLimit', 'limits.cpu', q.cpuLimit.millicores, q.cpuLimit.toQuantity(), 'Cpu.units(32)');
  if (q.memoryLimit) total('memoryLimit', 'limits.memory', q.memoryLimit.toKibibytes({ rounding: SizeRoundingBehavior.NONE }), sizeQuantity(q.memoryLimit), 'Size.gibibytes(128)');
  for (const [key, value] of Object.entries(q.other ?? {})) {
    if (!RESOURCE_NAME.test(key)) fail(scope, `quota.other.${key}`, `"${key}" is not a resource name`, 'give a quota resource name such as "count/jobs.batch", "services.loadbalancers" or "requests.amd.com/gpu"');
    if (hard[key] !== undefined) fail(scope, `quota.other.${key}`, 'is set by another quota field too', `drop it from other, or drop the typed field that sets ${key}`);
    if (!QUANTITY.test(value)) fail(scope, `quota.other.${key}`, `"${value}" is not a quantity`, 'give a count such as "20" or an amount such as "500Gi"');
    hard[key] = value;
  }
  return Object.keys(hard).length ? hard : undefined;
}
