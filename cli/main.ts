#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { COMPONENTS, DEFAULT_RELEASE, RELEASE_PRESETS } from '../manifest/releases';
import { packageVersion } from './package-version';
import { FAIL_ON, OUTPUT_FORMATS, ReportOptions } from './report';
import { UsageError } from './usage';

/**
 * Exit codes, for CI: 0 success; 1 the input is broken (construct, validation, server or write
 * errors, a TypeScript error in the app, an exception thrown by it); 2 the command line is
 * wrong (unknown option or command, a missing or unusable file, folder or kubeconfig).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const EXIT_CODES_HELP = `
Exit codes: 0 success, 1 errors in the input (or warnings with --fail-on warning), 2 usage errors.
Findings and results go to stdout; progress and diagnostics to stderr.`;

/**
 * The command line. Each action loads its command's module only when it runs (so --help and
 * --version stay fast) and hands its exit code to `done`.
 */
function program(done: (code: number) => void): Command {
  // Before any subcommand is added: subcommands inherit these settings when they are created.
  const root = new Command('cdk8s-kubeflow')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    .configureHelp({ showGlobalOptions: true })
    .description('Kubeflow-class ML infrastructure as typed cdk8s constructs: synthesize, validate, diff and derive schemas; report on them in a cluster.')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    .option('--debug', 'print stack traces of unexpected errors')
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError('(run with --help for usage)');

  withServer(reporting(root.command('synth')
    .description('run the app, validate every object and replace the output folder atomically (nothing changes on error)')
    .addOption(path('--app <module.js>', 'compiled app module exporting buildApp(): App (default: from cdk8s.yaml)'))
    .addOption(path('--out <dir>', 'output folder, replaced whole; must be absent, empty or earlier synth output (default: from cdk8s.yaml)'))
    .addOption(release('the release of every stack that does not set its own; each stack\'s objects are validated against its release\'s schemas'))))
    .action(async (opts, cmd: Command) => done(await (await import('./synth')).run({ ...cmd.optsWithGlobals(), ...reportOptions(opts) })));

  withServer(reporting(root.command('validate')
    .description('validate Kubernetes YAML or JSON (any, not only ours) against the schemas, CEL and policy rules; --server also against a cluster')
    .argument('<paths...>', 'files or folders (searched recursively for .yaml, .yml and .json); - reads standard input')
    .addOption(release('the release whose schemas the objects are validated against'))
    .addOption(path('--policies <file>', 'policy file (YAML): rules on or off, severities, parameters (default: every rule but the platform policies, at its severity)'))))
    .action(async (paths: string[], opts) => done(await (await import('./validate')).run(paths, { ...opts, ...reportOptions(opts) })));

  root.command('schemas')
    .description('derive a schemas folder (a release for --release <folder>) from upstream CRD YAML (or `kubectl get crd -o yaml`) and OpenAPI v3 JSON')
    .argument('<paths...>', 'CRD and OpenAPI files or folders')
    .addOption(path('--out <dir>', 'schemas folder to write, e.g. releases/my-cluster (its json/ and crds/ are regenerated)').makeOptionMandatory())
    .option('--source <name=owner/repo@ref[#commit]>', 'record where a group comes from, kept in <out>/sources.json (repeatable)', collect, [])
    .option('--release-name <name>', 'name of the release, kept in <out>/release.json (default: as before, else the folder\'s name)')
    .option('--base <preset>', `preset whose component versions --component changes (${Object.keys(RELEASE_PRESETS).join(', ')}; default: <out>/release.json, else ${DEFAULT_RELEASE})`)
    .option('--component <component=version>', `a component version of the cluster, kept in <out>/release.json (repeatable; components: ${COMPONENTS.join(', ')})`, collect, [])
    .action(async (paths: string[], opts) => done(await (await import('./schemas')).run(paths, opts)));

  root.command('status')
    .description('show the reconciler\'s report of the stacks in a cluster (their Inventories): sync, health and ML progress; no reconciler is needed to read it')
    .argument('[stack]', 'one stack: its objects that are not synced and healthy, or that report progress')
    .addOption(path('--kubeconfig <file>', 'kubeconfig of the cluster (default: $KUBECONFIG, then ~/.kube/config)'))
    .addOption(new Option('--output <format>', 'text (kubectl-style tables) or json').choices(['text', 'json']).default('text'))
    .option('-w, --watch', 'print again on every change until interrupted (json: one document a line)')
    .action(async (stack: string | undefined, opts) => done(await (await import('./status')).run(stack, opts)));

  root.command('reconcile')
    .description('run the reconciler in the foreground (what its container runs): watch the stacks\' objects, write each Inventory\'s status and Events; SIGTERM releases the Lease and exits 0')
    .addOption(path('--kubeconfig <file>', 'kubeconfig of the cluster (default: $KUBECONFIG, then ~/.kube/config, then the pod\'s service account)'))
    .option('--stacks <selector>', 'label selector of the Inventories to track, to split a platform\'s stacks between reconcilers (default: all)')
    .option('--namespace <ns>', 'namespace of the Lease (default: $POD_NAMESPACE, the pod\'s, then the kubeconfig context\'s)')
    .addOption(new Option('--port <port>', 'port of /metrics, /healthz and /readyz').default(8080).argParser(port))
    .option('--lease-name <name>', 'name of the leader-election Lease (default: cdk8s-kubeflow-reconciler, suffixed with a hash of --stacks)')
    .action(async (opts) => done(await (await import('./reconcile')).run(opts)));

  for (const c of root.commands) c.addHelpText('after', EXIT_CODES_HELP);

  // Exit codes like git diff's, not the other commands': 1 means "they differ".
  root.command('diff')
    .description('compare what the app synthesizes now with the output folder committed at a git revision (or two folders): objects, fields, immutable changes, policy findings')
    .argument('[dirs...]', 'two folders to compare instead (old, new): nothing is synthesized')
    .option('--base <ref>', 'git revision of the base (default: the merge-base of HEAD with the default branch: origin/HEAD, else main or master)')
    .addOption(path('--app <module.js>', 'compiled app module exporting buildApp(): App (default: from cdk8s.yaml)'))
    .addOption(path('--out <dir>', 'the output folder, as committed in git (default: from cdk8s.yaml)'))
    .addOption(release('the release the app synthesizes for (of every stack that does not set its own)'))
    .addOption(path('--policies <file>', 'policy file for both sides (default: each stack\'s configuration; folders: every rule but the platform policies)'))
    .addOption(new Option('--output <format>', 'text (coloured on a terminal unless NO_COLOR), markdown (a pull-request comment) or json').choices(['text', 'markdown', 'json']).default('text'))
    .option('--exit-code', 'exit 1 when there are differences, like git diff --exit-code')
    .addHelpText('after', `
Exit codes: 0 success (no differences, or differences without --exit-code), 1 differences with --exit-code, 2 errors.
The diff goes to stdout; the app's own output and diagnostics to stderr.`)
    .action(async (dirs: string[], _opts, cmd: Command) => done(await (await import('./diff')).run(dirs, cmd.optsWithGlobals())));
  return root;
}

