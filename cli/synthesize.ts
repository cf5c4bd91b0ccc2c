import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ConstructError } from '../constructs/core/errors';
import { Stack, withSynthRenderings } from '../constructs/core/stack';
import { ConstructWarning, collectWarnings } from '../constructs/core/warnings';
import {
  Component, COMPONENT_TITLES, componentOfKind, describeResource, fileFor, Finding, groupOf, Manifest, ManifestSource, PolicyConfig, RELEASE_PRESETS, stackOfFile, toYaml,
} from '../manifest';
import { PolicyReport, RULES, runPolicies, WaivedFinding } from '../policies/rules';
import { ComponentSchemas, componentSchemas, releaseSchemasDir, resolveRelease, ResolvedRelease } from '../policies/schema-dir';
import { SchemaValidator } from '../policies/schema-validator';


/** Everything one synth produced, before anything is written. */
export interface SynthResult {
  /** Path relative to the output directory → YAML. */
  readonly files: Map<string, string>;
  /** The objects with the files they go to, in file order. */
  readonly sources: ManifestSource[];
  /** Errors from construct validations (`node.addValidation`) and identity clashes. */
  readonly findings: Finding[];
  readonly warnings: ConstructWarning[];
  /** Each stack's policy configuration (undefined: the defaults). */
  readonly policies: ReadonlyMap<string, PolicyConfig | undefined>;
  /** Each stack's release, whose schemas its objects are validated against (absent: a stack without one, from another copy of the package). */
  readonly releases: ReadonlyMap<string, StackRelease>;
}

/** What synth needs of a stack's release: its name, and its schemas as `--release` takes them. */
export interface StackRelease {
  readonly name: string;
  /** A preset name (the package's `schemas/<name>/`) or the path of a schemas folder. */
  readonly schemas: string;
  /** Its component versions (a release with overridden components differs from its schemas'). */
  readonly components?: Readonly<Record<string, string>>;
}

/**
 * A stack's release, duck-typed (the app may load its own copy of the package): a built-in
 * preset's folder is the package's, by name; a release made from a folder names that folder.
 */
export function stackRelease(stack: Stack): StackRelease | undefined {
  const r = (stack as { release?: { name?: unknown; schemas?: unknown; components?: unknown } }).release;
  if (!r || typeof r.name !== 'string') return undefined;
  const schemas = typeof r.schemas === 'string' ? r.schemas : r.name;
  const components = typeof r.components === 'object' && r.components !== null ? r.components as Record<string, string> : undefined;
  return { name: r.name, schemas, components };
}

/**
 * Schema findings of one stack's objects against its release (`fallback` for a stack without
 * one): its schemas folder, and the kinds of each component the release overrides
 * (`withComponents`) against the preset that runs that version (or the nearest newer one, said in
 * a warning). Throws a SchemaFolderError or ReleaseError for an unusable folder.
 */
export function stackSchemaFindings(stack: string, sources: readonly ManifestSource[], own: StackRelease | undefined, fallback: ResolvedRelease): Finding[] {
  const dir = own ? releaseSchemasDir(own.schemas) : fallback.schemasDir;
  const base = own ? resolveRelease(own.schemas).facts : fallback.facts;
  const overrides = own?.components ? componentSchemas(base, own.components) : new Map<Component, ComponentSchemas>();
  const byDir = new Map<string, ManifestSource[]>();
  const used = new Set<Component>();
  for (const s of sources) {
    const component = componentOfKind(String(s.object.apiVersion), String(s.object.kind));
    const override = component && overrides.get(component);
    if (override) used.add(component);
    const d = override ? override.schemasDir : dir;
    const group = byDir.get(d);
    if (group) group.push(s);
    else byDir.set(d, [s]);
  }
  const notes = [...used].filter((c) => !overrides.get(c)!.exact).map((c): Finding => ({
    severity: 'warning', rule: 'schema/release-approximate', resource: `stack ${stack}`, construct: stack, path: '.',
    message: `${COMPONENT_TITLES[c]} ${own!.components![c]} objects were validated against the schemas of ${overrides.get(c)!.preset} (${COMPONENT_TITLES[c]} ${RELEASE_PRESETS[overrides.get(c)!.preset].components[c]}): no preset runs that version`,
    fix: `for exact validation, make a release folder from your cluster's CRDs (cdk8s-kubeflow schemas --out <folder> --component ${c}=${own!.components![c]} …) and give it as withComponents(…, { schemasDir: '<folder>' })`,
  }));
  return [...notes, ...[...byDir].flatMap(([d, group]) => SchemaValidator.for(d).validateAll(group))];
}

/**
 * The policy rules over a synth's objects, stack by stack with each stack's configuration
 * (the one implementation of every rule, as `validate` runs it on any YAML).
 */
