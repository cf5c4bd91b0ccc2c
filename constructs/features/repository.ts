import { IConstruct } from 'constructs';
import { checkEnv, checkImage, EnvMap, fail, field as join, renderEnv } from '../core';
import * as wire from '../wire/feast-dev';

/** The project templates `feast init` knows. */
export type FeastTemplate = NonNullable<wire.Init['template']>;

/** Options of a feature repository cloned from git. */
export interface GitRepositoryOptions {
  /** The branch, tag or commit to check out (pin a tag or commit for reproducible deployments). @default - the default branch */
  readonly ref?: string;
  /** The folder holding `feature_store.yaml`'s definitions, relative to the repository root. @default feature_repo */
  readonly path?: string;
  /** `git -c` settings, e.g. `{ 'http.sslVerify': 'false' }` (they are in the manifest: no credentials here). @default - none */
  readonly configs?: Record<string, string>;
  /**
   * Environment of the clone, e.g. a token of a private repository from a Secret
   * (`EnvValue.fromSecret(…)`): the clone runs in bash, so `configs` may name it as `$GIT_TOKEN`.
   * @default - none
   */
  readonly env?: EnvMap;
}

/** Where the Feast servers get the project's feature definitions from (`feastProjectDir`). */
export class FeatureRepository {
  /** Cloned from git by an init container when the servers start. */
  static git(url: string, options: GitRepositoryOptions = {}): FeatureRepository {
    return new FeatureRepository((scope, field) => {
      if (!/^(https?|ssh|git):\/\/\S+$|^[\w.-]+@[\w.-]+:\S+$/.test(url)) fail(scope, join(field, 'url'), `"${url}" is not a git URL`, "give e.g. 'https://github.com/org/features.git'");
      const path = options.path;
      if (path !== undefined && (path.startsWith('/') || path.split('/').includes('..') || !path.trim())) {
        fail(scope, join(field, 'path'), `"${path}" is not a folder inside the repository`, "give a relative path such as 'feature_repo'");
      }
      checkEnv(scope, join(field, 'env'), options.env);
      return { git: { url, ref: options.ref, featureRepoPath: path, configs: options.configs, env: renderEnv(options.env) } };
    });
  }

  /** Baked into an image, at an absolute path; the servers run that image. */
  static image(image: string, path: string): FeatureRepository {
    return new FeatureRepository((scope, field) => {
      checkImage(scope, join(field, 'image'), image);
      // The CRD's rule: canonical, absolute, not the root.
      if (!path.startsWith('/') || path === '/' || /\/\/|\/\.\.?(\/|$)|\/$/.test(path)) {
        fail(scope, join(field, 'path'), `"${path}" is not a canonical absolute folder`, "give e.g. '/app/feature_repo' (no '..', '.', '//' or trailing '/')");
      }
      return { packaged: { image, featureRepoPath: path } };
    });
  }

  /** A new project made by `feast init` from a template: for trying Feast out. */
  static init(options: { readonly template?: FeastTemplate; readonly minimal?: boolean } = {}): FeatureRepository {
    return new FeatureRepository(() => ({ init: { template: options.template, minimal: options.minimal } }));
  }

  private constructor(private readonly render: (scope: IConstruct, field: string) => wire.FeastProjectDir) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): wire.FeastProjectDir {
    return this.render(scope, field);
  }
}
