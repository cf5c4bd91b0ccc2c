import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { INVENTORY_CRD, LABELS } from '../../manifest';
import {
  checkImage, checkName, Cpu, emit, fail, lazy, NameRule, renderResources, Resource, ResourceProps, ResourcesProps, Size, Stack,
} from '../core';
import { Container, PodSpec } from '../wire/core';
import { labelSelectorProblem } from './label-selector';
import { clusterRulesFor, leaseRules } from './rbac';

/** The image the project publishes, tagged with this package's version. */
export const RECONCILER_IMAGE_REPOSITORY = 'ghcr.io/example/cdk8s-kubeflow';

/** The reconciler's settings; `metadata` labels and annotates its Deployment. */
export interface ReconcilerProps extends ResourceProps {
  /** The reconciler's image (built from the repository's Dockerfile). @default - `ghcr.io/example/cdk8s-kubeflow:<this package's version>` */
  readonly image?: string;
  /** Name of its objects (Deployment, ServiceAccount, ClusterRole…) and of its Lease: unique per cluster. @default 'cdk8s-kubeflow-reconciler' */
  readonly name?: string;
  /** The namespace it runs in; emitted as a Namespace. @default 'cdk8s-kubeflow' */
  readonly namespace?: string;
  /**
   * A label selector of the Inventories (stacks) it reconciles, e.g. `team=research`: several
   * reconcilers, each with its own `name`, split the stacks of a large platform.
   * @default - every Inventory in the cluster
   */
  readonly stackSelector?: string;
  /**
   * The stacks whose kinds the ClusterRole may read: list only those `stackSelector` selects to
   * narrow it.
   * @default - every Stack of the app (computed at synth)
   */
  readonly stacks?: readonly Stack[];
  /** Replicas: one leads (writes), the others keep warm caches and take over. @default 2 */
  readonly replicas?: number;
  /** Container resources. @default - 100m CPU and 128 MiB requested, 512 MiB limit */
  readonly resources?: ResourcesProps;
  /** Port of `/metrics`, `/healthz` and `/readyz`. @default 8080 */
  readonly port?: number;
}

const DEFAULT_RESOURCES: ResourcesProps = { cpu: { request: Cpu.millis(100) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) } };

/**
 * The in-cluster reconciler (`cdk8s-kubeflow reconcile`): its Namespace, the Inventory CRD,
 * a ServiceAccount with a least-privilege ClusterRole computed at synth from the kinds the
 * stacks emit (read those and Inventories; write only Inventory status and Events) and a Role
 * for its Lease, the Deployment (non-root, read-only root file system, probes on /healthz and
 * /readyz) and a Service for its metrics. Put it in a stack of its own, delivered like the others.
 */
export class Reconciler extends Resource {
  public readonly apiVersion = 'apps/v1';
  public readonly kind = 'Deployment';
  /** The name of its objects and of its Lease. */
  public readonly name: string;
  public readonly namespace: string;
  /** The Deployment. */
  public readonly apiObject: ApiObject;
  /** The ClusterRole, computed at synth. */
  public readonly clusterRole: ApiObject;

  constructor(scope: Construct, id: string, props: ReconcilerProps = {}) {
    super(scope, id);
    this.name = checkName(this, 'name', props.name ?? 'cdk8s-kubeflow-reconciler', NameRule.LABEL);
    this.namespace = checkName(this, 'namespace', props.namespace ?? 'cdk8s-kubeflow', NameRule.LABEL);
    const image = props.image ?? `${RECONCILER_IMAGE_REPOSITORY}:${packageVersion()}`;
    checkImage(this, 'image', image);
    const replicas = props.replicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 1) fail(this, 'replicas', `must be a whole number ≥ 1, got ${replicas}`, 'give 2 (one leader, one standby) or more');
    const port = props.port ?? 8080;
    if (!Number.isInteger(port) || port < 1024 || port > 65535) fail(this, 'port', `must be a whole number from 1024 to 65535 (it runs as non-root), got ${port}`, 'use e.g. 8080');
    const selectorProblem = props.stackSelector === undefined ? undefined : labelSelectorProblem(props.stackSelector);
    if (selectorProblem) {
      fail(this, 'stackSelector', `"${props.stackSelector}" is not a label selector: ${selectorProblem}`, 'use e.g. "team=research" or "tier in (ml),env!=dev", or leave it out for every stack');
    }
    if (props.stacks !== undefined && props.stacks.length === 0) {
      fail(this, 'stacks', 'is empty: the reconciler could read no kind but Inventories', 'list the stacks it reconciles, or leave it out for every stack of the app');
    }
    const meta = (component: string, namespace?: string) => ({ name: this.name, namespace, appName: 'reconciler', component, instance: this.name });
    const rbac = 'rbac.authorization.k8s.io/v1';
    const subjects = [{ kind: 'ServiceAccount', name: this.name, namespace: this.namespace }];

