import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { groupOf, LABELS, Manifest } from '../../manifest';
import { addCheck, checkName, emit, fail, NameRule, Stack, StackProps } from '../core';
import { ClusterResourceBlacklistItem, Destination } from '../wire/argoproj-io';
import { ArgoCdApplication, ARGOCD_NAMESPACE } from './application';
import { ApplicationDestination, renderDestination, renderIgnoreDifference } from './application-spec';
import { HEALTH_LUA } from './health-lua';
import { ArgoCdProject, ProjectPermissions } from './project';
import { recreateRunOnceOnChange, RunOnce, runOnceIgnoreDifferences } from './run-once';
import { ARGOCD_SYNC_OPTIONS } from './sync-options';
import { SyncOption, SyncPolicyProps } from './sync-policy';
import { deriveSyncWaves } from './sync-waves';

/** The API server URL of the cluster Argo CD runs in. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';

export interface ArgoCdDeliveryProps extends StackProps {
  /** The git repository holding the committed `dist/`. */
  readonly repoURL: string;
  /** The branch, tag or commit Argo CD follows. @default 'HEAD' */
  readonly targetRevision?: string;
  /** Where `dist/` is in the repository. @default 'dist' */
  readonly distPath?: string;
  /**
   * The stacks to deliver, one Application each.
   * @default - every other Stack of the app created before this one (a Stack created after it is a synth error)
   */
  readonly stacks?: readonly Stack[];
  /** Where each stack goes, by stack name. @default - `destination` for every stack */
  readonly destinations?: Readonly<Record<string, ApplicationDestination>>;
  /** Where stacks without an entry in `destinations` go. @default - the cluster Argo CD runs in ({ server: IN_CLUSTER }) */
  readonly destination?: ApplicationDestination;
  /** Argo CD's namespace: Applications, AppProjects and argocd-cm go there. @default 'argocd' */
  readonly argoCdNamespace?: string;
  /**
   * How the stacks' Applications sync. Unlike a bare ArgoCdApplication (manual by default),
   * delivery is automated unless `automated: false` is given here.
   * @default - automated with prune and self-heal, 5 retries from 5 s to 3 min
   */
  readonly syncPolicy?: SyncPolicyProps;
  /** What happens when the code changes a job, TrainJob or Experiment that already ran. @default RunOnce.KEEP_FINISHED */
  readonly runOnce?: RunOnce;
  /**
   * Emit the `argocd-cm` health patch. `false` when Helm or the Argo CD operator owns
   * `argocd-cm` (they would revert it): give them `HEALTH_LUA` instead.
   * @default true
   */
  readonly healthConfig?: boolean;
}

/** Where a stack without namespaced objects points its Application: a namespace every cluster has (Kubernetes refuses to delete it). */
const CLUSTER_SCOPED_DESTINATION_NAMESPACE = 'default';

/**
 * Delivers the app's stacks with Argo CD, from its own stack (`dist/<id>/`): one Application
 * per stack (`dist/<stack>/`, recursive) in its own AppProject named after the stack, computed
 * at synth from what that stack emits (its namespaces on its cluster, its cluster-scoped and
 * namespaced kinds: nothing more, so one stack's Application cannot touch another's objects),
 * a root app-of-apps that applies this folder and so manages itself, and the `argocd-cm` patch
 * carrying the health checks of our kinds (server-side applied, never pruned or deleted).
 * The delivered stacks get derived sync waves and the run-once stance; the Applications of the
 * stacks that emit CustomResourceDefinitions are a sync wave before the others (whose custom
 * resources, every stack's Inventory included, need those CRDs). Argo CD tracks objects
 * by annotation (its v3 default, `application.resourceTrackingMethod: annotation`), so the
 * `app.kubernetes.io/instance` label stays ours.
 */
