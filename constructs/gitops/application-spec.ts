import { IConstruct } from 'constructs';
import { checkCount, checkName, fail, field as join, NameRule } from '../core';
import { ApplicationSpec, Destination, Directory, Helm, IgnoreDifference, Kustomize, Source } from '../wire/argoproj-io';
import { renderSyncPolicy, SyncPolicyProps } from './sync-policy';

/** Where an Application's objects go: a cluster by API server URL or by its name in Argo CD (exactly one). */
export interface ApplicationDestination {
  /** The cluster's API server URL; `https://kubernetes.default.svc` is the cluster Argo CD runs in. @default - none: give `name` */
  readonly server?: string;
  /** The cluster's name as registered in Argo CD (`in-cluster` for its own). @default - none: give `server` */
  readonly name?: string;
  /** Namespace for namespaced objects that name none. @default - none: every object names its own */
  readonly namespace?: string;
}

/** Where an Application's manifests come from: a folder of a git repository, or a Helm chart. */
export interface ApplicationSource {
  /** The git (or Helm, or OCI) repository URL. */
  readonly repoURL: string;
  /** A branch, tag or commit (a chart version for Helm). @default 'HEAD' */
  readonly targetRevision?: string;
  /** The folder in the repository. @default - none: give `chart`, or `ref` for a values-only source */
  readonly path?: string;
  /** A Helm chart name in a Helm repository. @default - none */
  readonly chart?: string;
  /** Names this source so another source's Helm `valueFiles` can use `$<ref>/file.yaml`. @default - none */
  readonly ref?: string;
  /** Plain-manifest options (`recurse` for nested folders such as `dist/<stack>/`). @default - Argo CD's (no recursion) */
  readonly directory?: Directory;
  /** Helm options. @default - none */
  readonly helm?: Helm;
  /** Kustomize options. @default - none */
  readonly kustomize?: Kustomize;
}

/** Fields Argo CD leaves out of the comparison (and, with `RespectIgnoreDifferences=true`, out of syncs). */
export interface IgnoreDifferenceProps {
  /** API group, `''` for core. @default '' */
  readonly group?: string;
  readonly kind: string;
  /** Only the object of this name. @default - every object of the kind */
  readonly name?: string;
  /** Only objects of this namespace. @default - every namespace */
  readonly namespace?: string;
  /** RFC 6901 pointers, e.g. `/spec/replicas`. @default - none */
  readonly jsonPointers?: readonly string[];
  /** jq path expressions, e.g. `.spec.template.spec.containers[] | select(.name == "x") | .image`. @default - none */
  readonly jqPathExpressions?: readonly string[];
  /** Fields owned by these field managers. @default - none */
  readonly managedFieldsManagers?: readonly string[];
}

/** What Application and ApplicationSet templates share: the Application's spec. */
export interface ApplicationSpecProps {
  /** The AppProject's name. @default 'default' */
  readonly project?: string;
  /** One source; or give `sources`. */
  readonly source?: ApplicationSource;
  /** Several sources, merged (e.g. a Helm chart and the values file of a git repository). */
  readonly sources?: readonly ApplicationSource[];
  readonly destination: ApplicationDestination;
  /** @default - manual syncs (Argo CD's default), with retries */
  readonly syncPolicy?: SyncPolicyProps;
  /** @default - none */
  readonly ignoreDifferences?: readonly IgnoreDifferenceProps[];
  /** Sync history entries Argo CD keeps. @default - Argo CD's (10) */
  readonly revisionHistoryLimit?: number;
}

/** In ApplicationSet templates, values may be Go templates: `{{ .path.basename }}`. */
const isTemplate = (s: string) => s.includes('{{');

/** Checks and renders an Application spec; `template` relaxes name checks for Go-template values. @internal */
export function renderApplicationSpec(scope: IConstruct, field: string, props: ApplicationSpecProps, template = false): ApplicationSpec {
  const name = (f: string, v: string, rule?: NameRule) => (template && isTemplate(v) ? v : checkName(scope, join(field, f), v, rule));
  const project = name('project', props.project ?? 'default');
  if (props.source && props.sources) fail(scope, join(field, 'sources'), 'is given with source', 'give one `source`, or list every source in `sources`');
  const sources = props.sources ?? (props.source ? [props.source] : []);
  if (sources.length === 0) fail(scope, join(field, 'source'), 'is missing: an Application needs somewhere to read manifests from', 'give `source: { repoURL, path }` (or `sources`)');
  const rendered = sources.map((s, i) => renderSource(scope, props.sources ? join(field, `sources[${i}]`) : join(field, 'source'), s, template));
  if (props.sources && !rendered.some((s) => s.path !== undefined || s.chart !== undefined)) {
    fail(scope, join(field, 'sources'), 'only has `ref` sources: none of them has manifests', 'add a source with `path` or `chart`');
  }
  const destination = renderDestination(scope, join(field, 'destination'), props.destination, template);
  if (props.revisionHistoryLimit !== undefined) checkCount(scope, join(field, 'revisionHistoryLimit'), props.revisionHistoryLimit, 0, 'give a whole number ≥ 0');
  const ignoreDifferences = (props.ignoreDifferences ?? []).map((d, i) => renderIgnoreDifference(scope, join(field, `ignoreDifferences[${i}]`), d));
  return {
    project,
    ...(props.sources ? { sources: rendered } : { source: rendered[0] }),
    destination,
    syncPolicy: renderSyncPolicy(scope, join(field, 'syncPolicy'), props.syncPolicy),
    ignoreDifferences: ignoreDifferences.length ? ignoreDifferences : undefined,
    revisionHistoryLimit: props.revisionHistoryLimit,
  };
}

