import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { types } from 'node:util';
import { ConstructError } from '../constructs/core/errors';
import { warningFinding } from '../constructs/core/warnings';
import { Finding, stackOfFile } from '../manifest';
import { WaivedFinding } from '../policies/rules';
import { packageRoot, ReleaseError, releaseSchemasDir } from '../policies/schema-dir';
import { SchemaFolderError } from '../policies/schema-validator';
import { AppConfig, AppFailure, loadApp, readAppConfig } from './app-loader';
import { brokenSchemas, OpenRelease, openRelease, withReleaseEnv } from './open-schemas';
import { checkOutputDir, replaceDirectory } from './output-dir';
import { countFindings, failsOn, plural, Report, ReportOptions, waivedEntry, waivedText, writeReport } from './report';
import { checkPolicies, sourcesByStack, stackSchemaFindings, synthesize, SynthResult } from './synthesize';
import { UsageError } from './usage';

export interface SynthOptions extends ReportOptions {
  /** The compiled app module. @default cdk8s.yaml's `--app` */
  readonly app?: string;
  /** The folder to replace. @default cdk8s.yaml's `--out`, else dist */
  readonly out?: string;
  /**
   * The release of every stack that does not set its own (the app reads it from
   * `CDK8S_KUBEFLOW_RELEASE` while synth runs it): a preset name or a schemas folder made by the
   * `schemas` command. Each stack's objects are validated against its release's schemas.
   * @default the default preset
   */
  readonly release?: string;
  /** Also dry-run every object against a cluster. */
  readonly server?: boolean;
  readonly kubeconfig?: string;
  /** Print whole stack traces of exceptions thrown by the app. */
  readonly debug?: boolean;
}

/**
 * Where synth reads and writes. Under `cdk8s synth`, cdk8s-cli hands the app a folder of its
 * own in `$CDK8S_OUTDIR` (which it deletes before each run, or a temporary one for
 * `--stdout`), lists what is in it and swallows the app's stdout. Synth then copies its files
 * there too, replaces `out` only for a plain `cdk8s synth` (not `--stdout`, not `-o`), and
 * reports on stderr.
 */
interface Plan {
  readonly appModule: string;
  /** The folder to replace, already checked; undefined when only cdk8s-cli's folder is written. */
  readonly out?: string;
  readonly outShown: string;
  /** cdk8s-cli's folder, to copy the files into. */
  readonly cdk8sDir?: string;
  readonly report: NodeJS.WritableStream;
}

export async function run(options: SynthOptions): Promise<number> {
  if (options.kubeconfig !== undefined && !options.server) throw new UsageError('--kubeconfig goes with --server');
  const plan = planSynth(options);
  const started = Date.now();
  const release = openRelease(options.release);

  let result: SynthResult | undefined;
  const findings: Finding[] = [];
  const waived: WaivedFinding[] = [];
  try {
    // What the app prints is not our report: it goes to stderr, so that stdout stays parseable.
    result = withStdoutOnStderr(() => withReleaseEnv(options.release === undefined ? undefined : release, () => synthesize(loadApp(plan.appModule))));
    findings.push(...result.findings, ...result.warnings.map(warningFinding));
    if (result.sources.length === 0 && result.findings.length === 0) findings.push(emptyApp(plan.outShown));
    findings.push(...validateStacks(result, release));
    const policy = checkPolicies(result);
    findings.push(...policy.findings);
    waived.push(...policy.waived);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    findings.push(appFailure(e instanceof AppFailure ? e.thrown : e, plan.appModule, options.debug));
  }
  // The server only sees objects that passed the local checks: its messages would repeat them.
  let server: { checked: number; rejected: number; retargeted: number; summary: string } | undefined;
  if (result && options.server && !findings.some((f) => f.severity === 'error')) {
    const { serverCheck } = await import('./server-check');
    const checked = await serverCheck(result.sources, options.kubeconfig);
    findings.push(...checked.findings);
    server = { checked: checked.checked, rejected: checked.rejected, retargeted: checked.retargeted, summary: checked.summary };
  }

  if (result && !failsOn(findings, options.failOn)) {
    try {
      // cdk8s-cli's scratch folder first: if replacing `out` fails, the run fails as a whole.
      if (plan.cdk8sDir) copyInto(plan.cdk8sDir, result.files);
      if (plan.out) replaceDirectory(plan.out, result.files);
    } catch (e) {
      findings.push({ severity: 'error', rule: 'write', resource: plan.outShown, path: '.', message: `cannot write: ${(e as Error).message}`, fix: 'check that the folder and its parent are writable' });
    }
  }
  const written = result !== undefined && !failsOn(findings, options.failOn);
  const report: Report = {
    command: 'synth',
    fileRoot: plan.outShown,
    waived,
    findings,
    summary: {
      out: plan.outShown, written, files: written ? result!.files.size : 0, stacks: written ? stackSummary(result!, release) : {},
      waived: waived.map(waivedEntry),
      ...(server ? { server: { checked: server.checked, rejected: server.rejected, retargeted: server.retargeted } } : {}),
    },
    text: () => {
      const { errors, warnings } = countFindings(findings);
      const waivers = waived.map(waivedText).join('');
      if (written) return `${waivers}${stackText(result!, release)}${server?.summary ?? ''}wrote ${result!.files.size} files to ${plan.outShown} in ${Date.now() - started} ms; ${warnings} warning(s)\n`;
      const because = errors === 0 ? ' (--fail-on warning)' : '';
      return `${waivers}${server?.summary ?? ''}\nsynth failed: ${errors} error(s), ${warnings} warning(s)${because}; nothing was written to ${plan.outShown}\n`;
    },
  };
  return writeReport(report, options, plan.report);
}