    emit(this, 'Namespace', { apiVersion: 'v1', kind: 'Namespace' }, { ...meta('reconciler'), name: this.namespace }, {});
    emit(this, 'Crd', { apiVersion: INVENTORY_CRD.apiVersion, kind: INVENTORY_CRD.kind },
      { ...meta('inventory'), name: INVENTORY_CRD.metadata!.name! }, { spec: INVENTORY_CRD.spec });
    emit(this, 'ServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount' }, meta('reconciler', this.namespace), {});
    const app = Stack.of(this).node.scope!;
    const stacks = () => props.stacks ?? app.node.children.filter((c): c is Stack => Stack.isStack(c));
    this.clusterRole = emit(this, 'ClusterRole', { apiVersion: rbac, kind: 'ClusterRole' }, meta('rbac'), { rules: lazy(() => clusterRulesFor(stacks())) });
    emit(this, 'ClusterRoleBinding', { apiVersion: rbac, kind: 'ClusterRoleBinding' }, meta('rbac'),
      { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: this.name }, subjects });
    emit(this, 'Role', { apiVersion: rbac, kind: 'Role' }, meta('rbac', this.namespace), { rules: leaseRules(this.name) });
    emit(this, 'RoleBinding', { apiVersion: rbac, kind: 'RoleBinding' }, meta('rbac', this.namespace),
      { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: this.name }, subjects });

    const selector = { [LABELS.name]: 'reconciler', [LABELS.instance]: this.name };
    this.apiObject = this.emitResource({ ...meta('reconciler', this.namespace), ...props.metadata }, {
      spec: {
        replicas,
        selector: { matchLabels: selector },
        template: { metadata: { labels: selector }, spec: this.podSpec(image, port, props) },
      },
    });
    emit(this, 'Service', { apiVersion: 'v1', kind: 'Service' }, meta('metrics', this.namespace), {
      spec: { selector, ports: [{ name: 'metrics', port, targetPort: 'metrics', protocol: 'TCP' }] },
    });
  }

  private podSpec(image: string, port: number, props: ReconcilerProps): PodSpec {
    const args = ['reconcile', '--namespace', this.namespace, '--port', String(port), '--lease-name', this.name,
      ...(props.stackSelector ? ['--stacks', props.stackSelector] : [])];
    const probe = (path: string) => ({ httpGet: { path, port: 'metrics' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 });
    const container: Container = {
      name: 'reconciler',
      image,
      args,
      // The pod name is the Events' reportingInstance.
      env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      ports: [{ name: 'metrics', containerPort: port, protocol: 'TCP' }],
      livenessProbe: probe('/healthz'),
      // Ready once its caches are synced, leader or not.
      readinessProbe: probe('/readyz'),
      resources: renderResources(this, 'resources', props.resources ?? DEFAULT_RESOURCES),
      securityContext: {
        runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
      },
    };
    return {
      serviceAccountName: this.name,
      // The node image's `node` user; runAsNonRoot needs a numeric user to verify.
      securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
      // SIGTERM releases the Lease at once, so a standby takes over within its retry period.
      terminationGracePeriodSeconds: 30,
      containers: [container],
    };
  }
}

/** This package's version, for the default image tag: from the package.json above this file (in the sources or in lib/). */
function packageVersion(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
    if (pkg.name === 'cdk8s-kubeflow') return pkg.version;
  }
  throw new Error(`cannot find the cdk8s-kubeflow package.json above ${__dirname}`);
}
