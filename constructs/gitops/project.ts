import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { addCheck, checkName, fail, lazy, NameRule, Resource, ResourceProps, resourceName } from '../core';
import { AppProjectSpec, ClusterResourceBlacklistItem, Destination } from '../wire/argoproj-io';
import { ARGOCD_NAMESPACE } from './application';
import { ApplicationDestination, renderDestination } from './application-spec';

/** A kind by API group (`''` for core) and Kind, as AppProject whitelists name them. */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** Where the project's Applications may deploy: a cluster (by server or name) and a namespace (glob). */
export interface ProjectDestination extends ApplicationDestination {
  /** @default '*' (any namespace of the cluster) */
  readonly namespace?: string;
}

export interface ArgoCdProjectProps extends ResourceProps {
  /** Argo CD's namespace. @default 'argocd' */
  readonly namespace?: string;
  /** @default - none */
  readonly description?: string;
  /** Repositories the project's Applications may read (URLs or globs). */
  readonly sourceRepos: readonly string[];
  /** Clusters and namespaces the project's Applications may deploy to. */
  readonly destinations: readonly ProjectDestination[];
  /** Cluster-scoped kinds the Applications may manage. @default - none (no cluster-scoped object) */
  readonly clusterResourceWhitelist?: readonly GroupKind[];
  /**
   * Namespaced kinds the Applications may manage; `[]` for none (rendered as a `*`/`*`
   * blacklist: Argo CD reads an absent whitelist as every kind, and an empty list is dropped
   * from the YAML).
   * @default - every namespaced kind
   */
  readonly namespaceResourceWhitelist?: readonly GroupKind[];
}

/** What a project permits; the delivery construct computes it from the stacks at synth. @internal */
export interface ProjectPermissions {
  readonly destinations: Destination[];
  readonly clusterResourceWhitelist: ClusterResourceBlacklistItem[];
  /** Empty: the project permits no namespaced kind. */
  readonly namespaceResourceWhitelist: ClusterResourceBlacklistItem[];
}

/** Every kind of every group: the blacklist that permits no namespaced kind. */
const EVERY_KIND: ClusterResourceBlacklistItem = { group: '*', kind: '*' };

/** An Argo CD AppProject (`argoproj.io/v1alpha1`): which repositories, clusters, namespaces and kinds its Applications may use. */
export class ArgoCdProject extends Resource {
  public readonly apiVersion = 'argoproj.io/v1alpha1';
  public readonly kind = 'AppProject';
  public readonly name: string;
  public readonly namespace: string;
  public readonly apiObject: ApiObject;

  private computed?: () => ProjectPermissions;

  constructor(scope: Construct, id: string, props: ArgoCdProjectProps) {
    super(scope, id);
    this.name = resourceName(this, props.name, { rule: NameRule.LABEL });
    this.namespace = checkName(this, 'namespace', props.namespace ?? ARGOCD_NAMESPACE, NameRule.LABEL);
    if (props.sourceRepos.length === 0) fail(this, 'sourceRepos', 'is empty: no Application of the project could read anything', 'list the repository URLs, e.g. ["https://github.com/example/ml-platform.git"]');
    props.sourceRepos.forEach((r, i) => { if (!r.trim() || /\s/.test(r)) fail(this, `sourceRepos[${i}]`, `"${r}" is not a repository URL or glob`, 'give a URL such as "https://github.com/example/ml-platform.git"'); });
    const destinations = props.destinations.map((d, i) => renderDestination(this, `destinations[${i}]`, { ...d, namespace: undefined }))
      .map((d, i) => ({ ...d, namespace: checkGlob(this, `destinations[${i}].namespace`, props.destinations[i].namespace ?? '*') }));
    const cluster = (props.clusterResourceWhitelist ?? []).map((g, i) => checkGroupKind(this, `clusterResourceWhitelist[${i}]`, g));
    const namespaced = props.namespaceResourceWhitelist?.map((g, i) => checkGroupKind(this, `namespaceResourceWhitelist[${i}]`, g));
    const spec = (): AppProjectSpec => {
      const extra = this.computed?.();
      // Absent means every namespaced kind to Argo CD (IsGroupKindNamePermitted): a whitelist that
      // ends up empty becomes a blacklist of everything instead.
      const whitelist = namespaced || extra ? [...namespaced ?? [], ...extra?.namespaceResourceWhitelist ?? []] : undefined;
      const blacklist = whitelist?.length === 0 ? [EVERY_KIND] : [];
      return {
        description: props.description,
        sourceRepos: [...props.sourceRepos],
        destinations: [...destinations, ...extra?.destinations ?? []],
        // Left out when empty: Argo CD then permits no cluster-scoped kind.
        clusterResourceWhitelist: orUndefined([...cluster, ...extra?.clusterResourceWhitelist ?? []]),
        namespaceResourceWhitelist: orUndefined(whitelist ?? []),
        namespaceResourceBlacklist: orUndefined(blacklist),
      };
    };
    this.apiObject = this.emitResource({
      name: this.name, namespace: this.namespace, appName: 'appproject', component: 'gitops', ...props.metadata,
    }, { spec: lazy(spec) });
    // Checked at synth: the delivery construct adds the destinations its stacks need then.
    addCheck(this, () => {
      if (spec().destinations?.length === 0) fail(this, 'destinations', 'is empty: no Application of the project could deploy anywhere', 'add { server: "https://kubernetes.default.svc", namespace: "team-a" }');
    });
  }

  /** Adds permissions computed at synth (from what the delivered stacks emit). @internal */
  public _addComputed(produce: () => ProjectPermissions): void {
    this.computed = produce;
  }
}

function checkGlob(scope: Construct, field: string, ns: string): string {
  if (!/^[a-z0-9*?!-]([a-z0-9*?-]*[a-z0-9*?])?$/.test(ns)) fail(scope, field, `"${ns}" is not a namespace or namespace glob`, 'give a namespace such as "team-a", or a glob such as "team-*" or "*"');
  return ns;
}

function checkGroupKind(scope: Construct, field: string, g: GroupKind): ClusterResourceBlacklistItem {
  if (!/^(\*|[A-Z][A-Za-z0-9]*)$/.test(g.kind)) fail(scope, `${field}.kind`, `"${g.kind}" is not a Kind`, 'give the Kind as in manifests, e.g. "ClusterRole" (or "*")');
  if (!/^(\*|[a-z0-9.-]*)$/.test(g.group)) fail(scope, `${field}.group`, `"${g.group}" is not an API group`, 'give the group, e.g. "rbac.authorization.k8s.io", "" for the core group (or "*")');
  return { group: g.group, kind: g.kind };
}

const orUndefined = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);