function planSynth(options: SynthOptions): Plan {
  const cdk8sOutdir = process.env.CDK8S_OUTDIR;
  const needsConfig = options.app === undefined || options.out === undefined || cdk8sOutdir !== undefined;
  const config: AppConfig | undefined = needsConfig ? readAppConfig() : undefined;
  if (options.app?.trim() === '') throw new UsageError('--app is empty: name the compiled app module, e.g. --app lib/stacks/main.js');
  const appModule = resolve(options.app ?? config!.appModule);
  const out = options.out ?? config!.out;
  const protectedDirs = [process.cwd(), config?.projectDir, packageFolderOf(appModule)].filter((d): d is string => !!d);
  if (cdk8sOutdir === undefined) {
    return { appModule, out: checkOutputDir(out, protectedDirs), outShown: display(out), report: process.stdout };
  }
  const cdk8sDir = resolve(cdk8sOutdir);
  if (cdk8sDir === resolve(out)) {
    // Too late to protect it: cdk8s-cli has deleted it. Write it again (a failed synth leaves none), and say why.
    process.stderr.write(`warning: cdk8s-cli deleted ${display(out)} before this run: its output folder (\`output\` in cdk8s.yaml, or \`-o\`) is the folder synth replaces. `
      + 'Set `output: cdk8s.out` (a scratch folder) in cdk8s.yaml and do not pass -o; `npm run synth` never deletes it\n');
    return { appModule, out: checkOutputDir(out, protectedDirs), outShown: display(out), report: process.stderr };
  }
  // A plain `cdk8s synth` hands over cdk8s.yaml's output; `--stdout` a temporary folder, `-o` another one.
  const plain = cdk8sDir === config!.cdk8sOutput;
  return {
    appModule,
    out: plain ? checkOutputDir(out, protectedDirs) : undefined,
    outShown: display(plain ? out : cdk8sDir),
    cdk8sDir,
    report: process.stderr,
  };
}

