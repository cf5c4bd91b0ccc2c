import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { checkName, fail, field as join, NameRule, Resource, ResourceProps, resourceName } from '../core';
import { ApplicationSetMatrixGenerator, ApplicationSetSpec, ApplicationSetSpecGenerator, LabelSelector } from '../wire/argoproj-io';
import { ARGOCD_NAMESPACE } from './application';
import { ApplicationSpecProps, renderApplicationSpec } from './application-spec';
import { checkTemplate, CLUSTER_KEYS, GIT_DIRECTORY_KEYS, Params, topLevel } from './template-params';

/** A folder pattern of a git-directories generator. */
export interface GitDirectory {
  /** A path glob, e.g. `dist/*`. */
  readonly path: string;
  /** Leave the matching folders out. @default false */
  readonly exclude?: boolean;
}

/**
 * What an ApplicationSet makes Applications from: each generator yields parameter sets that
 * the template reads as Go template values (`{{ .name }}`, `{{ .path.basename }}`).
 */
export class Generator {
  /** One Application per element; each element's keys are template values (`{{ .team }}`). */
  public static list(elements: ReadonlyArray<Readonly<Record<string, string>>>): Generator {
    const keys = [...new Set(elements.flatMap((e) => Object.keys(e)))].sort();
    // A key some elements lack fails those elements' Applications under missingkey=error.
    const lacking = Object.fromEntries(keys.flatMap((k) => {
      const i = elements.findIndex((e) => !(k in e));
      return i === -1 ? [] : [[k, `element ${i}`]];
    }));
    return new Generator('list', (scope, field) => {
      if (elements.length === 0) fail(scope, field, 'the list generator has no elements', 'add at least one element, e.g. { cluster: "dev" }');
      return { list: { elements: elements.map((e) => ({ ...e })) } };
    }, { describe: 'list', keys: keys.filter((k) => !(k in lacking)), open: [], lacking });
  }

  /**
   * One Application per folder of a git repository matching `directories`: `{{ .path.path }}`,
   * `{{ .path.basename }}`, `{{ .path.basenameNormalized }}`, `{{ index .path.segments 0 }}`;
   * with `pathParamPrefix: 'apps'`, `{{ .apps.path.basename }}` (two git generators in a matrix need one).
   */
  public static gitDirectories(options: { readonly repoURL: string; readonly revision?: string; readonly directories: readonly GitDirectory[]; readonly pathParamPrefix?: string }): Generator {
    const prefix = options.pathParamPrefix;
    return new Generator('git', (scope, field) => {
      if (!options.repoURL.trim()) fail(scope, join(field, 'repoURL'), 'is empty', 'give the repository URL');
      if (!options.directories.some((d) => !d.exclude)) fail(scope, join(field, 'directories'), 'includes no folder', 'add a path glob such as { path: "dist/*" }');
      if (prefix !== undefined && !/^[A-Za-z_]\w*$/.test(prefix)) fail(scope, join(field, 'pathParamPrefix'), `"${prefix}" is not a template key`, 'use letters, digits and "_", e.g. "apps"');
      return { git: { repoURL: options.repoURL, revision: options.revision ?? 'HEAD', directories: options.directories.map((d) => ({ path: d.path, exclude: d.exclude })), pathParamPrefix: prefix } };
    }, { describe: 'git directories', keys: GIT_DIRECTORY_KEYS.map((k) => (prefix ? `${prefix}.${k}` : k)), open: [] });
  }

  /**
   * One Application per cluster registered in Argo CD (`{{ .name }}`, `{{ .nameNormalized }}`,
   * `{{ .server }}`, `{{ .metadata.labels.<key> }}`, `{{ .values.<key> }}`), optionally
   * selected by the cluster secret's labels.
   */
  public static clusters(options: { readonly selector?: LabelSelector; readonly values?: Readonly<Record<string, string>> } = {}): Generator {
    const values = Object.keys(options.values ?? {}).map((k) => `values.${k}`);
    return new Generator('clusters', () => ({ clusters: { selector: options.selector, values: options.values && { ...options.values } } }),
      { describe: 'clusters', keys: [...CLUSTER_KEYS, ...values], open: ['metadata.labels', 'metadata.annotations'] });
  }