export class ArgoCdDelivery extends Stack {
  /** The root Application: applies this stack's folder, itself included. */
  public readonly rootApplication: ArgoCdApplication;
  /** The AppProject of each delivered stack's Application, by stack name (the project is named after the stack). */
  public readonly projects: Readonly<Record<string, ArgoCdProject>>;
  /** The Application of each delivered stack, by stack name. */
  public readonly applications: Readonly<Record<string, ArgoCdApplication>>;
  /** The project of the root Application (Argo CD's own objects in its namespace). */
  public readonly bootstrapProject: ArgoCdProject;
  /** The `argocd-cm` health patch; undefined with `healthConfig: false`. */
  public readonly healthConfig?: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoCdDeliveryProps) {
    super(scope, id, props);
    const argocd = checkName(this, 'argoCdNamespace', props.argoCdNamespace ?? ARGOCD_NAMESPACE, NameRule.LABEL);
    const distPath = (props.distPath ?? 'dist').replace(/\/+$/, '');
    const source = { repoURL: props.repoURL, targetRevision: props.targetRevision ?? 'HEAD', directory: { recurse: true } };
    const stacks = props.stacks ?? this.node.scope!.node.children.filter((c): c is Stack => Stack.isStack(c) && c !== this);
    if (stacks.length === 0) fail(this, 'stacks', 'is empty: there is nothing to deliver', 'create the stacks before the delivery, or pass them as `stacks`');
    stacks.forEach((s, i) => {
      if ((s as Stack) === this) fail(this, `stacks[${i}]`, 'is the delivery stack itself', 'the root application already applies it; list only the stacks to deliver');
    });
    for (const name of Object.keys(props.destinations ?? {})) {
      if (!stacks.some((s) => s.stackName === name)) fail(this, `destinations.${name}`, `names no delivered stack (${stacks.map((s) => s.stackName).join(', ')})`, 'key destinations by stack id');
    }
    const destinationOf = (s: Stack): Destination => renderDestination(this,
      props.destinations?.[s.stackName] ? `destinations.${s.stackName}` : 'destination', props.destinations?.[s.stackName] ?? props.destination ?? { server: IN_CLUSTER });
    if (!props.stacks) {
      addCheck(this, () => {
        const missed = this.node.scope!.node.children.filter((c): c is Stack => Stack.isStack(c) && c !== this && !stacks.includes(c));
        if (missed.length) fail(this, 'stacks', `stack ${missed.map((s) => s.stackName).join(', ')} was created after the delivery and is not delivered`, 'create the delivery after every stack, or pass `stacks` explicitly');
      });
    }

    const rendered = new Map<Stack, () => Manifest[]>(stacks.map((s) => [s, () => s._renderObjects().map((r) => r.object)]));
    const runOnce = props.runOnce ?? RunOnce.KEEP_FINISHED;
    const keep = runOnce === RunOnce.KEEP_FINISHED;
    const syncOptions = deliverySyncOptions(this, props.syncPolicy?.syncOptions ?? [], runOnce);
    const projects: Record<string, ArgoCdProject> = {};
    const applications: Record<string, ArgoCdApplication> = {};
    for (const stack of stacks) {
      if (stack.stackName === 'default') {
        // Argo CD's built-in project, which every Application may use, is called "default".
        fail(this, 'stacks', 'delivers a stack named "default": its AppProject would replace Argo CD\'s built-in "default" project', 'rename the stack (its id), e.g. "main"');
      }
      deriveSyncWaves(stack);
      if (runOnce === RunOnce.RECREATE_ON_CHANGE) recreateRunOnceOnChange(stack);
      const objects = () => rendered.get(stack)!();
      // Computed at synth (objects added after the delivery count too); the Application's
      // destination namespace is always one its project permits.
      const permissions = () => projectPermissions(objects(), destinationOf(stack));
      const project = new ArgoCdProject(this, `Project${stack.stackName}`, {
        name: stack.stackName, namespace: argocd,
        description: `The stack ${stack.stackName}: permissions computed from what it emits`,
        sourceRepos: [props.repoURL], destinations: [],
      });
      project._addComputed(permissions);
      const app = new ArgoCdApplication(this, `App${stack.stackName}`, {
        name: stack.stackName, namespace: argocd, project: project.name,
        source: { ...source, path: `${distPath}/${stack.stackName}` },
        destination: { ...destinationOf(stack) },
        // Passed explicitly: a bare Application's default is manual.
        syncPolicy: { ...props.syncPolicy, automated: props.syncPolicy?.automated ?? true, syncOptions },
      });
      app._computeSpec((spec) => {
        const ignore = keep ? runOnceIgnoreDifferences(objects()).map((d, i) => renderIgnoreDifference(this, `runOnce[${i}]`, d)) : [];
        const ignoreDifferences = [...spec.ignoreDifferences ?? [], ...ignore];
        return { ...spec, destination: permissions().applicationDestination, ignoreDifferences: ignoreDifferences.length ? ignoreDifferences : undefined };
      });
      projects[stack.stackName] = project;
      applications[stack.stackName] = app;
    }
    this.projects = projects;
    this.applications = applications;

    // The root app-of-apps: Argo CD's own objects, in the cluster it runs in.
    const withHealth = props.healthConfig ?? true;
    this.bootstrapProject = new ArgoCdProject(this, 'BootstrapProject', {
      name: id, namespace: argocd,
      description: 'The root application: the Applications, AppProjects and argocd-cm health patch of this folder',
      sourceRepos: [props.repoURL],
      destinations: [{ server: IN_CLUSTER, namespace: argocd }],
      namespaceResourceWhitelist: [{ group: 'argoproj.io', kind: 'Application' }, { group: 'argoproj.io', kind: 'AppProject' }, ...(withHealth ? [{ group: '', kind: 'ConfigMap' }] : [])],
    });
    this.rootApplication = new ArgoCdApplication(this, 'Root', {
      name: id, namespace: argocd, project: this.bootstrapProject.name,
      source: { ...source, path: `${distPath}/${id}` },
      destination: { server: IN_CLUSTER, namespace: argocd },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });

    if (withHealth) this.healthConfig = this.emitHealthConfig(argocd);
    deriveSyncWaves(this);
  }

  private emitHealthConfig(argocd: string): ApiObject {
    const cm = emit(this, 'HealthConfig', { apiVersion: 'v1', kind: 'ConfigMap' }, {
      name: 'argocd-cm', namespace: argocd, appName: 'argocd-cm', component: 'health',
      // Server-side apply merges these keys into the installed argocd-cm; never prune or delete Argo CD's config.
      annotations: { [ARGOCD_SYNC_OPTIONS]: 'ServerSideApply=true,Prune=false,Delete=false' },
    }, { data: Object.fromEntries(Object.keys(HEALTH_LUA).sort().map((key) => [`resource.customizations.health.${key}`, HEALTH_LUA[key]])) });
    // Only labels no installer of Argo CD sets differently: Helm's argocd-cm carries its own
    // instance, component, name and managed-by, and server-side apply would fail on the
    // conflicting values (Helm or the operator would then revert them). Argo CD reads only
    // ConfigMaps labelled part-of: argocd; the stack label is ours alone.
    cm.addJsonPatch(JsonPatch.replace('/metadata/labels', { [LABELS.partOf]: 'argocd', [LABELS.stack]: this.stackName }));
    return cm;
  }
}