/** Copies the files into cdk8s-cli's folder, which it has just emptied (or created) for this run. */
function copyInto(dir: string, files: ReadonlyMap<string, string>): void {
  for (const [rel, content] of files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
}

/** What the app threw, as a finding: a ConstructError says where and how to fix; anything else is a bug in the app. */
function appFailure(e: unknown, appModule: string, debug = false): Finding {
  if (e instanceof ConstructError) return e.toFinding();
  const base = { severity: 'error', rule: 'app/exception', resource: display(appModule), path: '.' } as const;
  // isNativeError: an Error of another realm (e.g. thrown while a module compiles in a VM) is one too.
  if (!types.isNativeError(e)) {
    return { ...base, message: `the app threw ${describeThrown(e)}, which is not an Error, so there is no location`, fix: 'throw an Error (or a ConstructError) instead, and fix what made it throw' };
  }
  const where = e.name === 'SyntaxError' ? syntaxLocation(e) : appFrame(e);
  return {
    ...base,
    message: `the app threw ${debug ? e.stack : `${e.name}: ${e.message.split('\n')[0]}${where ? ` (at ${where})` : ''}`}`,
    fix: debug ? 'fix the app at the first frame of its own code above' : 'fix the app where it threw; --debug prints the whole stack trace',
  };
}

function describeThrown(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Where a module failed to compile: Node puts `file:line` on the first line of the stack. */
function syntaxLocation(e: Error): string | undefined {
  return /^(\/.+|[A-Za-z]:\\.+):(\d+)$/m.exec(e.stack ?? '')?.[0];
}

/** The first stack frame in the user's code: not in node_modules, Node itself or this package's own code. */
function appFrame(err: Error): string | undefined {
  const ours = ['cli', 'constructs', 'policies', 'manifest'].flatMap((d) => [join(packageRoot(), d), join(packageRoot(), 'lib', d)]);
  const frames = (err.stack ?? '').split('\n').slice(1).map((l) => l.trim().replace(/^at /, '').replace(/^.*\((.*)\)$/, '$1'))
    .filter((f) => /^(\/|[A-Za-z]:\\)/.test(f));
  return frames.find((f) => !/node_modules/.test(f) && !ours.some((d) => f.startsWith(`${d}${sep}`)));
}

/** Runs `fn` with process.stdout writing to stderr (the app's own output must not mix with the report). */
function withStdoutOnStderr<T>(fn: () => T): T {
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    return fn();
  } finally {
    process.stdout.write = write;
  }
}

/**
 * Schema findings of every object, against the schemas of its stack's release (`--release`'s
 * for a stack without one); the kinds of a component the release overrides (`withComponents`)
 * against the preset that runs that version. A broken folder of `--release` is a usage error; a
 * broken folder a stack names itself is an error of that stack.
 */
function validateStacks(result: SynthResult, release: OpenRelease): Finding[] {
  return [...sourcesByStack(result.sources)].flatMap(([stack, sources]) => {
    const own = result.releases.get(stack);
    try {
      return stackSchemaFindings(stack, sources, own, release);
    } catch (e) {
      const dir = own ? releaseSchemasDir(own.schemas) : release.schemasDir;
      if (dir === release.schemasDir) throw brokenSchemas(e, release.given);
      if (!(e instanceof SchemaFolderError) && !(e instanceof ReleaseError)) throw e;
      return [{
        severity: 'error', rule: 'schema', resource: `stack ${stack}`, construct: stack, path: '.',
        message: `the schemas of its release ${own!.name} (${dir}) are unusable: ${e.message}`,
        fix: 'regenerate that folder with `cdk8s-kubeflow schemas --out <folder> …`, or give the stack a preset release',
      }];
    }
  });
}

/** An app that produced nothing would empty the output folder, and Argo CD would prune everything deployed from it. */
function emptyApp(out: string): Finding {
  return {
    severity: 'error', rule: 'app/empty', resource: '<app>', path: '.',
    message: `the app synthesized no objects, and replacing ${out} with nothing would make Argo CD prune everything it deployed from it`,
    fix: 'add a Stack with constructs to buildApp(); to remove everything on purpose, delete the output folder yourself',
  };
}

/** The package folder (nearest package.json) holding the app module. */
function packageFolderOf(file: string): string | undefined {
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return undefined;
}

/** `p` relative to the working directory when it lies inside it, else absolute. */
function display(p: string): string {
  const rel = relative('.', p);
  return rel && !rel.startsWith('..') ? rel : resolve(p);
}

/** Per stack: its release, and its objects per kind. */
function stackSummary(result: SynthResult, release: OpenRelease): Record<string, { release: string; objects: number; kinds: Record<string, number> }> {
  const stacks: Record<string, { objects: number; kinds: Map<string, number> }> = {};
  for (const s of result.sources) {
    const stack = (stacks[stackOfFile(s.file!)] ??= { objects: 0, kinds: new Map() });
    stack.objects++;
    stack.kinds.set(s.object.kind, (stack.kinds.get(s.object.kind) ?? 0) + 1);
  }
  // Code-unit order, the same on every machine and locale.
  const sorted = (kinds: Map<string, number>) => Object.fromEntries([...kinds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return Object.fromEntries(Object.entries(stacks).map(([name, { objects, kinds }]) =>
    [name, { release: result.releases.get(name)?.name ?? release.facts.name, objects, kinds: sorted(kinds) }]));
}

/** Objects per kind, per stack, with the stack's release. */
function stackText(result: SynthResult, release: OpenRelease): string {
  return Object.entries(stackSummary(result, release)).map(([stack, { release: name, objects, kinds }]) => {
    const lines = Object.entries(kinds).map(([k, n]) => `  ${String(n).padStart(4)}  ${k}`);
    return `stack ${stack} (${name}): ${plural(objects, 'object')}\n${lines.join('\n')}\n`;
  }).join('');
}