  /** Every combination of two generators' parameter sets (Argo CD's matrix takes exactly two, nested one level at most). */
  public static matrix(first: Generator, second: Generator): Generator {
    const [a, b] = [first._params, second._params];
    return new Generator('matrix', (scope, field) => {
      [first, second].forEach((g, i) => {
        if (g.type === 'matrix' && [g.children[0], g.children[1]].some((c) => c.type === 'matrix')) {
          fail(scope, join(field, `matrix.generators[${i}]`), 'nests matrix generators two levels deep', 'Argo CD allows one nested matrix at most: flatten the combination');
        }
      });
      const rendered = [first, second].map((g, i) => g._render(scope, join(field, `matrix.generators[${i}]`)) as ApplicationSetMatrixGenerator);
      const shared = topLevel(a).filter((k) => topLevel(b).includes(k));
      if (shared.length) {
        fail(scope, join(field, 'matrix'), `both generators (${a.describe}, ${b.describe}) provide ${shared.map((k) => `"${k}"`).join(', ')}: the second's would overwrite the first's`,
          first.type === 'git' || second.type === 'git' ? 'give a git generator a pathParamPrefix, e.g. Generator.gitDirectories({ …, pathParamPrefix: "apps" }), and read {{ .apps.path.basename }}' : 'rename the keys of one list generator');
      }
      return { matrix: { generators: rendered } };
    }, {
      describe: `matrix of ${a.describe} and ${b.describe}`, keys: [...a.keys, ...b.keys], open: [...a.open, ...b.open], lacking: { ...a.lacking, ...b.lacking },
    }, [first, second]);
  }

  private constructor(
    private readonly type: string,
    private readonly render: (scope: IConstruct, field: string) => ApplicationSetSpecGenerator,
    /** What the generator gives the template. @internal */
    public readonly _params: Params,
    private readonly children: readonly Generator[] = [],
  ) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): ApplicationSetSpecGenerator {
    return this.render(scope, field);
  }
}

/** The Application an ApplicationSet stamps out: its name, metadata and spec, with Go-template values. */
export interface ApplicationTemplate extends ApplicationSpecProps {
  /** The Application's name, a Go template, e.g. `'{{ .path.basename }}'`. */
  readonly name: string;
  /** @default - the ApplicationSet's namespace */
  readonly namespace?: string;
  /** @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly annotations?: Record<string, string>;
}

/** What the ApplicationSet controller may do to the Applications it made. */
export enum ApplicationsSync {
  /** Create, update and delete. */
  SYNC = 'sync',
  CREATE_ONLY = 'create-only',
  CREATE_UPDATE = 'create-update',
  CREATE_DELETE = 'create-delete',
}

export interface ArgoCdApplicationSetProps extends ResourceProps {
  /** Argo CD's namespace. @default 'argocd' */
  readonly namespace?: string;
  /** The generators; their parameter sets are combined (each makes its own Applications). */
  readonly generators: readonly Generator[];
  readonly template: ApplicationTemplate;
  /** @default ApplicationsSync.SYNC */
  readonly applicationsSync?: ApplicationsSync;
  /** Keep the Applications' objects when an Application is deleted by the set. @default false */
  readonly preserveResourcesOnDeletion?: boolean;
}

/**
 * An Argo CD ApplicationSet (`argoproj.io/v1alpha1`) with Go templates (`goTemplate: true`) and
 * `missingkey=error`, so that a template value no generator provides fails instead of
 * rendering `<no value>` into a name or path. Synth checks the same earlier: every string of
 * the template is read for fasttemplate syntax (`{{path}}`, which goTemplate leaves as written)
 * and for values a generator does not provide (each generator must provide all of them; a
 * matrix provides both children's, which must not share a key). Strings with range, with or
 * define blocks are checked for syntax only. The generated Applications sync manually unless
 * the template's `syncPolicy` says `automated`.
 */
export class ArgoCdApplicationSet extends Resource {
  public readonly apiVersion = 'argoproj.io/v1alpha1';
  public readonly kind = 'ApplicationSet';
  public readonly name: string;
  public readonly namespace: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoCdApplicationSetProps) {
    super(scope, id);
    this.name = resourceName(this, props.name);
    this.namespace = checkName(this, 'namespace', props.namespace ?? ARGOCD_NAMESPACE, NameRule.LABEL);
    if (props.generators.length === 0) fail(this, 'generators', 'is empty: the set would make no Application', 'add e.g. Generator.gitDirectories({ repoURL, directories: [{ path: "dist/*" }] })');
    const t = props.template;
    if (!t.name.includes('{{')) {
      // Every generated Application would get the same name, and overwrite the others.
      fail(this, 'template.name', `"${t.name}" is the same for every Application`, 'use a template value, e.g. "{{ .path.basename }}" or "{{ .name }}-ml"');
    }
    const generators = props.generators.map((g, i) => g._render(this, `generators[${i}]`));
    const templateSpec = renderApplicationSpec(this, 'template', t, true);
    checkTemplate(this, 'template', t, props.generators.map((g) => g._params));
    const spec: ApplicationSetSpec = {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators,
      template: {
        metadata: { name: t.name, namespace: t.namespace, labels: t.labels, annotations: t.annotations },
        spec: templateSpec,
      },
      syncPolicy: props.applicationsSync || props.preserveResourcesOnDeletion
        ? { applicationsSync: props.applicationsSync, preserveResourcesOnDeletion: props.preserveResourcesOnDeletion || undefined }
        : undefined,
    };
    this.apiObject = this.emitResource({
      name: this.name, namespace: this.namespace, appName: 'applicationset', component: 'gitops', ...props.metadata,
    }, { spec });
  }
}
