import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import { UsageError } from './usage';

/** What `cdk8s.yaml` says about the app. */
export interface AppConfig {
  /** The compiled app module, e.g. `lib/stacks/main.js`. */
  readonly appModule: string;
  /** Output directory. */
  readonly output: string;
}

/**
 * Reads `cdk8s.yaml`, the file `cdk8s synth` reads too. Its `app` runs this command
 * (`node lib/cli/main.js synth --app <module.js>`), so `cdk8s synth` and `cdk8s-kubeflow synth`
 * are one synth: the `--app` of that line names the module, `output` the directory.
 */
export function readAppConfig(dir = '.'): AppConfig {
  const file = resolve(dir, 'cdk8s.yaml');
  if (!existsSync(file)) throw new UsageError(`no cdk8s.yaml in ${resolve(dir)}: pass --app <module.js> or run from the project folder`);
  const config = parse(readFileSync(file, 'utf8')) ?? {};
  const match = /\ssynth\s.*--app[=\s](\S+\.js)\b/.exec(` ${String(config.app ?? '')}`);
  if (!match) throw new UsageError(`cdk8s.yaml: app must run "cdk8s-kubeflow synth --app <module.js>", got "${config.app}"`);
  return { appModule: resolve(dir, match[1]), output: resolve(dir, config.output ?? 'dist') };
}

/**
 * Loads the app module and builds the app in this process, so that construct errors and
 * warnings arrive as objects. The module must export `buildApp(): App`.
 */
export function loadApp(modulePath: string): App {
  const path = resolve(modulePath);
  if (!existsSync(path)) throw new UsageError(`app module ${path} does not exist: run \`npm run build\` first`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path);
  if (typeof mod.buildApp !== 'function') {
    throw new UsageError(`${path} does not export buildApp(): add \`export function buildApp(): App { … }\` to the app module`);
  }
  const app = mod.buildApp();
  // Duck-typed: the app may load its own copy of cdk8s, so `instanceof App` could be false.
  if (typeof app?.synth !== 'function' || !app.node) throw new UsageError(`${path}: buildApp() must return a cdk8s App`);
  return app as App;
}
