import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import { UsageError } from './usage';

/** What `cdk8s.yaml` says about the app. */
export interface AppConfig {
  /** The folder holding `cdk8s.yaml`: the project, which synth never replaces. */
  readonly projectDir: string;
  /** The compiled app module, e.g. `lib/stacks/main.js` (`--app` of the app command). */
  readonly appModule: string;
  /** The folder synth replaces (`--out` of the app command). @default dist */
  readonly out: string;
  /**
   * cdk8s-cli's `output`: the folder it deletes before every `cdk8s synth` and hands to the
   * app as `$CDK8S_OUTDIR`. It must not be `out`, or a failed synth would leave no `out`.
   */
  readonly cdk8sOutput: string;
}

/**
 * Reads `cdk8s.yaml`, the file `cdk8s synth` reads too. Its `app` builds the project and runs
 * this command (`… && node lib/cli/main.js synth --app <module.js> --out <dir>`), so
 * `cdk8s synth` and `cdk8s-kubeflow synth` are one synth.
 */
export function readAppConfig(dir = '.'): AppConfig {
  const file = resolve(dir, 'cdk8s.yaml');
  if (!existsSync(file)) throw new UsageError(`no cdk8s.yaml in ${resolve(dir)}: pass --app <module.js> and --out <dir>, or run from the project folder`);
  let config;
  try {
    config = parse(readFileSync(file, 'utf8')) ?? {};
  } catch (e) {
    throw new UsageError(`${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const app = ` ${String(config.app ?? '')}`;
  const synth = /\ssynth(\s.*)$/.exec(app)?.[1] ?? '';
  const appModule = /\s--app[=\s]+(\S+\.js)\b/.exec(synth)?.[1];
  if (!appModule) throw new UsageError(`${file}: app must run "cdk8s-kubeflow synth --app <module.js> --out <dir>", got "${config.app}"`);
  const out = /\s--out[=\s]+(\S+)/.exec(synth)?.[1] ?? 'dist';
  const projectDir = dirname(file);
  return { projectDir, appModule: resolve(projectDir, appModule), out: resolve(projectDir, out), cdk8sOutput: resolve(projectDir, String(config.output ?? 'dist')) };
}

/** A value the app module threw, or threw while being loaded: reported as a finding of the app, not as a crash. */
export class AppFailure extends Error {
  constructor(public readonly thrown: unknown, public readonly phase: 'load' | 'build') {
    super(thrown instanceof Error ? thrown.message : String(thrown));
    this.name = 'AppFailure';
  }
}

/**
 * Loads the app module and builds the app in this process, so that construct errors and
 * warnings arrive as objects. The module must export `buildApp(): App`. What the module
 * throws arrives as an {@link AppFailure}; a module that cannot be the app is a UsageError.
 */
export function loadApp(modulePath: string): App {
  const path = resolve(modulePath);
  if (!existsSync(path)) throw new UsageError(`app module ${path} does not exist: run \`npm run build\` first`);
  if (statSync(path).isDirectory()) throw new UsageError(`--app ${path} is a folder: name the compiled app module in it (a .js file exporting buildApp)`);
  const typescript = /\.[cm]?ts$/.test(path);
  if (!typescript && !/\.[cm]?js$/.test(path)) throw new UsageError(`--app ${path} is not a JavaScript module: name the compiled app (.js, .cjs or .mjs)`);
  let mod;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (typescript && ((e as Error)?.name === 'SyntaxError' || code === 'ERR_UNKNOWN_FILE_EXTENSION')) {
      throw new UsageError(`--app ${path} is TypeScript, which Node cannot load: pass the compiled module (\`npm run build\` writes lib/<path>.js)`);
    }
    throw new AppFailure(e, 'load');
  }
  if (typeof mod.buildApp !== 'function') {
    throw new UsageError(`${path} does not export buildApp(): add \`export function buildApp(): App { … }\` to the app module`);
  }
  let app;
  try {
    app = mod.buildApp();
  } catch (e) {
    throw new AppFailure(e, 'build');
  }
  if (typeof app?.then === 'function') throw new UsageError(`${path}: buildApp() returned a Promise; it must build and return the App synchronously`);
  // Duck-typed: the app may load its own copy of cdk8s, so `instanceof App` could be false.
  if (typeof app?.synth !== 'function' || !app.node) throw new UsageError(`${path}: buildApp() must return a cdk8s App`);
  return app as App;
}
