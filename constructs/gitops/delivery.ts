import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { groupOf, Manifest } from '../../manifest';
import { addCheck, checkName, emit, fail, NameRule, Stack, StackProps } from '../core';
import { ApplicationSpec, ClusterResourceBlacklistItem, Destination } from '../wire/argoproj-io';
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
  /** The AppProject of the stacks' Applications. @default 'kubeflow' */
  readonly projectName?: string;
  /** How the stacks' Applications sync. @default - automated with prune and self-heal, 5 retries from 5 s to 3 min */
  readonly syncPolicy?: SyncPolicyProps;
  /** What happens when the code changes a job, TrainJob or Experiment that already ran. @default RunOnce.KEEP_FINISHED */
  readonly runOnce?: RunOnce;
}

/**
 * Delivers the app's stacks with Argo CD, from its own stack (`dist/<id>/`): one Application
 * per stack (`dist/<stack>/`, recursive), an AppProject computed at synth from what the stacks
 * emit (their namespaces per cluster, the cluster-scoped and namespaced kinds: nothing more),
 * a root app-of-apps that applies this folder and so manages itself, and the `argocd-cm` patch
 * carrying the health checks of our kinds (server-side applied, never pruned or deleted).
 * The delivered stacks get derived sync waves and the run-once stance. Argo CD tracks objects
 * by annotation (its v3 default, `application.resourceTrackingMethod: annotation`), so the
 * `app.kubernetes.io/instance` label stays ours.
 */
export class ArgoCdDelivery extends Stack {
  /** The root Application: applies this stack's folder, itself included. */
  public readonly rootApplication: ArgoCdApplication;
  /** The project of the delivered stacks' Applications. */
  public readonly project: ArgoCdProject;
  /** The project of the root Application (Argo CD's own objects in its namespace). */
  public readonly bootstrapProject: ArgoCdProject;
  /** The `argocd-cm` health patch. */
  public readonly healthConfig: ApiObject;
  private readonly applications: ArgoCdApplication[] = [];

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

    this.project = new ArgoCdProject(this, 'Project', {
      name: props.projectName ?? 'kubeflow', namespace: argocd,
      description: `The stacks ${stacks.map((s) => s.stackName).join(', ')}: permissions computed from what they emit`,
      sourceRepos: [props.repoURL], destinations: [],
    });
    const rendered = new Map<Stack, () => Manifest[]>(stacks.map((s) => [s, () => s._renderObjects().map((r) => r.object)]));
    this.project._addComputed(() => projectPermissions(stacks.map((s) => ({ objects: rendered.get(s)!(), destination: destinationOf(s) }))));

    const runOnce = props.runOnce ?? RunOnce.KEEP_FINISHED;
    for (const stack of stacks) {
      deriveSyncWaves(stack);
      if (runOnce === RunOnce.RECREATE_ON_CHANGE) recreateRunOnceOnChange(stack);
      const keep = runOnce === RunOnce.KEEP_FINISHED;
      const app = new ArgoCdApplication(this, `App${stack.stackName}`, {
        name: stack.stackName, namespace: argocd, project: this.project.name,
        source: { ...source, path: `${distPath}/${stack.stackName}` },
        destination: { ...destinationOf(stack) },
        syncPolicy: {
          ...props.syncPolicy,
          syncOptions: [...props.syncPolicy?.syncOptions ?? [], ...(keep && !props.syncPolicy?.syncOptions?.some((o) => o.key === 'RespectIgnoreDifferences') ? [SyncOption.respectIgnoreDifferences()] : [])],
        },
      });
      app._computeSpec((spec) => {
        const objects = rendered.get(stack)!();
        const ignore = keep ? runOnceIgnoreDifferences(objects).map((d, i) => renderIgnoreDifference(this, `runOnce[${i}]`, d)) : [];
        return withDestinationNamespace({ ...spec, ignoreDifferences: [...spec.ignoreDifferences ?? [], ...ignore].length ? [...spec.ignoreDifferences ?? [], ...ignore] : undefined }, stack, objects);
      });
      this.applications.push(app);
    }

    // The root app-of-apps: Argo CD's own objects, in the cluster it runs in.
    this.bootstrapProject = new ArgoCdProject(this, 'BootstrapProject', {
      name: id, namespace: argocd,
      description: 'The root application: the Applications, AppProjects and argocd-cm health patch of this folder',
      sourceRepos: [props.repoURL],
      destinations: [{ server: IN_CLUSTER, namespace: argocd }],
      namespaceResourceWhitelist: [{ group: 'argoproj.io', kind: 'Application' }, { group: 'argoproj.io', kind: 'AppProject' }, { group: '', kind: 'ConfigMap' }],
    });
    this.rootApplication = new ArgoCdApplication(this, 'Root', {
      name: id, namespace: argocd, project: this.bootstrapProject.name,
      source: { ...source, path: `${distPath}/${id}` },
      destination: { server: IN_CLUSTER, namespace: argocd },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });

    this.healthConfig = emit(this, 'HealthConfig', { apiVersion: 'v1', kind: 'ConfigMap' }, {
      name: 'argocd-cm', namespace: argocd, appName: 'argocd-cm', component: 'health',
      // Argo CD reads only the ConfigMaps labelled part-of: argocd (as its install labels argocd-cm).
      labels: { 'app.kubernetes.io/part-of': 'argocd' },
      // Server-side apply merges these keys into the installed argocd-cm; never prune or delete Argo CD's config.
      annotations: { [ARGOCD_SYNC_OPTIONS]: 'ServerSideApply=true,Prune=false,Delete=false' },
    }, { data: Object.fromEntries(Object.keys(HEALTH_LUA).sort().map((key) => [`resource.customizations.health.${key}`, HEALTH_LUA[key]])) });
    deriveSyncWaves(this);
  }
}

/** The Application's destination namespace, which the project's destination check needs: the stack's, else the first its objects use. */
function withDestinationNamespace(spec: ApplicationSpec, stack: Stack, objects: readonly Manifest[]): ApplicationSpec {
  if (spec.destination.namespace) return spec;
  const namespace = stack.namespace ?? namespacesOf(objects)[0];
  return namespace ? { ...spec, destination: { ...spec.destination, namespace } } : spec;
}

function namespacesOf(objects: readonly Manifest[]): string[] {
  return [...new Set(objects.map((o) => o.metadata?.namespace).filter((ns): ns is string => !!ns))].sort();
}

/**
 * Least privilege for the delivered stacks: each stack's cluster may receive exactly the
 * namespaces its objects are in, and the project may manage exactly the kinds they are.
 */
export function projectPermissions(stacks: ReadonlyArray<{ readonly objects: readonly Manifest[]; readonly destination: Destination }>): ProjectPermissions {
  const destinations = new Map<string, Destination>();
  const cluster = new Map<string, ClusterResourceBlacklistItem>();
  const namespaced = new Map<string, ClusterResourceBlacklistItem>();
  for (const { objects, destination } of stacks) {
    for (const namespace of namespacesOf(objects)) {
      const d = { server: destination.server, name: destination.name, namespace };
      destinations.set(JSON.stringify(d), d);
    }
    for (const o of objects) {
      const gk = { group: groupOf(o.apiVersion), kind: o.kind };
      (o.metadata?.namespace ? namespaced : cluster).set(`${gk.group}/${gk.kind}`, gk);
    }
  }
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { destinations: sorted(destinations), clusterResourceWhitelist: sorted(cluster), namespaceResourceWhitelist: sorted(namespaced) };
}