export function checkPolicies(result: SynthResult, options: { today?: string } = {}): PolicyReport {
  const findings: Finding[] = [];
  const waived: WaivedFinding[] = [];
  const byStack = sourcesByStack(result.sources);
  for (const [stack, config] of result.policies) {
    const report = runPolicies(byStack.get(stack) ?? [], { rules: RULES, config, configSource: `stack ${stack}`, today: options.today });
    findings.push(...report.findings);
    waived.push(...report.waived);
  }
  return { findings, waived };
}

/** Each stack's objects, in file order: one pass (a filter per stack would be quadratic at platform scale). */
export function sourcesByStack(sources: readonly ManifestSource[]): Map<string, ManifestSource[]> {
  const byStack = new Map<string, ManifestSource[]>();
  for (const s of sources) {
    const stack = stackOfFile(s.file!);
    const list = byStack.get(stack);
    if (list) list.push(s);
    else byStack.set(stack, [s]);
  }
  return byStack;
}

/**
 * Turns an app into files: one YAML file per object at
 * `<stack>/<namespace or _cluster>/<kind>-<name>.yaml`, so a PR diff shows one object per file.
 */
/** The longest file name (bytes) of common file systems (ext4, APFS, NTFS's 255 UTF-16 units). */
const MAX_FILE_NAME = 255;

export function synthesize(app: App): SynthResult {
  return withSynthRenderings(() => synthesizeOnce(app));
}

function synthesizeOnce(app: App): SynthResult {
  const findings: Finding[] = [];
  const constructs = app.node.findAll();
  const charts = constructs.filter((c): c is Chart => Chart.isChart(c));
  for (const c of constructs) findings.push(...validationsOf(c));
  for (const chart of charts.filter((c) => !(Stack.isStack(c) && c.node.scope === app))) {
    // Their objects would miss the stack label and content hash, or (nested) land in the wrong folder.
    findings.push({
      severity: 'error', rule: 'construct', resource: chart.node.path, path: '.',
      message: chart.node.scope === app ? 'is a cdk8s Chart, not a Stack' : 'is a chart inside another chart',
      fix: 'make every chart a Stack (cdk8s-kubeflow) directly under the App; group constructs inside a stack with a plain Construct',
    });
  }
  const files = new Map<string, string>();
  const sources: ManifestSource[] = [];
  // Chart.toJson() would throw on the first failed validation; report them all instead.
  const stacks = charts.filter(Stack.isStack) as Stack[];
  const policies = new Map(stacks.map((s) => [s.stackName, s.policies]));
  const releases = new Map(stacks.flatMap((s) => { const r = stackRelease(s); return r ? [[s.stackName, r] as const] : []; }));
  if (findings.length) return { files, sources, findings, warnings: collectWarnings(app), policies, releases };
  const byFile = new Map<string, Manifest>();
  for (const chart of charts as Stack[]) {
    const stack = chart.stackName;
    for (const { object, construct } of chart._renderObjects()) {
      const file = fileFor(stack, object);
      const nameBytes = Buffer.byteLength(file.slice(file.lastIndexOf('/') + 1));
      if (nameBytes > MAX_FILE_NAME) {
        findings.push({
          severity: 'error', rule: 'identity/file-name', file, construct, resource: describeResource(object), path: '.metadata.name',
          message: `its file name is ${nameBytes} bytes long; file systems allow ${MAX_FILE_NAME} (the name of the object is ${String(object.metadata?.name).length} characters, the file adds its kind)`,
          fix: 'shorten the object\'s name',
        });
        continue;
      }
      const first = byFile.get(file);
      if (first) {
        const sameGroup = groupOf(first.apiVersion) === groupOf(object.apiVersion);
        findings.push({
          severity: 'error', rule: 'identity/duplicate', file, construct, resource: describeResource(object), path: '.metadata.name',
          message: sameGroup
            ? `another object of stack "${stack}" has the same kind, namespace and name; the cluster would keep only one`
            : `${describeResource(first)} goes to the same file (file names leave out the API group)`,
          fix: 'rename one of them',
        });
        continue;
      }
      byFile.set(file, object);
      files.set(file, toYaml(object));
      sources.push({ file, object, construct });
    }
  }
  // Code-unit order, not localeCompare: the same on every machine and locale.
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  sources.sort((a, b) => byName(a.file!, b.file!));
  const sorted = new Map([...files.entries()].sort(([a], [b]) => byName(a, b)));
  return { files: sorted, sources, findings, warnings: collectWarnings(app), policies, releases };
}

/**
 * What `node.addValidation()` checks say about a construct: the messages they return, and the
 * ConstructError a check of ours throws (see addCheck), with its field and fix.
 */
function validationsOf(c: IConstruct): Finding[] {
  try {
    return c.node.validate().map((message) => ({ severity: 'error', rule: 'construct', resource: c.node.path, path: '.', message }));
  } catch (e) {
    if (!(e instanceof ConstructError)) throw e;
    return [e.toFinding()];
  }
}