function renderSource(scope: IConstruct, field: string, s: ApplicationSource, template: boolean): Source {
  if (!s.repoURL.trim()) fail(scope, join(field, 'repoURL'), 'is empty', 'give the repository URL, e.g. "https://github.com/example/ml-platform.git"');
  if (/\s/.test(s.repoURL)) fail(scope, join(field, 'repoURL'), `"${s.repoURL}" contains white space`, 'remove the spaces');
  if (s.path !== undefined && s.chart !== undefined) fail(scope, join(field, 'chart'), 'is given with path', 'a source is a folder (`path`) or a Helm chart (`chart`), not both');
  if (s.path === undefined && s.chart === undefined && s.ref === undefined) {
    fail(scope, join(field, 'path'), 'is missing: the source names no folder, chart or ref', 'give `path` (a folder of the repository) or `chart`');
  }
  if (s.path !== undefined && !(template && isTemplate(s.path)) && (s.path.startsWith('/') || s.path.split('/').includes('..'))) {
    fail(scope, join(field, 'path'), `"${s.path}" is not a path inside the repository`, 'give it relative to the repository root, without ".." (e.g. "dist/dev")');
  }
  if (s.directory && s.chart !== undefined) fail(scope, join(field, 'directory'), 'applies to folders, not Helm charts', 'remove directory, or use path instead of chart');
  if (s.ref !== undefined && !/^[A-Za-z0-9_-]+$/.test(s.ref)) fail(scope, join(field, 'ref'), `"${s.ref}" is not a valid ref`, 'use letters, digits, "-" and "_"; other sources refer to it as $<ref>');
  return {
    repoURL: s.repoURL, targetRevision: s.targetRevision ?? 'HEAD', path: s.path, chart: s.chart, ref: s.ref, directory: s.directory, helm: s.helm, kustomize: s.kustomize,
  };
}

/** Checks and renders a destination: exactly one of `server` and `name`. @internal */
export function renderDestination(scope: IConstruct, field: string, d: ApplicationDestination, template = false): Destination {
  if ((d.server === undefined) === (d.name === undefined)) {
    fail(scope, d.server === undefined ? join(field, 'server') : join(field, 'name'),
      d.server === undefined ? 'is missing, and so is name: a destination names its cluster' : `is given with server "${d.server}": a destination names its cluster one way`,
      d.server === undefined ? 'give `server: "https://kubernetes.default.svc"` (the cluster Argo CD runs in) or the `name` of a cluster registered in Argo CD' : 'keep either server (the API server URL) or name (the cluster\'s name in Argo CD)');
  }
  if (d.server !== undefined && !(template && isTemplate(d.server)) && !/^https?:\/\/\S+$/.test(d.server)) {
    fail(scope, join(field, 'server'), `"${d.server}" is not an API server URL`, 'give e.g. "https://kubernetes.default.svc", or use `name` for a cluster registered in Argo CD');
  }
  if (d.name !== undefined && !(template && isTemplate(d.name)) && !d.name.trim()) fail(scope, join(field, 'name'), 'is empty', 'give the cluster\'s name in Argo CD, e.g. "in-cluster"');
  if (d.namespace !== undefined && !(template && isTemplate(d.namespace))) checkName(scope, join(field, 'namespace'), d.namespace, NameRule.LABEL);
  return { server: d.server, name: d.name, namespace: d.namespace };
}

/** Checks and renders one ignoreDifferences entry. @internal */
export function renderIgnoreDifference(scope: IConstruct, field: string, d: IgnoreDifferenceProps): IgnoreDifference {
  const ways = (d.jsonPointers?.length ?? 0) + (d.jqPathExpressions?.length ?? 0) + (d.managedFieldsManagers?.length ?? 0);
  if (ways === 0) fail(scope, field, `ignores nothing of ${d.kind}`, 'give jsonPointers, jqPathExpressions or managedFieldsManagers');
  if (!/^[A-Z][A-Za-z0-9]*$/.test(d.kind)) fail(scope, join(field, 'kind'), `"${d.kind}" is not a Kind`, 'give the Kind as in the manifests, e.g. "PyTorchJob"');
  (d.jsonPointers ?? []).forEach((p, i) => {
    if (!/^(\/([^/~]|~[01])*)+$/.test(p)) fail(scope, join(field, `jsonPointers[${i}]`), `"${p}" is not a JSON pointer`, 'write it as /spec/replicas (RFC 6901: "/" between keys, ~1 for a "/" inside one)');
  });
  (d.jqPathExpressions ?? []).forEach((p, i) => {
    if (!p.trim().startsWith('.')) fail(scope, join(field, `jqPathExpressions[${i}]`), `"${p}" is not a jq path expression`, 'start it with ".", e.g. ".spec.template"');
  });
  return {
    group: d.group, kind: d.kind, name: d.name, namespace: d.namespace,
    jsonPointers: d.jsonPointers && [...d.jsonPointers], jqPathExpressions: d.jqPathExpressions && [...d.jqPathExpressions],
    managedFieldsManagers: d.managedFieldsManagers && [...d.managedFieldsManagers],
  };
}