function namespacesOf(objects: readonly Manifest[]): string[] {
  return [...new Set(objects.map((o) => o.metadata?.namespace).filter((ns): ns is string => !!ns))].sort();
}

/** A stack's project permissions, and its Application's destination (which they permit). @internal */
export interface StackPermissions extends ProjectPermissions {
  readonly applicationDestination: Destination;
}

/**
 * Least privilege for one delivered stack: its cluster may receive exactly the namespaces its
 * objects are in, and its project may manage exactly the kinds they are. The Application's
 * destination namespace must be one of those (Argo CD's IsDestinationPermitted, else an
 * InvalidSpecError): the one it names, else the stack's first. A stack with no namespaced
 * object (e.g. only Tenants) gets `default`, which every cluster has, while its project
 * permits no namespaced kind (ArgoCdProject renders the empty whitelist as a `*`/`*`
 * blacklist), so nothing can be created there.
 */
export function projectPermissions(objects: readonly Manifest[], destination: Destination): StackPermissions {
  const cluster = new Map<string, ClusterResourceBlacklistItem>();
  const namespaced = new Map<string, ClusterResourceBlacklistItem>();
  for (const o of objects) {
    const gk = { group: groupOf(o.apiVersion), kind: o.kind };
    (o.metadata?.namespace ? namespaced : cluster).set(`${gk.group}/${gk.kind}`, gk);
  }
  const used = namespacesOf(objects);
  const namespace = destination.namespace ?? used[0] ?? CLUSTER_SCOPED_DESTINATION_NAMESPACE;
  const namespaces = [...new Set([...used, namespace])].sort();
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return {
    destinations: namespaces.map((ns) => ({ server: destination.server, name: destination.name, namespace: ns })),
    clusterResourceWhitelist: sorted(cluster),
    namespaceResourceWhitelist: sorted(namespaced),
    applicationDestination: { ...destination, namespace },
  };
}

/**
 * The delivered Applications' sync options: the user's, plus what the run-once stance needs.
 * RECREATE_ON_CHANGE adds ApplyOutOfSyncOnly=true: Argo CD applies every object on every sync
 * otherwise, and an object marked Force=true,Replace=true is deleted and re-created whenever it
 * is applied (a job re-runs on each sync, not only when it changed).
 */
function deliverySyncOptions(scope: Construct, given: readonly SyncOption[], runOnce: RunOnce): SyncOption[] {
  const has = (key: string) => given.find((o) => o.key === key);
  if (runOnce === RunOnce.KEEP_FINISHED) return [...given, ...(has('RespectIgnoreDifferences') ? [] : [SyncOption.respectIgnoreDifferences()])];
  const outOfSyncOnly = has('ApplyOutOfSyncOnly');
  if (outOfSyncOnly && outOfSyncOnly.value !== 'true') {
    fail(scope, 'syncPolicy.syncOptions', `${outOfSyncOnly} with RunOnce.RECREATE_ON_CHANGE would delete and re-run every job, TrainJob and Experiment on every sync`,
      'remove it (the delivery sets ApplyOutOfSyncOnly=true), or use RunOnce.KEEP_FINISHED');
  }
  return [...given, ...(outOfSyncOnly ? [] : [SyncOption.applyOutOfSyncOnly()])];
}