/** An option naming a file or folder: a value that looks like an option (`--out -h`) is a mistake, never a path. */
function path(flags: string, description: string): Option {
  return new Option(flags, description).argParser((value: string, previous: string | undefined) => {
    if (value.startsWith('-')) throw new InvalidArgumentError(`"${value}" looks like an option, not a path (write ./${value} if you mean a path)`);
    // A second one would silently win over the first.
    if (previous !== undefined && previous !== value) throw new InvalidArgumentError(`given twice ("${previous}", then "${value}"): give it once`);
    return value;
  });
}

/** `--release <preset|folder>`: which platform release; `what` says what it decides for the command. */
function release(what: string): Option {
  const presets = Object.keys(RELEASE_PRESETS).map((p) => (p === DEFAULT_RELEASE ? `${p} (default)` : p)).join(', ');
  return path('--release <preset|folder>', `${what}: a preset (${presets}) or a schemas folder made by the schemas command (with release.json)`);
}

/** The options of a command that can also ask a cluster. */
function withServer(command: Command): Command {
  return command
    .option('--server', 'also dry-run every object against the cluster of the kubeconfig (server-side apply, dryRun=All: nothing changes)')
    .addOption(path('--kubeconfig <file>', 'kubeconfig for --server (default: $KUBECONFIG, then ~/.kube/config)'));
}

/** The options of every command that reports findings. */
function reporting(command: Command): Command {
  return command
    .addOption(new Option('--output <format>', 'report format (sarif: for GitHub code scanning)').choices(OUTPUT_FORMATS).default('text'))
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the command (exit 1)').choices(FAIL_ON).default('error'));
}

function reportOptions(opts: { output: string; failOn: string }): ReportOptions {
  return { output: opts.output as ReportOptions['output'], failOn: opts.failOn as ReportOptions['failOn'] };
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port number (0–65535)`);
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const root = program((c) => { code = c; });
  try {
    // commander answers `help <unknown>` with the root help; say what is wrong instead.
    if (argv[0] === 'help' && argv[1] !== undefined && !root.commands.some((c) => c.name() === argv[1])) {
      throw new UsageError(`unknown command '${argv[1]}' (commands: ${root.commands.map((c) => c.name()).join(', ')})`);
    }
    await root.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    return exitCodeFor(e, argv.includes('--debug'));
  }
}

function exitCodeFor(e: unknown, debug: boolean): number {
  if (e instanceof CommanderError) {
    // --help, --version and `help` exit 0; commander has already printed the message of any other.
    return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n`);
    return EXIT.usage;
  }
  reportUnexpected(e, debug);
  return EXIT.failed;
}

/** An error nobody expected (a bug, or the app failing late): its message, and the stack trace only with --debug. */
function reportUnexpected(e: unknown, debug: boolean): void {
  const err = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(debug ? `${err.stack ?? err.message}\n` : `error: ${err.message}\n(run with --debug for the stack trace)\n`);
}

if (require.main === module) {
  const debug = process.argv.includes('--debug');
  // The app may fail after synth has reported (a timer, a promise nobody awaited): say so, without a raw trace.
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    process.on(event, (e: unknown) => {
      process.stderr.write('error: the app failed after synth had finished; the output above may be incomplete\n');
      reportUnexpected(e, debug);
      process.exit(EXIT.failed);
    });
  }
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
